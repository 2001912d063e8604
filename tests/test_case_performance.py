# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import CustomerCase

KANBAN_FIELDS = ["number", "name", "partner_id", "user_id", "state",
                 "exchange_count", "has_reminder", "exchange_preview"]
FORM_FIELDS = KANBAN_FIELDS + ["requester_id", "user_contact_id", "company_id",
                               "messages_blocked", "description", "communication_ids",
                               "case_contact_ids", "commercial_partner_id"]


class TestCasePerformance(CustomerCase):
    """Query budgets of the hot paths."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["interaction.case"]
        cls.few = Case.browse([Case.create({"name": "Few %d" % i, "partner_id": cls.customer.id}).id
                               for i in range(80)])
        cls.many = Case.browse([Case.create({"name": "Many %d" % i,
                                             "partner_id": cls.customer.id}).id
                                for i in range(80)])
        cls._insert_communications(cls.few, 2)
        cls._insert_communications(cls.many, 40)
        # more than the 1,000 lines Odoo 11 reads per query
        cls.crowded = Case.create({"name": "Crowded", "partner_id": cls.customer.id})
        cls._insert_communications(cls.crowded, 1500)
        # each communication has its note in the case's feed
        cls.env.cr.execute("""
            INSERT INTO mail_message (model, res_id, body, message_type, subtype_id, date)
            SELECT 'interaction.case', c.case_id, c.body, 'notification', %s, c.date
              FROM interaction_communication c WHERE c.case_id IN %s
        """, (cls.env.ref("mail.mt_note").id, tuple((cls.few | cls.many | cls.crowded).ids)))

    @classmethod
    def _insert_communications(cls, cases, per_case):
        """Test volume inserted in one statement (the ORM path is measured
        by test_log_a_call_within_25_queries)."""
        reminder = cls.env.ref("interaction_tracker.exchange_type_reminder")
        cls.env.cr.execute("""
            INSERT INTO interaction_communication
                   (case_id, company_id, kind, direction, subject, body, date, state,
                    exchange_type_id)
            SELECT c.id, c.company_id, 'exchange', 'incoming', 'Exchange ' || n,
                   '<p>Detail</p>', now() - n * interval '1 minute', 'done',
                   CASE WHEN n = 1 THEN %s END
              FROM interaction_case c, generate_series(1, %s) n
             WHERE c.id IN %s
        """, (reminder.id, per_case, tuple(cases.ids)))

    def _count(self, function):
        self.env["res.users"].invalidate_cache()
        start = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - start

    def _view_fields(self, view_type):
        """The fields the web client reads for a view of cases."""
        view = self.env["interaction.case"].sudo(self.user_agent).fields_view_get(
            view_type=view_type)
        return sorted(view["fields"])

    def test_kanban_queries_do_not_grow_with_communications(self):
        Case = self.env["interaction.case"].sudo(self.user_agent)
        fields = self._view_fields("kanban")
        self.assertTrue({"exchange_count", "has_reminder", "exchange_preview"} <= set(fields))
        Case.search_read([("id", "in", self.few.ids)], fields)  # warm caches
        few = self._count(lambda: Case.search_read([("id", "in", self.few.ids)], fields))
        many = self._count(lambda: Case.search_read([("id", "in", self.many.ids)], fields))
        self.assertEqual(few, many)
        self.assertLessEqual(many, 12, "80 kanban cards: counters from grouped queries")
        rows = Case.search_read([("id", "in", self.many.ids)], ["exchange_count", "has_reminder"])
        self.assertEqual({(r["exchange_count"], r["has_reminder"]) for r in rows}, {(40, True)})

    def test_form_queries_do_not_grow_with_communications(self):
        Case = self.env["interaction.case"].sudo(self.user_agent)
        for fields in (FORM_FIELDS, self._view_fields("form")):
            Case.browse(self.few[1].id).read(fields)  # warm caches (access rules)
            few = self._count(lambda: Case.browse(self.few[0].id).read(fields))
            many = self._count(lambda: Case.browse(self.many[0].id).read(fields))
            crowded = self._count(lambda: Case.browse(self.crowded.id).read(fields))
            self.assertEqual((few, many), (crowded, crowded), fields)
        case = Case.browse(self.crowded.id).read(["communication_ids", "message_ids"])[0]
        self.assertEqual(len(case["communication_ids"]), 1500)
        self.assertGreaterEqual(len(case["message_ids"]), 1500)
        # the panel's first page, as the web client reads it
        Communication = self.env["interaction.communication"].sudo(self.user_agent)
        few = self._count(lambda: Communication.search_read(
            [("case_id", "=", self.few[0].id)], ["kind", "direction", "subject"], limit=40))
        many = self._count(lambda: Communication.search_read(
            [("case_id", "=", self.crowded.id)], ["kind", "direction", "subject"], limit=40))
        self.assertEqual(few, many)

    def _call_values(self):
        return {"case_id": self.few[0].id, "kind": "call", "direction": "incoming",
                "sender_id": self.joe.id, "recipient_id": self.user_agent.partner_id.id,
                "subject": "Lift", "body": "<p>Stuck</p>"}

    def test_log_a_call_within_25_queries(self):
        """As an agent, over the ORM, the feed message included (a fresh
        values dict each time: create fills the recipient's e-mail)."""
        Communication = self.env["interaction.communication"].sudo(self.user_agent)
        Communication.create(self._call_values())  # warm caches
        self.env["res.users"].invalidate_cache()
        start = self.env.cr.sql_log_count
        call = Communication.create(self._call_values())
        count = self.env.cr.sql_log_count - start
        self.assertLessEqual(count, 25, "%d SQL queries to log a call" % count)
        self.assertEqual(call.company_id, self.few[0].company_id)
        self.assertEqual(call.recipient_email, self.user_agent.partner_id.email)
        message = call.message_id
        self.assertEqual((message.model, message.res_id), ("interaction.case", self.few[0].id))
        self.assertEqual(message.author_id, self.user_agent.partner_id)
        self.assertIn(self.user_agent.email, message.email_from)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
