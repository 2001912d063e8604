# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class InteractionCaseFollowers(models.Model):
    """Who may follow a case: followers receive what is said on it."""
    _inherit = "interaction.case"

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None,
                          force=True):
        """Customers do not follow cases themselves (the portal shows them
        what is meant for them); a follower is a contact the user may read,
        never a private contact (other agents would see it among the
        followers). Odoo's own calls run as superuser: private contacts are
        left out there instead of refused."""
        partners = self.env["res.partner"].sudo().browse(partner_ids or [])
        if self.env.uid != SUPERUSER_ID:
            if self.env.user.share:
                raise AccessError(_("Customers cannot follow cases."))
            self._input_records("res.partner", partners.ids, _("Followers"))
            if partners.filtered("is_private"):
                raise AccessError(_("A private contact cannot follow a case: %(names)s.") % {
                    "names": ", ".join(partners.filtered("is_private").mapped("name"))})
        elif partner_ids:
            partner_ids = (partners - partners.filtered("is_private")).ids
        return super().message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids, subtype_ids=subtype_ids,
            force=force)
