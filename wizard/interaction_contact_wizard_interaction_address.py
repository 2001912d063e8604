# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class InteractionContactWizardInteractionAddress(models.TransientModel):
    """An interaction address typed in the "Add contact" wizard."""

    _name = "interaction.contact.wizard.interaction.address"
    _inherit = ["interaction.input.mixin"]
    _description = "Interaction address of the Add contact wizard"

    wizard_id = fields.Many2one(
        "interaction.contact.wizard", required=True, ondelete="cascade")
    value = fields.Char(required=True)
    extension = fields.Char()
    address_type = fields.Selection(
        lambda self: self.env["interaction.address"]._fields[
            "address_type"]._description_selection(self.env),
        string="Address type", required=True, default="phone")
    subtype = fields.Selection(
        lambda self: self.env["interaction.address"]._fields[
            "subtype"]._description_selection(self.env),
        string="Address subtype", required=True, default="office")

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        return super().create(vals)

    def _prepare_address_values(self):
        """Values of the interaction address (validated and formatted)."""
        self.ensure_one()
        vals = {
            "value": self.value,
            "extension": self.extension,
            "address_type": self.address_type,
            "subtype": self.subtype,
        }
        partner = self.env["res.partner"].new({"country_id": self.wizard_id.country_id.id})
        return self.env["interaction.address"]._prepare_value(vals, partner, self.address_type)
