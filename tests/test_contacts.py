# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.base.res.res_partner import Partner as BasePartner
from odoo.addons.interaction_tracker.models.res_partner_name_search import TRIGRAM_INDEXES

from .common import InteractionCase, create_user

AGENT_GROUPS = ["interaction_tracker.group_user", "base.group_partner_manager"]
PRIVATE_GROUPS = AGENT_GROUPS + ["interaction_tracker.group_private_contact"]
FIVE_FORMATS = ["01 23 45 67 89", "+33123456789", "0033 1 23 45 67 89",
                "+33 (0)1 23 45 67 89", "01.23.45.67.89"]


class ContactCase(InteractionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.user_private = create_user(cls.env, "it_private_agent", PRIVATE_GROUPS)
        cls.user_private2 = create_user(cls.env, "it_private_agent2", PRIVATE_GROUPS)
        cls.user_contact_agent = create_user(cls.env, "it_contact_agent", AGENT_GROUPS)
        cls.Partner = cls.env["res.partner"]
        cls.organization = cls.Partner.create({"name": "Org Test", "is_company": True})
        cls.site = cls.Partner.create({
            "name": "Org Test Paris", "type": "site", "parent_id": cls.organization.id,
            "city": "Paris"})
        cls.private = cls.Partner.sudo(cls.user_private).create({
            "firstname": "Secret", "lastname": "Contact", "is_private": True,
            "phone": "01 99 88 77 66", "email": "secret.contact@example.org"})
        cls.private = cls.private.sudo()


class TestPartnerNames(ContactCase):

    def test_name_built_from_parts(self):
        partner = self.Partner.create({
            "firstname": "Jean", "middlename": "Paul", "lastname": "Dupont"})
        self.assertEqual(partner.name, "Jean Paul Dupont")
        partner.write({"lastname": "Durand"})
        self.assertEqual(partner.name, "Jean Paul Durand")

    def test_name_split_into_parts(self):
        partner = self.Partner.create({"name": "Marie Claire Dubois"})
        self.assertEqual((partner.firstname, partner.middlename, partner.lastname),
                         ("Marie", "Claire", "Dubois"))
        partner.name = "Dubois"
        self.assertEqual((partner.firstname, partner.lastname), (False, "Dubois"))

    def test_company_and_site_names_are_kept(self):
        self.assertEqual(self.organization.name, "Org Test")
        self.assertFalse(self.organization.lastname)
        self.assertEqual(self.site.name, "Org Test Paris")

    def test_split_email_name(self):
        split = self.Partner.split_email_name
        self.assertEqual(split("jean-pierre.dupont@x.fr"),
                         {"firstname": "Jean-Pierre", "lastname": "Dupont"})
        self.assertEqual(split("Marie_Curie@lab.example.org"),
                         {"firstname": "Marie", "lastname": "Curie"})
        self.assertEqual(split("contact@x.fr"), {"firstname": False, "lastname": "Contact"})

    def test_onchange_email_fills_names_of_a_new_contact(self):
        partner = self.Partner.new({"email": "jean-pierre.dupont@x.fr"})
        partner._onchange_email_split_name()
        self.assertEqual((partner.firstname, partner.lastname, partner.name),
                         ("Jean-Pierre", "Dupont", "Jean-Pierre Dupont"))

    def test_site_must_belong_to_the_organization(self):
        other = self.Partner.create({"name": "Other Org", "is_company": True})
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Bad Site", "parent_id": other.id,
                                 "site_id": self.site.id})
        contact = self.Partner.create({"name": "Good Site", "parent_id": self.organization.id,
                                       "site_id": self.site.id})
        self.assertEqual(contact.site_id, self.site)
        self.assertIn(self.site, self.organization.site_ids)


