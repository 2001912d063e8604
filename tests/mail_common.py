# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real SMTP server for the e-mail tests, and the test classes using it."""
import email
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller

from .common import InteractionCase, create_user


def free_port():
    """A port on 127.0.0.1 where nothing listens (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink(object):
    """aiosmtpd handler keeping every envelope it receives. With ``gate``
    set, it waits for the gate before accepting a message (to hold a sender
    in the middle of its transaction)."""

    def __init__(self):
        self.envelopes = []
        self.gate = None

    async def handle_DATA(self, server, session, envelope):
        if self.gate is not None:
            self.gate.wait(30)
        self.envelopes.append({
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "content": envelope.content,
            "message": email.message_from_bytes(envelope.content),
        })
        return "250 Message accepted for delivery"


class SmtpServer(object):
    """A real SMTP server on 127.0.0.1 on a free port."""

    def __init__(self):
        self.sink = SmtpSink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    @property
    def envelopes(self):
        return self.sink.envelopes


@contextmanager
def real_smtp():
    """pytest-odoo marks the test thread as ``testing``, and then
    ``ir.mail_server.connect``/``send_email`` skip SMTP entirely. Lift the
    flag around the sending under test so that the real SMTP path (to the
    local test server) runs; it is restored afterwards."""
    thread = threading.current_thread()
    previous = getattr(thread, "testing", False)
    thread.testing = False
    try:
        yield
    finally:
        thread.testing = previous


class MailCase(InteractionCase):
    """A real SMTP server, an outgoing mail server pointing at it, a user
    who may send e-mails and a customer with two contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.smtp = SmtpServer()
        cls.smtp.start()
        cls.mail_server = cls.env["ir.mail_server"].create({
            "name": "Test SMTP", "smtp_host": "127.0.0.1", "smtp_port": cls.smtp.port,
            "sequence": 1})
        cls.user_sender = create_user(
            cls.env, "it_sender",
            ["interaction_tracker.group_user", "interaction_tracker.group_send_mail"],
            name="Sarah Sender", email="sarah.sender@support.example")
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Dalton SA", "is_company": True,
                                       "email": "info@dalton.example"})
        cls.joe = Partner.create({"name": "Joe Dalton", "parent_id": cls.customer.id,
                                  "email": "joe@dalton.example"})
        cls.jack = Partner.create({"name": "Jack Dalton", "parent_id": cls.customer.id,
                                   "email": "jack@dalton.example"})
        cls.outsider = Partner.create({"name": "Lucky Luke", "email": "luke@west.example"})

    @classmethod
    def tearDownClass(cls):
        cls.smtp.stop()
        super().tearDownClass()


class ComposerCase(MailCase):
    """A case of the customer, with Joe as requester, and its e-mail
    composer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.env["interaction.case"].create({
            "name": "Broken lift", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id})

    def _composer(self, user=None, lang=None, **values):
        user = user or self.user_sender
        return self.env["interaction.mail.compose"].sudo(user).with_context(
            default_case_id=self.case.id, lang=lang).create(values)

    def _emails(self):
        return self.case.communication_ids.filtered(lambda c: c.kind == "email")
