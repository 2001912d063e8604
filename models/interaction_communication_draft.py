# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools import html_escape
from odoo.tools.misc import DEFAULT_SERVER_DATETIME_FORMAT


class InteractionCommunicationDraft(models.Model):
    """E-mail drafts and sending as the agent sees them: a draft keeps its
    contacts, a discarded draft closes its form, a scheduled e-mail tells
    when it leaves, a failed one says so in the case feed."""
    _inherit = "interaction.communication"

    to_partner_ids = fields.Many2many(
        "res.partner", "interaction_communication_to_partner_rel", "communication_id",
        "partner_id", string="To contacts", groups="interaction_tracker.group_user",
        help="Contacts the e-mail is addressed to, kept to reopen a draft.")
    cc_partner_ids = fields.Many2many(
        "res.partner", "interaction_communication_cc_partner_rel", "communication_id",
        "partner_id", string="Cc contacts", groups="interaction_tracker.group_user")
    bcc_partner_ids = fields.Many2many(
        "res.partner", "interaction_communication_bcc_partner_rel", "communication_id",
        "partner_id", string="Bcc contacts", groups="interaction_tracker.group_user")
    reply_to_partner_ids = fields.Many2many(
        "res.partner", "interaction_communication_reply_partner_rel", "communication_id",
        "partner_id", string="Reply-to contacts", groups="interaction_tracker.group_user")
    sending_info = fields.Char(
        compute="_compute_sending_info", groups="interaction_tracker.group_user",
        help="When a scheduled e-mail leaves, or why and what to do when it failed.")

    @api.depends("kind", "state", "scheduled_date", "failure_reason")
    def _compute_sending_info(self):
        for communication in self:
            communication.sending_info = communication._sending_message()

    def _sending_message(self):
        """When a scheduled e-mail leaves, or why it failed and what to do
        (False for anything else)."""
        self.ensure_one()
        if self.kind == "email" and self.state == "scheduled":
            return self._scheduled_message()
        if self.kind == "email" and self.state == "failed":
            return self._failure_message()
        return False

    @api.multi
    def action_discard_draft(self):
        """Delete the drafts, then close their form (a dialog closes, a
        page goes back): nothing is left open on a deleted record."""
        ids = self.ids
        super().action_discard_draft()
        return {
            "type": "ir.actions.client",
            "tag": "interaction_record_removed",
            "params": {"model": self._name, "ids": ids},
        }

    def _send_now(self):
        result = super()._send_now()
        for communication in self.filtered(lambda c: c.state == "failed"):
            # the cron sends as the user who scheduled: write in their language
            communication.with_context(
                lang=self.env.context.get("lang") or self.env.user.lang)._post_failure_note()
        return result

    def _format_user_datetime(self, value):
        """A server datetime in the user's time zone and language format."""
        stamp = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value))
        lang = self.env["res.lang"]._lang_get(self.env.context.get("lang") or self.env.user.lang)
        pattern = "%s %s" % (lang.date_format, lang.time_format) if lang \
            else DEFAULT_SERVER_DATETIME_FORMAT
        return stamp.strftime(pattern.replace(":%S", ""))

    def _scheduled_message(self):
        self.ensure_one()
        return _("Sending scheduled on %(date)s.") % {
            "date": self._format_user_datetime(self.scheduled_date)}

    def _failure_message(self):
        """What happened and what to do, for the agent."""
        self.ensure_one()
        return _("The e-mail could not be sent: %(reason)s. It is kept on the case, "
                 "in state Failed: check the recipients' addresses and the outgoing "
                 "mail server (Settings > Technical > Outgoing Mail Servers), "
                 "then click Retry.") % {
            "reason": (self.failure_reason or _("unknown error")).strip().rstrip(".")}

    def _post_failure_note(self):
        """The case feed must not read as if the e-mail went out.

        :return: the note (mail.message)
        """
        self.ensure_one()
        return self.case_id.sudo().with_context(mail_notify_force_send=False).message_post(
            body="<p><b>%s</b></p><p>%s</p>" % (
                html_escape(_("E-mail not sent: %(subject)s") % {
                    "subject": self.subject or _("no subject")}),
                html_escape(self._failure_message())),
            subtype="mail.mt_note", message_type="comment",
            author_id=self.env.user.partner_id.id)
