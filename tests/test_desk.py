# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a new agent tripped over: list colours, the case's Cancel
confirmation, the configuration menus, the contact's own cases, the
Add-contact wizard's country and number check."""
from lxml import etree

from odoo.exceptions import ValidationError

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


class TestDeskRules(CustomerCase):
    """Empty exchanges refused, empty calls accepted: both rules shown in
    the dialogs, the refusal a clear French error."""

    def test_empty_exchange_refused_in_french_empty_call_accepted(self):
        case = self.env["interaction.case"].create({
            "name": "Rules", "partner_id": self.customer.id, "requester_id": self.joe.id})
        Communication = self.env["interaction.communication"].sudo(
            self.user_agent).with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as caught:
            Communication.create({
                "case_id": case.id, "kind": "exchange", "direction": "incoming",
                "sender_id": self.joe.id, "body": "<p><br></p>"})
        self.assertIn("Un échange doit avoir un détail", caught.exception.name)
        self.assertIn("« Détail »", caught.exception.name)
        call = Communication.create({
            "case_id": case.id, "kind": "call", "direction": "incoming",
            "sender_id": self.joe.id, "recipient_id": self.user_agent.partner_id.id})
        self.assertEqual(call.kind, "call")

    def test_rules_visible_in_the_dialogs(self):
        Communication = self.env["interaction.communication"].with_context(lang="fr_FR")
        exchange = etree.fromstring(Communication.fields_view_get(view_id=self.env.ref(
            "interaction_tracker.interaction_communication_view_form_exchange").id)["arch"])
        body = exchange.xpath("//field[@name='body']")[0]
        self.assertEqual(body.get("placeholder"), "Détail (obligatoire)")
        self.assertIn("Obligatoire", "".join(exchange.xpath(
            "//div[hasclass('o_interaction_rule')]//text()")))
        call = etree.fromstring(Communication.fields_view_get(view_id=self.env.ref(
            "interaction_tracker.interaction_communication_view_form_call").id)["arch"])
        self.assertIn("facultatif", call.xpath("//field[@name='body']")[0].get("placeholder"))
        self.assertIn("facultatifs", "".join(call.xpath(
            "//div[hasclass('o_interaction_rule')]//text()")))

    def test_contact_wizard_types_in_french(self):
        Wizard = self.env["interaction.contact.wizard"].with_context(lang="fr_FR")
        person_types = dict(Wizard.fields_get(["person_type"])["person_type"]["selection"])
        self.assertEqual(person_types["customer"], "Client")
        Line = self.env["interaction.contact.wizard.interaction.address"].with_context(
            lang="fr_FR")
        selections = Line.fields_get(["address_type", "subtype"])
        self.assertEqual(dict(selections["address_type"]["selection"])["mobile"], "Portable")
        self.assertEqual(dict(selections["subtype"]["selection"])["home"], "Domicile")
        wizard = Wizard.create({"lastname": "Dupont", "person_type": "customer",
                                "interaction_address_line_ids": [(0, 0, {
                                    "value": "06 12 34 56 78", "address_type": "mobile",
                                    "subtype": "home"})]})
        summary = wizard._get_summary_html()
        self.assertIn("Client", summary)
        self.assertIn("(Portable, Domicile)", summary)


