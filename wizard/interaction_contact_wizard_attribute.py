# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class InteractionContactWizardAttribute(models.TransientModel):
    """An attribute value typed in the "Add contact" wizard."""

    _name = "interaction.contact.wizard.attribute"
    _inherit = ["interaction.input.mixin"]
    _description = "Attribute of the Add contact wizard"

    wizard_id = fields.Many2one(
        "interaction.contact.wizard", required=True, ondelete="cascade")
    attribute_id = fields.Many2one(
        "interaction.attribute", string="Attribute", required=True,
        domain=[("applies_to", "=", "contact")])
    value = fields.Char()

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        return super().create(vals)
