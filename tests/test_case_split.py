# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import CustomerCase, create_user


class TestCaseSplit(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Case = cls.env["interaction.case"].sudo(cls.user_agent)
        cls.Communication = cls.env["interaction.communication"].sudo(cls.user_agent)

    def setUp(self):
        super().setUp()
        self.case = self.Case.create({
            "name": "Lift stuck", "partner_id": self.customer.id,
            "requester_id": self.joe.id})
        self.first = self._exchange("Lift stuck on floor 3", self.joe)
        self.second = self._exchange("Also: the heating is off", self.jack)

    def _exchange(self, text, sender):
        return self.Communication.create({
            "case_id": self.case.id, "kind": "exchange", "direction": "incoming",
            "sender_id": sender.id, "recipient_id": self.user_agent.partner_id.id,
            "subject": text, "body": "<p>%s</p>" % text})

    def _messages(self, case):
        return self.env["mail.message"].search(
            [("model", "=", "interaction.case"), ("res_id", "=", case.id)])

    def test_split_opens_a_case_with_the_communication(self):
        attachment = self.env["ir.attachment"].create({
            "name": "heating.txt", "datas_fname": "heating.txt", "datas": "aGVsbG8=",
            "res_model": "interaction.case", "res_id": self.case.id})
        other_attachment = self.env["ir.attachment"].create({
            "name": "lift.txt", "datas_fname": "lift.txt", "datas": "aGVsbG8=",
            "res_model": "interaction.case", "res_id": self.case.id})
        self.second.sudo().write({"attachment_ids": [(6, 0, attachment.ids)]})
        feed_message = self.second.message_id
        self.assertTrue(feed_message)

        action = self.second.action_split_case()

        new_case = self.env["interaction.case"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "interaction.case")
        self.assertEqual(new_case.split_from_id, self.case)
        self.assertEqual(new_case.partner_id, self.customer)
        self.assertEqual(new_case.company_id, self.case.company_id)
        self.assertEqual(new_case.requester_id, self.jack, "the customer's party")
        self.assertEqual(new_case.name, "Also: the heating is off")
        self.assertEqual(new_case.communication_ids, self.second)
        self.assertEqual(self.case.communication_ids, self.first)
        self.assertEqual(self.second.split_from_case_id, self.case)
        self.assertEqual(feed_message.res_id, new_case.id)
        self.assertEqual(attachment.res_id, new_case.id)
        self.assertEqual(other_attachment.res_id, self.case.id, "other files stay")
        self.assertIn(self.case.number, " ".join(self._messages(new_case).mapped("body")))
        self.assertIn(new_case.number, " ".join(self._messages(self.case).mapped("body")))
        self.assertNotIn(feed_message, self._messages(self.case))

    def test_requester_of_the_case_for_an_employee_party(self):
        outgoing = self.Communication.create({
            "case_id": self.case.id, "kind": "exchange", "direction": "outgoing",
            "sender_id": self.user_agent.partner_id.id,
            "recipient_id": self.user_agent2.partner_id.id, "body": "<p>Internal</p>"})
        new_case = self.env["interaction.case"].browse(outgoing.action_split_case()["res_id"])
        self.assertEqual(new_case.requester_id, self.joe)
        self.assertEqual(new_case.name, self.case.name)

    def test_refusals(self):
        self.second.action_split_case()
        with self.assertRaisesRegex(UserError, "already split"):
            self.second.action_split_case()
        # the first communication is now the only one of its case
        with self.assertRaisesRegex(UserError, "only one"):
            self.first.action_split_case()
        with self.assertRaises(UserError):
            (self.first | self.second).action_split_case()

    def test_portal_and_other_companies_may_not_split(self):
        portal = create_user(self.env, "it_split_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        with self.assertRaises(AccessError):
            self.second.sudo(portal).action_split_case()
        main = self.env.ref("base.main_company")
        branch = self.env["res.company"].create({"name": "Branch", "parent_id": main.id})
        branch_agent = create_user(self.env, "it_split_branch", ["interaction_tracker.group_user"],
                                   company_id=branch.id, company_ids=[(6, 0, branch.ids)])
        with self.assertRaises(AccessError):
            self.second.sudo(branch_agent).action_split_case()
        self.assertEqual(self.second.case_id, self.case)
        self.assertFalse(self.env["interaction.case"].search(
            [("split_from_id", "=", self.case.id)]))
