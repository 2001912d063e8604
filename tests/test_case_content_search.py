# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import CustomerCase, create_user


class TestCaseContentSearch(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["interaction.case"].sudo(cls.user_agent)
        cls.lift = Case.create({"name": "Lift", "partner_id": cls.customer.id,
                                "description": "<p>The <b>cabin</b> shakes</p>"})
        cls.heating = Case.create({"name": "Heating", "partner_id": cls.customer.id})
        cls.call = cls.env["interaction.communication"].sudo(cls.user_agent).create({
            "case_id": cls.heating.id, "kind": "call", "direction": "incoming",
            "sender_id": cls.joe.id, "recipient_id": cls.user_agent.partner_id.id,
            "subject": "Radiator question",
            "body": "<p>The boiler <i>makes</i> noise&nbsp;at night</p>"})

    def _search(self, value, user=None):
        Case = self.env["interaction.case"].sudo(user or self.user_agent)
        return Case.search([("content_search", "ilike", value),
                            ("id", "in", (self.lift | self.heating).ids)])

    def test_finds_subjects_descriptions_and_bodies(self):
        self.assertEqual(self._search("boiler makes noise"), self.heating,
                         "the body's text without its markup")
        self.assertEqual(self._search("RADIATOR"), self.heating)
        self.assertEqual(self._search("cabin"), self.lift)
        self.assertEqual(self._search("lift"), self.lift)
        self.assertFalse(self._search("elevator"))
        self.assertEqual(self._search("  "), self.lift | self.heating)

    def test_own_subject_with_and_without_communications(self):
        # "Heating" has communications, "Lift" has none: both found by their
        # own subject, together with a case found by a communication
        self.call.write({"body": "<p>Heating and lift both fine</p>"})
        self.assertEqual(self._search("heating"), self.heating)
        self.assertEqual(self._search("lift"), self.lift | self.heating)
        self.lift.write({"name": "Shaft"})
        self.assertEqual(self._search("lift"), self.heating)
        self.assertEqual(self._search("shaft"), self.lift)
        self.assertEqual(self._search("SHAFT"), self.lift, "case-insensitive")
        Case = self.env["interaction.case"].sudo(self.user_agent)
        self.assertEqual(Case.search([("content_search", "like", "shaft"),
                                      ("id", "in", self.lift.ids)]).ids, [],
                         "like is case-sensitive")

    def test_plain_text_follows_the_body(self):
        self.assertEqual(self.call.body_text, "The boiler makes noise at night")
        self.call.write({"body": "<p>Fixed by the <b>plumber</b></p>"})
        self.assertEqual(self._search("plumber"), self.heating)
        self.assertFalse(self._search("boiler"))

    def test_trigram_indexes_exist(self):
        expected = {
            "interaction_communication": {"interaction_communication_subject_trgm_index",
                                          "interaction_communication_body_text_trgm_index"},
            "interaction_case": {"interaction_case_name_trgm_index",
                                 "interaction_case_description_trgm_index"},
        }
        for table, indexes in expected.items():
            self.env.cr.execute("""
                SELECT indexname FROM pg_indexes
                 WHERE tablename = %s AND indexdef LIKE '%%gin_trgm_ops%%'
            """, (table,))
            self.assertEqual({row[0] for row in self.env.cr.fetchall()}, indexes)

    def test_refusals(self):
        with self.assertRaises(UserError):
            self.env["interaction.case"].search([("content_search", "=", "boiler")])
        with self.assertRaises(UserError):
            self.env["interaction.case"].search([("content_search", "ilike", 42)])
        portal = create_user(self.env, "it_search_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        # the portal user reads these cases, not their calls: no probing
        self.assertTrue(self.env["interaction.case"].sudo(portal).search(
            [("id", "=", self.heating.id)]))
        with self.assertRaises(AccessError):
            self._search("boiler", user=portal)
        with self.assertRaises(AccessError):
            self._search("boiler", user=self.user_employee)
