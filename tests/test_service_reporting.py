# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cases analysis (averages by default, medians on request), the
service levels dashboard and who reaches it, the channel of the cases
opened before the case kept it."""
import datetime
import importlib.util
import os

from lxml import etree

from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path
from odoo.tools import index_exists
from odoo.tools.safe_eval import safe_eval

from .test_service_levels import ServiceCase

MEASURES = ["case_count", "first_response_hours", "resolution_hours",
            "first_response_hours_median", "resolution_hours_median"]
# (hours to the first response, hours to the closing or None while running)
TIMES = [(1, 4), (2, 10), (6, None)]


def _migration(name):
    """The module's upgrade script ``name`` to 11.0.1.1.0."""
    path = os.path.join(get_module_path("interaction_tracker"), "migrations",
                        "11.0.1.1.0", "%s.py" % name)
    spec = importlib.util.spec_from_file_location("interaction_%s" % name.replace("-", "_"),
                                                  path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


class TestReportFigures(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.Team.create({"name": "Figures", "assignment_method": "manual"})
        cls.cases = cls.Case.browse()
        for response, closing in TIMES:
            case = cls.Case.create({"name": "Figures", "team_id": cls.team.id,
                                    "partner_id": cls.customer.id})
            cls.env.cr.execute("""
                UPDATE interaction_case
                   SET create_date = '2025-11-03 08:00',
                       first_response_date = '2025-11-03 08:00'::timestamp + %s * interval '1 hour',
                       date_closed = '2025-11-03 08:00'::timestamp + %s * interval '1 hour',
                       state = %s
                 WHERE id = %s""", (response, closing, "done" if closing else "open", case.id))
            cls.cases |= case
        cls.cases._fill_report_times()

    def _figures(self, user=None):
        Report = self.env["interaction.report"].sudo(user or self.user_agent)
        return Report.read_group([("team_id", "=", self.team.id)], ["team_id"] + MEASURES,
                                 ["team_id"])[0]

    def test_averages_and_medians(self):
        figures = self._figures()
        self.assertEqual(figures["case_count"], 3)
        self.assertAlmostEqual(figures["first_response_hours"], 3.0)
        self.assertAlmostEqual(figures["first_response_hours_median"], 2.0)
        # the running case has no resolution time: (4 + 10) / 2, not / 3
        self.assertAlmostEqual(figures["resolution_hours"], 7.0)
        self.assertAlmostEqual(figures["resolution_hours_median"], 7.0)

    def test_times_stored_on_the_case(self):
        self.assertEqual(self.cases.mapped("first_response_time"), [1.0, 2.0, 6.0])
        self.assertEqual(self.cases.mapped("resolution_time"), [4.0, 10.0, 0.0])
        # kept as the cases change, as the upgrade fills them
        case = self.Case.create({"name": "Timed", "team_id": self.team.id,
                                 "partner_id": self.customer.id})
        self.env.cr.execute("UPDATE interaction_case SET create_date = '2025-11-03 08:00' "
                            "WHERE id = %s", (case.id,))
        case.invalidate_cache()
        case.sudo()._sla_first_response("2025-11-03 09:30:00")
        self.assertEqual(case.first_response_time, 1.5)
        self.assertEqual(case.resolution_time, 0.0)
        case.write({"state": "done"})
        case.sudo().write({"date_closed": "2025-11-04 08:00:00"})
        self.assertEqual(case.resolution_time, 24.0)
        case.write({"state": "open"})
        self.assertEqual(case.resolution_time, 0.0)
        self.assertFalse(self.env["interaction.report"].search(
            [("case_id", "=", case.id)]).resolution_hours)
        case.write({"state": "done"})
        computed = (case.first_response_time, case.resolution_time)
        self.env.cr.execute("UPDATE interaction_case SET first_response_time = -1, "
                            "resolution_time = -1 WHERE id = %s", (case.id,))
        case._fill_report_times()
        self.assertEqual((case.first_response_time, case.resolution_time), computed)
        self.assertEqual(self.cases.mapped("first_response_time"), [1.0, 2.0, 6.0])
        self.Case._fill_report_times(every_case=True)
        self.assertEqual((case.first_response_time, case.resolution_time), computed)

    def test_times_not_written_by_users(self):
        case = self.cases[0]
        for user in (self.user_agent, self.user_manager):
            for values in ({"first_response_time": 0.1}, {"resolution_time": 0.1}):
                with self.assertRaises(AccessError):
                    case.sudo(user).write(values)
                with self.assertRaises(AccessError):
                    self.Case.sudo(user).create(dict(values, name="Fast", team_id=self.team.id))
        with self.assertRaises(AccessError):
            case.sudo(self.user_portal).read(["first_response_time"])
        self.assertEqual(case.first_response_time, 1.0)

    def test_upgrade_fills_the_times(self):
        self.env.cr.execute("UPDATE interaction_case SET first_response_time = NULL, "
                            "resolution_time = NULL WHERE id IN %s", (tuple(self.cases.ids),))
        _migration("pre-migration").migrate(self.env.cr, "11.0.1.0.0")
        self.cases.invalidate_cache()
        self.assertEqual(self.cases.mapped("first_response_time"), [1.0, 2.0, 6.0])
        self.assertEqual(self.cases.mapped("resolution_time"), [4.0, 10.0, 0.0])

    def test_median_in_parallel_workers(self):
        # a plan with parallel workers merges their values before the median
        self.env.cr.execute("""
            SET LOCAL parallel_setup_cost = 0;
            SET LOCAL parallel_tuple_cost = 0;
            SET LOCAL min_parallel_table_scan_size = 0;
            SET LOCAL max_parallel_workers_per_gather = 2
        """)
        self.env.cr.execute("""
            SELECT interaction_median(first_response_hours_median),
                   interaction_median(resolution_hours_median)
              FROM interaction_report WHERE team_id = %s""", (self.team.id,))
        self.assertEqual(self.env.cr.fetchone(), (2.0, 7.0))
        self.env.cr.execute("SELECT interaction_median(x) FROM unnest('{}'::float8[]) x")
        self.assertIsNone(self.env.cr.fetchone()[0])

    def test_default_pivot_without_medians(self):
        """The default pivot asks for averages: the medians sort every value of a
        group and are chosen in the Measures menu when wanted."""
        arch = etree.fromstring(self.env.ref(
            "interaction_tracker.interaction_report_view_pivot").arch)
        measures = [node.get("name") for node in arch.xpath("//field[@type='measure']")]
        self.assertIn("first_response_hours", measures)
        self.assertIn("resolution_hours", measures)
        self.assertFalse([name for name in measures if name.endswith("_median")])
        Report = self.env["interaction.report"]
        self.assertEqual(Report._fields["first_response_hours"].group_operator, "avg")
        self.assertEqual(Report._fields["resolution_hours_median"].group_operator,
                         "interaction_median")

    def test_creation_date_index(self):
        self.assertTrue(index_exists(self.env.cr, "interaction_case_create_date_index"))
        self.env.cr.execute("""
            SET LOCAL enable_seqscan = off;
            EXPLAIN SELECT count(*) FROM interaction_report
             WHERE create_date >= now() - interval '30 days'""")
        plan = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("interaction_case_create_date_index", plan)

    def test_who_reads_the_figures(self):
        self.assertEqual(self._figures(self.user_manager)["case_count"], 3)
        for user in (self.user_employee, self.user_portal):
            with self.assertRaises(AccessError):
                self._figures(user)


class TestDashboard(ServiceCase):

    def _blocks(self):
        arch = etree.fromstring(self.env.ref(
            "interaction_tracker.interaction_dashboard_view_form").arch)
        return [self.env["ir.actions.act_window"].browse(int(node.get("name")))
                for node in arch.xpath("//board/column/action")]

    def _run_block(self, action, user):
        """What the dashboard asks for a block, as the web client evaluates it."""
        domain = safe_eval(action.domain or "[]", {
            "context_today": lambda: datetime.date.today(), "datetime": datetime})
        context = safe_eval(action.context or "{}")
        Model = self.env[action.res_model].sudo(user)
        if "graph_groupbys" in context:
            groupby = context["graph_groupbys"][0]
            return Model.read_group(domain, [context["graph_measure"], groupby.split(":")[0]],
                                    [groupby])
        return Model.search(domain)

    def test_board_shows_the_service_views(self):
        action = self.env.ref("interaction_tracker.interaction_dashboard_action")
        self.assertEqual(action.res_model, "board.board")
        self.assertEqual(action.view_id, self.env.ref(
            "interaction_tracker.interaction_dashboard_view_form"))
        blocks = self._blocks()
        self.assertEqual([block.res_model for block in blocks], [
            "interaction.case", "interaction.report", "interaction.report",
            "interaction.report"])
        measures = {safe_eval(block.context or "{}").get("graph_measure") for block in blocks}
        self.assertEqual(measures, {None, "case_count", "first_response_hours", "rating"})

    def test_blocks_answer_for_agents(self):
        team = self.Team.create({"name": "Watched", "assignment_method": "manual"})
        late = self._case(team_id=team.id)
        ontime = self._case(team_id=team.id)
        self.env.cr.execute("UPDATE interaction_case SET sla_status = 'breached' WHERE id = %s",
                            (late.id,))
        late.invalidate_cache()
        watch, by_status, response, rating = self._blocks()
        for user in (self.user_agent, self.user_manager):
            watched = self._run_block(watch, user)
            self.assertIn(late, watched)
            self.assertNotIn(ontime, watched)
            groups = self._run_block(by_status, user)
            team_groups = [group for group in groups if group["team_id"]
                           and group["team_id"][0] == team.id]
            self.assertEqual(team_groups[0]["case_count"], 2)
            self.assertTrue(self._run_block(response, user))
            self._run_block(rating, user)
        late.write({"state": "done"})
        self.assertNotIn(late, self._run_block(watch, self.user_agent))

    def test_only_agents_reach_the_dashboard(self):
        menu = self.env.ref("interaction_tracker.interaction_report_menu_dashboard")
        Menu = self.env["ir.ui.menu"]
        for user in (self.user_agent, self.user_manager):
            self.assertIn(menu.id, Menu.sudo(user)._visible_menu_ids())
        late = self._case()
        watch, by_status, response, rating = self._blocks()
        self.assertNotIn(menu.id, Menu.sudo(self.user_employee)._visible_menu_ids())
        for user in (self.user_employee, self.user_portal):
            for block in (by_status, response, rating):
                with self.assertRaises(AccessError):
                    self._run_block(block, user)
        with self.assertRaises(AccessError):
            self._run_block(watch, self.user_employee)
        self.env.cr.execute("UPDATE interaction_case SET sla_status = 'breached' WHERE id = %s",
                            (late.id,))
        self.assertNotIn(late.id, self._run_block(watch, self.user_portal).ids)


class TestChannelBackfill(ServiceCase):

    def _communication(self, case, kind, date, state="done"):
        return self.env["interaction.communication"].create({
            "case_id": case.id, "kind": kind, "direction": "incoming", "state": state,
            "body": "<p>The lift is stuck.</p>",
            "date": date, "sender_id": self.joe.id,
            "recipient_id": self.user_agent.partner_id.id})

    def _old_cases(self):
        """Cases as an installation before the channel field left them."""
        first_call = self._case()
        self._communication(first_call, "email", "2025-11-03 10:00:00", state="draft")
        self._communication(first_call, "exchange", "2025-11-03 12:00:00")
        self._communication(first_call, "call", "2025-11-03 11:00:00")
        silent = self._case()
        kept = self._case()
        self._communication(kept, "call", "2025-11-03 11:00:00")
        cases = first_call | silent | kept
        self.env.cr.execute("UPDATE interaction_case SET channel = NULL WHERE id IN %s",
                            (tuple((first_call | silent).ids),))
        self.env.cr.execute("UPDATE interaction_case SET channel = 'message' WHERE id = %s",
                            (kept.id,))
        cases.invalidate_cache()
        self.assertFalse(first_call.channel)
        return first_call, silent, kept

    def test_fill_missing_channels(self):
        first_call, silent, kept = self._old_cases()
        self.assertEqual(self.Case._fill_missing_channels(), 1)
        # the first done communication, by date: not the draft, not the latest
        self.assertEqual(first_call.channel, "call")
        self.assertFalse(silent.channel)
        self.assertEqual(kept.channel, "message")
        self.assertEqual(self.Case._fill_missing_channels(), 0)
        report = self.env["interaction.report"].search([("case_id", "=", first_call.id)])
        self.assertEqual(report.channel, "call")

    def test_upgrade_script(self):
        first_call, silent, kept = self._old_cases()
        _migration("post-migration").migrate(self.env.cr, "11.0.1.0.0")
        first_call.invalidate_cache()
        self.assertEqual(first_call.channel, "call")
        self.assertFalse(silent.channel)
        self.assertEqual(kept.channel, "message")
