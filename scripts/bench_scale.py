# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scale: ten years of a contact centre, generated with SQL and measured.

Run alone (``scripts/dev.sh bench scale``; ``bench.py`` runs it only when
named). Generates, with ``INSERT ... SELECT generate_series`` in the
throw-away benchmark database: three companies, 100,000 contacts (10,000
customer companies of nine people each, 1% private), 200,000 cases (80%
closed, the open ones mostly recent; 80% in the agents' company) with one
contact line each, about a million communications of every kind and
direction, each with its note in the case's feed (5% reminders; incoming
communications of open cases unprocessed, 10% of all), one case holding
5,000 communications and a portal customer with 10,000 cases.

Measured as an agent (record rules on) and as that portal customer, median
of REPEAT calls after a warm-up, milliseconds and SQL queries: the first
load of every list, kanban, calendar, pivot and graph view of the module's
window actions as the web client makes it (``search_read`` of the first page
and ``search_count``, ``read_group`` then one ``search_read`` per kanban
column), every filter and group-by of their search views, the form and
exchanges panel of the largest case, ``resolve_contact``, ``name_search``,
``content_search`` and the reporting views (when installed), the portal's
list and case page over HTTP (in-process), and case creation from the web
client, the mail gateway and the portal, with 10,000 and then 200,000 cases.
Anything over its target gets the EXPLAIN (ANALYZE, BUFFERS) of its slowest
query printed after the table.

``IT_BENCH_SCALE`` (default 1) multiplies the volumes, for a quick try.
"""
import datetime
import logging
import os
import statistics
import sys
import time

from dateutil.relativedelta import relativedelta

import odoo
from odoo.tools.safe_eval import safe_eval

from bench_portal import _client

FACTOR = float(os.environ.get("IT_BENCH_SCALE") or 1)
CASES = int(200000 * FACTOR)
FIRST_STEP = int(10000 * FACTOR)
CUSTOMERS = int(10000 * FACTOR)
PEOPLE_PER_CUSTOMER = 9
BIG_CASE_COMMUNICATIONS = 5000
AGENTS = 20
REPEAT = 5
SLOW_MS = 2000.0
READ_TARGET = 50.0
CREATE_TARGET = 30.0
REPORT_TARGET = 300.0
CONTENT_SEARCH_TARGET = 200.0
SEARCH_TERM = "lift"
FIRSTNAMES = ["Jean", "Marie", "Pierre", "Sophie", "Louis", "Claire", "Paul", "Julie",
              "Hugo", "Emma", "Lucas", "Léa", "Nadia", "Marc", "Sarah", "Thomas"]
LASTNAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent",
             "Simon", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
             "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois"]
SUBJECTS = ["Broken lift", "Invoice question", "Heating failure", "Password reset",
            "Delivery delayed", "Water leak", "Contract renewal", "Noise complaint",
            "Parking badge", "Internet down", "Key replacement", "Meeting request"]
MAIL = """From: {name} <{email}>
To: cases@bench.example
Subject: {subject}
Message-Id: <scale-{mid}@bench.example>
Content-Type: text/plain; charset=utf-8

