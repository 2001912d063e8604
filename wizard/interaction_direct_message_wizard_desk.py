# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class InteractionDirectMessageWizardDesk(models.TransientModel):
    """The direct message dialog says who receives the message."""
    _inherit = "interaction.direct.message.wizard"

    recipient_info = fields.Char(
        string="Received by", compute="_compute_recipient_info")

    @api.depends("case_id", "notify_by_email")
    def _compute_recipient_info(self):
        for wizard in self:
            case = wizard.case_id
            recipient = (case.requester_id or case.partner_id).sudo()
            customer = case.partner_id.sudo().commercial_partner_id.display_name or ""
            info = _("Visible on the portal to the users of %(customer)s.") % {
                "customer": customer}
            if wizard.notify_by_email and recipient:
                info += " " + _("Also e-mailed to %(contact)s <%(email)s>.") % {
                    "contact": recipient.display_name,
                    "email": recipient.email or _("no e-mail address")}
            wizard.recipient_info = info
