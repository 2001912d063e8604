# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import api, fields, models

from ..models.interaction_address import PHONE_TYPES

# criterion field -> the column Odoo's query groups on
NORMALIZED_CRITERIA = {
    "phone_normalized": "shared_number.number",
    "email_normalized": "email_normalized",
}
# the numbers each contact is reached at, normalized (E.164) and stored with
# an index: its phone, its mobile and its phone-type interaction addresses,
# one row per contact and number
SHARED_NUMBERS = """
    SELECT id AS partner_id, phone_normalized AS number FROM res_partner
     WHERE phone_normalized IS NOT NULL
    UNION
    SELECT id, mobile_normalized FROM res_partner
     WHERE mobile_normalized IS NOT NULL
    UNION
    SELECT partner_id, normalized_value FROM interaction_address
     WHERE normalized_value IS NOT NULL AND address_type IN %s
"""


class MergePartnerAutomatic(models.TransientModel):
    """Odoo's deduplication of contacts (crm) proposing the contacts that
    share a normalized phone number or e-mail address (the same number
    written in two formats is found)."""
    _inherit = "base.partner.merge.automatic.wizard"

    # Odoo groups on the columns named after the "group_by_" prefix
    group_by_phone_normalized = fields.Boolean(
        string="Same normalized phone",
        help="Contacts sharing a number, in international format: phone, mobile or "
             "a phone number of their interaction addresses.")
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
        columns = [NORMALIZED_CRITERIA.get(name, name) for name in fields]
        query = self._add_not_null_conditions(
            super()._generate_query(columns, maximum_group=maximum_group), fields)
        if "phone_normalized" not in fields:
            return query
        # a contact has several numbers: one group per shared number
        return query.replace(
            " FROM res_partner ",
            " FROM res_partner JOIN (%s) AS shared_number"
            " ON shared_number.partner_id = res_partner.id " % self._shared_numbers_query(), 1)

    @api.model
    def _shared_numbers_query(self):
        """The query of the contacts' normalized numbers (``partner_id``,
        ``number``), a subquery of the grouping query Odoo runs as is."""
        return self.env.cr.mogrify(SHARED_NUMBERS, (PHONE_TYPES,)).decode()

    @api.model
    def _add_not_null_conditions(self, query, fields):
        # Odoo's query groups on the columns as they are: contacts without an
        # address must not form a group of their own
        columns = [NORMALIZED_CRITERIA[name] for name in fields
                   if name in NORMALIZED_CRITERIA and name != "phone_normalized"]
        if not columns:
            return query
        condition = " AND ".join("%s IS NOT NULL" % column for column in columns)
        if " WHERE " in query:
            return query.replace(" WHERE ", " WHERE %s AND " % condition, 1)
        return query.replace(" GROUP BY ", " WHERE %s GROUP BY " % condition, 1)

    @api.multi
    def _process_query(self, query):
        result = super()._process_query(query)
        self._clean_lines()
        self.number_group = len(self.line_ids)
        return result

    @api.multi
    def _action_next_screen(self):
        self._clean_lines()
        return super()._action_next_screen()

    @api.multi
    def _clean_lines(self):
        """Groups of contacts to merge, each proposed once with the contacts
        still there: a contact sharing several numbers is in several groups
        (the same contacts sharing two numbers, or left with the same ones
        once the contacts the user may not read are dropped), and a merge
        removes contacts from the next groups."""
        lines = self.mapped("line_ids")
        line_ids = [(line, literal_eval(line.aggr_ids)) for line in lines]
        existing = set(self.env["res.partner"].browse(
            [pid for _line, ids in line_ids for pid in ids]).exists().ids)
        seen = set()
        for line, ids in line_ids:
            remaining = [pid for pid in ids if pid in existing]
            if len(remaining) < 2 or frozenset(remaining) in seen:
                line.unlink()
                continue
            seen.add(frozenset(remaining))
            if remaining != ids:
                line.aggr_ids = remaining
