# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class InteractionCaseContactCreate(models.TransientModel):
    """Create a person of the case's customer from the contacts card and put
    it on the card with the four tags."""
    _name = "interaction.case.contact.create"
    _description = "Create a case contact"

    case_id = fields.Many2one("interaction.case", string="Case", required=True)
    organization_id = fields.Many2one(
        related="case_id.commercial_partner_id", readonly=True, string="Organization")
    email = fields.Char(string="E-mail")
    firstname = fields.Char(string="First name")
    lastname = fields.Char(string="Last name")
    function = fields.Char(string="Job position")
    phone = fields.Char()
    mobile = fields.Char()

    @api.onchange("email")
    def _onchange_email(self):
        """Typing an e-mail fills the first and last name (when empty)."""
        if self.email and not (self.firstname or self.lastname):
            names = self.env["res.partner"].split_email_name(self.email)
            self.firstname = names["firstname"]
            self.lastname = names["lastname"]

    @api.multi
    def action_create(self):
        self.ensure_one()
        name = " ".join(part for part in (self.firstname, self.lastname) if part)
        if not name:
            raise UserError(_("Give at least a first name, a last name or an e-mail."))
        partner = self.env["res.partner"].create({
            "firstname": self.firstname,
            "lastname": self.lastname,
            "parent_id": self.organization_id.id,
            "type": "contact",
            "email": self.email,
            "function": self.function,
            "phone": self.phone,
            "mobile": self.mobile,
        })
        self.case_id.add_contact(partner.id)
        return {"type": "ir.actions.act_window_close"}
