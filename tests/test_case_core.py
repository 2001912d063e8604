# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import CustomerCase


class TestCaseCore(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.env["interaction.case"].create({
            "name": "Broken lift", "partner_id": cls.customer.id})

    def test_number_from_sequence(self):
        self.assertTrue(self.case.number.startswith("CAS/"))

    def test_direction_swaps_parties_in_write(self):
        call = self.env["interaction.communication"].create({
            "case_id": self.case.id, "kind": "call", "direction": "outgoing",
            "sender_id": self.env.user.partner_id.id, "recipient_id": self.joe.id})
        call.write({"direction": "incoming"})
        self.assertEqual(call.sender_id, self.joe)
        self.assertEqual(call.recipient_id, self.env.user.partner_id)

    def test_call_needs_parties(self):
        with self.assertRaises(ValidationError):
            self.env["interaction.communication"].create({
                "case_id": self.case.id, "kind": "call", "sender_id": self.joe.id})

    def test_exclusive_tags_move(self):
        self.case.add_contact(self.joe.id)
        self.case.add_contact(self.jack.id, ["primary"])
        joe_line = self.case.case_contact_ids.filtered(lambda l: l.partner_id == self.joe)
        self.assertNotIn("primary", joe_line.tag_ids.mapped("code"))
        self.assertEqual(len(joe_line.tag_ids), 3)

    def test_reminder_counter(self):
        self.env["interaction.communication"].create({
            "case_id": self.case.id, "kind": "exchange", "body": "<p>Relance</p>",
            "exchange_type_id": self.env.ref("interaction_tracker.exchange_type_reminder").id})
        self.assertEqual(self.case.exchange_count, 1)
        self.assertTrue(self.case.has_reminder)
