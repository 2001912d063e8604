# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .interaction_case_contact import _adds_tags
from .interaction_case_desk import SYNC_FLAG


class InteractionCaseContactDesk(models.Model):
    """A contact added by hand takes only the exclusive tags nobody on the
    card holds yet (all four on an empty card); the Requester tag put on a
    contact makes it the case's requester."""
    _inherit = "interaction.case.contact"

    def _default_tag_ids(self):
        tags = super()._default_tag_ids()
        case_id = self.env.context.get("default_case_id")
        if case_id and isinstance(case_id, int):
            tags -= self._held_tags(case_id)
        return tags

    @api.model
    def create(self, vals):
        if "tag_ids" not in vals and vals.get("case_id"):
            vals = dict(vals, tag_ids=[(6, 0, (
                self.env["interaction.contact.tag"]._get_exclusive_tags()
                - self._held_tags(vals["case_id"])).ids)])
        line = super().create(vals)
        if _adds_tags(vals.get("tag_ids")):
            line._sync_case_requester()
        return line

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals or _adds_tags(vals.get("tag_ids")):
            self._sync_case_requester()
        return result

    def _held_tags(self, case_id):
        """The exclusive tags the contacts of a case already hold."""
        if not isinstance(case_id, int):
            return self.env["interaction.contact.tag"]
        return self.search([("case_id", "=", case_id)]).mapped("tag_ids").filtered(
            "is_exclusive")

    def _sync_case_requester(self):
        if self.env.context.get(SYNC_FLAG):
            return
        tag = self.env["interaction.contact.tag"]._get_tag("requester")
        for line in self:
            if line.case_id.requester_id != line.partner_id and tag in line.tag_ids:
                line.case_id.with_context(**{SYNC_FLAG: True}).write(
                    {"requester_id": line.partner_id.id})
