# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class ResPartner(models.Model):
    """The "Cases" smart button of a contact (kept apart from the contacts'
    own res.partner extension)."""
    _inherit = "res.partner"

    interaction_case_count = fields.Integer(
        string="Cases", compute="_compute_interaction_case_count")

    @api.multi
    def _compute_interaction_case_count(self):
        """Cases of each contact's commercial entity, in one grouped query."""
        Case = self.env["interaction.case"]
        counts = {}
        if Case.check_access_rights("read", raise_exception=False):
            groups = Case.read_group(
                [("commercial_partner_id", "in", self.mapped("commercial_partner_id").ids)],
                ["commercial_partner_id"], ["commercial_partner_id"])
            counts = {group["commercial_partner_id"][0]: group["commercial_partner_id_count"]
                      for group in groups}
        for partner in self:
            partner.interaction_case_count = counts.get(partner.commercial_partner_id.id, 0)

    @api.multi
    def action_view_interaction_cases(self):
        """The cases of the contact's company; a case created from here has
        this contact as requester, with the four tags."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        action = self.env.ref("interaction_tracker.interaction_case_action").read()[0]
        context = {"default_partner_id": commercial.id, "search_default_open": 0}
        if self != commercial:
            context.update({"default_requester_id": self.id, "default_contact_id": self.id})
        action.update({
            "name": _("Cases of %(partner)s") % {"partner": commercial.display_name},
            "domain": [("commercial_partner_id", "=", commercial.id)],
            "context": context,
        })
        return action
