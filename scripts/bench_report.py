# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service levels: the cases analysis and the teams kanban at 200,000 cases.

The cases are generated with plain SQL (teams, agents, channels, SLA
statuses, first response and closing dates, ratings on a part of them), then
analysed. As an agent (record rules active), as the web client calls
``read_group``: the pivot as it opens (team × week, last 30 days, default
measures) and on all cases, with and without the optional medians, a
grouping by channel with medians, the blocks of the dashboard (cases at risk
or breached, team × SLA status, first response by week, satisfaction by
team); and the teams kanban (open, unassigned, at-risk, breached counts per
team).
"""
import datetime
import sys

from odoo import fields

CASES = 200000
TEAMS = 8
AGENTS = 40
REPEAT = 10
# the measures the pivot opens with, and the optional medians
MEASURES = ["case_count", "first_response_hours", "resolution_hours", "sla_compliance",
            "rating"]
MEDIANS = ["first_response_hours_median", "resolution_hours_median"]


def generate(env):
    Users = env["res.users"].with_context(no_reset_password=True)
    group = env.ref("interaction_tracker.group_user").id
    agents = Users.browse([Users.create({
        "name": "Bench Report Agent %d" % i, "login": "bench_report_agent_%d" % i,
        "groups_id": [(6, 0, [group])]}).id for i in range(AGENTS)])
    teams = env["interaction.team"].browse([env["interaction.team"].create({
        "name": "Bench team %d" % i, "assignment_method": "manual",
        "alias_name": "bench-report-%d" % i}).id for i in range(TEAMS)])
    customer = env["res.partner"].create({"name": "Bench Report Customer", "is_company": True})
    company = env.ref("base.main_company").id
    env.cr.execute("""
        INSERT INTO interaction_case (name, number, partner_id, commercial_partner_id,
                                      user_id, team_id, company_id, state, priority,
                                      channel, sla_status, create_date, write_date,
                                      create_uid, write_uid, first_response_date,
                                      date_closed, rating_last_value, access_token,
                                      first_response_time, resolution_time)
        SELECT 'Bench report ' || n, 'BR/' || n, %(customer)s, %(customer)s,
               (%(agents)s)[1 + n %% %(agent_count)s], (%(teams)s)[1 + n %% %(team_count)s],
               %(company)s,
               (ARRAY['new', 'open', 'pending', 'done', 'done', 'done', 'cancel'])[1 + n %% 7],
               (n %% 4)::varchar,
               (ARRAY['email', 'call', 'message', 'exchange'])[1 + n %% 4],
               (ARRAY['ok', 'ok', 'ok', 'at_risk', 'breached', 'none'])[1 + n %% 6],
               now() - (n %% 365) * interval '1 day', now(), 1, 1,
               now() - (n %% 365) * interval '1 day' + (n %% 50) * interval '1 hour',
               CASE WHEN n %% 7 IN (3, 4, 5)
                    THEN now() - (n %% 365) * interval '1 day' + (n %% 200) * interval '1 hour'
               END,
               CASE WHEN n %% 5 = 0 THEN (ARRAY[1, 5, 10])[1 + n %% 3] ELSE 0 END,
               md5(n::text),
               n %% 50, CASE WHEN n %% 7 IN (3, 4, 5) THEN n %% 200 ELSE 0 END
          FROM generate_series(1, %(count)s) n
    """, {"customer": customer.id, "agents": agents.ids, "agent_count": AGENTS,
          "teams": teams.ids, "team_count": TEAMS, "company": company, "count": CASES})
    env.cr.execute("ANALYZE interaction_case")
    return agents[0], teams


def run(env, bench):
    sys.stderr.write("bench_report: generating %d cases...\n" % CASES)
    agent, teams = generate(env)
    Report = env["interaction.report"].sudo(agent)
    Team = env["interaction.team"].sudo(agent)
    Case = env["interaction.case"].sudo(agent)
    label = "%d cases, %d teams, %d agents" % (CASES, TEAMS, AGENTS)
    month_ago = ("create_date", ">=", fields.Datetime.to_string(
        datetime.datetime.now() - datetime.timedelta(days=30)))
    quarter_ago = ("create_date", ">=", fields.Datetime.to_string(
        datetime.datetime.now() - datetime.timedelta(days=90)))
    watch = [("sla_status", "in", ("at_risk", "breached")),
             ("state", "in", ("new", "open", "pending"))]
    for operation, function in [
            ("cases analysis as it opens: pivot team × week, last 30 days, default "
             "measures (count, average first response and resolution, SLA compliance, "
             "satisfaction)",
             lambda: Report.read_group([month_ago], ["team_id", "create_date"] + MEASURES,
                                       ["team_id", "create_date:week"], lazy=False)),
            ("cases analysis: pivot team × week, all cases, default measures",
             lambda: Report.read_group([], ["team_id", "create_date"] + MEASURES,
                                       ["team_id", "create_date:week"], lazy=False)),
            ("cases analysis: pivot team × week, all cases, default measures and medians",
             lambda: Report.read_group([], ["team_id", "create_date"] + MEASURES + MEDIANS,
                                       ["team_id", "create_date:week"], lazy=False)),
            ("cases analysis: by channel, all cases, medians",
             lambda: Report.read_group([], ["channel"] + MEDIANS, ["channel"])),
            ("dashboard: cases at risk or breached (list, first 80)",
             lambda: Case.search_read(watch, ["number", "name", "partner_id", "user_id",
                                              "sla_status", "state"], limit=80)),
            ("dashboard: graph team × SLA status, last 30 days",
             lambda: Report.read_group([month_ago], ["team_id", "sla_status", "case_count"],
                                       ["team_id", "sla_status"], lazy=False)),
            ("dashboard: graph first response by week, last 90 days",
             lambda: Report.read_group([quarter_ago], ["create_date", "first_response_hours"],
                                       ["create_date:week"])),
            ("dashboard: graph satisfaction by team, last 90 days",
             lambda: Report.read_group([quarter_ago, ("rating", ">", 0)],
                                       ["team_id", "rating"], ["team_id"])),
            ("dashboard: graph team × SLA status, all cases",
             lambda: Report.read_group([], ["team_id", "sla_status", "case_count"],
                                       ["team_id", "sla_status"], lazy=False)),
            ("teams kanban: open / unassigned / at risk / breached counts",
             lambda: Team.search_read([("id", "in", teams.ids)],
                                      ["name", "open_case_count", "unassigned_count",
                                       "at_risk_count", "breached_count"]))]:
        function()  # warm caches
        queries, median, per_second = bench.measure(env, function, repeat=REPEAT)
        bench.add(operation, label, queries, median, per_second)
    rows = Report.read_group([], ["team_id", "case_count"], ["team_id"])
    assert sum(row["case_count"] for row in rows) >= CASES
