# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import CustomerCase


class TestCaseFilters(CustomerCase):
    """The "with reminders" and "with unprocessed incoming" searches agree
    with the computed flags for every operator, and are answered through
    the partial indexes of communications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["interaction.case"].sudo(cls.user_agent)
        cls.cases = Case.browse()
        for name in ("reminder", "archived reminder", "typed", "unprocessed",
                     "processed", "outgoing", "empty"):
            cls.cases |= Case.create({"name": name, "partner_id": cls.customer.id})
        cls.by_name = {case.name: case for case in cls.cases}
        Type = cls.env["interaction.exchange.type"]
        archived = Type.create({"name": "Old reminder", "is_reminder": True, "active": False})
        values = {
            "reminder": {"exchange_type_id": cls.env.ref(
                "interaction_tracker.exchange_type_reminder").id, "direction": "outgoing"},
            "archived reminder": {"exchange_type_id": archived.id, "direction": "outgoing"},
            "typed": {"exchange_type_id": cls.env.ref(
                "interaction_tracker.exchange_type_information").id, "direction": "outgoing"},
            "unprocessed": {"direction": "incoming"},
            "processed": {"direction": "incoming", "processed": True},
            "outgoing": {"direction": "outgoing"},
        }
        Communication = cls.env["interaction.communication"].sudo(cls.user_agent)
        for name, extra in values.items():
            Communication.create(dict({
                "case_id": cls.by_name[name].id, "kind": "exchange",
                "sender_id": cls.joe.id, "body": "<p>Hello</p>"}, **extra))
        # a processed flag never written (NULL), as SQL imports leave it
        unprocessed = cls.by_name["unprocessed"].communication_ids
        cls.env.cr.execute("UPDATE interaction_communication SET processed = NULL "
                           "WHERE id IN %s", (tuple(unprocessed.ids),))
        cls.cases.invalidate_cache()

    def _search(self, field, operator, value):
        Case = self.env["interaction.case"].sudo(self.user_agent)
        return Case.search([("id", "in", self.cases.ids), (field, operator, value)])

    def test_searches_agree_with_the_flags(self):
        for field in ("has_reminder", "has_unprocessed"):
            flagged = self.cases.filtered(field)
            for operator, value, expected in [("=", True, flagged), ("!=", False, flagged),
                                              ("=", False, self.cases - flagged),
                                              ("!=", True, self.cases - flagged)]:
                self.assertEqual(self._search(field, operator, value), expected,
                                 (field, operator, value))
        self.assertEqual(set(self.cases.filtered("has_reminder").mapped("name")),
                         {"reminder", "archived reminder"})
        self.assertEqual(self.cases.filtered("has_unprocessed").mapped("name"),
                         ["unprocessed"])

    def test_no_reminder_type(self):
        self.env["interaction.exchange.type"].with_context(active_test=False).search(
            []).write({"is_reminder": False})
        self.cases.invalidate_cache()
        self.assertFalse(self.cases.filtered("has_reminder"))
        self.assertFalse(self._search("has_reminder", "=", True))
        self.assertEqual(self._search("has_reminder", "=", False), self.cases)

    def test_unsupported_searches_refused(self):
        for field in ("has_reminder", "has_unprocessed"):
            with self.assertRaises(UserError):
                self._search(field, "in", [True])
            with self.assertRaises(UserError):
                self._search(field, "=", "yes")

    def _plan(self, domain, model="interaction.case"):
        """The plan of the search's query, sequential and bitmap scans
        disabled (on a few rows any index would do): the partial index
        appears when its condition matches the query's."""
        Model = self.env[model].sudo(self.user_agent)
        query = Model._where_calc(domain)
        Model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("SET LOCAL enable_bitmapscan = off")
        try:
            self.env.cr.execute("EXPLAIN SELECT %s.id FROM %s WHERE %s" % (  # noqa: S608
                Model._table, from_clause, where_clause), params)
            return "\n".join(row[0] for row in self.env.cr.fetchall())
        finally:
            self.env.cr.execute("SET LOCAL enable_seqscan = on")
            self.env.cr.execute("SET LOCAL enable_bitmapscan = on")

    def test_searches_use_the_partial_indexes(self):
        # on a few rows any index costs as much as the partial ones: without
        # the others (dropped in the test's transaction, rolled back), the
        # plan tells whether a partial index's condition matches the query's
        self.env.cr.execute("""
            SELECT indexname FROM pg_indexes
             WHERE tablename = 'interaction_communication' AND indexname NOT IN %s
        """, (("interaction_communication_pkey", "interaction_communication_unprocessed_index",
               "interaction_communication_typed_index"),))
        for (name,) in self.env.cr.fetchall():
            self.env.cr.execute('DROP INDEX "%s"' % name)  # noqa: S608
        self.assertIn("interaction_communication_unprocessed_index",
                      self._plan([("has_unprocessed", "=", True)]))
        self.assertIn("interaction_communication_typed_index",
                      self._plan([("has_reminder", "=", True)]))
        # the communication list's filters
        self.assertIn("interaction_communication_unprocessed_index", self._plan(
            [("direction", "=", "incoming"), ("processed", "=", False)],
            "interaction.communication"))
        self.assertIn("interaction_communication_typed_index", self._plan(
            [("is_reminder", "=", True)], "interaction.communication"))
