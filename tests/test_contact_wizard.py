# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import InteractionCase, create_user
from .test_contacts import AGENT_GROUPS, PRIVATE_GROUPS

STEPS = ["name_type", "organization", "location", "business", "addresses",
         "interaction_addresses", "attributes", "summary"]


class TestContactWizard(InteractionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.user_private = create_user(cls.env, "it_wizard_private", PRIVATE_GROUPS)
        cls.user_contact_agent = create_user(cls.env, "it_wizard_agent", AGENT_GROUPS)
        cls.organization = cls.env["res.partner"].create({"name": "Wizard Org",
                                                          "is_company": True})
        cls.site = cls.env["res.partner"].create({
            "name": "Wizard Org Lyon", "type": "site", "parent_id": cls.organization.id})
        cls.attribute = cls.env["interaction.attribute"].create({"name": "Language"})

    def _wizard(self, user=None, **values):
        Wizard = self.env["interaction.contact.wizard"].sudo(user or self.user_private)
        return Wizard.create(dict({"lastname": "Dupont", "firstname": "Jean"}, **values))

    def test_next_and_previous_walk_the_steps(self):
        wizard = self._wizard()
        for step in STEPS[1:]:
            action = wizard.action_next()
            self.assertEqual(wizard.step, step)
            self.assertEqual((action["res_model"], action["res_id"], action["target"]),
                             (wizard._name, wizard.id, "new"))
        for step in reversed(STEPS[:-1]):
            wizard.action_previous()
            self.assertEqual(wizard.step, step)
        wizard.action_previous()
        self.assertEqual(wizard.step, "name_type")

    def test_lastname_required(self):
        wizard = self._wizard(lastname=False)
        with self.assertRaises(UserError):
            wizard.action_next()
        self.assertEqual(wizard.step, "name_type")

    def test_finish_creates_contact_with_everything(self):
        wizard = self._wizard(
            title=self.env.ref("base.res_partner_title_mister").id,
            middlename="Paul", person_type="customer", organization_id=self.organization.id,
            site_id=self.site.id, department="IT", function="CTO", assistant_name="Anne",
            phone="01 23 45 67 89", email="Jean.Dupont@Example.com", street="1 rue A",
            city="Lyon",
            address_line_ids=[(0, 0, {
                "address_type_id": self.env.ref("interaction_tracker.address_type_home").id,
                "street": "2 rue B", "city": "Paris"})],
            interaction_address_line_ids=[(0, 0, {"address_type": "mobile",
                                                  "subtype": "home",
                                                  "value": "0612345678"})],
            attribute_line_ids=[(0, 0, {"attribute_id": self.attribute.id,
                                        "value": "French"})])
        while wizard.step != "summary":
            wizard.action_next()
        self.assertIn("Jean Paul Dupont", wizard.summary)
        self.assertIn("Wizard Org", wizard.summary)
        action = wizard.action_finish()
        partner = self.env["res.partner"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(wizard.step, "done")
        self.assertEqual(partner.name, "Jean Paul Dupont")
        self.assertEqual(partner.parent_id, self.organization)
        self.assertEqual(partner.site_id, self.site)
        self.assertEqual((partner.department, partner.function, partner.assistant_name,
                          partner.person_type), ("IT", "CTO", "Anne", "customer"))
        self.assertEqual(partner.phone, "+33 1 23 45 67 89")
        self.assertEqual(partner.email, "Jean.Dupont@example.com")
        self.assertEqual((partner.street, partner.city), ("1 rue A", "Lyon"))
        home = partner.child_ids.filtered(lambda child: child.type == "other")
        self.assertEqual((home.street, home.address_type_id.name), ("2 rue B", "Home"))
        self.assertEqual(partner.interaction_address_ids.normalized_value, "+33612345678")
        self.assertEqual(partner.attribute_value_ids.value, "French")
        self.assertEqual(partner.create_uid, self.user_private)
        self.assertFalse(partner.is_private)

    def test_new_organization_and_site(self):
        wizard = self._wizard(new_organization_name="Brand New Org",
                              new_site_name="Brand New Site", new_site_city="Nantes",
                              allow_others="no")
        self.assertTrue(wizard.is_private)
        partner = self.env["res.partner"].browse(wizard.action_finish()["res_id"])
        self.assertEqual(partner.parent_id.name, "Brand New Org")
        self.assertTrue(partner.parent_id.is_company)
        self.assertEqual((partner.site_id.name, partner.site_id.type,
                          partner.site_id.parent_id, partner.site_id.city),
                         ("Brand New Site", "site", partner.parent_id, "Nantes"))
        self.assertTrue(partner.is_private)
        with self.assertRaises(AccessError):
            partner.sudo(self.user_contact_agent).read(["name"])

    def test_add_another(self):
        wizard = self._wizard()
        action = wizard.action_add_another()
        self.assertEqual(wizard.step, "done")
        self.assertTrue(wizard.partner_id)
        fresh = self.env["interaction.contact.wizard"].browse(action["res_id"])
        self.assertNotEqual(fresh, wizard)
        self.assertEqual((fresh.step, fresh.lastname, fresh.partner_id.id),
                         ("name_type", False, False))
        self.assertEqual(self.env["res.partner"].search_count(
            [("name", "=", "Jean Dupont")]), 1)

    def test_private_needs_the_right(self):
        wizard = self._wizard(user=self.user_contact_agent, is_private=True)
        with self.assertRaises(AccessError):
            wizard.action_next()
        with self.assertRaises(AccessError):
            wizard.action_finish()
        self.assertFalse(wizard.partner_id)

    def test_invalid_phone_refused_at_business_step(self):
        wizard = self._wizard(phone="12", step="business")
        with self.assertRaises(ValidationError) as catcher:
            wizard.action_next()
        self.assertIn("12", catcher.exception.name)
        wizard = self._wizard(interaction_address_line_ids=[(0, 0, {
            "address_type": "email", "value": "bad@"})], step="interaction_addresses")
        with self.assertRaises(ValidationError):
            wizard.action_next()

    def test_site_of_another_organization_refused(self):
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        wizard = self._wizard(organization_id=other.id, site_id=self.site.id,
                              step="location")
        with self.assertRaises(UserError):
            wizard.action_next()

    def test_reachable_from_menu_and_contact_list(self):
        action = self.env.ref("interaction_tracker.interaction_contact_wizard_action")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        menu = self.env.ref("interaction_tracker.interaction_contact_wizard_menu")
        self.assertEqual(menu.parent_id, self.env.ref("interaction_tracker.menu_root"))
        self.assertIn(menu.id, self.env["ir.ui.menu"].sudo(
            self.user_contact_agent)._visible_menu_ids())
