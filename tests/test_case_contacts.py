# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import MissingError, ValidationError

from .common import CustomerCase, create_user

FOUR = {"original_requester", "requester", "subject", "primary"}


class TestCaseContacts(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.stranger = Partner.create({"name": "Lucky Luke"})
        cls.case = cls.env["interaction.case"].create({
            "name": "Broken lift", "partner_id": cls.customer.id})

    def _codes(self, partner):
        line = self.case.case_contact_ids.filtered(lambda l: l.partner_id == partner)
        return set(line.tag_ids.mapped("code"))

    def test_added_by_hand_gets_the_four_tags(self):
        self.env["interaction.case.contact"].sudo(self.user_agent).create({
            "case_id": self.case.id, "partner_id": self.joe.id})
        self.assertEqual(self._codes(self.joe), FOUR)

    def test_second_primary_moves_the_tag(self):
        self.case.add_contact(self.joe.id)
        self.case.add_contact(self.jack.id, ["primary"])
        self.assertEqual(self._codes(self.jack), {"primary"})
        self.assertEqual(self._codes(self.joe), FOUR - {"primary"})
        primary = self.env.ref("interaction_tracker.tag_primary")
        holders = self.case.case_contact_ids.filtered(lambda l: primary in l.tag_ids)
        self.assertEqual(len(holders), 1)
        # by writing the tags on the card too
        joe_line = self.case.case_contact_ids.filtered(lambda l: l.partner_id == self.joe)
        joe_line.write({"tag_ids": [(4, primary.id)]})
        self.assertEqual(self._codes(self.jack), set())

    def test_contact_of_another_company_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Lucky Luke"), self.env.cr.savepoint():
            self.case.sudo(self.user_agent).add_contact(self.stranger.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.case.sudo(self.user_agent).write({"requester_id": self.stranger.id})
        self.assertFalse(self.case.case_contact_ids)

    def test_unknown_tag_and_contact_are_refused(self):
        with self.assertRaises(ValidationError):
            self.case.add_contact(self.joe.id, ["boss"])
        with self.assertRaises(MissingError):  # an unknown id
            self.case.add_contact(0)

    def test_create_a_person_from_the_card(self):
        creator = create_user(self.env, "it_contact_creator", [
            "interaction_tracker.group_user", "base.group_partner_manager"])
        Wizard = self.env["interaction.case.contact.create"].sudo(creator)
        wizard = Wizard.new({"case_id": self.case.id,
                             "email": "jean-pierre.dupont@dalton.example.com"})
        wizard._onchange_email()
        self.assertEqual((wizard.firstname, wizard.lastname), ("Jean-Pierre", "Dupont"))
        wizard = Wizard.create({"case_id": self.case.id, "firstname": "Jean-Pierre",
                                "lastname": "Dupont",
                                "email": "jean-pierre.dupont@dalton.example.com"})
        self.assertEqual(wizard.action_create()["type"], "ir.actions.act_window_close")
        line = self.case.case_contact_ids
        self.assertEqual(line.partner_id.name, "Jean-Pierre Dupont")
        self.assertEqual(line.partner_id.parent_id, self.customer)
        self.assertEqual(set(line.tag_ids.mapped("code")), FOUR)

    def test_case_from_a_contact_page(self):
        action = self.joe.sudo(self.user_agent).action_view_interaction_cases()
        # a person's own cases: requester or on the contacts card
        self.assertEqual(action["domain"], ["|", ("requester_id", "=", self.joe.id),
                                            ("case_contact_ids.partner_id", "=", self.joe.id)])
        case = self.env["interaction.case"].sudo(self.user_agent).with_context(
            **action["context"]).create({"name": "From Joe's page"})
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(case.requester_id, self.joe)
        line = case.case_contact_ids
        self.assertEqual((line.partner_id, set(line.tag_ids.mapped("code"))), (self.joe, FOUR))
        joes = self.env["interaction.case"].sudo(self.user_agent).search(action["domain"])
        self.assertIn(case, joes)
        self.assertEqual(self.joe.sudo(self.user_agent).interaction_case_count, len(joes))
        self.assertEqual(self.customer.sudo(self.user_agent).interaction_case_count, 2)
        self.assertEqual(self.stranger.sudo(self.user_employee).interaction_case_count, 0)

    def test_lines_follow_the_company_of_their_case(self):
        """The contact lines carry their case's company (for the company
        record rule), set when created and kept when the case moves."""
        self.case.add_contact(self.joe.id)
        line = self.case.case_contact_ids
        self.assertEqual(line.company_id, self.case.company_id)
        other = self.env["res.company"].create({"name": "Other support company"})
        self.case.write({"company_id": other.id})
        self.assertEqual(line.company_id, other)
        self.assertFalse(self.env["interaction.case.contact"].sudo(self.user_agent).search(
            [("id", "=", line.id)]), "the agent's company does not see the line any more")

    def test_a_line_without_tags_takes_none(self):
        """A contact added without tags leaves the others their tags."""
        self.case.add_contact(self.joe.id)
        self.env["interaction.case.contact"].create({
            "case_id": self.case.id, "partner_id": self.jack.id, "tag_ids": [(6, 0, [])]})
        self.assertEqual(self._codes(self.joe), FOUR)
        self.assertEqual(self._codes(self.jack), set())
