# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class InteractionDirectMessageWizard(models.TransientModel):
    """An agent writes a direct message to the customer of a case."""
    _name = "interaction.direct.message.wizard"
    _description = "Direct message"

    case_id = fields.Many2one(
        "interaction.case", required=True, ondelete="cascade",
        default=lambda self: self._default_case_id())
    body = fields.Html(string="Message", required=True, sanitize=True)
    notify_by_email = fields.Boolean(
        string="Notify by e-mail",
        default=lambda self: self._default_notify_by_email(),
        help="Also send the message by e-mail to the customer.")
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Files",
        help="Sent with the message; the customer downloads them from the portal.")

    def _default_case_id(self):
        if self.env.context.get("active_model") == "interaction.case":
            return self.env.context.get("active_id")
        return False

    def _default_notify_by_email(self):
        return self.env["interaction.case"]._notify_by_email_default()

    @api.multi
    def action_send(self):
        self.ensure_one()
        self.case_id.post_direct_message(self.body, notify_by_email=self.notify_by_email,
                                         attachment_ids=self.attachment_ids.ids)
        return {"type": "ir.actions.act_window_close"}
