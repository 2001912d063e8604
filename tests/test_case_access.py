# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, MissingError

from .common import CustomerCase, create_user


class TestCaseAccess(CustomerCase):
    """What each role may and may NOT do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.env["interaction.case"].sudo(cls.user_agent).create({
            "name": "Broken lift", "partner_id": cls.customer.id, "requester_id": cls.joe.id})
        cls.call = cls.env["interaction.communication"].sudo(cls.user_agent).create({
            "case_id": cls.case.id, "kind": "call", "direction": "incoming",
            "sender_id": cls.joe.id, "recipient_id": cls.user_agent.partner_id.id})
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.agent_b = create_user(
            cls.env, "it_agent_b", ["interaction_tracker.group_user"],
            company_id=cls.company_b.id, company_ids=[(6, 0, cls.company_b.ids)])

    def test_agent_reads_and_writes_cases_of_the_company(self):
        case = self.case.sudo(self.user_agent2)
        case.write({"name": "Broken lift, floor 3"})
        self.assertEqual(case.exchange_count, 1)
        self.call.sudo(self.user_agent2).action_mark_processed()
        case.add_contact(self.joe.id, ["primary"])

    def test_agent_of_another_company_cannot_read_the_case(self):
        Case = self.env["interaction.case"].sudo(self.agent_b)
        self.assertFalse(Case.search([("id", "=", self.case.id)]))
        with self.assertRaises(AccessError):
            self.case.sudo(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            self.call.sudo(self.agent_b).read(["subject"])
        with self.assertRaises(AccessError):
            self.case.sudo(self.agent_b).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            self.env["interaction.communication"].sudo(self.agent_b).create({
                "case_id": self.case.id, "kind": "call", "direction": "incoming",
                "sender_id": self.joe.id, "recipient_id": self.agent_b.partner_id.id})
        case_b = Case.create({"name": "Case of B"})
        self.assertEqual(case_b.company_id, self.company_b)
        self.assertFalse(self.env["interaction.case"].sudo(self.user_agent).search(
            [("id", "=", case_b.id)]))

    def test_employee_outside_the_groups_sees_nothing(self):
        for model, record in (("interaction.case", self.case),
                              ("interaction.communication", self.call)):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.user_employee).search([])
            with self.assertRaises(AccessError):
                record.sudo(self.user_employee).read()
        with self.assertRaises(AccessError):
            self.env["interaction.case"].sudo(self.user_employee).create({"name": "No"})

    def test_portal_user_gets_nothing_here(self):
        with self.assertRaises(AccessError):
            self.case.sudo(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.call.sudo(self.user_portal).read(["subject"])

    def test_agent_cannot_delete_a_case_nor_configure(self):
        with self.assertRaises(AccessError):
            self.case.sudo(self.user_agent).unlink()
        with self.assertRaises(AccessError):
            self.env["interaction.exchange.type"].sudo(self.user_agent).create({"name": "Fax"})
        reminder = self.env.ref("interaction_tracker.exchange_type_reminder")
        with self.assertRaises(AccessError):
            reminder.sudo(self.user_agent).write({"is_reminder": False})
        with self.assertRaises(AccessError):
            self.env["interaction.contact.tag"].sudo(self.user_agent).create(
                {"name": "Boss", "code": "boss"})

    def test_manager_configures_and_deletes(self):
        kind = self.env["interaction.exchange.type"].sudo(self.user_manager).create(
            {"name": "Fax"})
        self.assertTrue(kind.exists())
        self.case.sudo(self.user_manager).unlink()
        self.assertFalse(self.case.exists())

    def test_portal_access_check(self):
        """The customer's own case, any case with its token; another
        customer's case refused, an unknown one missing."""
        customer = create_user(self.env, "it_access_customer", ["base.group_portal"],
                               parent_id=self.customer.id)
        stranger = create_user(self.env, "it_access_stranger", ["base.group_portal"])
        Case = self.env["interaction.case"]
        self.assertEqual(self.case.sudo(customer)._portal_check_access(), self.case)
        with self.assertRaises(AccessError):
            self.case.sudo(stranger)._portal_check_access()
        with self.assertRaises(AccessError):
            self.case.sudo(stranger)._portal_check_access("not the token")
        by_token = self.case.sudo(stranger)._portal_check_access(self.case.access_token)
        self.assertEqual(by_token.id, self.case.id)
        missing = Case.search([], order="id desc", limit=1).id + 1
        with self.assertRaises(MissingError):
            Case.sudo(customer).browse(missing)._portal_check_access()
        with self.assertRaises(MissingError):
            Case.sudo(customer).browse(missing)._portal_check_access("any token")