class TestDeskRequesterTags(CustomerCase):
    """The requester and the Requester tag of the contacts card in step."""

    def _codes(self, case, partner):
        line = case.case_contact_ids.filtered(lambda l: l.partner_id == partner)
        return set(line.tag_ids.mapped("code"))

    def test_changing_the_requester_moves_the_tag(self):
        case = self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "Tags", "partner_id": self.customer.id, "requester_id": self.joe.id})
        self.assertEqual(self._codes(case, self.joe),
                         {"original_requester", "requester", "subject", "primary"})
        case.requester_id = self.jack
        self.assertEqual(self._codes(case, self.jack), {"requester"})
        self.assertEqual(self._codes(case, self.joe),
                         {"original_requester", "subject", "primary"})
        # back to Joe, already on the card
        case.requester_id = self.joe
        self.assertEqual(self._codes(case, self.joe),
                         {"original_requester", "requester", "subject", "primary"})
        self.assertEqual(self._codes(case, self.jack), set())

    def test_tag_given_on_the_card_changes_the_requester(self):
        case = self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "Tags", "partner_id": self.customer.id, "requester_id": self.joe.id})
        line = self.env["interaction.case.contact"].sudo(self.user_agent).create({
            "case_id": case.id, "partner_id": self.jack.id})
        self.assertEqual(case.requester_id, self.joe)
        line.write({"tag_ids": [(4, self.env.ref("interaction_tracker.tag_requester").id)]})
        self.assertEqual(case.requester_id, self.jack)
        self.assertNotIn("requester", self._codes(case, self.joe))

    def test_contact_added_by_hand_takes_only_the_free_tags(self):
        case = self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "Tags", "partner_id": self.customer.id, "requester_id": self.joe.id})
        Line = self.env["interaction.case.contact"].sudo(self.user_agent)
        # the form's default: nothing is free, no tag
        defaults = Line.with_context(default_case_id=case.id).default_get(["tag_ids"])
        self.assertFalse(defaults["tag_ids"][0][2])
        Line.create({"case_id": case.id, "partner_id": self.jack.id})
        self.assertEqual(self._codes(case, self.jack), set())
        self.assertEqual(case.requester_id, self.joe)
        self.assertEqual(self._codes(case, self.joe),
                         {"original_requester", "requester", "subject", "primary"})
        # on an empty card, the four
        empty = self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "No contact", "partner_id": self.customer.id})
        Line.create({"case_id": empty.id, "partner_id": self.jack.id})
        self.assertEqual(self._codes(empty, self.jack),
                         {"original_requester", "requester", "subject", "primary"})
        self.assertEqual(empty.requester_id, self.jack)


class TestDeskAttributes(CustomerCase):
    """Attribute types pre-listed in the Add-contact wizard, their scope
    enforced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["interaction.attribute"]
        cls.language = Attribute.create({"name": "Langue", "applies_to": "contact"})
        cls.hours = Attribute.create({"name": "Horaires", "applies_to": "location"})
        cls.sector = Attribute.create({"name": "Secteur", "applies_to": "organization"})

    def test_attributes_step_lists_the_contact_attributes(self):
        wizard = self.env["interaction.contact.wizard"].create({"lastname": "Dupont"})
        listed = wizard.attribute_line_ids.mapped("attribute_id")
        self.assertIn(self.language, listed)
        self.assertNotIn(self.hours, listed)
        self.assertNotIn(self.sector, listed)
        wizard.attribute_line_ids.filtered(
            lambda line: line.attribute_id == self.language).value = "Français"
        while wizard.step != "summary":
            wizard.action_next()
        partner = self.env["res.partner"].browse(wizard.action_finish()["res_id"])
        # only the attributes given a value are kept
        self.assertEqual(partner.attribute_value_ids.mapped("attribute_id"), self.language)

    def test_scope_enforced_in_french(self):
        site = self.env["res.partner"].create({
            "name": "Dalton Lyon", "type": "site", "parent_id": self.customer.id})
        Value = self.env["interaction.attribute.value"].with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as caught:
            Value.create({"attribute_id": self.hours.id, "partner_id": self.joe.id,
                          "value": "9-17"})
        self.assertIn("s'applique à : Emplacement", caught.exception.name)
        with self.assertRaises(ValidationError):
            Value.create({"attribute_id": self.language.id, "partner_id": self.customer.id})
        with self.assertRaises(ValidationError):
            Value.create({"attribute_id": self.sector.id, "partner_id": site.id})
        for attribute, partner in ((self.hours, site), (self.language, self.joe),
                                   (self.sector, self.customer)):
            self.assertTrue(Value.create({"attribute_id": attribute.id,
                                          "partner_id": partner.id}))