Hello, the lift is stuck on the third floor. Please send someone.
"""
ONLY_RUN_WHEN_NAMED = True


class Recorder(object):
    """Counts the SQL queries of a call on every cursor (HTTP requests open
    their own); with ``keep``, keeps them with their time."""

    def __init__(self, keep=False):
        self.keep = keep
        self.count = 0
        self.queries = []
        self._execute = None

    def __enter__(self):
        self.count = 0
        self.queries = []
        original = self._execute = odoo.sql_db.Cursor.execute
        recorder = self

        def execute(cursor, query, params=None, log_exceptions=None):
            recorder.count += 1
            if not recorder.keep:
                return original(cursor, query, params, log_exceptions)
            start = time.perf_counter()
            try:
                return original(cursor, query, params, log_exceptions)
            finally:
                recorder.queries.append(((time.perf_counter() - start) * 1000.0,
                                         query, params))
        odoo.sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        odoo.sql_db.Cursor.execute = self._execute


class Scale(object):
    """The measures of one run: rows of the table and the EXPLAINs."""

    def __init__(self, env, bench):
        self.env = env
        self.bench = bench
        self.explains = []

    def measure(self, operation, who, function, target=READ_TARGET, volume=None):
        """Median of REPEAT calls of ``function`` (after one warm-up call);
        queries counted on every cursor (HTTP requests open their own)."""
        env = self.env
        start = time.perf_counter()
        function()
        warm_ms = (time.perf_counter() - start) * 1000.0
        timings, queries = [], []
        # a call of seconds (grouping a million rows) is timed once
        for _i in range(REPEAT if warm_ms < SLOW_MS else 1):
            env.cache.invalidate()
            with Recorder() as recorder:
                start = time.perf_counter()
                function()
                timings.append((time.perf_counter() - start) * 1000.0)
            queries.append(recorder.count)
        median_ms = statistics.median(timings)
        status = "ok" if median_ms <= target else "**over**"
        self.bench.add(operation, volume or who, int(statistics.median(queries)), median_ms,
                       int(1000.0 / median_ms) if median_ms else 0,
                       "target < %d ms: %s" % (target, status))
        if median_ms > target:
            self.explain(operation, function)
        return median_ms

    def explain(self, operation, function):
        """EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECT of one more call."""
        env = self.env
        env.cache.invalidate()
        with Recorder(keep=True) as recorder:
            start = time.perf_counter()
            function()
            total_ms = (time.perf_counter() - start) * 1000.0
        selects = [(ms, query, params) for ms, query, params in recorder.queries
                   if query.lstrip().upper().startswith(("SELECT", "WITH"))]
        if not selects:
            return
        sql_ms = sum(item[0] for item in recorder.queries)
        _ms, query, params = max(selects, key=lambda item: item[0])
        env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
        plan = "\n".join(row[0] for row in env.cr.fetchall())
        text = env.cr.mogrify(query, params).decode()
        self.explains.append(
            "#### %s\n\n%d queries, %.1f ms in PostgreSQL of %.1f ms; the slowest, %.1f ms:"
            "\n\n```sql\n%s\n```\n\n```\n%s\n```\n" % (
                operation, len(recorder.queries), sql_ms, total_ms, _ms, text, plan))


# ---------------------------------------------------------------- generation

def generate_base(env):
    """Companies, agents, 100,000 contacts and the portal customer."""
    cr = env.cr
    main = env.ref("base.main_company")
    Company = env["res.company"]
    companies = main | Company.create({"name": "Scale North"}) | Company.create(
        {"name": "Scale South"})
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    agent_group = env.ref("interaction_tracker.group_user")
    agents = Users.browse()
    for index in range(AGENTS):
        company = companies[0] if index < AGENTS - 4 else companies[1 + index % 2]
        agents |= Users.create({
            "name": "Scale Agent %02d" % index, "login": "scale_agent_%02d" % index,
            "email": "agent%02d@bench.example" % index,
            "company_id": company.id, "company_ids": [(6, 0, [company.id])],
            "groups_id": [(6, 0, [agent_group.id])]})
    people = CUSTOMERS * PEOPLE_PER_CUSTOMER
    cr.execute("""
        INSERT INTO res_partner (name, display_name, is_company, email, email_normalized,
                                 phone, phone_normalized, active, type, customer, supplier,
                                 employee, is_private, color, lang, partner_share,
                                 create_uid, write_uid, create_date, write_date)
        SELECT 'Customer ' || lpad(k::text, 5, '0') || ' SA',
               'Customer ' || lpad(k::text, 5, '0') || ' SA', true,
               'contact@customer' || k || '.example', 'contact@customer' || k || '.example',
               '+33 2 4' || lpad(k::text, 7, '0'), '+3324' || lpad(k::text, 7, '0'),
               true, 'contact', true, false, false, false, 0, 'fr_FR', true,
               1, 1, now(), now()
          FROM generate_series(1, %(customers)s) k
        RETURNING id
    """, {"customers": CUSTOMERS})
    customer_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s",
               (tuple(customer_ids),))
    # person p (0-based) works for customer p / 9; the ninth person of every
    # tenth customer is private, created by another agent than the measured one
    cr.execute("""
        INSERT INTO res_partner (name, display_name, firstname, lastname, parent_id, ref,
                                 commercial_partner_id, is_company, email, email_normalized,
                                 phone, phone_normalized, active, type, customer, supplier,
                                 employee, is_private, color, lang, partner_share,
                                 create_uid, write_uid, create_date, write_date)
        SELECT f.name || ' ' || l.name || ' ' || p,
               c.name || ', ' || f.name || ' ' || l.name || ' ' || p,
               f.name, l.name || ' ' || p, c.id, 'P' || p %% 9, c.id, false,
               lower(f.name || '.' || l.name || p || '@customer' || (p / 9 + 1) || '.example'),
               lower(f.name || '.' || l.name || p || '@customer' || (p / 9 + 1) || '.example'),
               '+33 1 4' || lpad(p::text, 7, '0'), '+3314' || lpad(p::text, 7, '0'),
               true, 'contact', true, false, false, p %% 9 = 8 AND (p / 9) %% 10 = 0,
               0, 'fr_FR', true,
               CASE WHEN p %% 9 = 8 AND (p / 9) %% 10 = 0 THEN %(other)s ELSE 1 END,
               1, now(), now()
          FROM generate_series(0, %(people)s - 1) p
          JOIN res_partner c ON c.id = (%(customer_ids)s::int[])[p / 9 + 1]
          JOIN unnest(%(first)s::text[]) WITH ORDINALITY f(name, n)
            ON f.n = 1 + p %% %(nfirst)s
          JOIN unnest(%(last)s::text[]) WITH ORDINALITY l(name, n)
            ON l.n = 1 + (p / 7) %% %(nlast)s
    """, {"people": people, "customer_ids": customer_ids, "other": agents[1].id,
          "first": FIRSTNAMES, "last": LASTNAMES, "nfirst": len(FIRSTNAMES),
          "nlast": len(LASTNAMES)})
    portal_customer = env["res.partner"].browse(customer_ids[0])
    portal_user = Users.create({
        "name": "Scale Portal Customer", "login": "scale_portal",
        "email": "portal@customer1.example", "parent_id": portal_customer.id,
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
    # the people of customer k by their rank (0..8) in scale_people
    cr.execute("""
        CREATE TABLE scale_people AS
        SELECT parent_id AS customer_id, substr(ref, 2)::int AS rank, id
          FROM res_partner WHERE parent_id IN %s AND ref LIKE 'P%%'
    """, (tuple(customer_ids),))
    cr.execute("CREATE UNIQUE INDEX ON scale_people (customer_id, rank)")
    cr.execute("SELECT coalesce(max(id), 0) + 1000 FROM interaction_case")
    base = cr.fetchone()[0]
    return {"companies": companies, "agents": agents, "agent": agents[0],
            "admin": env.ref("base.user_root"),
            "customer_ids": customer_ids, "portal_user": portal_user,
            "portal_customer": portal_customer, "base": base,
            "big_case": base + CASES - 10}


def generate_cases(env, data, first, last):
    """Cases ``first``..``last`` (1-based), their contact line, their
    communications and their feed notes. Case i has the id base + i."""
    cr = env.cr
    params = {
        "base": data["base"], "first": first, "last": last, "cases": CASES,
        "customer_ids": data["customer_ids"], "ncustomers": len(data["customer_ids"]),
        "companies": data["companies"].ids, "agents": data["agents"].ids,
        "agent_partners": data["agents"].mapped("partner_id").ids,
        "nagents": len(data["agents"]), "subjects": SUBJECTS, "nsubjects": len(SUBJECTS),
        "big": data["big_case"], "big_count": BIG_CASE_COMMUNICATIONS,
        "reminder": env.ref("interaction_tracker.exchange_type_reminder").id,
        "types": [env.ref("interaction_tracker.exchange_type_%s" % name).id
                  for name in ("appointment", "information", "other")],
        "note": env.ref("mail.mt_note").id,
    }
    # case i: the portal customer every 20th case, otherwise a customer spread
    # over the 10,000; company by i mod 10 (80% the first); the open ones are
    # the latest 20% and every 50th; agents of the case's company
    cr.execute("""
        INSERT INTO interaction_case (id, number, name, description, partner_id,
                                      commercial_partner_id, requester_id, user_id,
                                      company_id, state, date_closed, messages_blocked,
                                      access_token, create_uid, write_uid, create_date,
                                      write_date)
        SELECT %(base)s + i, 'CAS/' || to_char(d, 'YYYY') || '/' || lpad(i::text, 6, '0'),
               (%(subjects)s::text[])[1 + i %% %(nsubjects)s] || ' #' || i,
               '<p>The customer reports a problem (' || i || ').</p>',
               cust, cust, (SELECT id FROM scale_people
                             WHERE customer_id = cust AND rank = i %% 8),
               agent, company, state,
               CASE WHEN state IN ('done', 'cancel') THEN d + interval '2 days' END,
               false, md5(i::text), 1, 1, d, d
          FROM (
            SELECT i, now() - (%(cases)s - i) * interval '26 minutes' AS d,
                   CASE WHEN i %% 20 = 0 THEN (%(customer_ids)s::int[])[1]
                        ELSE (%(customer_ids)s::int[])[2 + (i * 7919) %% (%(ncustomers)s - 1)]
                   END AS cust,
                   (%(companies)s::int[])[CASE WHEN i %% 10 = 8 THEN 2
                                               WHEN i %% 10 = 9 THEN 3 ELSE 1 END] AS company,
                   (%(agents)s::int[])[CASE WHEN i %% 10 = 8 THEN 17 + i %% 2
                                             WHEN i %% 10 = 9 THEN 19 + i %% 2
                                             ELSE 1 + i %% 16 END] AS agent,
                   CASE WHEN i > %(cases)s * 0.8 OR i %% 50 = 0 OR i + %(base)s = %(big)s
                        THEN (CASE WHEN i %% 3 = 0 THEN 'new' ELSE 'open' END)
                        WHEN i %% 10 = 1 THEN 'cancel' ELSE 'done' END AS state
              FROM generate_series(%(first)s, %(last)s) i) s
    """, params)
    cr.execute("SELECT setval('interaction_case_id_seq', %s)", (data["base"] + last,))
    cr.execute("""
        INSERT INTO interaction_case_contact (case_id, partner_id, company_id,
                                              create_uid, write_uid, create_date, write_date)
        SELECT id, requester_id, company_id, 1, 1, create_date, create_date
          FROM interaction_case WHERE id BETWEEN %(base)s + %(first)s AND %(base)s + %(last)s
    """, params)
    # communication n of a case (1 + i * 37 mod 9 of them, five on average):
    # kinds call 30%, exchange 20%, e-mail 35%, message 15%; incoming one in
    # two; a reminder one in twenty; feed note first, then the communication
    # pointing at it
    cr.execute("""
        CREATE TEMP TABLE scale_communication ON COMMIT DROP AS
        SELECT c.id AS case_id, c.company_id, c.requester_id, c.state AS case_state,
               c.create_date + n * interval '1 hour' AS date, n,
               (%(agent_partners)s::int[])[1 + (c.id + n) %% %(nagents)s] AS agent_partner,
               CASE WHEN (c.id + n) %% 20 < 6 THEN 'call' WHEN (c.id + n) %% 20 < 10 THEN 'exchange'
                    WHEN (c.id + n) %% 20 < 17 THEN 'email' ELSE 'message' END AS kind,
               CASE WHEN n %% 2 = 1 THEN 'incoming' ELSE 'outgoing' END AS direction,
               c.name AS case_name, nextval('mail_message_id_seq') AS message_id
          FROM interaction_case c
         CROSS JOIN LATERAL generate_series(
               1, CASE WHEN c.id = %(big)s THEN %(big_count)s ELSE 1 + (c.id * 37) %% 9 END) n
         WHERE c.id BETWEEN %(base)s + %(first)s AND %(base)s + %(last)s
    """, params)
    cr.execute("""
        INSERT INTO mail_message (id, model, res_id, body, subject, message_type, subtype_id,
                                  author_id, date, record_name, message_id,
                                  create_uid, write_uid, create_date, write_date)
        SELECT message_id, 'interaction.case', case_id,
               '<p>Communication ' || n || ' about the lift</p>', 'Communication ' || n,
               'notification', %(note)s,
               CASE WHEN direction = 'incoming' THEN requester_id ELSE agent_partner END,
               date, case_name, '<scale-' || message_id || '@bench.example>', 1, 1, date, date
          FROM scale_communication
    """, params)
    cr.execute("""
        INSERT INTO interaction_communication
               (case_id, company_id, kind, direction, sender_id, recipient_id, subject, body,
                date, state, exchange_type_id, call_outcome, processed, is_read, message_id,
                create_uid, write_uid, create_date, write_date)
        SELECT case_id, company_id, kind, direction,
               CASE WHEN direction = 'incoming' THEN requester_id ELSE agent_partner END,
               CASE WHEN direction = 'incoming' THEN agent_partner ELSE requester_id END,
               'Communication ' || n, '<p>Communication ' || n || ' about the lift</p>',
               date,
               CASE WHEN kind = 'email' AND direction = 'outgoing' AND message_id %% 997 = 0
                    THEN 'failed' ELSE 'done' END,
               CASE WHEN kind <> 'exchange' THEN NULL
                    WHEN message_id %% 4 = 0 THEN %(reminder)s
                    ELSE (%(types)s::int[])[1 + message_id %% 3] END,
               CASE WHEN kind = 'call' AND direction = 'outgoing' THEN 'reached' END,
               direction = 'incoming' AND case_state IN ('done', 'cancel'),
               true, message_id, 1, 1, date, date
          FROM scale_communication
    """, params)
    cr.execute("DROP TABLE scale_communication")


def analyze(env):
    # ANALYZE runs in the transaction: the planner sees the new volumes
    for table in ("res_partner", "interaction_case", "interaction_case_contact",
                  "interaction_communication", "mail_message"):
        env.cr.execute("ANALYZE %s" % table)


# ----------------------------------------------------------------- the reads

def eval_domain(env, text, user):
    today = datetime.date.today()
    return safe_eval(text or "[]", {
        "uid": user.id, "user": user, "time": time, "datetime": datetime,
        "relativedelta": relativedelta, "context_today": lambda: today,
        "current_date": today.strftime("%Y-%m-%d"),
        "company_ids": user.company_ids.ids,
    })


def search_view_items(Model):
    """(name, domain text, group_by) of the filters of the model's default
    search view, and its fields with their filter_domain/operator."""
    from lxml import etree
    arch = etree.fromstring(Model.fields_view_get(view_type="search")["arch"])
    filters = []
    for node in arch.iter("filter"):
        context = node.get("context") or ""
        group_by = None
        if "group_by" in context:
            group_by = safe_eval(context, {"uid": Model.env.uid}).get("group_by")
        if node.get("domain") or group_by:
            filters.append((node.get("name") or node.get("string"), node.get("domain"),
                            group_by))
    fields_ = [(node.get("name"), node.get("filter_domain"), node.get("operator"))
               for node in arch.iter("field") if node.get("name")]
    return filters, fields_


def view_fields(Model, view_type):
    return sorted(Model.fields_view_get(view_type=view_type)["fields"])


def list_load(Model, domain, fields_, limit=80, order=None):
    """What /web/dataset/search_read does for a list: the first page, and the
    count when the page is full."""
    records = Model.search_read(domain, fields_, limit=limit, order=order)
    if len(records) == limit:
        Model.search_count(domain)


def kanban_load(Model, domain, fields_, group_by):
    """Odoo 11's grouped kanban: read_group, then each column's records (40)."""
    if not group_by:
        return list_load(Model, domain, fields_, limit=40)
    groups = Model.read_group(domain, sorted(set(fields_) | {group_by}), [group_by],
                              lazy=True)
    for group in groups:
        if group.get("__fold"):
            continue
        list_load(Model, group["__domain"], fields_, limit=40)


def calendar_load(Model, domain, fields_, arch):
    from lxml import etree
    node = etree.fromstring(arch)
    date_start = node.get("date_start")
    today = datetime.date.today().replace(day=1)
    span = [(date_start, ">=", str(today - datetime.timedelta(days=7))),
            (date_start, "<", str(today + relativedelta(months=1, days=7)))]
    Model.search_read(domain + span, fields_)


def graph_groupbys(arch):
    from lxml import etree
    node = etree.fromstring(arch)
    rows = [f.get("name") for f in node.iter("field") if f.get("type") in ("row", "col", None)
            and f.get("type") != "measure"]
    measures = [f.get("name") for f in node.iter("field") if f.get("type") == "measure"]
    return rows, measures


def action_context_domain(env, action, Model, user):
    """The action's domain plus its search_default filters."""
    domain = eval_domain(env, action.domain, user)
    context = safe_eval(action.context or "{}", {
        "uid": user.id, "active_id": False, "active_ids": [], "user": user})
    filters = {name: dom for name, dom, _group in search_view_items(Model)[0]}
    for key, value in context.items():
        if key.startswith("search_default_") and value:
            name = key[len("search_default_"):]
            if filters.get(name):
                domain = domain + eval_domain(env, filters[name], user)
    return domain


