# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import _, api, fields, models, tools

from .interaction_case_mail import CASE_NUMBER_RE
from .mail_analysis import MailKept, automatic_reason, delivery_report, report_type

PARAM_LOOP_THRESHOLD = "interaction_tracker.loop_threshold"
PARAM_LOOP_MINUTES = "interaction_tracker.loop_minutes"
PARAM_LOOP_ALLOWLIST = "interaction_tracker.loop_allowlist"
PARAM_MAX_MAIL_SIZE = "interaction_tracker.max_mail_size"
PARAM_AUTO_MAIL_PER_HOUR = "interaction_tracker.auto_mail_per_hour"
DEFAULT_LOOP_THRESHOLD = 20
DEFAULT_LOOP_MINUTES = 120
DEFAULT_MAX_MAIL_SIZE = 25
DEFAULT_AUTO_MAIL_PER_HOUR = 5
# key of the gateway's message dictionary telling message_route_process that
# the message was sent by a program (its value: the header that says so)
AUTO_KEY = "interaction_auto_submitted"
ALLOWLIST_SPLIT_RE = re.compile(r"[\s,;]+")


class InteractionCaseMailGuard(models.Model):
    """The rules that keep the cases' mail gateway from losing mail or
    looping: automatic mail, delivery reports, the rate limit per sender,
    the size limit, case numbers in subjects, private contacts. The settings
    of these rules are read here only."""
    _inherit = "interaction.case"

    # settings ---------------------------------------------------------------

    @api.model
    def _mail_setting_int(self, key, default, minimum):
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return max(int(value), minimum)
        except (TypeError, ValueError):
            return default

    @api.model
    def _mail_loop_threshold(self):
        """The "Mails per sender" setting: more mails than this from one
        sender within ``_mail_loop_minutes`` are kept as a loop (0: no limit;
        a value that is not a number counts as the default)."""
        return self._mail_setting_int(PARAM_LOOP_THRESHOLD, DEFAULT_LOOP_THRESHOLD, 0)

    @api.model
    def _mail_loop_minutes(self):
        """The "Within (minutes)" setting of the rate limit (at least 1)."""
        return self._mail_setting_int(PARAM_LOOP_MINUTES, DEFAULT_LOOP_MINUTES, 1)

    @api.model
    def _mail_auto_per_hour(self):
        """Automatic e-mails (rating requests) the module sends to one address
        within an hour (0: no limit)."""
        return self._mail_setting_int(PARAM_AUTO_MAIL_PER_HOUR, DEFAULT_AUTO_MAIL_PER_HOUR, 0)

    @api.model
    def _mail_max_size(self):
        """The "Largest e-mail (MB)" setting (0: no limit)."""
        return self._mail_setting_int(PARAM_MAX_MAIL_SIZE, DEFAULT_MAX_MAIL_SIZE, 0)

    @api.model
    def _mail_loop_allowlist(self):
        """The addresses and domains the rate limit spares, lower case (a
        domain as "@example.com")."""
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_LOOP_ALLOWLIST) or ""
        entries = set()
        for entry in ALLOWLIST_SPLIT_RE.split(value.lower()):
            entry = entry.strip().strip("<>")
            if not entry:
                continue
            entries.add(entry if "@" in entry else "@" + entry)
        return entries

    # routing ----------------------------------------------------------------

    @api.model
    def _route_delivery_report(self, message, message_dict):
        """Route a delivery report or a read receipt about an e-mail sent
        from a case to that case (kept as an automatic incoming e-mail); a
        failed delivery marks the e-mail ``failed`` and counts a bounce on the
        recipients.

        :return: the routes, None when the message is no report, and an
            empty list for a report about no case's e-mail
        """
        kind = report_type(message)
        if not kind:
            return None
        report = delivery_report(message)
        Communication = self.env["interaction.communication"].sudo()
        sent = Communication.browse()
        if report["message_ids"]:
            sent = Communication.search([
                ("email_message_id", "in", report["message_ids"]),
                ("direction", "=", "outgoing")], limit=1)
        if not sent:
            return []
        if kind == "delivery-status" and report["failed"]:
            sent._receive_bounce(report)
        message_dict[AUTO_KEY] = automatic_reason(message) or "Content-Type: multipart/report"
        message_dict["partner_ids"] = []
        message_dict.pop("parent_id", None)
        return [(self._name, sent.case_id.id, None, self.env.uid, None)]

    @api.model
    def _adapt_incoming_routes(self, message_dict, routes, message=None):
        """Check and complete the gateway's routes towards cases, in order:
        one case per message; a sender address is needed (a private contact
        is never found for it: see ``_resolve_shared_contacts``); a case
        number in the subject of a new message leads to that case when the
        sender belongs to it; a copy whose
        Message-Id a provider rewrote is dropped; the rate limit per sender;
        automatic mail never opens a case and notifies nobody.

        :raise MailKept: for a message to keep instead of posting
        """
        case_routes = [route for route in routes if route[0] == self._name]
        if not case_routes:
            return routes
        others = [route for route in routes if route[0] != self._name]
        # the same Message-Id is posted once (see the unique index on the
        # incoming communications' Message-Id)
        route = case_routes[0]
        email_from = message_dict.get("email_from") or ""
        if not tools.email_split(email_from):
            raise MailKept("no_sender", _("No valid sender address (From: %s).") % (
                email_from or _("none")))
        if not route[1]:
            case = self._find_case_from_subject(message_dict.get("subject"), message_dict)
            if case:
                route = (route[0], case.id) + tuple(route[2:])
        if route[1] and self._gateway_is_rewritten_copy(message_dict, route[1]):
            return others
        self._gateway_check_rate(message_dict)
        auto = automatic_reason(message, email_from) if message is not None else False
        if auto:
            if not route[1]:
                raise MailKept("auto_reply", _(
                    "Automatic e-mail (%s): it does not open a case.") % auto)
            message_dict[AUTO_KEY] = auto
            message_dict["partner_ids"] = []
        return [route] + others

    @api.model
    def _find_case_from_subject(self, subject, message_dict=None):
        """The case whose number appears in an e-mail subject; with
        ``message_dict``, only when its sender belongs to that case."""
        numbers = CASE_NUMBER_RE.findall(subject or "")
        if not numbers:
            return self.browse()
        case = self.search([("number", "in", numbers)], limit=1)
        if case and message_dict is not None and not case._gateway_sender_belongs(message_dict):
            return self.browse()
        return case

    def _gateway_sender_belongs(self, message_dict):
        """Whether the sender of an incoming message belongs to this case: a
        contact line of the case, a contact of the case's customer (same
        commercial partner) or an address already on its communications."""
        self.ensure_one()
        case = self.sudo()
        Partner = self.env["res.partner"]
        address = Partner._normalize_email(message_dict.get("email_from"))
        if not address:
            return False
        sender = self._resolve_sender(message_dict)
        if sender and case._is_case_contact(sender):
            return True
        communications = self.env["interaction.communication"].sudo().search([
            ("case_id", "=", case.id), "|", "|", "|", "|", "|",
            ("email_from_normalized", "=", address),
            ("email_from", "ilike", address),
            ("email_to", "ilike", address),
            ("email_cc", "ilike", address),
            ("sender_id.email_normalized", "=", address),
            ("recipient_id.email_normalized", "=", address)])
        for communication in communications:
            headers = ",".join(filter(None, [
                communication.email_from, communication.email_to, communication.email_cc,
                communication.sender_id.email, communication.recipient_id.email]))
            if address in {found.lower() for found in tools.email_split(headers)}:
                return True
        return False

    def _is_case_contact(self, partner):
        """Whether ``partner`` is a contact line of this case, its requester
        or a contact of its customer (same commercial partner)."""
        self.ensure_one()
        case = self.sudo()
        if not partner or partner.is_private:
            return False
        if partner in case.requester_id | case.case_contact_ids.mapped("partner_id"):
            return True
        customer = case.partner_id.commercial_partner_id
        return bool(customer) and partner.commercial_partner_id == customer

    @api.model
    def _gateway_is_rewritten_copy(self, message_dict, case_id):
        """A reply already on the case with the same sender, date and
        In-Reply-To, under another Message-Id (a provider rewrote it)."""
        parent_id, date = message_dict.get("parent_id"), message_dict.get("date")
        address = self.env["res.partner"]._normalize_email(message_dict.get("email_from"))
        if not (parent_id and date and address):
            return False
        return bool(self.env["interaction.communication"].sudo().search_count([
            ("case_id", "=", case_id), ("direction", "=", "incoming"),
            ("email_from_normalized", "=", address), ("date", "=", date),
            ("message_id.parent_id", "=", parent_id)]))

    @api.model
    def _gateway_check_rate(self, message_dict):
        """Keep the message as a loop when its sender sent more than the
        limit within the period (the allow-listed addresses and domains are
        spared)."""
        threshold = self._mail_loop_threshold()
        address = self.env["res.partner"]._normalize_email(message_dict.get("email_from"))
        if not threshold or not address:
            return
        allowlist = self._mail_loop_allowlist()
        if address in allowlist or "@" + address.rsplit("@", 1)[-1] in allowlist:
            return
        minutes = self._mail_loop_minutes()
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=minutes))
        self.env.cr.execute("""
            SELECT (SELECT count(*) FROM interaction_communication
                     WHERE email_from_normalized = %(address)s AND direction = 'incoming'
                       AND create_date >= %(since)s)
                 + (SELECT count(*) FROM interaction_unhandled_mail
                     WHERE email_from_normalized = %(address)s AND create_date >= %(since)s)
        """, {"address": address, "since": since})
        count = self.env.cr.fetchone()[0]
        if count >= threshold:
            raise MailKept("loop", _(
                "%(address)s sent more than %(threshold)s e-mails within %(minutes)s "
                "minutes: kept as a mail loop.") % {
                "address": address, "threshold": threshold, "minutes": minutes})
