# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class InteractionCase(models.Model):
    """A case opened from a communication of another case (see
    interaction.communication.action_split_case)."""
    _inherit = "interaction.case"

    split_from_id = fields.Many2one(
        "interaction.case", string="Split from", readonly=True, copy=False,
        index=True, ondelete="set null",
        help="The case this one was split from, with one of its communications.")
