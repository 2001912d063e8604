# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class InteractionCase(models.Model):
    """Search in everything said on a case."""
    _inherit = "interaction.case"

    content_search = fields.Char(
        string="Content", compute="_compute_content_search", search="_search_content_search",
        help="Search in the subject, the description and the subjects and bodies "
             "of the communications.")

    @api.multi
    def _compute_content_search(self):
        for case in self:
            case.content_search = False

    def _search_content_search(self, operator, value):
        """Cases whose subject or description contains ``value``, or one of
        whose communications has it in its subject or body.

        The cases matching by their own subject or description are read
        first (trigram indexes of the cases); those having communications
        join the condition on the communications, so that the whole search
        is one ``id IN (SELECT case_id ...)`` that PostgreSQL turns into a
        semi-join: it reads the trigram indexes for a rare text, and walks
        the cases in the list's order, stopping at the page, for a frequent
        one (an OR of that subquery with other conditions would make it
        read every matching communication)."""
        if operator not in ("ilike", "like"):
            raise UserError(_("The content of cases can only be searched with "
                              "\"contains\"."))
        if not isinstance(value, str):
            raise UserError(_("The content search expects a text."))
        # the communications searched include internal notes and calls:
        # agents only (a portal user could probe them by searching)
        if not self.env.user.has_group("interaction_tracker.group_user"):
            raise AccessError(_("Only agents may search in the content of cases."))
        if not value.strip():
            return []
        pattern = "%%%s%%" % value
        sql_operator = "ILIKE" if operator == "ilike" else "LIKE"
        # ids only, for the domain: the search itself applies the record rules
        self.env.cr.execute("""
            SELECT c.id, EXISTS (SELECT 1 FROM interaction_communication m
                                  WHERE m.case_id = c.id)
              FROM interaction_case c
             WHERE c.name {op} %(pattern)s OR c.description {op} %(pattern)s
        """.format(op=sql_operator), {"pattern": pattern})
        own = self.env.cr.fetchall()
        with_communications = [case_id for case_id, has_any in own if has_any]
        without_communications = [case_id for case_id, has_any in own if not has_any]
        query = ("SELECT case_id FROM interaction_communication"
                 " WHERE subject {op} %s OR body_text {op} %s"
                 " OR case_id = ANY(%s)").format(op=sql_operator)
        domain = [("id", "inselect", (query, [pattern, pattern, with_communications]))]
        if without_communications:
            domain = ["|", ("id", "in", without_communications)] + domain
        return domain