def measure_views(scale, user, who):
    """Every view of the module's window actions, first load."""
    env = scale.env
    Data = env["ir.model.data"]
    data = Data.search([("module", "=", "interaction_tracker"),
                        ("model", "=", "ir.actions.act_window")])
    for action in env["ir.actions.act_window"].browse(data.mapped("res_id")):
        if action.res_model not in env or env[action.res_model]._transient:
            continue
        Model = env[action.res_model].sudo(user)
        if not Model.check_access_rights("read", raise_exception=False):
            continue
        domain = action_context_domain(env, action, Model, user)
        for view_type in (action.view_mode or "").split(","):
            if view_type not in ("tree", "kanban", "calendar", "pivot", "graph"):
                continue
            view = Model.fields_view_get(view_type=view_type)
            fields_ = sorted(view["fields"])
            label = "%s: %s view, first load" % (action.name, view_type)
            target = REPORT_TARGET if action.res_model == "interaction.report" else READ_TARGET
            if view_type == "tree":
                function = (lambda m=Model, d=domain, f=fields_: list_load(m, d, f))
            elif view_type == "kanban":
                from lxml import etree
                group_by = etree.fromstring(view["arch"]).get("default_group_by")
                function = (lambda m=Model, d=domain, f=fields_, g=group_by:
                            kanban_load(m, d, f, g))
            elif view_type == "calendar":
                function = (lambda m=Model, d=domain, f=fields_, a=view["arch"]:
                            calendar_load(m, d, f, a))
            else:
                rows, measures = graph_groupbys(view["arch"])
                function = (lambda m=Model, d=domain, r=rows, ms=measures:
                            m.read_group(d, ms or ["__count"], r[:1], lazy=True))
            scale.measure(label, who, function, target=target)


