# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class ResPartnerDesk(models.Model):
    """A person's "Cases" button counts and opens the person's own cases
    (requester, or on the contacts card); an organization's, its cases."""
    _inherit = "res.partner"

    @api.multi
    def _compute_interaction_case_count(self):
        persons = self.filtered(lambda partner: partner._interaction_is_person())
        result = super(ResPartnerDesk, self - persons)._compute_interaction_case_count()
        Case = self.env["interaction.case"]
        allowed = Case.check_access_rights("read", raise_exception=False)
        for partner in persons:
            partner.interaction_case_count = Case.search_count(
                partner._interaction_person_case_domain()) if allowed else 0
        return result

    @api.multi
    def action_view_interaction_cases(self):
        action = super().action_view_interaction_cases()
        if self._interaction_is_person():
            action.update({
                "name": _("Cases of %(partner)s") % {"partner": self.display_name},
                "domain": self._interaction_person_case_domain(),
            })
        return action

    def _interaction_is_person(self):
        return not self.is_company and self.type in (False, "contact") \
            and self != self.commercial_partner_id

    def _interaction_person_case_domain(self):
        return ["|", ("requester_id", "=", self.id),
                ("case_contact_ids.partner_id", "=", self.id)]
