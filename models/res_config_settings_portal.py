# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PARAM_MAX_ATTACHMENT_MB = "interaction_tracker.portal_max_attachment_mb"
DEFAULT_MAX_ATTACHMENT_MB = 10


class ResConfigSettingsPortal(models.TransientModel):
    """The size limit of the files sent with direct messages, kept in
    ir.config_parameter and read by
    interaction.case._portal_max_attachment_bytes."""
    _inherit = "res.config.settings"

    interaction_portal_max_attachment_mb = fields.Integer(
        string="Maximum size of a file (MB)", default=DEFAULT_MAX_ATTACHMENT_MB,
        help="Largest file a customer or an agent may send with a direct message.")

    @api.constrains("interaction_portal_max_attachment_mb")
    def _check_interaction_portal_max_attachment_mb(self):
        for settings in self:
            if settings.interaction_portal_max_attachment_mb <= 0:
                raise ValidationError(_("The maximum size of a file must be positive."))

    @api.model
    def get_values(self):
        values = super().get_values()
        values["interaction_portal_max_attachment_mb"] = max(int(
            self.env["interaction.case"]._portal_max_attachment_bytes() / 1024 / 1024), 1)
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            PARAM_MAX_ATTACHMENT_MB, str(self.interaction_portal_max_attachment_mb))
        return result