def measure_filters(scale, user, who, models):
    env = scale.env
    for model in models:
        if model not in env:
            continue
        Model = env[model].sudo(user)
        fields_ = view_fields(Model, "tree")
        filters, search_fields = search_view_items(Model)
        for name, domain_text, group_by in filters:
            if group_by:
                label = "%s: group by %s" % (model, group_by)
                function = (lambda m=Model, g=group_by, f=fields_:
                            m.read_group([], sorted(set(f) | {g}), [g], lazy=True))
            else:
                domain = eval_domain(env, domain_text, user)
                label = "%s: filter %s" % (model, name)
                function = (lambda m=Model, d=domain, f=fields_: list_load(m, d, f))
            scale.measure(label, who, function)
        for name, filter_domain, operator in search_fields:
            field = Model._fields.get(name)
            if field is None:
                continue
            if filter_domain:
                domain = safe_eval(filter_domain, {"self": SEARCH_TERM, "uid": user.id})
            elif field.type in ("char", "text", "html"):
                domain = [(name, "ilike", SEARCH_TERM)]
            elif field.type == "many2one":
                domain = [(name, operator or "ilike", "Dubois")]
            else:
                continue
            label = "%s: search %s" % (model, name)
            scale.measure(label, who, lambda m=Model, d=domain, f=fields_: list_load(m, d, f))


