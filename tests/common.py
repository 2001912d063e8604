# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared test fixtures: one user per role, a query counter, HTTP port,
XML-RPC calls to the test server."""
import os
import xmlrpc.client
from contextlib import contextmanager

import odoo.tests.common as odoo_common
from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase, SavepointCase

# odoo.tests.common reads the HTTP port when it is imported, before pytest-odoo
# parses the configuration: point HttpCase at the server pytest-odoo started.
odoo_common.PORT = int(os.environ.get("IT_TEST_PORT") or odoo_common.PORT)


NO_MAIL_CONTEXT = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
    "tracking_disable": True,
}


def create_user(env, login, groups, **values):
    """Create a user with exactly the given group XML ids."""
    group_ids = [env.ref(xmlid).id for xmlid in groups]
    values.update({
        "name": values.get("name") or login.replace("_", " ").title(),
        "login": login,
        "email": values.get("email") or "%s@example.com" % login,
        "groups_id": [(6, 0, group_ids)],
    })
    return env["res.users"].with_context(**NO_MAIL_CONTEXT).create(values)


class QueryCounterMixin(object):
    """Odoo 11 has no assertQueryCount in stable: count the cursor's queries."""

    @contextmanager
    def assertMaxQueries(self, maximum, cr=None):
        cr = cr or self.env.cr
        start = cr.sql_log_count
        yield
        count = cr.sql_log_count - start
        self.assertLessEqual(
            count, maximum,
            "%d SQL queries, at most %d expected" % (count, maximum))


class InteractionCase(QueryCounterMixin, SavepointCase):
    """One user per role, created once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL_CONTEXT))
        cls.company = cls.env.ref("base.main_company")
        cls.user_agent = create_user(
            cls.env, "it_agent", ["interaction_tracker.group_user"])
        cls.user_agent2 = create_user(
            cls.env, "it_agent2", ["interaction_tracker.group_user"])
        cls.user_manager = create_user(
            cls.env, "it_manager", ["interaction_tracker.group_manager"])
        cls.user_employee = create_user(
            cls.env, "it_employee", ["base.group_user"])
        cls.user_portal = create_user(
            cls.env, "it_portal", ["base.group_portal"])


class CustomerCase(InteractionCase):
    """Users per role, plus a customer company with two contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Dalton SA", "is_company": True})
        cls.joe = Partner.create({"name": "Joe Dalton", "parent_id": cls.customer.id,
                                  "email": "joe@dalton.example.com"})
        cls.jack = Partner.create({"name": "Jack Dalton", "parent_id": cls.customer.id})


def create_portal_case(env, agent, company_name, case_name, login, **user_values):
    """A portal customer of a new company (direct messages switched on) and
    an open case of the company that they request, handled by ``agent``."""
    env["ir.config_parameter"].set_param("interaction_tracker.direct_messages", "True")
    company = env["res.partner"].create({"name": company_name, "is_company": True})
    customer_user = create_user(env, login, ["base.group_portal"], **user_values)
    customer_user.partner_id.parent_id = company
    case = env["interaction.case"].create({
        "name": case_name, "partner_id": company.id,
        "requester_id": customer_user.partner_id.id,
        "user_id": agent.id, "state": "open"})
    return customer_user, case


class ServerEnvMixin(object):
    """In Odoo 11 the HTTP test server works in the registry's test cursor,
    not in ``self.cr``: the fixtures of HTTP, XML-RPC and browser tests are
    made (and checked) in that cursor, whose transaction is rolled back when
    the test leaves the test mode."""

    @contextmanager
    def server_env(self, context=None):
        """A superuser environment in the test server's cursor."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, dict(context or {}))


class XmlRpcCase(ServerEnvMixin, HttpCase):
    """Calls to the test server over XML-RPC (/xmlrpc/2/object)."""

    def setUp(self):
        super().setUp()
        self.object = xmlrpc.client.ServerProxy(
            "http://127.0.0.1:%d/xmlrpc/2/object" % odoo_common.PORT, allow_none=True)

    def execute_kw(self, uid, password, model, method, args, kwargs=None):
        """``model.method(*args, **kwargs)`` called as user ``uid``."""
        return self.object.execute_kw(odoo_common.get_db_name(), uid, password,
                                      model, method, list(args), kwargs or {})


class ServerCursorCase(HttpCase):
    """HTTP tests whose fixtures live on the registry's test cursor: this
    Odoo 11 build serves HTTP requests on it, not on ``self.cr``, so the
    server sees the test data (its commit only moves a savepoint; everything
    is rolled back when the test mode ends) and its queries can be counted."""

    def setUp(self):
        super().setUp()
        test_cr, own_cr, own_env = self.registry.test_cr, self.cr, self.env

        def restore():
            self.cr, self.env = own_cr, own_env
        self.addCleanup(restore)
        self.cr = test_cr
        self.env = api.Environment(test_cr, SUPERUSER_ID, dict(NO_MAIL_CONTEXT))
