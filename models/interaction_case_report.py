# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .interaction_case_sla import SLA_GROUP

# every case's figures at once (upgrade), as _compute_report_times gives
# them (an empty figure is stored as 0)
FILL_REPORT_TIMES_SQL = """
    UPDATE interaction_case
       SET first_response_time = COALESCE(
               extract(epoch FROM first_response_date - create_date) / 3600.0, 0),
           resolution_time = CASE WHEN state = 'done' THEN COALESCE(
               extract(epoch FROM date_closed - create_date) / 3600.0, 0) ELSE 0 END
"""


def _hours(start, end):
    if not start or not end:
        return 0.0
    delta = fields.Datetime.from_string(end) - fields.Datetime.from_string(start)
    return delta.total_seconds() / 3600.0


class InteractionCase(models.Model):
    """The figures of the cases analysis, stored on the case so that the
    analysis reads columns."""
    _inherit = "interaction.case"

    first_response_time = fields.Float(
        string="First response time (hours)", compute="_compute_report_times", store=True,
        readonly=True, copy=False, groups=SLA_GROUP,
        help="Hours from the creation of the case to the first response of an agent "
             "(0 until then).")
    resolution_time = fields.Float(
        string="Resolution time (hours)", compute="_compute_report_times", store=True,
        readonly=True, copy=False, groups=SLA_GROUP,
        help="Hours from the creation of the case to its closing (0 until it is done).")

    @api.depends("create_date", "first_response_date", "date_closed", "state")
    def _compute_report_times(self):
        for case in self:
            case.first_response_time = _hours(case.create_date, case.first_response_date)
            case.resolution_time = _hours(case.create_date, case.date_closed) \
                if case.state == "done" else 0.0

    @api.model
    def _fill_report_times(self):
        """Every case's figures in one statement (upgrade, generated data)."""
        self.env.cr.execute(FILL_REPORT_TIMES_SQL)
        self.invalidate_cache(["first_response_time", "resolution_time"])
        return True
