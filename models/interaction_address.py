# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .interaction_input_mixin import MAX_LINE_LENGTH

PHONE_TYPES = ("phone", "mobile", "fax", "sms")


class InteractionAddress(models.Model):
    """An address through which a contact is reached: a phone number, an
    e-mail... Phone numbers and e-mails are validated and formatted; their
    normalized form (E.164, case-folded e-mail) is stored and indexed for
    contact resolution."""

    _name = "interaction.address"
    _inherit = ["interaction.input.mixin"]
    _description = "Interaction address"
    _order = "partner_id, sequence, id"
    _rec_name = "value"
    _input_max_lengths = {"value": MAX_LINE_LENGTH, "extension": MAX_LINE_LENGTH}

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    value = fields.Char(required=True)
    extension = fields.Char()
    address_type = fields.Selection(
        [("phone", "Phone"),
         ("mobile", "Mobile"),
         ("fax", "Fax"),
         ("email", "E-mail"),
         ("sms", "SMS"),
         ("other", "Other")],
        string="Address type", required=True, default="phone")
    subtype = fields.Selection(
        [("office", "Office"),
         ("office2", "Office 2"),
         ("home", "Home"),
         ("home2", "Home 2"),
         ("assistant", "Assistant"),
         ("unclassified", "Unclassified")],
        string="Address subtype", required=True, default="office")
    normalized_value = fields.Char(
        compute="_compute_normalized_value", store=True, index=True)
    call_value = fields.Char(
        "Call", compute="_compute_links",
        help="The number to call (empty when this address is not a phone number).")
    mail_value = fields.Char(
        "Write", compute="_compute_links",
        help="The e-mail to write to (empty when this address is not an e-mail).")

    @api.depends("value", "address_type", "partner_id.country_id")
    def _compute_normalized_value(self):
        partner_model = self.env["res.partner"]
        for address in self:
            if not address.value:
                address.normalized_value = False
            elif address.address_type in PHONE_TYPES:
                address.normalized_value = partner_model._normalize_phone(
                    address.value, address.partner_id._get_phone_region())
            elif address.address_type == "email":
                address.normalized_value = partner_model._normalize_email(address.value)
            else:
                address.normalized_value = address.value.strip().lower()

    @api.depends("value", "address_type")
    def _compute_links(self):
        for address in self:
            is_phone = address.address_type in PHONE_TYPES
            address.call_value = address.value if is_phone else False
            address.mail_value = address.value if address.address_type == "email" else False

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        vals = self._prepare_value(vals, partner, vals.get("address_type") or "phone")
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        if "value" not in vals and "address_type" not in vals:
            return super().write(vals)
        for address in self:
            partner = self.env["res.partner"].browse(vals.get("partner_id")) \
                if vals.get("partner_id") else address.partner_id
            address_vals = dict(vals, value=vals.get("value", address.value))
            super(InteractionAddress, address).write(address._prepare_value(
                address_vals, partner, vals.get("address_type", address.address_type)))
        return True

    @api.model
    def _prepare_value(self, vals, partner, address_type):
        """Validate and format the value of ``vals``; ValidationError naming
        the value when it is not a valid phone number or e-mail."""
        value = (vals.get("value") or "").strip()
        if not value:
            return vals
        if address_type in PHONE_TYPES:
            value = partner._format_phone(value, partner._get_phone_region())
        elif address_type == "email":
            value = partner._format_email(value)
        return dict(vals, value=value)
