# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Teams and assignment, priority and waiting, SLA clocks on working hours,
the cases analysis and who may see what of them."""
from collections import Counter
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import CustomerCase, create_user

TEAM_MAIL = """From: Joe Dalton <joe@dalton.example.com>
To: %(alias)s@support.example
Subject: Lift stuck again
Message-Id: <%(msgid)s@dalton.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The lift is stuck between two floors.
"""


def _dt(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


class ServiceCase(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent3 = create_user(cls.env, "it_agent3", ["interaction_tracker.group_user"])
        cls.Team = cls.env["interaction.team"]
        cls.Case = cls.env["interaction.case"]
        cls.Policy = cls.env["interaction.sla.policy"]
        cls.members = cls.user_agent | cls.user_agent2 | cls.agent3

    def _team(self, method, members=None, **values):
        values.update({"name": "Team %s" % method, "assignment_method": method,
                       "member_ids": [(6, 0, (members if members is not None
                                              else self.members).ids)]})
        return self.Team.create(values)

    def _case(self, user=None, **values):
        values.setdefault("name", "Broken lift")
        values.setdefault("partner_id", self.customer.id)
        return self.Case.sudo(user or self.user_agent).create(values)


class TestTeams(ServiceCase):

    def test_round_robin_fairness(self):
        """100 cases created by RPC without responsible: each member in turn."""
        team = self._team("round_robin")
        cases = self.Case.browse()
        for index in range(100):
            cases |= self._case(team_id=team.id, user_id=False, name="Case %s" % index)
        counts = Counter(cases.mapped("user_id").ids and [c.user_id.id for c in cases])
        self.assertEqual(sorted(counts.values()), [33, 33, 34])
        self.assertEqual(set(counts), set(self.members.ids))
        # the order cycles: three consecutive cases go to three members
        ordered = cases.sorted("id")
        for start in range(0, 99, 3):
            self.assertEqual(len(set(ordered[start:start + 3].mapped("user_id").ids)), 3)
        self.assertTrue(all(case.date_assigned for case in cases))

    def test_least_loaded_fairness(self):
        """The member with the fewest open cases gets the next one; after 100
        cases the loads differ by one at most; ties go to the longest idle."""
        team = self._team("least_loaded")
        for _index in range(6):
            self._case(user_id=self.user_agent.id)
        for _index in range(3):
            self._case(user_id=self.user_agent2.id)
        first = self._case(team_id=team.id, user_id=False)
        self.assertEqual(first.user_id, self.agent3)
        for _index in range(99):
            self._case(team_id=team.id, user_id=False)
        loads = {user: self.Case.search_count([("user_id", "=", user.id),
                                               ("state", "in", ("new", "open", "pending"))])
                 for user in self.members}
        self.assertLessEqual(max(loads.values()) - min(loads.values()), 1, loads)
        self.assertEqual(sum(loads.values()), 109)
        # closing cases of a member makes them the least loaded
        self.Case.search([("user_id", "=", self.user_agent2.id)], limit=5).write(
            {"state": "done"})
        self.assertEqual(self._case(team_id=team.id, user_id=False).user_id,
                         self.user_agent2)

    def test_least_loaded_tie_goes_to_longest_idle(self):
        team = self._team("least_loaded", members=self.user_agent | self.user_agent2)
        older = self._case(user_id=self.user_agent2.id)
        newer = self._case(user_id=self.user_agent.id)
        self.env.cr.execute("UPDATE interaction_case SET date_assigned = %s WHERE id = %s",
                            (fields.Datetime.now(), newer.id))
        self.env.cr.execute("UPDATE interaction_case SET date_assigned = %s WHERE id = %s",
                            ("2020-01-01 00:00:00", older.id))
        self.Case.invalidate_cache()
        self.assertEqual(self._case(team_id=team.id, user_id=False).user_id, self.user_agent2)

    def test_manual_team_and_explicit_responsible(self):
        manual = self._team("manual")
        case = self._case(team_id=manual.id)
        self.assertEqual(case.user_id, self.user_agent, "the default responsible stays")
        auto = self._team("round_robin")
        case = self._case(team_id=auto.id, user_id=self.user_agent2.id)
        self.assertEqual(case.user_id, self.user_agent2, "a chosen responsible is kept")

    def test_team_change_reassigns(self):
        team = self._team("round_robin", members=self.agent3)
        case = self._case(user_id=self.user_agent.id)
        case.write({"team_id": team.id})
        self.assertEqual(case.user_id, self.agent3)
        # a closed case moved to a team keeps its responsible
        closed = self._case(user_id=self.user_agent.id)
        closed.write({"state": "done"})
        closed.write({"team_id": team.id})
        self.assertEqual(closed.user_id, self.user_agent)

    def test_onchange_team_clears_responsible(self):
        team = self._team("least_loaded")
        case = self.Case.new({"name": "x", "user_id": self.user_agent.id, "team_id": team.id})
        case._onchange_team_id()
        self.assertFalse(case.user_id)

    def test_team_alias_opens_case_in_team(self):
        self.env["ir.config_parameter"].set_param("mail.catchall.domain", "support.example")
        team = self._team("round_robin", members=self.user_agent2, alias_name="lifts")
        self.assertEqual(team.alias_id.alias_model_id.model, "interaction.case")
        self.env["mail.thread"].message_process(
            "interaction.case", TEAM_MAIL % {"alias": "lifts", "msgid": "team-1"})
        case = self.Case.search([("name", "=", "Lift stuck again")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.team_id, team)
        self.assertEqual(case.user_id, self.user_agent2)
        self.assertEqual(case.channel, "email")

    def test_portal_case_goes_to_portal_team(self):
        portal = create_user(self.env, "it_portal_team", ["base.group_portal"],
                             partner_id=self.joe.id)
        case = self.Case.browse(self.Case.sudo(portal).portal_create_case("No team"))
        self.assertFalse(case.team_id)
        team = self._team("round_robin", members=self.agent3)
        self.env["ir.config_parameter"].set_param("interaction_tracker.portal_team_id",
                                                  str(team.id))
        case = self.Case.browse(self.Case.sudo(portal).portal_create_case("Door jammed"))
        self.assertEqual(case.team_id, team)
        self.assertEqual(case.user_id, self.agent3)
        # a stale or broken parameter is ignored
        for value in ("999999", "abc"):
            self.env["ir.config_parameter"].set_param(
                "interaction_tracker.portal_team_id", value)
            case = self.Case.browse(self.Case.sudo(portal).portal_create_case("Again"))
            self.assertFalse(case.team_id)

    def test_team_without_members_refused(self):
        with self.assertRaisesRegex(ValidationError, "at least one member"):
            self._team("round_robin", members=self.env["res.users"])
        team = self._team("round_robin")
        with self.assertRaisesRegex(ValidationError, "at least one member"):
            team.write({"member_ids": [(5, 0, 0)]})
        manual = self._team("manual", members=self.env["res.users"])
        self.assertFalse(manual.member_ids)

    def test_member_leaving_with_open_cases(self):
        team = self._team("round_robin", members=self.user_agent | self.user_agent2)
        case = self._case(team_id=team.id, user_id=self.user_agent.id)
        done = self._case(team_id=team.id, user_id=self.user_agent.id)
        done.write({"state": "done"})
        team.write({"member_ids": [(3, self.user_agent.id)]})
        self.assertEqual(case.user_id, self.user_agent2, "reassigned to who is left")
        self.assertEqual(done.user_id, self.user_agent, "closed cases keep their responsible")
        # a manual team: the case stays with its responsible, the feed says so
        manual = self._team("manual", members=self.user_agent | self.user_agent2)
        kept = self._case(team_id=manual.id, user_id=self.user_agent.id)
        manual.write({"member_ids": [(3, self.user_agent.id)]})
        self.assertEqual(kept.user_id, self.user_agent)
        self.assertIn("left the team", kept.message_ids[0].body)

    def test_archived_member_not_assigned(self):
        team = self._team("round_robin", members=self.user_agent | self.agent3)
        self.agent3.active = False
        users = {self._case(team_id=team.id, user_id=False).user_id for _i in range(4)}
        self.assertEqual(users, {self.user_agent})

    def test_access(self):
        team = self._team("manual")
        policy = self.Policy.create({"name": "Std", "first_response_hours": 1,
                                     "resolution_hours": 2})
        for record in (team, policy):
            record.sudo(self.user_agent).read(["name"])
            with self.assertRaises(AccessError):
                record.sudo(self.user_agent).write({"name": "Hacked"})
            record.sudo(self.user_manager).write({"name": "Renamed"})
            for user in (self.user_portal, self.user_employee):
                with self.assertRaises(AccessError):
                    record.sudo(user).read(["name"])
        with self.assertRaises(AccessError):
            self.Team.sudo(self.user_agent).create({"name": "Mine"})


class TestPending(ServiceCase):

    def test_pending_and_customer_reply(self):
        case = self._case()
        case.action_open()
        case.sudo(self.user_agent).action_pending()
        self.assertEqual(case.state, "pending")
        self.assertFalse(case.date_closed)
        # the customer answers: the case is in progress again
        self.env["interaction.communication"].create({
            "case_id": case.id, "kind": "email", "direction": "incoming",
            "sender_id": self.joe.id, "recipient_id": self.user_agent.partner_id.id,
            "subject": "Re: lift", "body": "<p>Still broken</p>", "processed": False})
        self.assertEqual(case.state, "open")

    def test_portal_message_reopens(self):
        self.env["ir.config_parameter"].set_param("interaction_tracker.direct_messages", "True")
        portal = create_user(self.env, "it_portal_joe", ["base.group_portal"],
                             partner_id=self.joe.id)
        case = self._case(requester_id=self.joe.id)
        case.write({"state": "pending"})
        self.assertTrue(case.sudo(portal)._portal_can_post())
        case.sudo(portal).portal_post_message("Here is the photo")
        self.assertEqual(case.state, "open")

    def test_pending_only_from_running_case(self):
        case = self._case()
        case.write({"state": "done"})
        with self.assertRaisesRegex(Exception, "in progress"):
            case.action_pending()
        with self.assertRaises(Exception):
            self._case(state="pending")

    def test_priority(self):
        case = self._case(priority="3")
        self.assertEqual(case.priority, "3")
        self.assertEqual(self._case().priority, "1")
        with self.assertRaises(ValidationError):
            self._case(priority="9")


class TestSla(ServiceCase):
    """Working hours Monday to Friday 9:00-17:00 UTC; Monday 2025-11-10 is a
    public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Support hours",
            "attendance_ids": [(0, 0, {"name": "Day %s" % day, "dayofweek": str(day),
                                       "hour_from": 9, "hour_to": 17})
                               for day in range(5)],
        })
        cls.env["resource.calendar.leaves"].create({
            "name": "Holiday", "calendar_id": cls.calendar.id,
            "date_from": "2025-11-10 00:00:00", "date_to": "2025-11-10 23:59:59"})
        cls.team = cls.Team.create({"name": "Support", "assignment_method": "manual"})
        cls.policy = cls.Policy.create({
            "name": "Standard", "team_id": cls.team.id, "first_response_hours": 4,
            "resolution_hours": 16, "calendar_id": cls.calendar.id, "tz": "UTC"})

    def _case_created_at(self, when, **values):
        case = self._case(team_id=self.team.id, **values)
        self.env.cr.execute("UPDATE interaction_case SET create_date = %s WHERE id = %s",
                            (when, case.id))
        case.invalidate_cache()
        case._sla_update(_dt(when[:16]))
        return case

    def test_plan_hours_weekend_holiday(self):
        start = _dt("2025-11-07 15:00")  # a Friday
        self.assertEqual(self.calendar._interaction_plan_hours(start, 4, "UTC"),
                         _dt("2025-11-11 11:00"))
        self.assertEqual(self.calendar._interaction_work_hours(
            start, _dt("2025-11-11 11:00"), "UTC"), 4.0)
        # the same hours in Paris: 9:00-17:00 local is 8:00-16:00 UTC in November
        self.assertEqual(self.calendar._interaction_plan_hours(start, 4, "Europe/Paris"),
                         _dt("2025-11-11 11:00"))

    def test_deadlines_across_weekend_holiday_and_pause(self):
        case = self._case_created_at("2025-11-07 15:00:00")
        self.assertEqual(case.sla_policy_id, self.policy)
        # Friday 2 h, weekend, Monday holiday, Tuesday 2 h
        self.assertEqual(case.first_response_deadline, "2025-11-11 11:00:00")
        # Friday 2 h, Tuesday 8 h, Wednesday 6 h
        self.assertEqual(case.resolution_deadline, "2025-11-12 15:00:00")
        self.assertEqual(case.sla_status, "ok")
        # an agent answers on Tuesday 9:30: first response on time
        self.env["interaction.communication"].create({
            "case_id": case.id, "kind": "exchange", "direction": "outgoing",
            "sender_id": self.user_agent.partner_id.id, "recipient_id": self.joe.id,
            "body": "<p>We are on it</p>", "date": "2025-11-11 09:30:00"})
        self.assertEqual(case.first_response_date, "2025-11-11 09:30:00")
        # waiting on the customer from Tuesday 10:00 to Wednesday 12:00:
        # 7 + 3 working hours do not count
        case.write({"state": "pending"})
        case.sudo().write({"sla_pause_start": "2025-11-11 10:00:00"})
        case._sla_update(_dt("2025-11-12 16:00"))
        self.assertEqual(case.sla_status, "ok", "the clock stopped at 10:00 on Tuesday")
        case._sla_resume(_dt("2025-11-12 12:00"))
        case.write({"state": "open"})
        self.assertEqual(case.sla_paused_hours, 10.0)
        # 16 + 10 hours: Friday 2, Tuesday 8, Wednesday 8, Thursday 8; 4 + 10:
        # Wednesday 13:00
        self.assertEqual(case.resolution_deadline, "2025-11-13 17:00:00")
        self.assertEqual(case.first_response_deadline, "2025-11-12 13:00:00")
        case._sla_update(_dt("2025-11-13 12:00"))
        self.assertEqual(case.sla_status, "ok")
        # less than 20 % left (3.2 h of 16): at risk from 13:48
        case._sla_update(_dt("2025-11-13 14:00"))
        self.assertEqual(case.sla_status, "at_risk")
        case._sla_update(_dt("2025-11-13 17:30"))
        self.assertEqual(case.sla_status, "breached")
        self.assertIn(case, self.Case.search([("sla_status", "=", "breached")]))

    def test_first_response_breached(self):
        case = self._case_created_at("2025-11-07 15:00:00")
        self.env["interaction.communication"].create({
            "case_id": case.id, "kind": "exchange", "direction": "outgoing",
            "sender_id": self.user_agent.partner_id.id, "recipient_id": self.joe.id,
            "body": "<p>Late</p>", "date": "2025-11-11 12:00:00"})
        case._sla_update(_dt("2025-11-11 12:00"))
        self.assertEqual(case.sla_status, "breached")

    def test_policy_choice(self):
        urgent = self.Policy.create({
            "name": "Urgent", "team_id": self.team.id, "priority": "3",
            "first_response_hours": 1, "resolution_hours": 4, "tz": "UTC"})
        generic = self.Policy.create({
            "name": "Any team", "first_response_hours": 8, "resolution_hours": 80,
            "tz": "UTC"})
        self.assertEqual(self._case(team_id=self.team.id, priority="3").sla_policy_id, urgent)
        self.assertEqual(self._case(team_id=self.team.id).sla_policy_id, self.policy)
        self.assertEqual(self._case().sla_policy_id, generic)
        case = self._case(team_id=self.team.id)
        case.write({"priority": "3"})
        self.assertEqual(case.sla_policy_id, urgent)
        urgent.unlink()
        self.assertEqual(case.sla_policy_id, self.policy)

    def test_cron_one_activity(self):
        policy = self.Policy.create({
            "name": "Around the clock", "first_response_hours": 10,
            "resolution_hours": 10, "tz": "UTC"})
        case = self._case(user_id=self.user_agent2.id)
        self.assertEqual(case.sla_policy_id, policy)
        nine_hours_ago = datetime.utcnow() - timedelta(hours=9)
        self.env.cr.execute("UPDATE interaction_case SET create_date = %s WHERE id = %s",
                            (nine_hours_ago, case.id))
        case.invalidate_cache()
        case._sla_update(nine_hours_ago)
        self.assertEqual(case.sla_status, "ok")
        self.Case._cron_sla_check()
        self.assertEqual(case.sla_status, "at_risk")
        self.Case._cron_sla_check()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "interaction.case"), ("res_id", "=", case.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_agent2)
        self.assertIn(case, self.Case.search([("sla_status", "=", "at_risk")]))

    def test_bad_policies(self):
        for hours in (0, -2):
            with self.assertRaisesRegex(ValidationError, "positive number of hours"):
                self.Policy.create({"name": "Bad", "first_response_hours": hours,
                                    "resolution_hours": 8, "tz": "UTC"})
        with self.assertRaisesRegex(ValidationError, "after the resolution"):
            self.Policy.create({"name": "Bad", "first_response_hours": 9,
                                "resolution_hours": 8, "tz": "UTC"})
        empty = self.env["resource.calendar"].create(
            {"name": "Nobody works", "attendance_ids": [(5, 0, 0)]})
        self.assertFalse(empty.attendance_ids)
        with self.assertRaisesRegex(ValidationError, "no working time"):
            self.Policy.create({"name": "Bad", "first_response_hours": 1,
                                "resolution_hours": 8, "calendar_id": empty.id, "tz": "UTC"})

    def test_agent_cannot_set_sla_values(self):
        case = self._case(team_id=self.team.id)
        for values in ({"sla_status": "ok"}, {"first_response_date": "2025-11-07 15:01:00"},
                       {"sla_paused_hours": 100.0}, {"date_assigned": False}):
            with self.assertRaisesRegex(AccessError, "computed"):
                case.sudo(self.user_agent).write(values)
        with self.assertRaisesRegex(AccessError, "computed"):
            self._case(sla_status="ok")
        self.assertFalse(case.first_response_date)

    def test_calendar_emptied_after_policy(self):
        """Working hours emptied once the policy is saved: the clocks run
        around the clock instead of refusing the case."""
        calendar = self.calendar.copy({"name": "Soon empty"})
        policy = self.Policy.create({
            "name": "Emptied", "priority": "0", "team_id": self.team.id,
            "first_response_hours": 2, "resolution_hours": 4,
            "calendar_id": calendar.id, "tz": "UTC"})
        calendar.attendance_ids.unlink()
        case = self._case_created_at("2025-11-08 10:00:00", priority="0")  # a Saturday
        self.assertEqual(case.sla_policy_id, policy)
        self.assertEqual(case.first_response_deadline, "2025-11-08 12:00:00")
        self.assertEqual(case.resolution_deadline, "2025-11-08 14:00:00")

    def test_portal_cannot_read_sla(self):
        portal = create_user(self.env, "it_portal_sla", ["base.group_portal"],
                             partner_id=self.joe.id)
        case = self._case(team_id=self.team.id)
        case.sudo(portal).read(["name", "state"])
        for field in ("sla_status", "resolution_deadline", "sla_policy_id"):
            with self.assertRaises(AccessError):
                case.sudo(portal).read([field])


