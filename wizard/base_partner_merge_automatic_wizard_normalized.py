# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# criterion field -> the stored, indexed column of res.partner it groups on
NORMALIZED_CRITERIA = {
    "phone_normalized": "phone_normalized",
    "email_normalized": "email_normalized",
}


class MergePartnerAutomatic(models.TransientModel):
    """Odoo's deduplication of contacts (crm) proposing the contacts that
    share a normalized phone number or e-mail address (the same number
    written in two formats is found)."""
    _inherit = "base.partner.merge.automatic.wizard"

    # Odoo groups on the columns named after the "group_by_" prefix
    group_by_phone_normalized = fields.Boolean(
        string="Same normalized phone",
        help="Contacts whose phone, in international format, is the same.")
    group_by_email_normalized = fields.Boolean(
        string="Same normalized e-mail",
        help="Contacts whose e-mail address, without its display name and in lower "
             "case, is the same.")

    @api.multi
    def action_start_manual_process(self):
        # the groups name contacts and their numbers: only for users who may
        # merge contacts (Odoo's search then drops the contacts they cannot
        # read, such as the private contacts of others)
        if any(self[name] for name in self._normalized_criteria_fields()):
            self.env["res.partner"].check_access_rights("write")
        return super().action_start_manual_process()

    @api.model
    def _normalized_criteria_fields(self):
        return ["group_by_%s" % name for name in NORMALIZED_CRITERIA]

    @api.model
    def _generate_query(self, fields, maximum_group=100):
        # Odoo's query groups on the columns as they are: contacts without a
        # number must not form a group of their own
        query = super()._generate_query(fields, maximum_group=maximum_group)
        columns = [NORMALIZED_CRITERIA[name] for name in fields if name in NORMALIZED_CRITERIA]
        if not columns:
            return query
        condition = " AND ".join("%s IS NOT NULL" % column for column in columns)
        if " WHERE " in query:
            return query.replace(" WHERE ", " WHERE %s AND " % condition, 1)
        return query.replace(" GROUP BY ", " WHERE %s GROUP BY " % condition, 1)
