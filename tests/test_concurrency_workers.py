# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Concurrency under a real multi-worker Odoo.

scripts/dev.sh test makes a copy of the fresh test database
($IT_WORKERS_DB). These plain pytest tests serve it with Odoo's prefork
server (``--workers=2``) in a separate process and talk to it over
XML-RPC, as integrations do: no test cursor, real commits, real locks.
"""
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import xmlrpc.client
from collections import Counter
from contextlib import closing
from datetime import datetime, timedelta

import pytest

import odoo

from .mail_common import SmtpServer, SmtpSink, free_port

_logger = logging.getLogger(__name__)
START_TIMEOUT = 180
CLIENTS = 4
CALLS_PER_CLIENT = 50
CASES = 20
SCHEDULED_EMAILS = 20
# measured by test_200_calls_from_4_clients (see README, "Robustness")
RESULTS = {}


def _wait_for(predicate, timeout, message, interval=0.2):
    """Poll ``predicate`` until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        threading.Event().wait(interval)
    pytest.fail(message)


class WorkersServer(object):
    """Odoo's prefork server on a copy of the test database."""

    def __init__(self, database):
        self.database = database
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(
            prefix="it-workers-", suffix=".log", delete=False)
        self.process = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        command = [
            sys.executable, "-c", "import sys, odoo.cli; sys.exit(odoo.cli.main())",
            "-c", odoo.tools.config.rcfile, "-d", self.database,
            "--db-filter", "^%s$" % self.database,
            "--workers=2", "--max-cron-threads=0",
            "--http-port", str(self.port), "--longpolling-port", str(free_port()),
            "--limit-time-real=300", "--limit-time-cpu=300", "--log-level=warn",
        ]
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT, cwd=tempfile.gettempdir())
        _wait_for(self._answers, START_TIMEOUT,
                  "the multi-worker Odoo did not answer on /web/login:\n%s" % self.tail())

    def _answers(self):
        if self.process.poll() is not None:
            pytest.fail("the multi-worker Odoo stopped (code %s):\n%s"
                        % (self.process.returncode, self.tail()))
        try:
            with urllib.request.urlopen(self.url + "/web/login", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        self.log.close()
        os.unlink(self.log.name)

    def tail(self, size=5000):
        self.log.flush()
        with open(self.log.name, errors="replace") as log:
            return log.read()[-size:]


class Client(object):
    """An XML-RPC client of the server (one per thread: ServerProxy is not
    thread-safe)."""

    def __init__(self, server, login, password):
        self.server, self.password = server, password
        common = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/common")
        self.uid = common.login(server.database, login, password)
        assert self.uid, "cannot log in as %s" % login
        self.proxy = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/object")

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.server.database, self.uid, self.password,
                                     model, method, list(args), kwargs)


@pytest.fixture(scope="module")
def server():
    database = os.environ.get("IT_WORKERS_DB")
    assert database, "IT_WORKERS_DB is not set: run the tests with scripts/dev.sh test"
    workers = WorkersServer(database)
    try:
        workers.start()
        yield workers
    finally:
        workers.stop()
        odoo.sql_db.close_db(database)


def _sql(database, query, params=None):
    with closing(odoo.sql_db.db_connect(database).cursor()) as cr:
        cr.execute(query, params)
        return cr.fetchall()


