# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

PARAM_CALL_SCHEME = "interaction_tracker.click_to_call_scheme"
CALL_SCHEMES = [
    ("tel", "tel: (phone application)"),
    ("callto", "callto: (Skype and softphones)"),
    ("sip", "sip: (SIP softphone)"),
]
DEFAULT_CALL_SCHEME = "tel"


class ResConfigSettingsTelephony(models.TransientModel):
    """The link that phone numbers open in the web client (click-to-call)."""
    _inherit = "res.config.settings"

    interaction_click_to_call_scheme = fields.Selection(
        CALL_SCHEMES, string="Click-to-call links", default=DEFAULT_CALL_SCHEME,
        help="The kind of link every phone number is in forms, lists and cards: "
             "the application of the agent's computer that opens it makes the call.")

    @api.model
    def get_values(self):
        values = super().get_values()
        values["interaction_click_to_call_scheme"] = self._interaction_call_scheme()
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            PARAM_CALL_SCHEME, self.interaction_click_to_call_scheme or DEFAULT_CALL_SCHEME)
        return result

    @api.model
    def _interaction_call_scheme(self):
        """The configured scheme (a stored value out of the list gives tel)."""
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_CALL_SCHEME)
        return value if value in dict(CALL_SCHEMES) else DEFAULT_CALL_SCHEME
