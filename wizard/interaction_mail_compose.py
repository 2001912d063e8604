# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email.utils import formataddr

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, html2plaintext

ADDRESS_FIELDS = [
    # (partners field, raw addresses field, communication field)
    ("to_partner_ids", "email_to", "email_to"),
    ("cc_partner_ids", "email_cc", "email_cc"),
    ("bcc_partner_ids", "email_bcc", "email_bcc"),
    ("reply_to_partner_ids", "reply_to", "reply_to"),
]


class InteractionMailCompose(models.TransientModel):
    """Compose an e-mail on a case: send it now or later, or keep a draft
    (an e-mail interaction.communication in state draft)."""
    _name = "interaction.mail.compose"
    _description = "E-mail composer"

    case_id = fields.Many2one("interaction.case", string="Case", required=True,
                              ondelete="cascade")
    communication_id = fields.Many2one(
        "interaction.communication", string="Draft", ondelete="cascade",
        help="The draft e-mail being edited.")
    to_partner_ids = fields.Many2many(
        "res.partner", "interaction_mail_compose_to_rel", "compose_id", "partner_id",
        string="To", default=lambda self: self._default_to_partner_ids())
    cc_partner_ids = fields.Many2many(
        "res.partner", "interaction_mail_compose_cc_rel", "compose_id", "partner_id",
        string="Cc")
    bcc_partner_ids = fields.Many2many(
        "res.partner", "interaction_mail_compose_bcc_rel", "compose_id", "partner_id",
        string="Bcc")
    reply_to_partner_ids = fields.Many2many(
        "res.partner", "interaction_mail_compose_reply_rel", "compose_id", "partner_id",
        string="Reply-to", default=lambda self: self._default_reply_to_partner_ids())
    email_to = fields.Char(string="Other To addresses",
                           help="E-mail addresses separated by commas.")
    email_cc = fields.Char(string="Other Cc addresses")
    email_bcc = fields.Char(string="Other Bcc addresses")
    reply_to = fields.Char(string="Other Reply-to addresses")
    template_id = fields.Many2one(
        "mail.template", string="Template", domain=[("model", "=", "interaction.case")])
    subject = fields.Char(default=lambda self: self._default_subject())
    body = fields.Html(string="Message")
    attachment_ids = fields.Many2many(
        "ir.attachment", "interaction_mail_compose_attachment_rel", "compose_id",
        "attachment_id", string="Attachments")
    scheduled_date = fields.Datetime(
        string="Send on", help="Leave empty to send now; a later date schedules the e-mail.")

    def _default_case(self):
        context = self.env.context
        case_id = context.get("default_case_id") or (
            context.get("active_model") == "interaction.case" and context.get("active_id"))
        return self.env["interaction.case"].browse(case_id or [])

    def _default_to_partner_ids(self):
        case = self._default_case()
        if self.env.context.get("default_communication_id"):
            return self.env["res.partner"]
        return (case.requester_id or case.partner_id).filtered("email")

    def _default_reply_to_partner_ids(self):
        if self.env.context.get("default_communication_id"):
            return self.env["res.partner"]
        return self.env.user.partner_id.filtered("email")

    def _default_subject(self):
        case = self._default_case()
        if not case:
            return False
        return _("%(number)s of %(date)s") % {
            "number": case.number,
            "date": format_date(self.env, fields.Date.context_today(self))}

    @api.onchange("communication_id")
    def _onchange_communication_id(self):
        """Reopening a draft fills the composer with it."""
        draft = self.communication_id
        if draft:
            self.update({
                "email_to": draft.email_to, "email_cc": draft.email_cc,
                "email_bcc": draft.email_bcc, "reply_to": draft.reply_to,
                "subject": draft.subject, "body": draft.body,
                "template_id": draft.template_id,
                "attachment_ids": draft.attachment_ids,
                "scheduled_date": draft.scheduled_date,
            })

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id and self.case_id:
            self.update(self._template_values())

    @api.model
    def default_get(self, fields_list):
        self.env["interaction.communication"]._check_can_send()
        return super().default_get(fields_list)

    @api.model
    def create(self, vals):
        self.env["interaction.communication"]._check_can_send()
        composer = super().create(vals)
        if composer.communication_id and not {"subject", "body"} & set(vals):
            composer._onchange_communication_id()
        elif composer.template_id and not vals.get("body"):
            composer.update(composer._template_values())
        return composer

    @api.multi
    def action_send(self):
        """Send the e-mail (or schedule it) and close the composer."""
        self.ensure_one()
        self._save_communication().action_send()
        return {"type": "ir.actions.act_window_close"}

    @api.multi
    def action_save_draft(self):
        """Keep the e-mail as a draft on the case."""
        self.ensure_one()
        self._save_communication()
        return {"type": "ir.actions.act_window_close"}

    @api.multi
    def action_cancel(self):
        """Cancel: once text has been typed, offer to keep a draft."""
        self.ensure_one()
        if not html2plaintext(self.body or "").strip():
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "name": _("Keep a draft?"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref(
                "interaction_tracker.interaction_mail_compose_view_form_cancel").id, "form")],
            "target": "new",
        }

    @api.multi
    def action_discard(self):
        """Close without keeping what was typed."""
        return {"type": "ir.actions.act_window_close"}

    def _template_values(self):
        """Subject, body and attachments (with the template's report) of the
        template rendered on the case."""
        self.ensure_one()
        rendered = self.template_id.generate_email(
            self.case_id.id, fields=["subject", "body_html"])
        attachments = self.template_id.attachment_ids
        for name, content in rendered.get("attachments") or []:
            attachments |= self.env["ir.attachment"].create({
                "name": name, "datas_fname": name, "datas": content,
                "res_model": self._name, "res_id": 0})
        return {
            "subject": rendered.get("subject") or self.subject,
            "body": rendered.get("body_html") or self.body,
            "attachment_ids": self.attachment_ids | attachments,
        }

    def _addresses(self, partners_field, raw_field):
        """The addresses of a field pair, as one comma-separated string."""
        Communication = self.env["interaction.communication"]
        values = []
        for partner in self[partners_field]:
            if not partner.email:
                raise ValidationError(_("%(name)s has no e-mail address.") % {
                    "name": partner.display_name})
            values.append(formataddr((partner.name or "", partner.email)))
        values += [formataddr(pair) for pair in Communication._validate_addresses(
            self[raw_field])]
        return ", ".join(values) or False

    def _save_communication(self):
        """Create or update the e-mail communication (a draft)."""
        values = {field: self._addresses(partners, raw)
                  for partners, raw, field in ADDRESS_FIELDS}
        values.update({
            "case_id": self.case_id.id,
            "kind": "email",
            "direction": "outgoing",
            "state": "draft",
            "sender_id": self.env.user.partner_id.id,
            "recipient_id": self.to_partner_ids[:1].id,
            "subject": self.subject,
            "body": self.body,
            "template_id": self.template_id.id,
            "attachment_ids": [(6, 0, self.attachment_ids.ids)],
            "scheduled_date": self.scheduled_date,
        })
        Communication = self.env["interaction.communication"].with_context(
            interaction_no_feed=True)
        if self.communication_id:
            self.communication_id.write(values)
            return self.communication_id
        self.communication_id = Communication.create(values)
        return self.communication_id