class TestPrivateContacts(ContactCase):

    def test_creator_sees_private_contact(self):
        Partner = self.Partner.sudo(self.user_private)
        self.assertIn(self.private, Partner.search([("lastname", "=", "Contact")]))
        self.assertTrue(Partner.name_search("Secret"))
        self.assertEqual(Partner.browse(self.private.id).read(["name"])[0]["name"],
                         "Secret Contact")

    def test_other_agent_cannot_see_private_contact(self):
        for user in (self.user_private2, self.user_agent, self.user_manager,
                     self.user_portal):
            Partner = self.Partner.sudo(user)
            self.assertNotIn(self.private.id, Partner.search([]).ids)
            self.assertFalse(Partner.search([("id", "=", self.private.id)]))
            self.assertFalse([pid for pid, _name in Partner.name_search("Secret")
                              if pid == self.private.id])
            with self.assertRaises(AccessError):
                Partner.browse(self.private.id).read(["name"])

    def test_other_agent_cannot_link_private_contact(self):
        Partner = self.Partner.sudo(self.user_private2)
        own = Partner.create({"name": "Own Contact"})
        with self.assertRaises(AccessError):
            own.write({"parent_id": self.private.id})
        with self.assertRaises(AccessError):
            Partner.create({"name": "Child", "parent_id": self.private.id})
        with self.assertRaises(AccessError):
            self.env["interaction.address"].sudo(self.user_private2).create({
                "partner_id": self.private.id, "address_type": "phone",
                "value": "01 23 45 67 89"})
        self.assertFalse(own.sudo().parent_id)

    def test_private_addresses_hidden(self):
        address = self.env["interaction.address"].sudo(self.user_private).create({
            "partner_id": self.private.id, "address_type": "email",
            "value": "secret@example.org"})
        self.assertFalse(self.env["interaction.address"].sudo(self.user_private2).search(
            [("id", "=", address.id)]))

    def test_only_group_members_make_contacts_private(self):
        Partner = self.Partner.sudo(self.user_contact_agent)
        with self.assertRaises(AccessError):
            Partner.create({"name": "Not Allowed", "is_private": True})
        own = Partner.create({"name": "Mine"})
        with self.assertRaises(AccessError):
            own.write({"is_private": True})
        self.assertFalse(own.is_private)

    def test_only_own_contacts_made_private(self):
        other = self.Partner.sudo(self.user_private2).create({"name": "Of Agent Two"})
        with self.assertRaises(AccessError):
            other.sudo(self.user_private).write({"is_private": True})
        other.write({"is_private": True})
        self.assertTrue(other.is_private)

    def test_private_contact_is_never_a_company_or_a_user(self):
        with self.assertRaises(ValidationError):
            self.Partner.create({"name": "Private Org", "is_company": True,
                                 "is_private": True})
        with self.assertRaises(ValidationError):
            self.user_agent.partner_id.write({"is_private": True})

    def test_contact_creation_needs_partner_manager(self):
        with self.assertRaises(AccessError):
            self.Partner.sudo(self.user_agent).create({"name": "No Right"})
        with self.assertRaises(AccessError):
            self.organization.sudo(self.user_agent).write({"name": "Renamed"})

    def test_user_partners_stay_readable(self):
        """The rule does not hide users' partners, companies or the portal
        user's own partner."""
        self.assertEqual(self.user_portal.partner_id.sudo(self.user_portal).read(
            ["name"])[0]["id"], self.user_portal.partner_id.id)
        self.assertTrue(self.company.partner_id.sudo(self.user_private2).read(["name"]))

    def test_private_contact_never_becomes_a_user(self):
        """Creating a user on a private contact, or linking one to it, is
        refused before anything is written."""
        Users = self.env["res.users"].with_context(no_reset_password=True)
        self.env.cr.execute("SELECT count(*) FROM res_users")
        count = self.env.cr.fetchone()[0]
        with self.assertRaises(ValidationError) as catcher:
            Users.create({"login": "it_private_user", "partner_id": self.private.id})
        self.assertIn("Secret Contact", catcher.exception.name)
        with self.assertRaises(ValidationError):
            Users.create({"login": "it_private_user", "name": "New Private",
                          "is_private": True})
        self.env.cr.execute("SELECT count(*) FROM res_users")
        self.assertEqual(self.env.cr.fetchone()[0], count)
        self.assertFalse(self.private.with_context(active_test=False).user_ids)
        self.assertTrue(self.private.is_private)

    def test_user_never_linked_to_a_private_contact(self):
        user = self.user_private2
        partner = user.partner_id
        with self.assertRaises(ValidationError):
            user.write({"partner_id": self.private.id})
        with self.assertRaises(ValidationError):
            user.write({"is_private": True})
        user.invalidate_cache()
        self.assertEqual(user.partner_id, partner)
        self.assertFalse(partner.is_private)
        self.assertFalse(self.private.with_context(active_test=False).user_ids)
        # a public contact can still be linked
        public = self.Partner.create({"name": "Public Contact"})
        user.write({"partner_id": public.id})
        self.assertEqual(user.partner_id, public)

    def test_private_contact_of_another_user_not_named(self):
        """The user manager who may not read the private contact is refused
        without learning its name; the message is translated."""
        manager = create_user(self.env, "it_user_manager",
                              AGENT_GROUPS + ["base.group_erp_manager"])
        Users = self.env["res.users"].sudo(manager).with_context(
            no_reset_password=True, lang="fr_FR")
        with self.assertRaises(ValidationError) as catcher:
            Users.create({"login": "it_private_user", "partner_id": self.private.id})
        self.assertNotIn("Secret", catcher.exception.name)
        self.assertIn("ne peut pas être privé", catcher.exception.name)


