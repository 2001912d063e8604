# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal case page with 500 messages against Odoo 11's own portal task page
with 500 chatter messages, in the same run.

Method: the data is committed, then both pages are requested through Odoo's
whole WSGI application (``odoo.http.root``: session, routing, controller,
QWeb layout) in-process with werkzeug's test client, no socket. Queries are
counted with ``odoo.sql_db.sql_counter`` (every cursor), time with
perf_counter, median of warm requests. Both pages are read as the
administrator. Project's task page renders its messages in the browser
(``/mail/chatter_init``, 10 per page): it is measured alone and with that
JSON call; the case page renders its whole feed on the server.
"""
import json
import re
import statistics
import time

from werkzeug.test import Client
from werkzeug.wrappers import BaseResponse

import odoo
from odoo.service import security

MESSAGES = 500
REPEAT = 15
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _client(env, login):
    user = env["res.users"].search([("login", "=", login)])
    session = odoo.http.root.session_store.new()
    session.db = env.cr.dbname
    session.uid = user.id
    session.login = login
    session.session_token = security.compute_session_token(session, env(user=user.id))
    session.context = {"lang": "en_US", "uid": user.id}
    odoo.http.root.session_store.save(session)
    client = Client(odoo.http.root, BaseResponse)
    client.set_cookie("localhost", "session_id", session.sid)
    return client


def _measure(call, status=200):
    call()  # warm the caches (templates, assets)
    timings, queries = [], []
    for _i in range(REPEAT):
        start_queries = odoo.sql_db.sql_counter
        start = time.perf_counter()
        response = call()
        timings.append((time.perf_counter() - start) * 1000.0)
        queries.append(odoo.sql_db.sql_counter - start_queries)
        assert response.status_code == status, response.status_code
    return int(statistics.median(queries)), statistics.median(timings)


def _setup(env):
    env = env(context={"mail_notrack": True, "tracking_disable": True,
                       "mail_create_nolog": True, "mail_notify_force_send": False})
    customer = env["res.partner"].create({"name": "Bench Portal SA", "is_company": True})
    # the responsible agent keeps Odoo's default preference for notifications
    # (by e-mail)
    agent = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Agent", "login": "bench_portal_agent", "email": "agent@example.com",
        "groups_id": [(6, 0, [env.ref("interaction_tracker.group_user").id])]})
    # created by the agent, who follows it
    case = env["interaction.case"].sudo(agent).create({
        "name": "Bench case", "partner_id": customer.id, "user_id": agent.id}).sudo()
    # the agent's answers make the agent a follower, as in Odoo
    Communication = env["interaction.communication"].sudo(agent)
    for index in range(MESSAGES):
        Communication.create({
            "case_id": case.id, "kind": "message",
            "direction": "incoming" if index % 2 else "outgoing",
            "sender_id": customer.id, "body": "<p>Message %s</p>" % index})
    env["ir.config_parameter"].set_param("interaction_tracker.direct_messages", "True")
    customer_user = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Customer", "login": "bench_customer", "parent_id": customer.id,
        "email": "bench.customer@example.com",
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
    project = env["project.project"].create({
        "name": "Bench project", "privacy_visibility": "portal"})
    task = env["project.task"].create({"name": "Bench task", "project_id": project.id,
                                       "partner_id": customer.id})
    task.message_subscribe(partner_ids=[customer_user.partner_id.id])
    for index in range(MESSAGES):
        task.message_post(body="<p>Message %s</p>" % index, message_type="comment",
                          subtype="mail.mt_comment")
    # throw-away bench database: the WSGI application reads with its own cursors
    env.cr.commit()  # pylint: disable=invalid-commit
    return case, task


def run(env, bench):
    case, task = _setup(env)
    client = _client(env, "admin")
    case_q, case_ms = _measure(lambda: client.get("/my/cases/%s" % case.id))
    task_q, task_ms = _measure(lambda: client.get("/my/task/%s" % task.id))

    def task_with_chatter():
        client.get("/my/task/%s" % task.id)
        return client.post("/mail/chatter_init", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "params": {
                "res_model": "project.task", "res_id": task.id, "limit": 10,
                "allow_composer": True}}), content_type="application/json")
    chatter_q, chatter_ms = _measure(task_with_chatter)
    baseline = "/my/task/<id>: %s queries, %.0f ms; + chatter_init: %s queries, %.0f ms" % (
        task_q, task_ms, chatter_q, chatter_ms)
    bench.add("portal page /my/cases/<id> (HTTP, in-process)", "%s messages" % MESSAGES,
              case_q, case_ms, int(1000.0 / case_ms) if case_ms else 0, baseline)
    _bench_posting(env, bench, case, task)


def _bench_posting(env, bench, case, task):
    """A customer posts on the case page, against Odoo's portal chatter post
    on a task they follow (which e-mails the task's follower during the
    request; the case's agent is notified in Odoo at once and e-mailed by
    the notification cron)."""
    customer = env["res.users"].search([("login", "=", "bench_customer")])
    model_q, model_ms, _per_second = bench.measure(
        env, lambda: case.sudo(customer).portal_post_message("Still stuck"), repeat=REPEAT)
    bench.add("customer posts a message: portal_post_message (ORM)", "%s messages" % MESSAGES,
              model_q, model_ms, int(1000.0 / model_ms) if model_ms else 0,
              "agent notified in Odoo at once, e-mailed by the notification cron")
    # a follower handling notifications in Odoo gets Odoo's live push at once
    inbox_user = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Inbox Agent", "login": "bench_inbox_agent",
        "notification_type": "inbox",
        "groups_id": [(6, 0, [env.ref("interaction_tracker.group_user").id])]})
    case.message_subscribe(partner_ids=[inbox_user.partner_id.id])
    inbox_q, inbox_ms, _per_second = bench.measure(
        env, lambda: case.sudo(customer).portal_post_message("Still stuck"), repeat=REPEAT)
    bench.add("customer posts a message: portal_post_message (ORM), a follower handling "
              "notifications in Odoo", "%s messages" % MESSAGES, inbox_q, inbox_ms,
              int(1000.0 / inbox_ms) if inbox_ms else 0,
              "Odoo's live push (bus) of the formatted message during the request")
    case.message_unsubscribe(partner_ids=[inbox_user.partner_id.id])
    env.cr.commit()  # pylint: disable=invalid-commit
    client = _client(env, "bench_customer")
    response = client.get("/my/cases/%s" % case.id)
    page = response.get_data(as_text=True)
    assert CSRF_RE.search(page), (response.status_code, page[-3000:])
    csrf = CSRF_RE.search(page).group(1)
    post_q, post_ms = _measure(lambda: client.post(
        "/my/cases/%s/message" % case.id,
        data={"message": "Still stuck", "csrf_token": csrf}), status=302)
    task_url = "/my/task/%s" % task.id
    odoo_q, odoo_ms = _measure(lambda: client.post(
        "/mail/chatter_post", headers={"Referer": task_url},
        data={"res_model": "project.task", "res_id": task.id, "message": "Still stuck",
              "csrf_token": csrf}), status=302)
    bench.add("customer posts a message: POST /my/cases/<id>/message (HTTP, in-process)",
              "%s messages" % MESSAGES, post_q, post_ms, int(1000.0 / post_ms) if post_ms else 0,
              "/mail/chatter_post on a task: %s queries, %.0f ms" % (odoo_q, odoo_ms))
