# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class MailFollowers(models.Model):
    """Followers of cases written directly (Odoo lets portal users create
    followers): the rules of ``interaction.case.message_subscribe``."""
    _inherit = "mail.followers"

    @api.model
    def create(self, vals):
        if vals.get("res_model") == "interaction.case":
            self._check_case_follower(vals.get("partner_id"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "partner_id" in vals or "res_model" in vals:
            for follower in self:
                if vals.get("res_model", follower.res_model) == "interaction.case":
                    follower._check_case_follower(vals.get("partner_id", follower.partner_id.id))
        return super().write(vals)

    @api.model
    def _check_case_follower(self, partner_id):
        if self.env.uid != SUPERUSER_ID and self.env.user.share:
            raise AccessError(_("Customers cannot follow cases."))
        partner = self.env["res.partner"].sudo().browse(partner_id or [])
        if partner.is_private:
            raise AccessError(_("A private contact cannot follow a case."))
        return True
