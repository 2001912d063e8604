# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import email.errors
import hashlib
import logging
import re
import xmlrpc.client

from odoo import api, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

# What the gateway raises for a message it cannot route or read: such mail
# is also kept as an interaction.unhandled.mail, so that it is not lost.
UNROUTABLE_ERRORS = (
    ValueError, TypeError, UnicodeError, email.errors.MessageError,
    UserError, ValidationError, AccessError,
)
# the end of the header block, and a Message-Id header with a value in it
HEADERS_END_RE = re.compile(rb"\r?\n\r?\n")
MESSAGE_ID_RE = re.compile(
    rb"^message-id[ \t]*:[ \t]*(\r?\n[ \t]+)?\S", re.IGNORECASE | re.MULTILINE)
HASH_MESSAGE_ID = "<%s@message-hash.interaction-tracker>"


class MailThread(models.AbstractModel):
    """Mail gateway: blocked senders, routing by case number, unhandled mail."""
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, custom_values=None,
                        save_original=False, strip_attachments=False,
                        thread_id=None):
        """Process an incoming message; one that cannot be routed or read is
        rolled back entirely and kept in interaction.unhandled.mail, then the
        error goes on to the caller as in Odoo (the mail gateway script makes
        the MTA keep the message; fetchmail logs it and commits, so the kept
        copy is saved). A message without Message-Id gets one derived from
        its content, so that a second delivery is recognised as a duplicate."""
        message = self._with_stable_message_id(message)
        try:
            with self.env.cr.savepoint():
                return super().message_process(
                    model, message, custom_values=custom_values,
                    save_original=save_original, strip_attachments=strip_attachments,
                    thread_id=thread_id)
        except UNROUTABLE_ERRORS as error:
            self.env.clear()
            self.env["interaction.unhandled.mail"].sudo()._store(message, tools.ustr(error))
            raise

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None,
                      custom_values=None):
        """Drop mail from blocked addresses; route mail about a case (its
        number in the subject) to that case."""
        email_from = message_dict.get("email_from")
        if self.env["interaction.blocked.address"].is_blocked(email_from):
            _logger.info("Dropped mail from blocked address %s with Message-Id %s",
                         email_from, message_dict.get("message_id"))
            return []
        Case = self.env["interaction.case"]
        try:
            routes = super().message_route(
                message, message_dict, model=model, thread_id=thread_id,
                custom_values=custom_values)
        except ValueError:
            case = Case._find_case_from_subject(message_dict.get("subject"))
            if not case:
                raise
            routes = [(Case._name, case.id, custom_values, self.env.uid, None)]
        return Case._adapt_incoming_routes(message_dict, routes)

    @api.model
    def _with_stable_message_id(self, message):
        """The raw message, with a ``Message-Id`` header made from a hash of
        its content when it has none (Odoo would give it a random one, and
        the same mail delivered twice would then make two cases)."""
        raw = message
        if isinstance(raw, xmlrpc.client.Binary):
            raw = bytes(raw.data)
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        if not isinstance(raw, bytes):
            return message
        end = HEADERS_END_RE.search(raw)
        headers = raw[:end.start()] if end else raw
        if MESSAGE_ID_RE.search(headers):
            return message
        newline = b"\r\n" if b"\r\n" in headers else b"\n"
        message_id = HASH_MESSAGE_ID % hashlib.sha256(raw).hexdigest()
        return b"Message-Id: " + message_id.encode("ascii") + newline + raw
