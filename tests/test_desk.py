# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a new agent tripped over: list colours, the case's Cancel
confirmation, the configuration menus, the contact's own cases, the
Add-contact wizard's country and number check."""
from lxml import etree

from .common import CustomerCase


class TestDesk(CustomerCase):

    def _arch(self, model, view_type, view_id=None):
        view = self.env[model].fields_view_get(view_id=view_id, view_type=view_type)
        return etree.fromstring(view["arch"])

    def test_exchanges_lists_keep_every_colour(self):
        form = self.env["interaction.case"].fields_view_get(view_type="form")
        case_tree = etree.fromstring(
            form["fields"]["communication_ids"]["views"]["tree"]["arch"])
        tree = self._arch("interaction.communication", "tree", self.env.ref(
            "interaction_tracker.interaction_communication_view_tree").id)
        for node in (case_tree, tree):
            self.assertIn("is_reminder", node.get("decoration-danger"))
            self.assertIn("state == 'failed'", node.get("decoration-danger"))
            self.assertIn("kind != 'message' and not processed", node.get("decoration-bf"))
            self.assertIn("not is_read", node.get("decoration-bf"))
            self.assertIn("kind == 'message'", node.get("decoration-primary"))

    def test_cancel_asks_for_confirmation(self):
        buttons = self._arch("interaction.case", "form").xpath(
            "//header/button[@name='action_cancel']")
        self.assertTrue(buttons)
        for button in buttons:
            self.assertTrue(button.get("confirm"))

    def test_configuration_menus(self):
        for xmlid, model in (("interaction_exchange_type_menu", "interaction.exchange.type"),
                             ("interaction_contact_tag_menu", "interaction.contact.tag")):
            menu = self.env.ref("interaction_tracker.%s" % xmlid)
            self.assertEqual(menu.parent_id, self.env.ref("interaction_tracker.menu_configuration"))
            self.assertEqual(menu.action.res_model, model)
            # managers only
            self.assertEqual(menu.parent_id.groups_id,
                             self.env.ref("interaction_tracker.group_manager"))

    def test_contact_cases_button_counts_the_persons_cases(self):
        Case = self.env["interaction.case"]
        Case.create({"name": "Joe's", "partner_id": self.customer.id,
                     "requester_id": self.joe.id})
        Case.create({"name": "Jack's", "partner_id": self.customer.id,
                     "requester_id": self.jack.id})
        Case.create({"name": "Nobody's", "partner_id": self.customer.id})
        joe = self.joe.sudo(self.user_agent)
        self.assertEqual(joe.interaction_case_count, 1)
        self.assertEqual(self.customer.sudo(self.user_agent).interaction_case_count, 3)
        action = joe.action_view_interaction_cases()
        self.assertEqual(Case.sudo(self.user_agent).search(action["domain"]).mapped("name"),
                         ["Joe's"])
        self.assertEqual(self.joe.sudo(self.user_employee).interaction_case_count, 0)

    def test_contact_wizard_country_and_number(self):
        france = self.env.ref("base.fr")
        self.company.country_id = self.env.ref("base.us")
        self.customer.country_id = france
        Wizard = self.env["interaction.contact.wizard"]
        wizard = Wizard.new({"organization_id": self.customer.id,
                             "country_id": self.env.ref("base.us").id})
        wizard._onchange_country_from_organization()
        self.assertEqual(wizard.country_id, france)
        wizard.phone = "0699887766"
        self.assertEqual(wizard._onchange_phone_validity(), {})
        wizard.phone = "0699"
        warning = wizard._onchange_phone_validity()["warning"]
        self.assertIn("0699", warning["message"])


class TestDeskDirectMessages(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "interaction_tracker.direct_messages", "True")
        cls.joe.email = "joe@dalton.example.com"
        cls.case = cls.env["interaction.case"].create({
            "name": "Portal case", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id})

    def test_direct_message_reads_as_seen_by_the_customer(self):
        communication = self.env["interaction.communication"].browse(
            self.case.sudo(self.user_agent).post_direct_message(
                "<p>Your parcel is on its way</p>", notify_by_email=False))
        body = communication.message_id.body
        self.assertIn("Message to Dalton SA, Joe Dalton, visible on the customer portal", body)
        self.assertIn("Your parcel is on its way", body)
        # the portal shows the message itself
        self.assertNotIn("visible on the customer portal", communication.body)

    def test_dialog_says_who_receives_it(self):
        Wizard = self.env["interaction.direct.message.wizard"].sudo(self.user_agent)
        wizard = Wizard.new({"case_id": self.case.id, "notify_by_email": False})
        self.assertIn("Dalton SA", wizard.recipient_info)
        self.assertNotIn("joe@dalton.example.com", wizard.recipient_info)
        wizard.notify_by_email = True
        wizard._compute_recipient_info()
        self.assertIn("joe@dalton.example.com", wizard.recipient_info)
        arch = self.env["interaction.direct.message.wizard"].fields_view_get(
            view_type="form")["arch"]
        self.assertIn('default_focus="1"', arch)
