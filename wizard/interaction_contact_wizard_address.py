# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class InteractionContactWizardAddress(models.TransientModel):
    """A postal address typed in the "Add contact" wizard."""

    _name = "interaction.contact.wizard.address"
    _inherit = ["interaction.input.mixin"]
    _description = "Postal address of the Add contact wizard"

    wizard_id = fields.Many2one(
        "interaction.contact.wizard", required=True, ondelete="cascade")
    address_type_id = fields.Many2one(
        "interaction.address.type", string="Address type", required=True)
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="State")
    country_id = fields.Many2one("res.country", string="Country")

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        return super().create(vals)

    def _prepare_partner_values(self):
        """Values of the child partner carrying this address."""
        self.ensure_one()
        return {
            "type": self.address_type_id.partner_type,
            "address_type_id": self.address_type_id.id,
            "street": self.street,
            "street2": self.street2,
            "zip": self.zip,
            "city": self.city,
            "state_id": self.state_id.id,
            "country_id": self.country_id.id,
        }
