# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Merging duplicate contacts with Odoo's partner merge (crm): what the
module stores about them follows, once."""
from odoo.exceptions import AccessError

from .common import CustomerCase, create_user

AGENT_GROUPS = ["interaction_tracker.group_user", "base.group_partner_manager"]
PRIVATE_GROUPS = AGENT_GROUPS + ["interaction_tracker.group_private_contact"]


class TestContactMerge(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.user_contacts = create_user(cls.env, "it_merge_contacts", AGENT_GROUPS)
        cls.user_private = create_user(cls.env, "it_merge_private", PRIVATE_GROUPS)
        cls.user_private2 = create_user(cls.env, "it_merge_private2", PRIVATE_GROUPS)
        cls.attribute = cls.env["interaction.attribute"].create({
            "name": "Favourite channel", "applies_to": "contact"})
        cls.attribute2 = cls.env["interaction.attribute"].create({
            "name": "Shoe size", "applies_to": "contact"})

    def _merge(self, partners, dst, user=None):
        Wizard = self.env["base.partner.merge.automatic.wizard"].sudo(user or self.user_contacts)
        wizard = Wizard.create({"partner_ids": [(6, 0, partners.ids)],
                                "dst_partner_id": dst.id, "state": "selection"})
        wizard.action_merge()

    def _duplicate(self, **values):
        return self.env["res.partner"].create(dict({
            "name": "Joe Dalton", "parent_id": self.customer.id,
            "email": "joe@dalton.example.com"}, **values))

    def test_module_records_follow_once(self):
        twin = self._duplicate()
        Address = self.env["interaction.address"]
        Address.create({"partner_id": self.joe.id, "address_type": "phone",
                        "value": "01 23 45 67 89"})
        Address.create({"partner_id": twin.id, "address_type": "phone",
                        "value": "+33 1 23 45 67 89"})
        Address.create({"partner_id": twin.id, "address_type": "mobile",
                        "value": "06 12 34 56 78"})
        Value = self.env["interaction.attribute.value"]
        Value.create({"attribute_id": self.attribute.id, "partner_id": self.joe.id,
                      "value": False})
        Value.create({"attribute_id": self.attribute.id, "partner_id": twin.id,
                      "value": "Phone"})
        Value.create({"attribute_id": self.attribute2.id, "partner_id": twin.id,
                      "value": "44"})
        Case = self.env["interaction.case"]
        shared = Case.create({"name": "Both", "partner_id": self.customer.id,
                              "requester_id": self.joe.id})
        shared.add_contact(self.jack.id, ["primary"])
        shared.add_contact(twin.id, ["primary"])
        only_twin = Case.create({"name": "Twin", "partner_id": self.customer.id,
                                 "requester_id": twin.id})
        call = self.env["interaction.communication"].create({
            "case_id": only_twin.id, "kind": "call", "direction": "incoming",
            "sender_id": twin.id, "recipient_id": self.user_agent.partner_id.id})

        self._merge(self.joe | twin, self.joe)

        self.assertFalse(twin.exists())
        addresses = Address.search([("partner_id", "=", self.joe.id)])
        self.assertEqual(sorted(addresses.mapped("normalized_value")),
                         ["+33123456789", "+33612345678"], "the same number once")
        values = {v.attribute_id: v.value for v in self.joe.attribute_value_ids}
        self.assertEqual(values, {self.attribute: "Phone", self.attribute2: "44"})
        joe_lines = shared.case_contact_ids.filtered(lambda l: l.partner_id == self.joe)
        self.assertEqual(len(joe_lines), 1, "one line per case")
        self.assertEqual(set(joe_lines.tag_ids.mapped("code")),
                         {"original_requester", "requester", "subject", "primary"})
        jack_line = shared.case_contact_ids.filtered(lambda l: l.partner_id == self.jack)
        self.assertFalse(jack_line.tag_ids, "primary went to the twin, now Joe")
        self.assertEqual(only_twin.case_contact_ids.partner_id, self.joe)
        self.assertEqual(only_twin.requester_id, self.joe)
        self.assertEqual(call.sender_id, self.joe)

    def test_private_only_when_all_private_to_one_owner(self):
        Partner = self.env["res.partner"]
        mine = Partner.sudo(self.user_private).create({
            "name": "Secret One", "email": "secret@example.org", "is_private": True})
        mine2 = Partner.sudo(self.user_private).create({
            "name": "Secret One", "email": "secret@example.org", "is_private": True})
        self._merge(mine | mine2, mine, user=self.user_private)
        self.assertTrue(mine.sudo().is_private)
        theirs = Partner.sudo(self.user_private2).create({
            "name": "Secret One", "email": "secret@example.org", "is_private": True})
        public = Partner.create({"name": "Secret One", "email": "secret@example.org"})
        self._merge(public | theirs, public, user=self.user_private2)
        self.assertFalse(public.is_private, "one of them was public")
        self.assertFalse(theirs.exists())

    def test_private_contacts_of_others_cannot_be_merged(self):
        secret = self.env["res.partner"].sudo(self.user_private).create({
            "name": "Joe Dalton", "email": "joe@dalton.example.com", "is_private": True})
        # the wizard does not even list a contact the user may not read
        self._merge(self.joe | secret, self.joe)
        self.assertTrue(secret.exists())
        # and the merge itself checks them
        wizard = self.env["base.partner.merge.automatic.wizard"].sudo(self.user_contacts).create(
            {"state": "selection"})
        with self.assertRaises(AccessError):
            wizard._merge((self.joe | secret).ids, self.joe)
        self.assertTrue(secret.exists())
        agent_only = create_user(self.env, "it_merge_agent_only",
                                 ["interaction_tracker.group_user"])
        twin = self._duplicate()
        with self.assertRaises(AccessError):
            self._merge(self.joe | twin, self.joe, user=agent_only)
        self.assertTrue(twin.exists())
