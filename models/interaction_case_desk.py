# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

SYNC_FLAG = "interaction_requester_sync"


class InteractionCaseDesk(models.Model):
    """The case's requester and the Requester tag of its contacts card kept
    in step: changing the requester moves the tag to the new requester's
    line (added to the card when missing)."""
    _inherit = "interaction.case"

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if vals.get("requester_id") and not self.env.context.get(SYNC_FLAG):
            self.with_context(**{SYNC_FLAG: True})._sync_requester_tag()
        return result

    def _sync_requester_tag(self):
        tag = self.env["interaction.contact.tag"]._get_tag("requester")
        for case in self.filtered("requester_id"):
            line = case.case_contact_ids.filtered(
                lambda l, partner=case.requester_id: l.partner_id == partner)
            if not line:
                case._create_contact_line(case.requester_id, tag)
            elif tag not in line.tag_ids:
                line.write({"tag_ids": [(4, tag.id)]})
