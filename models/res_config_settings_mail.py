# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .interaction_case_mail_guard import (
    DEFAULT_AUTO_MAIL_PER_HOUR, DEFAULT_LOOP_MINUTES, DEFAULT_LOOP_THRESHOLD,
    DEFAULT_MAX_MAIL_SIZE, PARAM_AUTO_MAIL_PER_HOUR, PARAM_LOOP_ALLOWLIST, PARAM_LOOP_MINUTES,
    PARAM_LOOP_THRESHOLD, PARAM_MAX_MAIL_SIZE)


class ResConfigSettingsMail(models.TransientModel):
    """The mail gateway's limits, kept in ir.config_parameter and read by
    interaction.case (``_mail_loop_threshold``, ``_mail_loop_minutes``,
    ``_mail_loop_allowlist``, ``_mail_max_size``, ``_mail_auto_per_hour``)."""
    _inherit = "res.config.settings"

    interaction_loop_threshold = fields.Integer(
        string="E-mails per sender", default=DEFAULT_LOOP_THRESHOLD,
        help="More e-mails than this from one sender within the period are kept as a mail "
             "loop in the unhandled e-mails instead of being posted on cases (0: no limit).")
    interaction_loop_minutes = fields.Integer(
        string="Period (minutes)", default=DEFAULT_LOOP_MINUTES,
        help="The period over which the e-mails of a sender are counted.")
    interaction_loop_allowlist = fields.Char(
        string="Senders without limit",
        help="Addresses or domains the rate limit spares, separated by commas "
             "(e.g. monitoring@example.com, partner.example).")
    interaction_max_mail_size = fields.Integer(
        string="Largest e-mail (MB)", default=DEFAULT_MAX_MAIL_SIZE,
        help="Larger incoming e-mails are kept with their headers only in the unhandled "
             "e-mails (0: no limit).")
    interaction_auto_mail_per_hour = fields.Integer(
        string="Automatic e-mails per address and hour", default=DEFAULT_AUTO_MAIL_PER_HOUR,
        help="At most this many automatic e-mails (rating requests) go to one address "
             "within an hour (0: no limit).")

    @api.constrains("interaction_loop_threshold", "interaction_loop_minutes",
                    "interaction_max_mail_size", "interaction_auto_mail_per_hour")
    def _check_interaction_mail_limits(self):
        for settings in self:
            if min(settings.interaction_loop_threshold, settings.interaction_max_mail_size,
                   settings.interaction_auto_mail_per_hour) < 0:
                raise ValidationError(_(
                    "The e-mail limits cannot be negative (0 means no limit)."))
            if settings.interaction_loop_minutes < 1:
                raise ValidationError(_(
                    "The period of the rate limit is at least one minute."))

    @api.model
    def get_values(self):
        values = super().get_values()
        Case = self.env["interaction.case"]
        values.update(
            interaction_loop_threshold=Case._mail_loop_threshold(),
            interaction_loop_minutes=Case._mail_loop_minutes(),
            interaction_loop_allowlist=", ".join(sorted(
                entry.lstrip("@") if entry.startswith("@") else entry
                for entry in Case._mail_loop_allowlist())),
            interaction_max_mail_size=Case._mail_max_size(),
            interaction_auto_mail_per_hour=Case._mail_auto_per_hour(),
        )
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM_LOOP_THRESHOLD, str(self.interaction_loop_threshold))
        params.set_param(PARAM_LOOP_MINUTES, str(self.interaction_loop_minutes))
        params.set_param(PARAM_LOOP_ALLOWLIST, self.interaction_loop_allowlist or "")
        params.set_param(PARAM_MAX_MAIL_SIZE, str(self.interaction_max_mail_size))
        params.set_param(PARAM_AUTO_MAIL_PER_HOUR, str(self.interaction_auto_mail_per_hour))
        return result
