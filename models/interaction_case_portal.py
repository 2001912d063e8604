# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import consteq, html2plaintext, plaintext2html

from .interaction_input_mixin import MAX_TEXT_LENGTH
from .res_config_settings import (
    DEFAULT_POST_DAYS, PARAM_DIRECT_MESSAGES, PARAM_NOTIFY_DEFAULT, PARAM_POST_DAYS)


class InteractionCasePortal(models.Model):
    """Direct messages between agents and customers, and the customer
    portal's access to cases."""
    _inherit = "interaction.case"
    # the generic portal chatter (/mail/chatter_post, /mail/chatter_fetch with a
    # token) would bypass the direct message rules: it checks this always
    # empty field, so only /my/cases/<id>/message posts on a case
    _mail_post_token_field = "portal_chatter_token"

    messages_blocked = fields.Boolean(
        string="Conversation blocked", readonly=True, copy=False,
        track_visibility="onchange")
    access_token = fields.Char(copy=False, default=lambda self: self._default_access_token())
    portal_chatter_token = fields.Char(compute="_compute_portal_chatter_token")
    can_post_message = fields.Boolean(
        compute="_compute_can_post_message",
        help="Direct messages are enabled and the conversation is not blocked.")

    def _default_access_token(self):
        return uuid.uuid4().hex

    @api.multi
    def _compute_portal_chatter_token(self):
        for case in self:
            case.portal_chatter_token = ""

    @api.multi
    def _compute_can_post_message(self):
        enabled = self._direct_messages_enabled()
        for case in self:
            case.can_post_message = enabled and not case.messages_blocked

    @api.multi
    def _compute_portal_url(self):
        for case in self:
            case.portal_url = "/my/cases/%s" % case.id

    @api.multi
    def action_block_conversation(self):
        """Keep every message visible but refuse new direct messages, from
        the customer and from the agents."""
        self._check_input_ids()
        self.write({"messages_blocked": True})
        return True

    @api.multi
    def action_unblock_conversation(self):
        self._check_input_ids()
        self.write({"messages_blocked": False})
        return True

    @api.multi
    def post_direct_message(self, body=None, notify_by_email=None):
        """Post a direct message from an agent to the customer.

        :param body: HTML (sanitized by the communication's field)
        :param notify_by_email: send the message by e-mail to the customer;
            None takes the default of the settings
        :return: the id of the new interaction.communication
        """
        self._input_one()
        body = self._input_string(body, _("Message"), MAX_TEXT_LENGTH, required=True)
        if notify_by_email not in (None, False, True):
            raise UserError(_("%(field)s expects true or false, not %(value)s.") % {
                "field": _("Notify by e-mail"), "value": self._input_repr(notify_by_email)})
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_direct_messages()
        if not html2plaintext(body or "").strip():
            raise UserError(_("A direct message needs a text."))
        if notify_by_email is None:
            notify_by_email = self._notify_by_email_default()
        recipient = self.requester_id or self.partner_id
        if notify_by_email and not recipient.email:
            raise UserError(_(
                "%(contact)s has no e-mail address to notify.") % {
                "contact": recipient.display_name or _("The customer")})
        communication = self.env["interaction.communication"].create({
            "case_id": self.id,
            "kind": "message",
            "direction": "outgoing",
            "body": body,
            "sender_id": self.env.user.partner_id.id,
            "recipient_id": recipient.id,
            "notify_by_email": bool(notify_by_email),
            "is_read": True,
        })
        return communication.id

    @api.multi
    def portal_post_message(self, body):
        """Post a direct message from the customer (portal user).

        Called with the customer's own rights: the case must be readable by
        them; the message is then written as superuser, the customer having
        no write access on cases.

        :param body: plain text, escaped and converted to HTML
        :return: the id of the new incoming interaction.communication
        """
        self.ensure_one()
        if not self.env.user.share:
            raise UserError(_("Agents answer customers with a direct message from the case."))
        # read as superuser once the customer's access is checked (the
        # record rules are not evaluated a second time)
        case = self._portal_check_access().sudo()
        case._check_direct_messages(portal=True)
        text = (body or "").strip()
        if not text:
            raise UserError(_("Your message is empty."))
        author = self.env.user.partner_id
        # queue the agents' notification e-mails instead of sending them
        # during the customer's request; do not subscribe the customer
        Communication = self.env["interaction.communication"].sudo().with_context(
            mail_notify_force_send=False, mail_create_nosubscribe=True)
        communication = Communication.create({
            "case_id": case.id,
            "kind": "message",
            "direction": "incoming",
            "body": plaintext2html(text),
            "sender_id": author.id,
            "recipient_id": case.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
        })
        return communication.id

    @api.model
    def portal_create_case(self, subject, description=None):
        """Open a case from the portal for the current user's organization.

        :return: the id of the new case
        """
        user = self.env.user
        if user._is_public():
            raise AccessError(_("Sign in to open a case."))
        subject = (subject or "").strip()
        if not subject:
            raise UserError(_("A case needs a subject."))
        partner = user.partner_id
        case = self.sudo().with_context(mail_create_nosubscribe=True).create({
            "name": subject[:200],
            "description": plaintext2html(description.strip()) if description else False,
            "partner_id": partner.commercial_partner_id.id,
            "requester_id": partner.id,
            "user_id": False,
            "company_id": user.company_id.id,
        })
        return case.id

    @api.multi
    def _portal_check_access(self, access_token=None):
        """Return the case the current user may read on the portal: as
        themselves (record rules), or as superuser with the case's access
        token (compared in constant time). Raises AccessError or
        MissingError otherwise."""
        self.ensure_one()
        if access_token and isinstance(access_token, str):
            case = self.sudo().exists()
            if case.access_token and consteq(case.access_token, access_token):
                return case
        self.check_access_rights("read")
        # one search tells both that the case exists and that the record
        # rules let the user read it; the error is told apart afterwards
        if self.search([("id", "=", self.id)]):
            return self
        if not self.sudo().exists():
            raise MissingError(_("This case does not exist."))
        self.check_access_rule("read")  # Odoo's AccessError, telling the rule
        return self

    @api.multi
    def _portal_post_deadline(self):
        """Until when the customer may post: None while the case is in
        progress, a datetime for a finished case, False when closed."""
        self.ensure_one()
        if self.state in ("new", "open"):
            return None
        if self.state == "done" and self.date_closed:
            days = self._portal_post_days()
            return fields.Datetime.from_string(self.date_closed) + timedelta(days=days)
        return False

    @api.multi
    def _portal_can_post(self):
        """Whether the customer may post a direct message now."""
        self.ensure_one()
        if not self.can_post_message:
            return False
        deadline = self._portal_post_deadline()
        return deadline is None or bool(
            deadline and deadline >= fields.Datetime.from_string(fields.Datetime.now()))

    @api.multi
    def _check_direct_messages(self, portal=False):
        """Refuse a direct message when disabled, blocked or (customer side)
        when the case is closed for too long."""
        for case in self:
            if not case._direct_messages_enabled():
                raise UserError(_("Direct messages on cases are disabled."))
            if case.messages_blocked:
                raise UserError(_("The conversation on case %(case)s is blocked.") % {
                    "case": case.display_name})
            if portal and not case._portal_can_post():
                raise UserError(_("Case %(case)s is closed: messages are no longer "
                                  "accepted.") % {"case": case.display_name})

    @api.multi
    def _portal_feed_domain(self):
        """What the customer sees of a case: direct messages both ways and the
        sent or received e-mails exchanged with the customer's organization.
        Calls, exchanges, drafts, internal notes and e-mails with third
        parties stay internal. Mirrored by the portal record rule on
        interaction.communication."""
        self.ensure_one()
        customer = self.sudo().commercial_partner_id.id
        return [
            ("case_id", "=", self.id),
            ("kind", "in", ("message", "email")),
            ("state", "=", "done"),
            "|", ("kind", "=", "message"),
            "|", ("sender_id.commercial_partner_id", "=", customer),
            ("recipient_id.commercial_partner_id", "=", customer),
        ]

    @api.multi
    def _portal_feed(self):
        """The customer-visible communications, oldest first, as dicts ready
        for the portal template (a few batched queries for any volume)."""
        self.ensure_one()
        communications = self.env["interaction.communication"].search(
            self._portal_feed_domain(), order="date asc, id asc")
        kinds = dict(communications._fields["kind"]._description_selection(self.env))
        lang = self.env["res.lang"]._lang_get(self.env.context.get("lang") or "en_US")
        date_format = "%s %s" % (lang.date_format or "%m/%d/%Y", lang.time_format or "%H:%M:%S")
        feed = []
        # read only what the page shows (not every field of every
        # communication); as superuser for the names of agents, whom the
        # customer may not read
        fields_shown = ["date", "kind", "direction", "sender_id", "subject", "body", "is_read"]
        for values in communications.sudo().read(fields_shown):
            feed.append({
                "id": values["id"],
                # formatted once here rather than by a QWeb datetime widget
                # per message
                "date": fields.Datetime.context_timestamp(
                    self, fields.Datetime.from_string(values["date"])).strftime(date_format),
                "kind": values["kind"],
                "kind_label": kinds[values["kind"]],
                "incoming": values["direction"] == "incoming",
                "author": values["sender_id"][1] if values["sender_id"] else "",
                "subject": values["subject"] or "",
                "body": values["body"] or "",
                "is_read": values["is_read"],
            })
        return feed

    @api.multi
    def _portal_reply_values(self, msg_dict):
        """For the mail gateway (``message_update``): a reply by e-mail to a
        direct message notification becomes a direct message of the customer
        on this case.

        :return: the values of the incoming direct message, or False when the
            e-mail does not answer a direct message, its author is no contact
            of the case or of its customer, or posting is refused: it is then
            an ordinary incoming e-mail
        """
        self.ensure_one()
        # the gateway found the answered message from In-Reply-To/References
        parent_id = msg_dict.get("parent_id")
        if not parent_id or not self._direct_messages_enabled() or self.messages_blocked:
            return False
        if not self.env["interaction.communication"].sudo().search_count([
                ("case_id", "=", self.id), ("kind", "=", "message"),
                ("message_id", "=", parent_id)]):
            return False
        # only a contact of the case or of its customer writes a direct
        # message: anyone else answering the notification sends an e-mail
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or []).exists()
        if not self._is_case_contact(author):
            return False
        return {
            "case_id": self.id,
            "kind": "message",
            "direction": "incoming",
            "body": msg_dict.get("body") or "",
            "sender_id": author.id,
            "recipient_id": self.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
            "email_message_id": msg_dict.get("message_id"),
        }

    @api.model
    def _direct_messages_enabled(self):
        """The "Direct messages on cases" setting (read here only)."""
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_DIRECT_MESSAGES) == "True"

    @api.model
    def _notify_by_email_default(self):
        """The "Notify by e-mail by default" setting (read here only)."""
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_NOTIFY_DEFAULT) == "True"

    @api.model
    def _portal_post_days(self):
        """The "Days to post after closing" setting (read here only): a
        negative number counts as 0, a value that is not a number as the
        default."""
        value = self.env["ir.config_parameter"].sudo().get_param(
            PARAM_POST_DAYS, DEFAULT_POST_DAYS)
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_POST_DAYS
