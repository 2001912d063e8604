# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PARAM_DIRECT_MESSAGES = "interaction_tracker.direct_messages"
PARAM_NOTIFY_DEFAULT = "interaction_tracker.notify_by_email_default"
PARAM_POST_DAYS = "interaction_tracker.portal_post_days"
DEFAULT_POST_DAYS = 7


class ResConfigSettings(models.TransientModel):
    """Direct messages and customer portal settings, kept in
    ir.config_parameter (Odoo 11 has no ``config_parameter=`` on fields) and
    read by interaction.case (``_direct_messages_enabled``,
    ``_notify_by_email_default``, ``_portal_post_days``)."""
    _inherit = "res.config.settings"

    interaction_direct_messages = fields.Boolean(
        string="Direct messages on cases",
        help="Customers post messages on their cases from the portal and agents "
             "answer them. When off, the portal shows the cases read-only.")
    interaction_notify_by_email_default = fields.Boolean(
        string="Notify by e-mail by default",
        help="Default of the \"Notify by e-mail\" option when an agent sends a "
             "direct message.")
    interaction_portal_post_days = fields.Integer(
        string="Days to post after closing", default=DEFAULT_POST_DAYS,
        help="Number of days during which a customer may still post a message "
             "on a finished case.")

    @api.constrains("interaction_portal_post_days")
    def _check_interaction_portal_post_days(self):
        for settings in self:
            if settings.interaction_portal_post_days < 0:
                raise ValidationError(_(
                    "The number of days to post after closing cannot be negative."))

    @api.model
    def get_values(self):
        values = super().get_values()
        # read the way the cases read them (a bad stored value shows as the
        # value the cases use)
        Case = self.env["interaction.case"]
        values.update(
            interaction_direct_messages=Case._direct_messages_enabled(),
            interaction_notify_by_email_default=Case._notify_by_email_default(),
            interaction_portal_post_days=Case._portal_post_days(),
        )
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM_DIRECT_MESSAGES, repr(self.interaction_direct_messages))
        params.set_param(PARAM_NOTIFY_DEFAULT,
                         repr(self.interaction_notify_by_email_default))
        params.set_param(PARAM_POST_DAYS, str(self.interaction_portal_post_days))
        return result
