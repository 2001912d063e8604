# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mail gateway never loses a mail and never loops: real raw messages
(tests/mail/) given to ``message_process`` as an MTA or fetchmail does."""
import os

from odoo.modules.module import get_module_resource

from ..models.interaction_case_mail_guard import (
    PARAM_LOOP_ALLOWLIST, PARAM_LOOP_THRESHOLD, PARAM_MAX_MAIL_SIZE)
from ..models.res_config_settings import PARAM_DIRECT_MESSAGES
from .mail_common import MailCase, real_smtp
from .test_mail_incoming import PLAIN

CORPUS = get_module_resource("interaction_tracker", "tests", "mail")


def corpus(name, **values):
    """A raw message of tests/mail/ as bytes, with its @@NAME@@ markers
    replaced by ``values``."""
    with open(os.path.join(CORPUS, name), "rb") as source:
        raw = source.read()
    for key, value in values.items():
        raw = raw.replace(("@@%s@@" % key.upper()).encode(), value.encode())
    return raw


class TestMailGateway(MailCase):

    def setUp(self):
        super().setUp()
        self.Case = self.env["interaction.case"]
        self.Unhandled = self.env["interaction.unhandled.mail"]
        self.Communication = self.env["interaction.communication"]

    def _process(self, raw, model="interaction.case"):
        return self.env["mail.thread"].message_process(model, raw)

    def _kept(self, message_id):
        return self.Unhandled.search([("message_id", "=", message_id)])

    def _new_case(self, mid="gw-1"):
        case = self.Case.browse(self._process(PLAIN.format(mid=mid)))
        self.assertTrue(case)
        return case

    def _send_email(self, case, email_to):
        """An e-mail sent from the case through the real SMTP server: its
        Message-Id is the one the SMTP server received."""
        before = len(self.smtp.envelopes)
        email = self.Communication.sudo(self.user_sender).create({
            "case_id": case.id, "kind": "email", "direction": "outgoing", "state": "draft",
            "subject": "About your lift", "body": "<p>A technician comes tomorrow.</p>",
            "email_to": email_to, "recipient_id": self.joe.id})
        with real_smtp():
            email.action_send()
        self.assertEqual(email.state, "done")
        self.assertEqual(len(self.smtp.envelopes), before + 1)
        self.assertEqual(self.smtp.envelopes[-1]["message"]["Message-Id"],
                         email.email_message_id)
        return email

    # every mail leaves a trace ---------------------------------------------

    def test_corpus_every_mail_leaves_a_trace(self):
        """No exception out of message_process for any message of the
        corpus, and each one is a case, a communication or a kept mail."""
        for name in sorted(os.listdir(CORPUS)):
            raw = corpus(name, in_reply_to="<none@nowhere.example>",
                         message_id="<none@nowhere.example>", recipient="x@nowhere.example")
            kept_before = self.Unhandled.search_count([])
            communications_before = self.Communication.search_count([])
            result = self._process(raw)
            traces = (self.Unhandled.search_count([]) - kept_before,
                      self.Communication.search_count([]) - communications_before)
            self.assertEqual(sum(traces), 1, "%s leaves one trace: %s" % (name, traces))
            if result:
                self.assertEqual(traces, (0, 1), name)
        codes = dict(self.Unhandled.search([]).mapped(lambda mail: (
            mail.message_id, mail.reason_code)))
        self.assertEqual(codes["<no-from-1@nowhere.example>"], "no_sender")
        self.assertEqual(codes["<from-foo-1@nowhere.example>"], "no_sender")
        self.assertEqual(codes["<list-1@lists.west.example>"], "auto_reply")
        self.assertEqual(codes["<oof-1@EXCH01.dalton.example>"], "auto_reply")
        self.assertEqual(codes["<CAJ-vacation-1@mail.gmail.com>"], "auto_reply")
        self.assertEqual(
            codes["<20260302090201.4Q2XyZ1b2Cz9v@mx.support.example>"], "bounce")
        self.assertEqual(codes["<E1nXyZa-0003Ab-Cd@mx.west.example>"], "bounce")
        self.assertEqual(
            sorted(code for code in codes.values() if code == "no_sender"),
            ["no_sender"] * 4, "no From, From: foo, the 0-byte message, plain text")
        # mail that is readable enough opens a case
        for message_id in ("<bad-charset-1@dalton.example>", "<eight-bit-1@dalton.example>",
                           "<broken-boundary-1@dalton.example>"):
            self.assertTrue(self.Communication.search(
                [("email_message_id", "=", message_id)]), message_id)
        ma = self.Communication.search([("email_message_id", "=", "<eight-bit-1@dalton.example>")])
        self.assertIn("que", ma.subject)

    def test_same_corpus_twice_keeps_once(self):
        for name in ("no_from.eml", "empty.eml", "plain_text.txt"):
            self._process(corpus(name))
        count = self.Unhandled.search_count([])
        for name in ("no_from.eml", "empty.eml", "plain_text.txt"):
            self.assertFalse(self._process(corpus(name)))
        self.assertEqual(self.Unhandled.search_count([]), count)

    def test_error_is_kept_with_its_last_line_and_the_batch_goes_on(self):
        # to no alias: the fallback model and its values apply
        raw = PLAIN.format(mid="error-1").replace("cases@support.example", "x@support.example")
        # a customer that does not exist: creating the case fails
        self.assertFalse(self.env["mail.thread"].message_process(
            "interaction.case", raw, custom_values={"partner_id": 2 ** 31 - 1}))
        kept = self._kept("<error-1@dalton.example>")
        self.assertEqual(kept.reason_code, "error")
        self.assertIn("MissingError", kept.reason)
        self.assertNotIn("Traceback", kept.reason)
        self.assertFalse(self.Communication.search([
            ("email_message_id", "=", "<error-1@dalton.example>")]), "rolled back")
        # the next message of the batch goes through
        self.assertTrue(self._process(PLAIN.format(mid="error-2")))

    def test_no_route_is_kept_and_raised(self):
        raw = PLAIN.format(mid="noroute-1").replace("cases@support.example",
                                                    "nobody@support.example")
        with self.assertRaises(ValueError):
            self._process(raw, model=None)
        self.assertEqual(self._kept("<noroute-1@dalton.example>").reason_code, "no_route")

    def test_managers_discard_and_process_again(self):
        self.env["ir.config_parameter"].set_param(PARAM_MAX_MAIL_SIZE, "1")
        big = PLAIN.format(mid="big-1") + "x" * (1024 * 1024 + 10)
        self.assertFalse(self._process(big))
        kept = self._kept("<big-1@dalton.example>")
        self.assertEqual(kept.reason_code, "too_large")
        self.assertNotIn("third floor", kept.raw, "headers only")
        self.assertIn("Subject: The lift is stuck", kept.raw)
        self.assertFalse(self._process(PLAIN.format(mid="nosender-1").replace(
            "From: Joe Dalton <joe@dalton.example>", "From: nobody")))
        other = self._kept("<nosender-1@dalton.example>")
        manager = self.Unhandled.sudo(self.user_manager)
        # headers-only copy, limit lifted: it makes a case now
        self.env["ir.config_parameter"].set_param(PARAM_MAX_MAIL_SIZE, "0")
        self.assertEqual(manager.browse(kept.id).action_reprocess(), 1)
        self.assertEqual(kept.state, "routed")
        self.assertEqual(kept.communication_id.email_message_id, "<big-1@dalton.example>")
        self.assertEqual(manager.browse(other.id).action_reprocess(), 0, "still no sender")
        self.assertEqual(other.state, "new")
        self.assertEqual(self.Unhandled.search_count([("message_id", "=", other.message_id)]),
                         1)
        manager.browse(other.id).action_discard()
        self.assertEqual(other.state, "discarded")
        groups = self.Unhandled.read_group([], ["reason_code"], ["reason_code"])
        self.assertEqual({group["reason_code"]: group["reason_code_count"] for group in groups},
                         {"too_large": 1, "no_sender": 1})

    # automatic mail --------------------------------------------------------

    def test_automatic_mail_on_a_case_is_flagged_and_notifies_nobody(self):
        case = self._new_case("auto-1")
        case.action_done()
        first = case.communication_ids.message_id.message_id
        for name in ("exchange_oof.eml", "gmail_vacation.eml"):
            self.assertEqual(self._process(corpus(name, in_reply_to=first)), case.id, name)
        auto = case.communication_ids.filtered("is_auto_reply")
        self.assertEqual(len(auto), 2)
        self.assertEqual(set(auto.mapped("kind")), {"email"})
        self.assertEqual(auto.mapped("sender_id"), self.joe | self.jack)
        self.assertFalse(auto.mapped("message_id.partner_ids"), "no recipient notified")
        self.assertEqual(case.state, "done", "an automatic reply does not reopen the case")
        self.assertFalse(self.Unhandled.search([]))
        self.assertFalse(case.communication_ids.filtered(
            lambda c: not c.is_auto_reply and c.email_message_id != first))

    def test_automatic_headers(self):
        """Each header of RFC 3834 and of the usual servers makes a new
        message automatic; Auto-Submitted: no does not."""
        headers = [
            "Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated",
            "X-Autoreply: yes", "X-Autorespond: vacation", "Precedence: bulk",
            "Precedence: junk", "Precedence: list", "Precedence: auto_reply",
            "X-Auto-Response-Suppress: DR, AutoReply", "X-Auto-Response-Suppress: All",
            "Return-Path: <>",
        ]
        for index, header in enumerate(headers):
            raw = PLAIN.format(mid="hdr-%d" % index).replace(
                "Subject: The lift is stuck", "Subject: The lift is stuck\n" + header)
            self.assertFalse(self._process(raw), header)
            self.assertEqual(self._kept("<hdr-%d@dalton.example>" % index).reason_code,
                             "auto_reply", header)
        for index, sender in enumerate(["noreply@west.example", "no-reply@west.example",
                                        "mailer-daemon@west.example"]):
            raw = PLAIN.format(mid="snd-%d" % index).replace("joe@dalton.example", sender)
            self.assertFalse(self._process(raw), sender)
            self.assertTrue(self._kept("<snd-%d@dalton.example>" % index), sender)
        human = PLAIN.format(mid="human-1").replace(
            "Subject: The lift is stuck", "Subject: The lift is stuck\nAuto-Submitted: no")
        self.assertTrue(self._process(human))

    # delivery reports ------------------------------------------------------

    def _assert_bounced(self, name, email, recipient, reason):
        bounces = recipient.message_bounce
        case_id = self._process(corpus(name, message_id=email.email_message_id,
                                       recipient=recipient.email))
        self.assertEqual(case_id, email.case_id.id)
        self.assertEqual(email.state, "failed")
        self.assertIn(recipient.email, email.failure_reason)
        self.assertIn(reason, email.failure_reason)
        self.assertEqual(recipient.message_bounce, bounces + 1)
        report = email.case_id.communication_ids.filtered("is_auto_reply")
        self.assertEqual(len(report), 1, "the report is on the case")
        self.assertEqual(report.direction, "incoming")
        self.assertFalse(self.Unhandled.search([]))

    def test_standard_dsn_fails_the_email_and_counts_a_bounce(self):
        case = self._new_case("dsn-1")
        email = self._send_email(case, "joe@dalton.example")
        self._assert_bounced("postfix_dsn.eml", email, self.joe, "5.1.1")

    def test_exim_report_fails_the_email(self):
        """A non-standard report (Exim's text), read by flufl.bounce."""
        case = self._new_case("exim-1")
        email = self._send_email(case, "jack@dalton.example")
        self._assert_bounced("exim_bounce.eml", email, self.jack, "550 5.1.1")

    def test_report_about_no_email_of_a_case_is_kept_as_bounce(self):
        self._new_case("dsn-2")
        self.assertFalse(self._process(corpus(
            "postfix_dsn.eml", message_id="<unknown@odoo.example>",
            recipient="joe@dalton.example")))
        kept = self._kept("<20260302090201.4Q2XyZ1b2Cz9v@mx.support.example>")
        self.assertEqual(kept.reason_code, "bounce")
        self.assertEqual(self.joe.message_bounce, 0)

    # rate limit ------------------------------------------------------------

    def test_rate_limit_keeps_a_loop(self):
        self.env["ir.config_parameter"].set_param(PARAM_LOOP_THRESHOLD, "3")
        results = [self._process(PLAIN.format(mid="loop-%d" % index).replace(
            "10:00:00", "10:00:%02d" % index)) for index in range(5)]
        self.assertTrue(all(results[:3]))
        self.assertEqual(results[3:], [False, False])
        self.assertEqual(self.Unhandled.search([]).mapped("reason_code"), ["loop", "loop"])
        # a reply on an existing case is counted too
        case = self.Case.browse(results[0])
        reply = PLAIN.format(mid="loop-reply").replace(
            "Subject: The lift is stuck", "Subject: Re: %s" % case.number)
        self.assertFalse(self._process(reply))
        # another sender is not limited, an allow-listed domain neither
        self.assertTrue(self._process(PLAIN.format(mid="loop-jack").replace(
            "joe@dalton.example", "jack@dalton.example")))
        self.env["ir.config_parameter"].set_param(
            PARAM_LOOP_ALLOWLIST, "ops@west.example, dalton.example")
        self.assertTrue(self._process(PLAIN.format(mid="loop-6")))
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.interaction_loop_threshold, 3)
        self.assertEqual(settings.interaction_loop_minutes, 120)
        self.assertEqual(settings.interaction_loop_allowlist, "dalton.example, ops@west.example")

    # case numbers in subjects (who may attach a mail to a case) --------------

    def test_case_number_attaches_only_the_case_people(self):
        case = self._new_case("tag-1")
        stranger = PLAIN.format(mid="tag-2").replace(
            "Joe Dalton <joe@dalton.example>", "Rantanplan <dog@west.example>").replace(
            "Subject: The lift is stuck", "Subject: Re: [%s] The lift is stuck" % case.number)
        new_id = self._process(stranger)
        self.assertTrue(new_id)
        self.assertNotEqual(new_id, case.id, "a stranger opens a new case")
        self.assertEqual(len(case.communication_ids), 1)
        # a contact of the customer (not on the case yet) is attached
        colleague = PLAIN.format(mid="tag-3").replace(
            "Joe Dalton <joe@dalton.example>", "Jack <jack@dalton.example>").replace(
            "Subject: The lift is stuck", "Subject: Re: [%s] news" % case.number)
        self.assertEqual(self._process(colleague), case.id)
        # an address already on the case's communications is attached
        self._send_email(case, "luke@west.example")
        luke = PLAIN.format(mid="tag-4").replace(
            "Joe Dalton <joe@dalton.example>", "Luke <LUKE@west.example>").replace(
            "Subject: The lift is stuck", "Subject: Re: [%s] on my way" % case.number)
        self.assertEqual(self._process(luke), case.id)
        # a case of another customer is not reached by guessing its number
        other = self.Case.create({"name": "Other customer", "partner_id": self.env[
            "res.partner"].create({"name": "Other SA", "is_company": True}).id})
        guess = PLAIN.format(mid="tag-5").replace(
            "Subject: The lift is stuck", "Subject: Re: [%s]" % other.number)
        self.assertNotEqual(self._process(guess), other.id)
        self.assertFalse(other.communication_ids)

    def test_reply_to_a_direct_message_from_an_unknown_sender(self):
        self.env["ir.config_parameter"].set_param(PARAM_DIRECT_MESSAGES, "True")
        case = self._new_case("dm-1")
        message = self.Communication.browse(
            case.sudo(self.user_agent).post_direct_message("<p>Is it fixed?</p>"))

        def reply(mid, sender):
            return ("From: %s\nTo: cases@support.example\nSubject: Re: Is it fixed?\n"
                    "Message-Id: <%s@west.example>\nIn-Reply-To: %s\n"
                    "Content-Type: text/plain; charset=utf-8\n\nYes it is\n") % (
                sender, mid, message.message_id.message_id)
        self.assertEqual(self._process(reply("dm-stranger", "dog@west.example")), case.id)
        stranger = case.communication_ids.filtered(
            lambda c: c.email_message_id == "<dm-stranger@west.example>")
        self.assertEqual((stranger.kind, stranger.direction), ("email", "incoming"))
        self.assertFalse(stranger.sender_id, "not signed by the requester")
        self.assertEqual(self._process(reply("dm-jack", "jack@dalton.example")), case.id)
        jack = case.communication_ids.filtered(
            lambda c: c.email_message_id == "<dm-jack@west.example>")
        self.assertEqual((jack.kind, jack.direction, jack.sender_id),
                         ("message", "incoming", self.jack))

    # private contacts ------------------------------------------------------

    def test_private_contact_is_never_resolved(self):
        private = self.env["res.partner"].create({
            "name": "Secret Dalton", "email": "secret@dalton.example", "is_private": True,
            "parent_id": False})
        raw = PLAIN.format(mid="priv-1").replace(
            "Joe Dalton <joe@dalton.example>", "Secret <secret@dalton.example>").replace(
            "Cc: Jack Dalton", "Cc: Secret Again <secret@dalton.example>, Jack Dalton")
        case = self.Case.browse(self._process(raw))
        self.assertFalse(case.requester_id)
        self.assertNotIn(private, case.case_contact_ids.mapped("partner_id"))
        self.assertFalse(case.communication_ids.sender_id)
        self.assertFalse(case.message_ids.mapped("author_id") & private)
        self.assertNotIn(private, case.message_ids.mapped("partner_ids"))
        # as a Cc of a known sender's mail neither
        joe_raw = PLAIN.format(mid="priv-2").replace(
            "Cc: Jack Dalton", "Cc: Secret <secret@dalton.example>, Jack Dalton")
        joe_case = self.Case.browse(self._process(joe_raw))
        self.assertEqual(joe_case.requester_id, self.joe)
        self.assertNotIn(private, joe_case.message_ids.mapped("partner_ids"))
        self.assertNotIn(private, joe_case.case_contact_ids.mapped("partner_id"))
