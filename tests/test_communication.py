# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import MissingError, UserError, ValidationError

from .common import CustomerCase


class TestCommunication(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.me = cls.user_agent.partner_id
        cls.case = cls.env["interaction.case"].create({
            "name": "Broken lift", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id})
        cls.Communication = cls.env["interaction.communication"].sudo(cls.user_agent)

    def _call(self, direction="outgoing", **values):
        sender, recipient = (self.me, self.joe) if direction == "outgoing" else (self.joe, self.me)
        values = dict({
            "case_id": self.case.id, "kind": "call", "direction": direction,
            "sender_id": sender.id, "recipient_id": recipient.id,
            "subject": "Lift", "body": "<p>Stuck on floor 3</p>"}, **values)
        return self.Communication.create(values)

    def test_call_without_caller_or_recipient_is_refused(self):
        with self.assertRaises(ValidationError):
            self._call(sender_id=False)
        with self.assertRaises(ValidationError):
            self._call(recipient_id=False)
        call = self._call()
        with self.assertRaises(ValidationError):
            call.write({"recipient_id": False})

    def test_outcome_only_on_outgoing_calls(self):
        incoming = self._call("incoming")
        with self.assertRaises(UserError):
            incoming.action_mark_reached()
        with self.assertRaises(UserError):
            incoming.action_mark_not_reached()
        self.assertFalse(incoming.call_outcome)
        with self.assertRaises(ValidationError):
            incoming.write({"call_outcome": "reached"})
        outgoing = self._call()
        self.assertIs(outgoing.action_mark_not_reached(), True)
        self.assertEqual(outgoing.call_outcome, "not_reached")
        outgoing.action_mark_reached()
        self.assertEqual(outgoing.call_outcome, "reached")

    def test_processed_only_on_incoming(self):
        outgoing = self._call()
        with self.assertRaises(UserError):
            outgoing.action_mark_processed()
        with self.assertRaises(UserError):
            outgoing.action_mark_unprocessed()
        with self.assertRaises(ValidationError):
            outgoing.write({"processed": True})
        incoming = self._call("incoming")
        self.assertIs(incoming.action_mark_processed(), True)
        self.assertTrue(incoming.processed)
        incoming.action_mark_unprocessed()
        self.assertFalse(incoming.processed)

    def test_a_call_can_be_modified_whatever_its_state(self):
        call = self._call()
        call.action_mark_not_reached()
        call.write({"subject": "Lift again", "body": "<p>Voicemail left</p>"})
        call.write({"direction": "incoming"})
        self.assertFalse(call.call_outcome, "an incoming call has no outcome")
        self.assertEqual(call.sender_id, self.joe)
        call.action_mark_processed()
        call.write({"direction": "outgoing"})
        self.assertFalse(call.processed)
        self.assertEqual(call.sender_id, self.me)

    def test_direction_write_keeps_parties_given_in_the_same_write(self):
        call = self._call()
        other = self.env["res.partner"].create({"name": "Jack", "parent_id": self.customer.id})
        call.write({"direction": "incoming", "sender_id": other.id})
        self.assertEqual(call.sender_id, other)
        self.assertEqual(call.recipient_id, self.joe)

    def test_onchange_direction_swaps_once_per_switch(self):
        call = self.Communication.new({
            "case_id": self.case.id, "kind": "call", "direction": "outgoing",
            "sender_id": self.me.id, "recipient_id": self.joe.id})
        call._onchange_direction()  # the form's first onchange: no swap
        self.assertEqual(call.sender_id, self.me)
        call.call_direction = "incoming"
        call._onchange_call_direction()
        call._onchange_direction()
        self.assertEqual((call.sender_id, call.recipient_id), (self.joe, self.me))
        call._onchange_direction()  # same direction again: nothing moves
        self.assertEqual(call.sender_id, self.joe)
        call.direction = "outgoing"
        call._onchange_direction()
        self.assertEqual((call.sender_id, call.recipient_id), (self.me, self.joe))

    def test_call_direction_label_writes_direction(self):
        call = self._call()
        self.assertEqual(call.call_direction, "outgoing")
        call.write({"call_direction": "incoming"})
        self.assertEqual(call.direction, "incoming")
        self.assertEqual(call.sender_id, self.joe, "the parties were swapped")

    def test_exchange_needs_a_detail(self):
        for body in (False, "", "<p> </p>"):
            with self.assertRaises(ValidationError):
                self.Communication.create({
                    "case_id": self.case.id, "kind": "exchange", "body": body,
                    "subject": "Only a subject"})
        exchange = self.Communication.create({
            "case_id": self.case.id, "kind": "exchange", "body": "<p>Appointment</p>",
            "sender_id": self.me.id, "recipient_id": self.joe.id})
        self.assertEqual(exchange.recipient_email, "joe@dalton.example.com",
                         "the recipient e-mail defaults from the recipient")
        with self.assertRaises(ValidationError):
            exchange.write({"body": "<p></p>"})

    def test_exchange_party_domains(self):
        exchange = self.Communication.new({
            "case_id": self.case.id, "kind": "exchange", "direction": "outgoing"})
        domains = exchange._onchange_direction()["domain"]
        employees = self.env["res.partner"].search(domains["sender_id"])
        customers = self.env["res.partner"].search(domains["recipient_id"])
        self.assertIn(self.me, employees)
        self.assertNotIn(self.joe, employees)
        self.assertIn(self.joe, customers)
        self.assertNotIn(self.me, customers)

    def test_delete_where_allowed(self):
        self._call().unlink()
        email = self.Communication.create({
            "case_id": self.case.id, "kind": "email", "state": "done",
            "body": "<p>Sent</p>", "email_to": "joe@dalton.example.com"})
        message = self.Communication.create({
            "case_id": self.case.id, "kind": "message", "direction": "incoming",
            "body": "<p>From the portal</p>"})
        for evidence in (email, message):
            with self.assertRaises(UserError):
                evidence.unlink()
            self.assertTrue(evidence.exists())

    def test_assign_and_unassign_task(self):
        project = self.env["project.project"].create({"name": "Lifts"})
        task = self.env["project.task"].create({"name": "Repair", "project_id": project.id})
        call = self._call()
        self.assertIs(call.action_assign_task(task.id), True)
        self.assertEqual(call.task_id, task)
        self.assertIs(call.action_unassign_task(), True)
        self.assertFalse(call.task_id)
        with self.assertRaises(MissingError):  # an unknown id
            call.action_assign_task(0)

    def test_icons_and_feed(self):
        call = self._call("incoming")
        self.assertEqual(call.icon, "fa-phone")
        self.assertTrue(call.message_id, "each communication is in the case's feed")
        self.assertEqual(call.message_id.res_id, self.case.id)

    def test_feed_note_notifies_only_followers_of_notes(self):
        """A logged call notifies nobody, except the followers of the case
        who asked for notes (the "Note" subtype; Odoo notifies notes to
        internal users only)."""
        colleague = self.user_agent2.partner_id
        self.case.message_subscribe(partner_ids=[colleague.id])
        call = self._call()
        self.assertFalse(call.sudo().message_id.needaction_partner_ids)
        self.assertEqual(call.message_id.author_id, self.me)
        self.case.message_subscribe(partner_ids=[colleague.id],
                                    subtype_ids=[self.env.ref("mail.mt_note").id])
        call = self._call()
        self.assertEqual(call.sudo().message_id.needaction_partner_ids, colleague)

    def test_company_follows_the_case(self):
        call = self._call().sudo()
        self.assertEqual(call.company_id, self.case.company_id)
        company_b = self.env["res.company"].create({"name": "Company B"})
        self.case.write({"company_id": company_b.id})
        self.assertEqual(call.company_id, company_b)
        other = self.env["interaction.case"].create({"name": "Other"})
        call.sudo().write({"case_id": other.id})
        self.assertEqual(call.company_id, other.company_id)
