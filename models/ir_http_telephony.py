# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttpTelephony(models.AbstractModel):
    """The web client learns the click-to-call scheme with its session."""
    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        info["interaction_call_scheme"] = \
            self.env["res.config.settings"]._interaction_call_scheme()
        return info
