# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class InteractionAddressType(models.Model):
    """Type of a postal address of a contact (Home, Delivery, Billing...).

    A postal address is a child partner of the contact; its Odoo ``type``
    comes from the address type so that sales and invoicing still pick the
    right delivery and invoice addresses.
    """

    _name = "interaction.address.type"
    _description = "Postal address type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    partner_type = fields.Selection(
        [("other", "Other address"),
         ("delivery", "Shipping address"),
         ("invoice", "Invoice address")],
        string="Odoo address type", required=True, default="other")
    active = fields.Boolean(default=True)