class TestInteractionAddresses(ContactCase):

    def setUp(self):
        super().setUp()
        self.contact = self.Partner.create({
            "name": "Address Owner", "country_id": self.env.ref("base.fr").id})
        self.Address = self.env["interaction.address"].sudo(self.user_contact_agent)

    def test_phone_formatted_and_normalized(self):
        address = self.Address.create({"partner_id": self.contact.id,
                                       "address_type": "phone", "value": "01.23.45.67.89",
                                       "subtype": "office2", "extension": "12"})
        self.assertEqual(address.value, "+33 1 23 45 67 89")
        self.assertEqual(address.normalized_value, "+33123456789")
        address.write({"value": "0033 6 12 34 56 78"})
        self.assertEqual(address.normalized_value, "+33612345678")

    def test_email_validated_and_normalized(self):
        address = self.Address.create({"partner_id": self.contact.id,
                                       "address_type": "email",
                                       "value": "Jean.Dupont@EXAMPLE.com"})
        self.assertEqual(address.value, "Jean.Dupont@example.com")
        self.assertEqual(address.normalized_value, "jean.dupont@example.com")

    def test_invalid_values_refused_and_nothing_written(self):
        count = self.env["interaction.address"].search_count([])
        for address_type, value in (("phone", "12"), ("mobile", "not a number"),
                                    ("email", "jean.dupont@"), ("email", "nobody")):
            with self.assertRaises(ValidationError) as catcher:
                self.Address.create({"partner_id": self.contact.id,
                                     "address_type": address_type, "value": value})
            self.assertIn(value, catcher.exception.name)
        address = self.Address.create({"partner_id": self.contact.id,
                                       "address_type": "phone", "value": "0123456789"})
        with self.assertRaises(ValidationError):
            address.write({"value": "99"})
        self.assertEqual(address.value, "+33 1 23 45 67 89")
        self.assertEqual(self.env["interaction.address"].search_count([]), count + 1)

    def test_invalid_message_is_translated(self):
        Address = self.Address.with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as catcher:
            Address.create({"partner_id": self.contact.id, "address_type": "phone",
                            "value": "12"})
        self.assertIn("n'est pas un numéro de téléphone valide", catcher.exception.name)

    def test_format_partner_phone(self):
        self.contact.write({"phone": "01 23 45 67 89", "mobile": "0612345678"})
        self.assertTrue(self.contact.sudo(self.user_contact_agent).action_format_phone())
        self.assertEqual(self.contact.phone, "+33 1 23 45 67 89")
        self.assertEqual(self.contact.mobile, "+33 6 12 34 56 78")
        self.contact.phone = "123"
        with self.assertRaises(ValidationError) as catcher:
            self.contact.action_format_phone()
        self.assertIn("123", catcher.exception.name)

    def test_attribute_values(self):
        attribute = self.env["interaction.attribute"].create({
            "name": "Favourite channel", "applies_to": "contact"})
        self.env["interaction.attribute.value"].sudo(self.user_contact_agent).create({
            "attribute_id": attribute.id, "partner_id": self.contact.id, "value": "Phone"})
        self.assertEqual(self.contact.attribute_value_ids.value, "Phone")
        with self.assertRaises(AccessError):
            self.env["interaction.attribute"].sudo(self.user_agent).create({"name": "X"})


