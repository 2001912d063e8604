# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's home and case list with 10,000 cases of their
organization: the count on /my, the list it opens, another filter and
sort, a far page, and agents' unseen replies on the page.

Method: one case is created through the ORM, the others are copied from it
in one INSERT (numbers and tokens made unique), then the pages are
requested as the portal customer through Odoo's whole WSGI application
in-process (see bench_portal.py): queries counted on every cursor, median
of warm requests.
"""
import re

from bench_portal import _client, _measure

CASES = 10000
UNSEEN = 20
HOME_COUNT_RE = re.compile(r'o_portal_cases">\s*<span class="badge">(\d+)</span>')
ROWS_RE = re.compile(r'<tr>\s*<td><a href="/my/cases/\d+">')


def _setup(env):
    env = env(context={"mail_notrack": True, "tracking_disable": True,
                       "mail_create_nolog": True, "mail_notify_force_send": False})
    env["ir.config_parameter"].set_param("interaction_tracker.direct_messages", "True")
    organization = env["res.partner"].create({"name": "Bench List SA", "is_company": True})
    env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench List Customer", "login": "bench_list_customer",
        "parent_id": organization.id, "email": "bench.list@example.com",
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
    first = env["interaction.case"].create({"name": "Bench list case 0",
                                           "partner_id": organization.id})
    # a third of the cases are finished
    env.cr.execute("""
        INSERT INTO interaction_case (name, number, partner_id, commercial_partner_id,
                                      company_id, state, access_token, messages_blocked,
                                      create_uid, write_uid, create_date, write_date)
        SELECT 'Bench list case ' || n, c.number || '-' || n, c.partner_id,
               c.commercial_partner_id, c.company_id,
               CASE WHEN n %% 3 = 0 THEN 'done' ELSE 'open' END, md5(random()::text || n),
               FALSE, c.create_uid, c.write_uid,
               c.create_date - n * interval '1 minute', c.write_date
          FROM interaction_case c, generate_series(1, %s) n
         WHERE c.id = %s
    """, (CASES - 1, first.id))
    env.cr.execute("SELECT max(id) FROM interaction_case")
    newest = env["interaction.case"].browse(env.cr.fetchone()[0])
    agent = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench List Agent", "login": "bench_list_agent", "email": "list.agent@example.com",
        "groups_id": [(6, 0, [env.ref("interaction_tracker.group_user").id])]})
    for index in range(UNSEEN):
        env["interaction.communication"].sudo(agent).create({
            "case_id": (first if index % 2 else newest).id, "kind": "message",
            "direction": "outgoing", "body": "<p>Answer %s</p>" % index})
    env.cr.execute("ANALYZE interaction_case")
    # throw-away bench database: the WSGI application reads with its own cursors
    env.cr.commit()  # pylint: disable=invalid-commit


def run(env, bench):
    _setup(env)
    client = _client(env, "bench_list_customer")
    home = client.get("/my/home").get_data(as_text=True)
    count = int(HOME_COUNT_RE.search(home).group(1))
    listing = client.get("/my/cases").get_data(as_text=True)
    customer = env["res.users"].search([("login", "=", "bench_list_customer")])
    expected = env["interaction.case"].sudo(customer).search_count(
        [("state", "in", ("new", "open"))])
    assert count == expected, (count, expected)
    assert "o_interaction_unseen" in listing
    agreement = "count on /my: %s open cases = the list's total" % count
    pages = [
        ("customer's home /my (count of open cases)", "/my/home", agreement),
        ("case list /my/cases (open, newest first, page 1)", "/my/cases", ""),
        ("case list, all, by subject", "/my/cases?filterby=all&sortby=name", ""),
        ("case list, closed, by number, page 100", "/my/cases/page/100?filterby=closed"
         "&sortby=number", ""),
    ]
    for operation, url, note in pages:
        queries, median_ms = _measure(lambda url=url: client.get(url))
        bench.add(operation + " (HTTP, in-process)", "%s cases" % CASES, queries, median_ms,
                  int(1000.0 / median_ms) if median_ms else 0, note)