class TestReport(ServiceCase):

    def test_report_rows_and_company_rule(self):
        team = self._team("round_robin")
        self.Policy.create({"name": "Fast", "team_id": team.id, "first_response_hours": 1,
                            "resolution_hours": 2, "tz": "UTC"})
        cases = self.Case.browse()
        for _index in range(3):
            cases |= self._case(team_id=team.id, user_id=False)
        self.env["interaction.communication"].create({
            "case_id": cases[0].id, "kind": "call", "direction": "incoming",
            "sender_id": self.joe.id, "recipient_id": self.user_agent.partner_id.id})
        cases[0].write({"state": "done"})
        Report = self.env["interaction.report"].sudo(self.user_agent)
        groups = Report.read_group(
            [("team_id", "=", team.id)],
            ["team_id", "case_count", "first_response_hours", "resolution_hours", "sla_compliance"],
            ["team_id"])
        self.assertEqual(groups[0]["case_count"], 3)
        self.assertEqual(groups[0]["sla_compliance"], 100.0)
        self.assertIsNotNone(groups[0]["resolution_hours"])
        by_channel = Report.read_group([("team_id", "=", team.id)], ["channel", "case_count"],
                                       ["channel"])
        self.assertIn("call", [group["channel"] for group in by_channel])
        # another company's cases stay out of the agent's analysis
        other = self.env["res.company"].create({"name": "Other company"})
        foreign = self.Case.create({"name": "Foreign", "company_id": other.id,
                                    "user_id": False})
        self.assertFalse(Report.search([("case_id", "=", foreign.id)]))
        self.assertTrue(self.env["interaction.report"].search([("case_id", "=", foreign.id)]))
        for user in (self.user_portal, self.user_employee):
            with self.assertRaises(AccessError):
                self.env["interaction.report"].sudo(user).search([])

    def test_median(self):
        self.env.cr.execute("SELECT interaction_median(x) FROM unnest(ARRAY[1, 2, 10]::float8[]) x")
        self.assertEqual(self.env.cr.fetchone()[0], 2.0)
