# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def create(self, vals):
        self._check_partner_not_private(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_partner_not_private(vals)
        return super().write(vals)

    @api.model
    def _check_partner_not_private(self, vals):
        """A private contact is visible only to its creator: it cannot be the
        contact of a user (res.partner refuses the other way round, making a
        user's contact private). Checked before anything is written."""
        if vals.get("is_private"):
            raise ValidationError(_("The contact of a user cannot be private."))
        partner_id = vals.get("partner_id")
        if not partner_id or not isinstance(partner_id, int):
            return  # none, or Odoo's own error
        Partner = self.env["res.partner"]
        partner = Partner.sudo().browse(partner_id).exists()
        if not partner.is_private:
            return
        if Partner.search([("id", "=", partner.id)]):
            raise ValidationError(_(
                "%s is a private contact: it cannot be the contact of a user.")
                % partner.display_name)
        # a private contact of another user is not named
        raise ValidationError(_("The contact of a user cannot be private."))
