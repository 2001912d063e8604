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
        whose communications has it in its subject or body (one subquery
        through the trigram indexes of the communications)."""
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
        query = ("SELECT case_id FROM interaction_communication"
                 " WHERE subject {op} %s OR body_text {op} %s").format(
            op="ILIKE" if operator == "ilike" else "LIKE")
        return ["|", "|", ("name", operator, value), ("description", operator, value),
                ("id", "inselect", (query, [pattern, pattern]))]
