# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared test fixtures: one user per role, a query counter, HTTP port."""
import os
from contextlib import contextmanager

import odoo.tests.common as odoo_common
from odoo.tests.common import SavepointCase

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
