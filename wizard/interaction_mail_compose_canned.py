# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class InteractionMailCompose(models.TransientModel):
    """Canned responses in the e-mail composer."""
    _name = "interaction.mail.compose"
    _inherit = ["interaction.mail.compose", "interaction.canned.response.mixin"]
