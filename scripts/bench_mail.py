# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incoming e-mail through the mail gateway (``message_process``): new cases,
replies, automatic replies and delivery reports, against Odoo's generic path
on the same database and in the same run (an ``project.task`` alias: a plain
mail.thread model whose message_new is Odoo's, with nothing of this module
but the gateway checks all mail gets)."""
import itertools
import statistics

REPEAT = 40

MESSAGE = """From: Joe Bench <joe@bench.example>
To: {to}
Cc: Jack Bench <jack@bench.example>
Subject: {subject}
Message-Id: <{mid}@bench.example>
{extra}Content-Type: text/plain; charset=utf-8

Hello, the lift is stuck on the third floor. Please send someone.
"""

DSN = """From: MAILER-DAEMON@mx.bench.example (Mail Delivery System)
To: support@bench.example
Subject: Undelivered Mail Returned to Sender
Message-Id: <{mid}@mx.bench.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=utf-8

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.bench.example

Final-Recipient: rfc822; joe@bench.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B
Content-Type: text/rfc822-headers

Message-Id: {sent}
From: support@bench.example
To: joe@bench.example
Subject: About your lift

--B--
"""


def run(env, bench):
    counter = itertools.count()
    Partner = env["res.partner"]
    company = Partner.create({"name": "Bench SA", "is_company": True})
    Partner.create({"name": "Joe Bench", "parent_id": company.id, "email": "joe@bench.example"})
    Partner.create({"name": "Jack Bench", "parent_id": company.id,
                    "email": "jack@bench.example"})
    project = env["project.project"].create({"name": "Bench", "alias_name": "bench-tasks"})
    thread = env["mail.thread"]
    # the rate limit is checked on every message, never reached here
    env["ir.config_parameter"].set_param("interaction_tracker.loop_threshold", "1000000")

    def message(to, subject="The lift is stuck", extra=""):
        return MESSAGE.format(to=to, subject=subject, extra=extra,
                              mid="bench-%d" % next(counter))

    def process(model, raw):
        return thread.message_process(model, raw)

    # warm the caches
    process("interaction.case", message("cases@bench.example"))
    process("project.task", message("bench-tasks@bench.example"))
    first_case = env["interaction.case"].browse(
        process("interaction.case", message("cases@bench.example")))
    first_task = env["project.task"].browse(
        process("project.task", message("bench-tasks@bench.example")))
    assert first_task.project_id == project
    case_reply_to = "In-Reply-To: %s\n" % first_case.message_ids[-1].message_id
    task_reply_to = "In-Reply-To: %s\n" % first_task.message_ids[-1].message_id

    sent = [env["interaction.communication"].with_context(interaction_no_feed=True).create({
        "case_id": first_case.id, "kind": "email", "direction": "outgoing", "state": "done",
        "subject": "About your lift", "email_to": "joe@bench.example",
        "email_message_id": "<sent-%d@bench.example>" % index})
        for index in range(2 * REPEAT + 2)]

    def bounce():
        return DSN.format(mid="dsn-%d" % next(counter), sent=sent.pop().email_message_id)

    rows = [
        ("incoming e-mail → new case (known sender, Cc contact)",
         lambda: process("interaction.case", message("cases@bench.example")),
         lambda: process("project.task", message("bench-tasks@bench.example"))),
        ("incoming reply → communication on the case",
         lambda: process("interaction.case", message(
             "cases@bench.example", "Re: stuck", case_reply_to)),
         lambda: process("project.task", message(
             "bench-tasks@bench.example", "Re: stuck", task_reply_to))),
        ("automatic reply (Auto-Submitted) → flagged communication on the case",
         lambda: process("interaction.case", message(
             "cases@bench.example", "Re: stuck",
             case_reply_to + "Auto-Submitted: auto-replied\n")),
         lambda: process("project.task", message(
             "bench-tasks@bench.example", "Re: stuck",
             task_reply_to + "Auto-Submitted: auto-replied\n"))),
        # Odoo drops every delivery report: no baseline
        ("delivery report (DSN) → e-mail failed, bounce counted, report on the case",
         lambda: process("interaction.case", bounce()), None),
    ]
    for operation, ours, odoo in rows:
        if odoo is None:
            ((queries, median_ms),) = interleaved(env, bench, [ours], REPEAT)
            bench.add(operation, "1 e-mail × %d" % REPEAT, queries, median_ms,
                      int(1000.0 / median_ms), "Odoo drops delivery reports")
            continue
        (queries, median_ms), (b_queries, b_ms) = interleaved(env, bench, [ours, odoo], REPEAT)
        per_second, b_per_second = 1000.0 / median_ms, 1000.0 / b_ms
        bench.add(operation, "1 e-mail × %d" % REPEAT, queries, median_ms, int(per_second),
                  "project.task via alias: %d queries, %.2f ms, %d/s (ours: %.2fx)" % (
                      b_queries, b_ms, b_per_second, b_ms / median_ms))
    env.cr.rollback()


def interleaved(env, bench, functions, repeat):
    """Call the functions in turn ``repeat`` times (so that the load of the
    machine weighs on each alike); return (median SQL queries, median ms) of
    each."""
    samples = [([], []) for _function in functions]
    for _i in range(repeat):
        for function, (queries, timings) in zip(functions, samples):
            count, milliseconds = bench.sample(env, function)
            queries.append(count)
            timings.append(milliseconds)
    return [(int(statistics.median(queries)), statistics.median(timings))
            for queries, timings in samples]
