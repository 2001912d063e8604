# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class InteractionDirectMessageWizard(models.TransientModel):
    """Canned responses in the direct message dialog."""
    _name = "interaction.direct.message.wizard"
    _inherit = ["interaction.direct.message.wizard", "interaction.canned.response.mixin"]