def _run_together(functions):
    """Run the functions in threads started at the same time; return their
    results (an exception is a result)."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(60)
            results[index] = function()
        except Exception as error:  # pylint: disable=broad-except
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, function))
               for index, function in enumerate(functions)]
    for thread in threads:
        thread.start()
    return threads, results


def test_200_calls_from_4_clients(server):
    admin = Client(server, "admin", "admin")
    group_id = admin("ir.model.data", "xmlid_to_res_id", "interaction_tracker.group_user")
    agents = []
    for index in range(CLIENTS):
        login = "it_workers_agent_%d" % index
        admin("res.users", "create", {
            "name": "Workers Agent %d" % index, "login": login,
            "password": login + "-pw", "email": login + "@example.com",
            "groups_id": [(6, 0, [group_id])]})
        agents.append(login)
    customer_id = admin("res.partner", "create", {"name": "Workers SA", "is_company": True})
    contact_id = admin("res.partner", "create", {"name": "Wanda Workers",
                                                 "parent_id": customer_id})
    case_ids = [admin("interaction.case", "create", {
        "name": "Workers case %d" % index, "partner_id": customer_id})
        for index in range(CASES)]

    def log_calls(index, login):
        client = Client(server, login, login + "-pw")
        partner_id = client("res.users", "read", [client.uid], ["partner_id"])[0]["partner_id"][0]
        created, errors = [], []
        for number in range(CALLS_PER_CLIENT):
            try:
                created.append(client("interaction.communication", "create", {
                    # 200 calls spread evenly: 10 on each case
                    "case_id": case_ids[(index * CALLS_PER_CLIENT + number) % CASES],
                    "kind": "call",
                    "direction": "outgoing", "sender_id": partner_id,
                    "recipient_id": contact_id, "subject": "%s call %d" % (login, number),
                    "body": "<p>Call %d of %s</p>" % (number, login)}))
            except (xmlrpc.client.Fault, xmlrpc.client.ProtocolError) as error:
                errors.append(error)
        return created, errors

    start = time.monotonic()
    threads, results = _run_together([
        lambda index=index, login=login: log_calls(index, login)
        for index, login in enumerate(agents)])
    for thread in threads:
        thread.join(600)
    elapsed = time.monotonic() - start
    failures = [result for result in results if isinstance(result, Exception)]
    assert not failures, failures
    errors = [error for _created, errors in results for error in errors]
    assert not errors, "%d faults or HTTP errors, first: %s" % (len(errors), errors[0])
    created = [call_id for created, _errors in results for call_id in created]
    assert len(created) == len(set(created)) == CLIENTS * CALLS_PER_CLIENT
    RESULTS["calls_per_second"] = len(created) / elapsed

    expected = CLIENTS * CALLS_PER_CLIENT // CASES
    for case_id in case_ids:
        assert admin("interaction.communication", "search_count",
                     [("case_id", "=", case_id)]) == expected
    counts = {case["id"]: case["exchange_count"] for case in admin(
        "interaction.case", "read", case_ids, ["exchange_count"])}
    assert counts == dict.fromkeys(case_ids, expected)
    rows = _sql(server.database, """
        SELECT case_id, count(*), count(DISTINCT subject) FROM interaction_communication
         WHERE case_id IN %s GROUP BY case_id""", (tuple(case_ids),))
    assert sorted(rows) == [(case_id, expected, expected) for case_id in sorted(case_ids)]
    # each call is in its case's feed once
    rows = _sql(server.database, """
        SELECT count(*), count(DISTINCT message_id) FROM interaction_communication
         WHERE case_id IN %s""", (tuple(case_ids),))
    assert rows == [(CLIENTS * CALLS_PER_CLIENT, CLIENTS * CALLS_PER_CLIENT)]
    _logger.warning("200 calls from 4 clients on 2 workers: %.1f s, %.1f calls/s",
                    elapsed, RESULTS["calls_per_second"])


class HeldSmtpSink(SmtpSink):
    """Holds every delivery until ``released`` is set (at most
    ``hold`` seconds)."""

    def __init__(self, hold=60):
        super().__init__()
        self.released = threading.Event()
        self.hold = hold

    async def handle_DATA(self, server, session, envelope):
        self.released.wait(self.hold)
        return await super().handle_DATA(server, session, envelope)


def test_two_crons_racing_send_each_scheduled_email_once(server):
    smtp = SmtpServer()
    smtp.sink = smtp.controller.handler = HeldSmtpSink()
    smtp.start()
    try:
        admin = Client(server, "admin", "admin")
        admin("ir.mail_server", "create", {
            "name": "Workers SMTP", "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port, "sequence": 0})
        case_id = admin("interaction.case", "create", {"name": "Scheduled e-mails"})
        due = (datetime.utcnow() - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S")
        subjects = ["Scheduled %d" % index for index in range(SCHEDULED_EMAILS)]
        ids = [admin("interaction.communication", "create", {
            "case_id": case_id, "kind": "email", "direction": "outgoing",
            "state": "scheduled", "subject": subject, "body": "<p>%s</p>" % subject,
            "email_from": "support@support.example",
            "email_to": "client%d@dalton.example" % index,
            "scheduled_date": due})
            for index, subject in enumerate(subjects)]
        cron_id = admin("ir.model.data", "xmlid_to_res_id",
                        "interaction_tracker.ir_cron_send_scheduled_email")

        def trigger():
            started = time.monotonic()
            result = Client(server, "admin", "admin")(
                "ir.cron", "method_direct_trigger", [cron_id])
            return result, time.monotonic() - started

        threads, results = _run_together([trigger, trigger])
        # One run locks the due e-mails and is held by the SMTP server; the
        # other skips the locked rows and answers at once. Release the
        # deliveries when one run has answered (or after a while, if both
        # runs got some rows).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and all(result is None for result in results):
            smtp.sink.released.wait(0.1)
        skipped_while_held = any(result is not None for result in results) \
            and not smtp.envelopes
        smtp.sink.released.set()
        for thread in threads:
            thread.join(300)
        assert all(isinstance(result, tuple) and result[0] is True for result in results), \
            results
        received = Counter(envelope["message"]["Subject"] for envelope in smtp.envelopes)
        assert {subject: received[subject] for subject in subjects} == \
            dict.fromkeys(subjects, 1)
        states = admin("interaction.communication", "read", ids, ["state"])
        assert {row["state"] for row in states} == {"done"}
        rows = _sql(server.database, """
            SELECT count(*), count(DISTINCT mail_id) FROM interaction_communication
             WHERE id IN %s AND state = 'done'""", (tuple(ids),))
        assert rows == [(SCHEDULED_EMAILS, SCHEDULED_EMAILS)]
        RESULTS["cron_skipped_while_held"] = skipped_while_held
        _logger.warning("two crons racing: %d e-mails sent once each; one run skipped the "
                        "locked rows while the other was held: %s",
                        SCHEDULED_EMAILS, skipped_while_held)
    finally:
        smtp.sink.released.set()
        smtp.stop()


DUPLICATE_MAILS = 100
DUPLICATE_MAIL = """From: Sender {index} <sender-{index}@duplicates.example>
To: cases@support.example
Subject: Duplicate delivery {index}
Message-Id: <workers-dup-{index}@duplicates.example>
Date: Mon, 02 Mar 2026 10:00:00 +0100
Content-Type: text/plain; charset=utf-8

