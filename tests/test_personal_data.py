# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data of a contact: export and anonymization, per role."""
import json

from odoo.exceptions import AccessError, UserError

from .common import CustomerCase, ServerCursorCase, create_user


class TestPersonalData(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.joe.write({"phone": "01 23 45 67 89", "street": "1 rue du Saloon",
                       "city": "Daisy Town"})
        cls.env["interaction.address"].create({
            "partner_id": cls.joe.id, "address_type": "mobile", "value": "06 12 34 56 78"})
        attribute = cls.env["interaction.attribute"].create({
            "name": "Favourite channel", "applies_to": "contact"})
        cls.env["interaction.attribute.value"].create({
            "attribute_id": attribute.id, "partner_id": cls.joe.id, "value": "Phone"})
        cls.case = cls.env["interaction.case"].sudo(cls.user_agent).create({
            "name": "Lift stuck", "partner_id": cls.customer.id, "requester_id": cls.joe.id})
        cls.email = cls.env["interaction.communication"].sudo().create({
            "case_id": cls.case.id, "kind": "email", "direction": "incoming",
            "sender_id": cls.joe.id, "recipient_id": cls.user_agent.partner_id.id,
            "email_from": "Joe Dalton <joe@dalton.example.com>",
            "email_to": "cases@support.example", "email_cc": "joe.private@example.com",
            "subject": "The lift", "body": "<p>Stuck again</p>"})
        cls.message = cls.case.sudo().message_post(
            body="Hello from Joe", author_id=cls.joe.id,
            email_from="joe@dalton.example.com", message_type="comment")

    def test_export_holds_everything(self):
        data = self.joe.sudo(self.user_agent).export_personal_data()
        json.dumps(data, default=str)  # serializable
        self.assertEqual(data["contact"]["name"], "Joe Dalton")
        self.assertEqual(data["contact"]["email"], "joe@dalton.example.com")
        self.assertEqual(data["contact"]["parent_id"], "Dalton SA")
        self.assertEqual([a["value"] for a in data["interaction_addresses"]],
                         ["+33 6 12 34 56 78"])
        self.assertEqual(data["attributes"], [{"attribute": "Favourite channel",
                                               "value": "Phone"}])
        self.assertEqual([c["number"] for c in data["cases"]], [self.case.number])
        self.assertIn("requester", data["cases"][0]["tags"])
        self.assertEqual([c["subject"] for c in data["communications"]], ["The lift"])
        self.assertEqual(data["communications"][0]["email_cc"], "joe.private@example.com")
        self.assertIn("Hello from Joe", [m["body"] for m in data["messages"]])

    def test_anonymize_erases_and_keeps_history(self):
        self.joe.sudo(self.user_manager).action_anonymize()
        joe = self.joe
        self.assertEqual(joe.name, "Anonymized contact %s" % joe.id)
        for name in ("email", "phone", "street", "city", "firstname"):
            self.assertFalse(joe[name], name)
        self.assertFalse(joe.interaction_address_ids)
        self.assertFalse(joe.attribute_value_ids)
        self.assertFalse(self.env["interaction.address"].search(
            [("normalized_value", "=", "+33612345678")]))
        self.assertEqual(self.email.case_id, self.case, "the history stays")
        self.assertEqual(self.email.sender_id, joe)
        self.assertFalse(self.email.email_from or self.email.email_to or self.email.email_cc)
        self.assertFalse(self.message.email_from)
        self.assertEqual(self.case.requester_id, joe)
        self.assertFalse(self.env["res.partner"].search(
            [("email", "ilike", "joe@dalton")]))

    def test_anonymize_rewrites_free_text(self):
        Communication = self.env["interaction.communication"].sudo()
        reply = Communication.create({
            "case_id": self.case.id, "kind": "email", "direction": "outgoing",
            "sender_id": self.user_agent.partner_id.id, "recipient_id": self.jack.id,
            "subject": "Re: the lift of Joe Dalton",
            "body": "<p>Dear Joe  Dalton, call 01.23.45.67.89 or +33 (0)6 12 34 56 78, "
                    "mail JOE@dalton.example.com. Jack Dalton agrees. "
                    "Order 0123456789012.</p>"})
        note = self.case.sudo(self.user_agent).message_post(
            body="<p>Called Dalton Joe on 0123456789</p>", message_type="comment",
            subtype="mail.mt_note")
        other_case = self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "Jack's case", "partner_id": self.customer.id,
            "requester_id": self.jack.id})
        other = Communication.create({
            "case_id": other_case.id, "kind": "call", "direction": "incoming",
            "sender_id": self.jack.id, "recipient_id": self.user_agent.partner_id.id,
            "subject": "Jack Dalton about Joe Dalton",
            "body": "<p>Joe Dalton is his brother</p>"})
        self.joe.sudo(self.user_manager).action_anonymize()
        self.assertEqual(reply.subject, "Re: the lift of [anonymized]")
        self.assertEqual(reply.body_text, "Dear [anonymized], call [anonymized] or "
                         "[anonymized], mail [anonymized]. Jack Dalton agrees. "
                         "Order 0123456789012.")
        self.assertNotIn("dalton.example", reply.body)
        self.assertEqual(note.body, "<p>Called [anonymized] on [anonymized]</p>")
        self.assertEqual(other.subject, "Jack Dalton about Joe Dalton",
                         "communications of cases the contact takes no part in stay")
        # in French for a French manager
        self.jack.sudo(self.user_manager).with_context(lang="fr_FR").action_anonymize()
        self.assertEqual(other.subject, "[anonymisé] about Joe Dalton")

    def test_who_may_do_what(self):
        portal = create_user(self.env, "it_gdpr_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        for user in (portal, self.user_employee):
            with self.assertRaises(AccessError):
                self.joe.sudo(user).export_personal_data()
        for user in (portal, self.user_employee, self.user_agent):
            with self.assertRaises(AccessError):
                self.joe.sudo(user).action_anonymize()
        self.assertEqual(self.joe.name, "Joe Dalton")

    def test_refused_for_users_and_companies_with_users(self):
        portal = create_user(self.env, "it_gdpr_portal2", ["base.group_portal"],
                             parent_id=self.customer.id)
        with self.assertRaisesRegex(UserError, "contact of a user"):
            portal.partner_id.sudo(self.user_manager).action_anonymize()
        with self.assertRaisesRegex(UserError, "company with users"):
            self.customer.sudo(self.user_manager).action_anonymize()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            # one refused contact refuses them all
            (self.jack | portal.partner_id).sudo(self.user_manager).action_anonymize()
        self.assertEqual(self.jack.name, "Jack Dalton")
        with self.assertRaises(UserError):
            self.company.partner_id.sudo(self.user_manager).action_anonymize()


class TestPersonalDataDownload(ServerCursorCase):

    def setUp(self):
        super().setUp()
        org = self.env["res.partner"].create({"name": "Acme GDPR", "is_company": True})
        self.contact = self.env["res.partner"].create({
            "name": "Jane Doe", "parent_id": org.id, "email": "jane@acme.example"})
        self.agent = create_user(self.env, "it_gdpr_agent_http",
                                 ["interaction_tracker.group_user"])
        self.portal = create_user(self.env, "it_gdpr_portal_http", ["base.group_portal"],
                                  parent_id=org.id)
        for user in (self.agent, self.portal):
            user.write({"password": user.login})
        self.cr.commit()  # pylint: disable=invalid-commit

    def test_download_for_agents_only(self):
        url = "/interaction_tracker/personal_data/%s" % self.contact.id
        self.authenticate(self.agent.login, self.agent.login)
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertEqual(response.json()["contact"]["email"], "jane@acme.example")
        self.assertEqual(self.url_open(
            "/interaction_tracker/personal_data/99999999999").status_code, 404)
        self.authenticate(self.portal.login, self.portal.login)
        self.assertEqual(self.url_open(url).status_code, 404)
