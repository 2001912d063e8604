# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class InteractionAttribute(models.Model):
    """A free attribute kept on contacts, organizations or locations."""

    _name = "interaction.attribute"
    _description = "Contact attribute"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    applies_to = fields.Selection(
        [("contact", "Contact"),
         ("organization", "Organization"),
         ("location", "Location")],
        required=True, default="contact")
    active = fields.Boolean(default=True)
