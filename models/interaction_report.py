# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from .interaction_case_sla import SLA_STATUSES
from .interaction_case_team import PRIORITIES
from .interaction_communication import KINDS

# a PostgreSQL aggregate for the median times of the pivot and graph views
# (read_group calls the field's group_operator by name); parallel workers
# collect their own arrays, merged before the median is taken
MEDIAN_SQL = """
CREATE OR REPLACE FUNCTION interaction_median_final(double precision[])
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY value)
      FROM unnest($1) AS value
$$;
DROP AGGREGATE IF EXISTS interaction_median(double precision);
CREATE AGGREGATE interaction_median(double precision) (
    SFUNC = array_append, STYPE = double precision[], COMBINEFUNC = array_cat,
    FINALFUNC = interaction_median_final, INITCOND = '{}', PARALLEL = SAFE);
"""
MEDIAN_HELP = "Slower than the average on many cases: every value of a group is sorted."


def _measure(string, group_operator, help_text):
    """A measure of the pivot and graph views."""
    return fields.Float(string=string, readonly=True, group_operator=group_operator,
                        help=help_text)


class InteractionReport(models.Model):
    """One row per case, for the pivot and graph views of the managers."""
    _name = "interaction.report"
    _description = "Cases analysis"
    _auto = False
    _order = "create_date desc"
    _rec_name = "number"

    case_id = fields.Many2one("interaction.case", string="Case", readonly=True)
    number = fields.Char(readonly=True)
    team_id = fields.Many2one("interaction.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    state = fields.Selection([
        ("new", "New"), ("open", "In progress"), ("done", "Done"),
        ("cancel", "Cancelled"), ("pending", "Waiting on customer")], readonly=True)
    channel = fields.Selection(
        KINDS, readonly=True, help="The kind of the first communication of the case.")
    create_date = fields.Datetime(string="Created on", readonly=True)
    first_response_date = fields.Datetime(readonly=True)
    date_closed = fields.Datetime(string="Closed on", readonly=True)
    first_response_hours = _measure(
        "First response (hours, average)", "avg",
        "Hours from the creation of the case to the first response of an agent.")
    resolution_hours = _measure(
        "Resolution (hours, average)", "avg",
        "Hours from the creation of the case to its closing (closed cases only).")
    first_response_hours_median = _measure(
        "First response (hours, median)", "interaction_median", MEDIAN_HELP)
    resolution_hours_median = _measure(
        "Resolution (hours, median)", "interaction_median", MEDIAN_HELP)
    sla_status = fields.Selection(SLA_STATUSES, string="SLA", readonly=True)
    sla_compliance = _measure(
        "SLA compliance (%)", "avg",
        "100 for a case within its SLA, 0 for a breached one; empty without SLA.")
    rating = _measure("Satisfaction (0-10)", "avg", "The customer's rating; empty when not rated.")
    case_count = fields.Integer(string="Cases", readonly=True)

    @api.model
    def _drop_median(self):
        """Drop the median aggregate (uninstallation)."""
        self.env.cr.execute("""
            DROP AGGREGATE IF EXISTS interaction_median(double precision);
            DROP FUNCTION IF EXISTS interaction_median_final(double precision[]);
        """)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(MEDIAN_SQL)
        self.env.cr.execute("""
            CREATE VIEW interaction_report AS (
                SELECT c.id, c.id AS case_id, c.number, c.team_id, c.user_id,
                       c.company_id, c.partner_id, c.priority, c.state,
                       c.channel, c.create_date,
                       c.first_response_date, c.date_closed,
                       c.first_response_time AS first_response_hours,
                       c.first_response_time AS first_response_hours_median,
                       c.resolution_time AS resolution_hours,
                       c.resolution_time AS resolution_hours_median,
                       c.sla_status,
                       CASE c.sla_status WHEN 'breached' THEN 0.0
                                         WHEN 'none' THEN NULL ELSE 100.0 END
                           AS sla_compliance,
                       CASE WHEN c.rating_last_value > 0 THEN c.rating_last_value END
                           AS rating,
                       1 AS case_count
                  FROM interaction_case c
            )""")
        # the analysis opens on the last 30 days: read only those cases
        if not tools.index_exists(self.env.cr, "interaction_case_create_date_index"):
            tools.create_index(self.env.cr, "interaction_case_create_date_index",
                               "interaction_case", ["create_date"])
