# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class InteractionAttributeValue(models.Model):
    """The value of an attribute for one contact, organization or site."""

    _name = "interaction.attribute.value"
    _description = "Contact attribute value"
    _order = "partner_id, attribute_id"

    attribute_id = fields.Many2one(
        "interaction.attribute", string="Attribute", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    value = fields.Char()

    _sql_constraints = [
        ("attribute_partner_uniq", "unique(attribute_id, partner_id)",
         "A contact has one value per attribute."),
    ]