def measure_case(scale, data):
    env = scale.env
    agent = data["agent"]
    Case = env["interaction.case"].sudo(agent)
    Communication = env["interaction.communication"].sudo(agent)
    case = Case.browse(data["big_case"])
    form = view_fields(Case, "form")
    who = "largest case (%d communications)" % BIG_CASE_COMMUNICATIONS
    scale.measure("case form: read (form view fields)", who, lambda: case.read(form))
    panel = sorted(Case.fields_view_get(view_type="form")["fields"]["communication_ids"]
                   ["views"]["tree"]["fields"])

    def exchanges_panel():
        ids = case.read(["communication_ids"])[0]["communication_ids"]
        Communication.browse(ids[:40]).read(panel)
    scale.measure("case form: exchanges panel, first 40 lines", who, exchanges_panel)

    def chatter():
        ids = case.read(["message_ids"])[0]["message_ids"]
        env["mail.message"].sudo(agent).browse(ids[:30]).message_format()
    scale.measure("case form: feed, first 30 messages (message_format)", who, chatter)


def measure_contacts(scale, data):
    env = scale.env
    agent = data["agent"]
    Partner = env["res.partner"].sudo(agent)
    who = "agent"
    env.cr.execute("SELECT phone, upper(email) FROM res_partner WHERE ref = 'P3' "
                   "ORDER BY id DESC LIMIT 1")
    phone, email = env.cr.fetchone()
    scale.measure("resolve_contact by phone", who, lambda: Partner.resolve_contact(phone=phone))
    scale.measure("resolve_contact by e-mail", who, lambda: Partner.resolve_contact(email=email))
    scale.measure("res.partner name_search 'Moreau 12'", who,
                  lambda: Partner.name_search("Moreau 12", limit=8))
    Case = env["interaction.case"].sudo(agent)
    scale.measure("interaction.case name_search '%s'" % SEARCH_TERM, who,
                  lambda: Case.name_search(SEARCH_TERM, limit=8))
    if "content_search" in Case._fields:
        scale.measure("interaction.case content_search '%s'" % SEARCH_TERM, who,
                      lambda: list_load(Case, [("content_search", "ilike", SEARCH_TERM)],
                                        view_fields(Case, "tree")),
                      target=CONTENT_SEARCH_TARGET)
    else:
        sys.stderr.write("  content_search: not installed, skipped\n")
    if "interaction.report" not in env:
        sys.stderr.write("  interaction.report: not installed, skipped\n")


