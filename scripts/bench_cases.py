# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases: logging a call, reading the kanban and the case form.

As an agent (record rules active). Logging a call over the ORM, feed note
included, side by side with Odoo's own ``message_post`` of a note on a
contact. Reading the kanban of 80 cases and the form of one case (the
fields of the views, as the web client reads them), with 10 and with 2,000
communications per case: the communications and their feed messages are
generated with plain SQL (a few seconds). The exchanges panel's first page
(40 lines) is a separate read by the web client, measured separately.
XML-RPC needs a server: its count is measured by
tests/test_case_xmlrpc.py.
"""
import sys

CASES = 80
REPEAT = 20
VOLUMES = (10, 2000)


def generate(env):
    agent = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Agent", "login": "bench_case_agent",
        "email": "bench.agent@example.com",
        # Odoo's baseline posts on a contact: "Add / modify contacts" too
        "groups_id": [(6, 0, [env.ref("interaction_tracker.group_user").id,
                              env.ref("base.group_partner_manager").id])]})
    Partner = env["res.partner"]
    customer = Partner.create({"name": "Bench Customer", "is_company": True})
    contact = Partner.create({"name": "Bench Contact", "parent_id": customer.id,
                              "email": "contact@bench.example.com"})
    Case = env["interaction.case"].with_context(tracking_disable=True)
    cases = {}
    for volume in VOLUMES:
        cases[volume] = Case.browse([
            Case.create({"name": "Bench %d/%d" % (volume, i), "partner_id": customer.id,
                         "requester_id": contact.id, "user_id": agent.id}).id
            for i in range(CASES)])
        insert_communications(env, cases[volume], volume, contact, agent)
    env.cr.execute("ANALYZE interaction_communication")
    env.cr.execute("ANALYZE mail_message")
    return agent, contact, cases


def insert_communications(env, cases, per_case, contact, agent):
    """``per_case`` exchanges on each case (one reminder), each with its note
    in the case's feed, as the ORM would have made them."""
    cr = env.cr
    reminder = env.ref("interaction_tracker.exchange_type_reminder").id
    note = env.ref("mail.mt_note").id
    cr.execute("""
        INSERT INTO mail_message (model, res_id, body, subject, message_type, subtype_id,
                                  author_id, date, record_name, message_id,
                                  create_uid, write_uid, create_date, write_date)
        SELECT 'interaction.case', c.id, '<p>Detail ' || n || '</p>', 'Exchange ' || n,
               'notification', %(note)s, %(author)s, now() - n * interval '1 minute',
               c.name, '<bench-' || c.id || '-' || n || '@example.com>',
               %(uid)s, %(uid)s, now(), now()
          FROM interaction_case c, generate_series(1, %(count)s) n
         WHERE c.id IN %(cases)s
    """, {"note": note, "author": agent.partner_id.id, "uid": agent.id,
          "count": per_case, "cases": tuple(cases.ids)})
    cr.execute("""
        INSERT INTO interaction_communication
               (case_id, company_id, kind, direction, sender_id, recipient_id, subject,
                body, date, state, exchange_type_id, message_id,
                create_uid, write_uid, create_date, write_date)
        SELECT m.res_id, c.company_id, 'exchange',
               CASE WHEN m.id %% 2 = 0 THEN 'incoming' ELSE 'outgoing' END,
               %(contact)s, %(partner)s, m.subject, m.body, m.date, 'done',
               CASE WHEN m.subject = 'Exchange 1' THEN %(reminder)s END, m.id,
               %(uid)s, %(uid)s, now(), now()
          FROM mail_message m JOIN interaction_case c ON c.id = m.res_id
         WHERE m.model = 'interaction.case' AND m.res_id IN %(cases)s
    """, {"contact": contact.id, "partner": agent.partner_id.id, "reminder": reminder,
          "uid": agent.id, "cases": tuple(cases.ids)})


def view_fields(model, view_type):
    return sorted(model.fields_view_get(view_type=view_type)["fields"])


def measure_call(env, bench, agent, contact, case):
    Communication = env["interaction.communication"].sudo(agent)

    def log_call():
        Communication.create({
            "case_id": case.id, "kind": "call", "direction": "outgoing",
            "sender_id": agent.partner_id.id, "recipient_id": contact.id,
            "subject": "Lift", "body": "<p>Stuck on floor 3</p>"})

    log_call()  # warm caches
    partner = contact.sudo(agent)

    def post_note():
        partner.message_post(body="<p>Stuck on floor 3</p>", subject="Lift",
                             message_type="comment", subtype="mail.mt_note")

    post_note()
    base_queries, base_ms, _base_rate = bench.measure(env, post_note, repeat=REPEAT)
    queries, median, per_second = bench.measure(env, log_call, repeat=REPEAT)
    bench.add("log a call on a case as an agent (ORM, feed note included)",
              "case with 10 communications", queries, median, per_second,
              "message_post of a note on a res.partner: %d queries, %.2f ms"
              % (base_queries, base_ms))


def measure_reads(env, bench, agent, cases):
    Case = env["interaction.case"].sudo(agent)
    Communication = env["interaction.communication"].sudo(agent)
    kanban = view_fields(Case, "kanban")
    form = view_fields(Case, "form")
    panel = view_fields(Communication, "tree")
    for volume in VOLUMES:
        ids = cases[volume].ids
        label = "%d cases × %d communications" % (CASES, volume)
        for operation, function, records in [
                ("kanban: search_read of 80 cases (kanban view fields)",
                 lambda: Case.search_read([("id", "in", ids)], kanban, limit=CASES), CASES),
                ("case form: read (form view fields, communication and message ids included)",
                 lambda: Case.browse(ids[0]).read(form), 1),
                ("exchanges panel: first page, 40 communications (list view fields)",
                 lambda: Communication.search_read([("case_id", "=", ids[0])], panel,
                                                   limit=40), 40)]:
            function()  # warm caches
            queries, median, per_second = bench.measure(env, function, repeat=REPEAT,
                                                        records=records)
            bench.add(operation, label, queries, median, per_second)
    rows = Case.search_read([("id", "in", cases[VOLUMES[-1]].ids)],
                            ["exchange_count", "has_reminder"])
    assert {(r["exchange_count"], r["has_reminder"]) for r in rows} == {(VOLUMES[-1], True)}


def run(env, bench):
    sys.stderr.write("bench_cases: generating %d cases with %s communications each...\n"
                     % (CASES * len(VOLUMES), " and ".join(map(str, VOLUMES))))
    agent, contact, cases = generate(env)
    measure_call(env, bench, agent, contact, cases[VOLUMES[0]][0])
    measure_reads(env, bench, agent, cases)
