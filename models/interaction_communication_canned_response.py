# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class InteractionCommunication(models.Model):
    """Canned responses in the exchange form."""
    _name = "interaction.communication"
    _inherit = ["interaction.communication", "interaction.canned.response.mixin"]
