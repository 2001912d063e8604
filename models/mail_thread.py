# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import logging
import re
import traceback
import xmlrpc.client

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, models, tools
from odoo.osv import expression
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from .interaction_case_mail import AUTO_CONTEXT
from .interaction_case_mail_guard import AUTO_KEY
from .interaction_communication_mail import INCOMING_MESSAGE_ID_INDEX
from .mail_analysis import MailKept, report_type

_logger = logging.getLogger(__name__)

# Odoo's refusal of a message that no alias or model accepts
# Odoo's refusals of a route: no alias or model takes the message, a model
# that does not accept e-mail, a mailbox that refuses the sender
NO_ROUTE_MESSAGES = ("No possible route found", "does not accept incoming emails",
                     "Mailbox unavailable")
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
    """Mail gateway: blocked senders, delivery reports, routing by case
    number, unhandled mail."""
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, custom_values=None,
                        save_original=False, strip_attachments=False,
                        thread_id=None):
        """Process an incoming message so that it always leaves a trace: a
        case, a communication, a recognised duplicate, or a copy kept in
        interaction.unhandled.mail with the reason (``reason_code``).

        The processing runs in a savepoint: a message the gateway keeps
        (automatic mail, loop, no sender, unmatched delivery report) or one
        that makes it fail is rolled back entirely, kept, and the call
        returns False, so that a batch (fetchmail) goes on and the MTA is
        not asked to send it again. Two errors still go to the caller, as in
        Odoo: the refusal of a message no alias or model accepts (kept as
        ``no_route``; the mail gateway script then bounces it to its
        sender), and the database's concurrency errors (serialization
        failure, deadlock, lock not available), which only a new transaction
        can resolve: XML-RPC retries the call, fetchmail leaves the message
        unread for its next run. A message without Message-Id gets one
        derived from its content, so that a second delivery is recognised as
        a duplicate; a message over the size limit is kept with its headers
        only, without being read further.
        """
        message = self._with_stable_message_id(message)
        Unhandled = self.env["interaction.unhandled.mail"].sudo()
        max_size = self.env["interaction.case"]._mail_max_size()
        size = self._message_size(message)
        if max_size and size > max_size * 1024 * 1024:
            Unhandled._store(message, _(
                "E-mail of %(size).1f MB, over the limit of %(limit)s MB: kept with its "
                "headers only.") % {"size": size / 1024.0 / 1024.0, "limit": max_size},
                "too_large", headers_only=True)
            return False
        try:
            with self.env.cr.savepoint():
                return super().message_process(
                    model, message, custom_values=custom_values,
                    save_original=save_original, strip_attachments=strip_attachments,
                    thread_id=thread_id)
        except MailKept as kept:
            self.env.clear()
            Unhandled._store(message, kept.reason, kept.code)
            return False
        except psycopg2.Error as error:
            self.env.clear()
            if error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY:
                raise
            if error.pgcode == errorcodes.UNIQUE_VIOLATION and error.diag.constraint_name \
                    == INCOMING_MESSAGE_ID_INDEX:
                _logger.info("Ignored mail: its Message-Id was posted by a concurrent "
                             "delivery (%s)", error.diag.message_detail)
                return False
            Unhandled._store(message, self._error_reason(error), "error")
            return False
        except Exception as error:  # pylint: disable=broad-except
            self.env.clear()
            if isinstance(error, ValueError) and self._is_route_refusal(error):
                Unhandled._store(message, tools.ustr(error), "no_route")
                raise
            _logger.info("Kept mail that made the gateway fail", exc_info=True)
            Unhandled._store(message, self._error_reason(error), "error")
            return False

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None,
                      custom_values=None):
        """Drop mail from blocked addresses; route a delivery report about
        an e-mail sent from a case to that case (Odoo drops all reports) and
        keep the others; then check the routes towards cases (see
        ``interaction.case._adapt_incoming_routes``)."""
        email_from = message_dict.get("email_from")
        if self.env["interaction.blocked.address"].is_blocked(email_from):
            _logger.info("Dropped mail from blocked address %s with Message-Id %s",
                         email_from, message_dict.get("message_id"))
            return []
        Case = self.env["interaction.case"]
        report_routes = Case._route_delivery_report(message, message_dict)
        if report_routes:
            return report_routes
        try:
            routes = super().message_route(
                message, message_dict, model=model, thread_id=thread_id,
                custom_values=custom_values)
        except ValueError:
            case = Case._find_case_from_subject(message_dict.get("subject"), message_dict)
            if not case:
                raise
            routes = [(Case._name, case.id, custom_values, self.env.uid, None)]
        if report_routes is not None and not routes:
            kind = report_type(message)
            if kind == "delivery-status":
                raise MailKept("bounce", _(
                    "Delivery report about no e-mail sent from a case."))
            raise MailKept("auto_reply", _("Automatic report about no e-mail of a case."))
        return Case._adapt_incoming_routes(message_dict, routes, message=message)

    @api.model
    def message_route_process(self, message, message_dict, routes):
        """Carry the mark of automatic mail (``_adapt_incoming_routes``) in
        the context to message_new / message_update and message_post."""
        auto = message_dict.pop(AUTO_KEY, False)
        if auto:
            self = self.with_context(**{AUTO_CONTEXT: auto})
        return super(MailThread, self).message_route_process(message, message_dict, routes)

    @api.model
    def _message_size(self, message):
        """The size in bytes of a raw message as message_process gets it."""
        if isinstance(message, xmlrpc.client.Binary):
            return len(message.data)
        if isinstance(message, str):
            return len(message.encode("utf-8", "replace"))
        if isinstance(message, bytes):
            return len(message)
        return 0

    @api.model
    def _is_route_refusal(self, error):
        """Whether ``error`` is Odoo's refusal of the message's route (kept
        as ``no_route`` and raised to the caller, as Odoo does)."""
        text = tools.ustr(error)
        markers = NO_ROUTE_MESSAGES + ((_("Mailbox unavailable - %s") % "").strip(" -"),)
        return any(marker and marker in text for marker in markers)

    @api.model
    def _error_reason(self, error):
        """The last line of an error's traceback."""
        return "".join(traceback.format_exception_only(type(error), error)).strip()[-2000:]

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
            # a private contact is never found by the gateway
            missing = sorted({address for address in addresses
                              if address and address not in found})
            if not missing:
                break
            patterns = {address: _email_pattern(address, bracketed) for address in missing}
            domain = expression.OR([[("email", "ilike" if bracketed else "=ilike", pattern)]
                                    for pattern in patterns.values()])
            if model is partners:
                domain = expression.AND([domain, [("is_private", "=", False)]])
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
