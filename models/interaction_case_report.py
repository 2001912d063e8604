# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .interaction_case_sla import SLA_GROUP

# the clock hours of the cases analysis (empty without a first response, or
# until the case is done), of some cases or of every case (upgrade)
FILL_REPORT_TIMES_SQL = """
    UPDATE interaction_case
       SET first_response_time = extract(epoch FROM first_response_date - create_date) / 3600.0,
           resolution_time = CASE WHEN state = 'done' THEN
               extract(epoch FROM date_closed - create_date) / 3600.0 END
     WHERE %(every_case)s OR id IN %(ids)s
"""
# the case fields the hours are computed from (create_date never changes)
REPORT_TIME_TRIGGERS = {"first_response_date", "date_closed", "state"}


class InteractionCase(models.Model):
    """The figures of the cases analysis, stored on the case so that the
    analysis reads columns; written in SQL when their dates change (a new
    case has none: no query)."""
    _inherit = "interaction.case"

    first_response_time = fields.Float(
        string="First response time (hours)", readonly=True, copy=False, groups=SLA_GROUP,
        help="Hours from the creation of the case to the first response of an agent "
             "(empty until then).")
    resolution_time = fields.Float(
        string="Resolution time (hours)", readonly=True, copy=False, groups=SLA_GROUP,
        help="Hours from the creation of the case to its closing (empty until it is done).")

    @api.model
    def create(self, vals):
        case = super().create(vals)
        if vals.get("first_response_date") or vals.get("state") == "done":
            case._fill_report_times()
        return case

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if REPORT_TIME_TRIGGERS & set(vals):
            self._fill_report_times()
        return result

    @api.multi
    def _fill_report_times(self, every_case=False):
        """Compute the hours of these cases (of every case with
        ``every_case``) in one statement."""
        if not self and not every_case:
            return False
        self.env.cr.execute(FILL_REPORT_TIMES_SQL,
                            {"every_case": every_case, "ids": tuple(self.ids) or (0,)})
        self.invalidate_cache(["first_response_time", "resolution_time"],
                              None if every_case else self.ids)
        return True