Delivered twice at the same moment.
"""


def test_duplicate_deliveries_post_each_message_once(server):
    """Each mail given twice to the gateway at the same moment (an MTA
    retrying, two fetchmail runs), on two workers: one case and one
    communication per Message-Id, and no error to either caller."""
    lanes = [Client(server, "admin", "admin") for _lane in range(2)]
    barrier = threading.Barrier(2)
    results = [[], []]

    def deliver(lane):
        for index in range(DUPLICATE_MAILS):
            raw = DUPLICATE_MAIL.format(index=index).encode("utf-8")
            barrier.wait(60)
            try:
                results[lane].append(lanes[lane](
                    "mail.thread", "message_process", "interaction.case",
                    xmlrpc.client.Binary(raw)))
            except (xmlrpc.client.Fault, xmlrpc.client.ProtocolError) as error:
                results[lane].append(error)

    threads = [threading.Thread(target=deliver, args=(lane,)) for lane in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    elapsed = time.monotonic() - started
    errors = [result for lane in results for result in lane if isinstance(result, Exception)]
    assert not errors, "%d errors, first: %s" % (len(errors), errors[0])
    assert [len(lane) for lane in results] == [DUPLICATE_MAILS, DUPLICATE_MAILS]
    # one delivery of each pair made the case, the other was a duplicate
    for first, second in zip(*results):
        assert bool(first) != bool(second), (first, second)
    rows = _sql(server.database, """
        SELECT count(*), count(DISTINCT email_message_id), count(DISTINCT case_id)
          FROM interaction_communication
         WHERE email_message_id LIKE '<workers-dup-%%'""")
    assert rows == [(DUPLICATE_MAILS, DUPLICATE_MAILS, DUPLICATE_MAILS)]
    rows = _sql(server.database, """
        SELECT count(*) FROM interaction_case WHERE name LIKE 'Duplicate delivery %%'""")
    assert rows == [(DUPLICATE_MAILS,)]
    rows = _sql(server.database, """
        SELECT count(*) FROM interaction_unhandled_mail
         WHERE message_id LIKE '<workers-dup-%%'""")
    assert rows == [(0,)], "nothing kept: the duplicates were recognised"
    RESULTS["duplicate_pairs_per_second"] = DUPLICATE_MAILS / elapsed
    _logger.warning("%d mails delivered twice at the same moment on 2 workers: %d cases, "
                    "%.1f s", DUPLICATE_MAILS, DUPLICATE_MAILS, elapsed)
