# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import email.errors
import hashlib
import logging
import re
import xmlrpc.client

from odoo import api, models, tools
from odoo.osv import expression
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


def _email_pattern(address, bracketed):
    """The (=)ilike pattern of Odoo's partner lookup for an address."""
    escaped = address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "<%s>" % escaped if bracketed else escaped


def _email_matches(email, address, bracketed):
    """What the (=)ilike of ``_email_pattern`` matched, in Python."""
    email, address = (email or "").lower(), address.lower()
    return "<%s>" % address in email if bracketed else email == address


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
    def _find_partner_from_emails(self, emails, res_model=None, res_id=None,
                                  check_followers=True, force_create=False,
                                  exclude_aliases=True):
        """On cases, the contacts behind addresses are found the way the
        module resolves them (normalized and indexed addresses, interaction
        addresses included, best match first), all in one query instead of
        up to five per address: the author of an incoming e-mail is then the
        sender of its communication. Creating partners keeps Odoo's path, and
        so does a document's lookup elsewhere (its followers come first)."""
        if not force_create and (res_model or self._name) == "interaction.case":
            return self.env["interaction.case"]._find_contacts_from_emails(emails)
        if force_create or res_id or self.ids:
            return super()._find_partner_from_emails(
                emails, res_model=res_model, res_id=res_id, check_followers=check_followers,
                force_create=force_create, exclude_aliases=exclude_aliases)
        return self._find_partners_by_email(emails)

    @api.model
    def _find_partners_by_email(self, emails):
        """Odoo's lookup of ``_find_partner_from_emails`` without followers,
        in at most four searches for all the addresses instead of up to five
        per address: users whose e-mail is the address, then users whose
        e-mail contains "<address>", then partners the same two ways; in
        each search the first match in the model's order wins. Odoo's alias
        check is left out: it compares the alias names with the text of a
        list ("%['a@b.c']%"), which no alias name can contain.

        :return: a partner id or False for each of ``emails``
        """
        addresses = [(tools.email_split(contact) or [False])[0] for contact in emails]
        found = {}
        users = self.env["res.users"].sudo()
        partners = self.env["res.partner"].sudo()
        for model, bracketed in ((users, False), (users, True), (partners, False),
                                 (partners, True)):
            missing = sorted({address for address in addresses
                              if address and address not in found})
            if not missing:
                break
            patterns = {address: _email_pattern(address, bracketed) for address in missing}
            domain = expression.OR([[("email", "ilike" if bracketed else "=ilike", pattern)]
                                    for pattern in patterns.values()])
            records = model.search(domain, limit=1 if len(missing) == 1 else None)
            for record in records:
                for address in missing:
                    if address not in found and (
                            len(missing) == 1 or _email_matches(record.email, address, bracketed)):
                        found[address] = record.partner_id.id if model is users else record.id
        return [found.get(address, False) for address in addresses]

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