class TestResolveContact(ContactCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.by_phone = cls.Partner.create({"name": "Phone Owner", "phone": "01 23 45 67 89"})
        cls.by_address = cls.Partner.create({"name": "Address Owner"})
        cls.env["interaction.address"].create({
            "partner_id": cls.by_address.id, "address_type": "phone",
            "value": "+33 1 23 45 67 89"})
        cls.by_email = cls.Partner.create({"name": "Mail Owner",
                                           "email": "Mail.Owner@Example.COM"})

    def test_five_formats_of_one_number(self):
        Partner = self.Partner.sudo(self.user_agent)
        for number in FIVE_FORMATS:
            self.assertEqual(Partner.resolve_contact(phone=number),
                             [self.by_phone.id, self.by_address.id], number)

    def test_email_any_case(self):
        Partner = self.Partner.sudo(self.user_agent)
        for email in ("mail.owner@example.com", "MAIL.OWNER@EXAMPLE.COM",
                      " Mail.Owner@example.com "):
            self.assertEqual(Partner.resolve_contact(email=email), [self.by_email.id])

    def test_mobile_and_unknown(self):
        self.by_email.mobile = "06 55 44 33 21"
        Partner = self.Partner.sudo(self.user_agent)
        self.assertEqual(Partner.resolve_contact(phone="+33655443321"), [self.by_email.id])
        self.assertEqual(Partner.resolve_contact(phone="+33 9 99 99 99 99"), [])
        self.assertEqual(Partner.resolve_contact(), [])

    def test_never_returns_private_contact_of_another_user(self):
        self.assertEqual(self.Partner.sudo(self.user_private2).resolve_contact(
            phone="01 99 88 77 66"), [])
        self.assertEqual(self.Partner.sudo(self.user_private2).resolve_contact(
            email="SECRET.CONTACT@example.org"), [])
        self.assertEqual(self.Partner.sudo(self.user_private).resolve_contact(
            phone="+33199887766"), [self.private.id])

    def test_at_most_three_queries(self):
        Partner = self.Partner.sudo(self.user_agent)
        Partner.resolve_contact(phone="0123456789")
        # with an empty record cache, as a new request has it
        Partner.invalidate_cache()
        with self.assertMaxQueries(3):
            Partner.resolve_contact(phone="01 23 45 67 89")
        Partner.invalidate_cache()
        with self.assertMaxQueries(3):
            Partner.resolve_contact(email="mail.owner@example.com")

    def test_indexes_exist(self):
        self.env.cr.execute("SELECT indexname FROM pg_indexes WHERE tablename IN "
                            "('res_partner', 'interaction_address')")
        names = {row[0] for row in self.env.cr.fetchall()}
        for name in ("res_partner_phone_normalized_index",
                     "res_partner_mobile_normalized_index",
                     "res_partner_email_normalized_index",
                     "interaction_address_normalized_value_index"):
            self.assertIn(name, names)
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if self.env.cr.fetchone():
            self.assertIn("res_partner_display_name_trgm_index", names)


class TestNameSearch(ContactCase):
    """The module answers res.partner.name_search with its own query (one
    trigram index): the results must be Odoo's, whatever the term, operator,
    domain, limit and user."""

    TERMS = ["qwz", "QWZ", "Qwzorg", "anna qwz", "qwzmail", "ref-qwz", "qwz123",
             "billing.qwz", "org_qwz", "qw%ova", "qwzé", "Industries, Anna", "zzzzzz"]
    OPERATORS = ["ilike", "like", "=ilike", "=like", "not ilike", "="]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.Partner
        cls.company_qwz = Partner.create({
            "name": "Qwzorg Industries", "is_company": True, "ref": "QWZ-ORG",
            "vat": "FR99QWZ001", "email": "contact@qwzorg.example.com"})
        cls.anna = Partner.create({
            "name": "Anna Qwzova", "parent_id": cls.company_qwz.id,
            "email": "anna@qwzorg.example.com"})
        cls.bruno = Partner.create({"name": "Bruno Martin",
                                    "email": "bruno.qwzmail@example.org"})
        cls.carla = Partner.create({"name": "Carla Petit", "ref": "REF-QWZ-7"})
        cls.denis = Partner.create({"name": "Denis Roux", "vat": "QWZ123"})
        cls.lamy = Partner.create({"name": "Qwzette Lamy", "email": "lamy@example.org"})
        cls.elodie = Partner.create({"name": "Élodie Qwzé"})
        cls.billing = Partner.create({"type": "invoice",
                                      "email": "billing.qwz@example.org"})
        cls.archived = Partner.create({"name": "Qwzold Archived", "active": False})
        cls.private_qwz = Partner.sudo(cls.user_private).create({
            "name": "Secret Qwzprivate", "is_private": True}).sudo()

    def odoo_name_search(self, Partner, name, args=None, operator="ilike", limit=100):
        """Odoo 11's own res.partner.name_search, on the same records."""
        return BasePartner.name_search(Partner, name, args=args, operator=operator,
                                       limit=limit)

    def assertSameAsOdoo(self, Partner, name, args=None, operator="ilike", limit=100):
        ours = Partner.name_search(name, args=args, operator=operator, limit=limit)
        odoo = self.odoo_name_search(Partner, name, args=args, operator=operator,
                                     limit=limit)
        self.assertEqual(ours, odoo, (name, args, operator, limit))
        return ours

    def test_same_results_as_odoo(self):
        for user in (self.user_private, self.user_private2, self.user_agent):
            Partner = self.Partner.sudo(user)
            for operator in self.OPERATORS:
                for term in self.TERMS:
                    for limit in (8, 2, None):
                        self.assertSameAsOdoo(Partner, term, operator=operator,
                                              limit=limit)
                for pattern in ("qwz%", "%qwz", "%qwz%", "anna qwz%", "qwzette lamy",
                                "QWZ123", "%@example.org"):
                    self.assertSameAsOdoo(Partner, pattern, operator=operator)
        Partner = self.Partner.sudo(self.user_agent)
        for args in ([("is_company", "=", True)], [("email", "!=", False)],
                     [("id", "in", [self.bruno.id, self.carla.id])]):
            for term in self.TERMS:
                self.assertSameAsOdoo(Partner, term, args=args)
        # as the superuser, and terms that also find the database's own contacts
        for term in ("adm", "example", "com", "a", "de"):
            ours = self.Partner.name_search(term, limit=20)
            odoo = self.odoo_name_search(self.Partner, term, limit=20)
            self.assertEqual([name for _id, name in ours], [name for _id, name in odoo])

    def test_results_and_order(self):
        Partner = self.Partner.sudo(self.user_agent)
        found = Partner.name_search("qwz", limit=100)
        ids = [partner_id for partner_id, _name in found]
        # display_name matches first, by display_name; then the others
        by_name = [self.elodie, self.company_qwz, self.anna, self.lamy]
        by_name.sort(key=lambda partner: partner.display_name)
        self.assertEqual(set(ids[:len(by_name)]), {partner.id for partner in by_name})
        self.assertEqual(set(ids), {partner.id for partner in by_name + [
            self.bruno, self.carla, self.denis, self.billing]})
        self.assertIn((self.anna.id, "Qwzorg Industries, Anna Qwzova"), found)
        self.assertEqual(len(Partner.name_search("qwz", limit=3)), 3)
        self.assertEqual(Partner.name_search("qwz", args=[("is_company", "=", True)]),
                         [(self.company_qwz.id, "Qwzorg Industries")])
        self.assertEqual([pid for pid, _name in Partner.name_search("qwz123")],
                         [self.denis.id])
        self.assertEqual([pid for pid, _name in Partner.name_search("ref-qwz")],
                         [self.carla.id])
        # "org_qwz" matches "...example.org" + separator + "Qwzette" of
        # lamy's expression, but no single column
        self.assertEqual(Partner.name_search("org_qwz"), [])

    def test_private_contacts(self):
        self.assertEqual(self.Partner.sudo(self.user_private).name_search("qwzprivate"),
                         [(self.private_qwz.id, "Secret Qwzprivate")])
        for user in (self.user_private2, self.user_agent, self.user_manager):
            Partner = self.Partner.sudo(user)
            self.assertEqual(Partner.name_search("qwzprivate"), [])
            self.assertNotIn(self.private_qwz.id,
                             [pid for pid, _name in Partner.name_search("qwz", limit=None)])

    def test_indexed_query_used(self):
        """The module's query answers 3 letters and more with a LIKE operator
        (so the comparisons above compare two queries), and it can use the
        trigram index on the expression."""
        Partner = self.Partner.sudo(self.user_agent)
        if Partner.pool.has_unaccent:
            self.skipTest("unaccent: Odoo's query is kept")
        for term, operator in (("qwz", "ilike"), ("qwz%", "=ilike"), ("Qwz", "like")):
            self.assertTrue(Partner._name_search_indexable(term, operator))
        for term, operator in (("qw", "ilike"), ("qwz", "not ilike"), ("qwz", "="),
                               ("qwz\\", "=ilike"), ("", "ilike")):
            self.assertFalse(Partner._name_search_indexable(term, operator))
        self.env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s",
                            ("res_partner_name_search_trgm_index",))
        if not self.env.cr.fetchone():
            self.skipTest("pg_trgm is not available")
        query, params = Partner._name_search_query("qwz", [], "ilike", 8)
        # only to see whether the index can serve the query at all
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("EXPLAIN " + query, params)  # pylint: disable=sql-injection
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute("SET LOCAL enable_seqscan = on")
        self.assertIn("res_partner_name_search_trgm_index", plan)

    def test_obsolete_indexes_dropped(self):
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if not self.env.cr.fetchone():
            self.skipTest("pg_trgm is not available")
        self.env.cr.execute("CREATE INDEX res_partner_ref_trgm_index "
                            "ON res_partner USING gin (ref gin_trgm_ops)")
        self.Partner._create_trigram_indexes()
        self.env.cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner'")
        names = {row[0] for row in self.env.cr.fetchall()}
        self.assertNotIn("res_partner_ref_trgm_index", names)
        self.assertTrue(set(TRIGRAM_INDEXES) <= names)