def measure_portal(scale, data):
    env = scale.env
    user = data["portal_user"]
    who = "portal customer (%d cases)" % (CASES // 20)
    client = _client(env, user.login)
    Case = env["interaction.case"].sudo(user)
    case = Case.search([], limit=1)
    scale.measure("portal: GET /my/cases (HTTP, in-process)", who,
                  lambda: check(client.get("/my/cases")))
    scale.measure("portal: GET /my/cases?filterby=all (HTTP, in-process)", who,
                  lambda: check(client.get("/my/cases?filterby=all")))
    scale.measure("portal: GET /my (HTTP, in-process)", who, lambda: check(client.get("/my")))
    scale.measure("portal: GET /my/cases/<id> (HTTP, in-process)", who,
                  lambda: check(client.get("/my/cases/%s" % case.id)))
    scale.measure("portal: case search_read, first 20 (ORM)", who,
                  lambda: list_load(Case, [], ["number", "name", "state", "create_date"],
                                    limit=20))


def check(response):
    assert response.status_code == 200, response.status_code
    return response


def measure_creation(scale, data, volume):
    env = scale.env
    agent = data["agent"]
    portal = data["portal_user"]
    Case = env["interaction.case"].sudo(agent)
    customer = env["res.partner"].browse(data["customer_ids"][5])
    requester = customer.child_ids[:1]
    label = "%d cases" % volume
    scale.measure("create a case from the web client (create)", label, lambda: Case.create({
        "name": "Broken lift", "partner_id": customer.id, "requester_id": requester.id,
        "user_id": agent.id}), target=CREATE_TARGET)
    counter = iter(range(10 ** 6))
    thread = env["mail.thread"]
    sender = env["res.partner"].browse(data["customer_ids"][7]).child_ids[:1]

    def gateway():
        thread.message_process("interaction.case", MAIL.format(
            name=sender.name, email=sender.email, subject="Broken lift",
            mid="%d-%d" % (volume, next(counter))))
    scale.measure("create a case from an e-mail (message_process)", label, gateway,
                  target=CREATE_TARGET)
    # the floor: Odoo's own mail.thread creation with tracking, same run
    Task = env["project.task"].sudo(data["admin"])
    project = env["project.project"].search([], limit=1)
    scale.measure("Odoo's project.task create (baseline, administrator)", label,
                  lambda: Task.create({"name": "Broken lift", "project_id": project.id,
                                       "partner_id": customer.id,
                                       "user_id": data["admin"].id}),
                  target=CREATE_TARGET)
    PortalCase = env["interaction.case"].sudo(portal)
    scale.measure("create a case from the portal (portal_create_case)", label,
                  lambda: PortalCase.portal_create_case("Broken lift", "Stuck on floor 3"),
                  target=CREATE_TARGET)


def run(env, bench):
    env = env(context={"lang": "en_US", "tz": "Europe/Paris"})
    # the gateway logs every routed e-mail
    logging.getLogger("odoo.addons.mail.models.mail_thread").setLevel(logging.WARNING)
    env.ref("base.main_company").country_id = env.ref("base.fr")
    started = time.perf_counter()
    sys.stderr.write("bench_scale: generating %d contacts, %d cases...\n"
                     % (CUSTOMERS * (PEOPLE_PER_CUSTOMER + 1), CASES))
    data = generate_base(env)
    generate_cases(env, data, 1, FIRST_STEP)
    analyze(env)
    env.cr.commit()  # pylint: disable=invalid-commit
    scale = Scale(env, bench)
    savepoint_measure(env, lambda: measure_creation(scale, data, FIRST_STEP))
    generate_cases(env, data, FIRST_STEP + 1, CASES)
    analyze(env)
    # throw-away bench database: the portal's HTTP requests read with their
    # own cursors
    env.cr.commit()  # pylint: disable=invalid-commit
    env.cr.execute("SELECT count(*) FROM interaction_communication")
    communications = env.cr.fetchone()[0]
    sys.stderr.write("bench_scale: %d communications, generated in %.0f s\n"
                     % (communications, time.perf_counter() - started))
    savepoint_measure(env, lambda: measure_creation(scale, data, CASES))
    agent = data["agent"]
    agent_label = "agent, %d cases, %d communications" % (CASES, communications)
    measure_views(scale, agent, agent_label)
    measure_filters(scale, agent, agent_label, ["interaction.case", "interaction.communication",
                                                "res.partner"])
    measure_case(scale, data)
    measure_contacts(scale, data)
    measure_portal(scale, data)
    if scale.explains:
        bench.notes.append("### EXPLAIN of what is over target\n\n" + "\n".join(scale.explains))


def savepoint_measure(env, function):
    """Run ``function`` and roll back what it wrote (new cases)."""
    env.cr.execute("SAVEPOINT scale_creation")
    try:
        function()
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT scale_creation")
        env.cache.invalidate()
