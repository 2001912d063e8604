# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client

from .common import XmlRpcCase, create_user
from .test_contacts import PRIVATE_GROUPS


class TestContactsXmlRpc(XmlRpcCase):
    """Contact resolution and private contacts over XML-RPC."""

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env.user.company_id.country_id = env.ref("base.fr")
            self.user = create_user(env, "it_xmlrpc_agent", PRIVATE_GROUPS,
                                    password="xmlrpc-pass")
            self.other = create_user(env, "it_xmlrpc_other", PRIVATE_GROUPS,
                                     password="other-pass")
            self.partner = env["res.partner"].create({
                "name": "Rpc Contact", "phone": "01 23 45 67 89",
                "email": "rpc.contact@example.com"})

    def _call(self, user, password, model, method, *args, **kwargs):
        return self.execute_kw(user.id, password, model, method, args, kwargs)

    def test_resolve_contact(self):
        for number in ("+33123456789", "0033 1 23 45 67 89", "01.23.45.67.89"):
            self.assertEqual(self._call(self.user, "xmlrpc-pass", "res.partner",
                                        "resolve_contact", phone=number),
                             [self.partner.id])
        self.assertEqual(self._call(self.user, "xmlrpc-pass", "res.partner",
                                    "resolve_contact", email="RPC.Contact@Example.com"),
                         [self.partner.id])

    def test_private_contact_hidden_over_xmlrpc(self):
        private_id = self._call(self.user, "xmlrpc-pass", "res.partner", "create",
                                {"name": "Rpc Private", "is_private": True,
                                 "phone": "01 55 44 33 22"})
        self.assertEqual(self._call(self.other, "other-pass", "res.partner",
                                    "resolve_contact", phone="0155443322"), [])
        self.assertEqual(self._call(self.other, "other-pass", "res.partner", "search",
                                    [("id", "=", private_id)]), [])
        with self.assertRaises(xmlrpc.client.Fault):
            self._call(self.other, "other-pass", "res.partner", "read", [private_id],
                       ["name"])
        self.assertEqual(self._call(self.user, "xmlrpc-pass", "res.partner",
                                    "resolve_contact", phone="0155443322"), [private_id])

    def test_split_email_name(self):
        self.assertEqual(self._call(self.user, "xmlrpc-pass", "res.partner",
                                    "split_email_name", "jean-pierre.dupont@x.fr"),
                         {"firstname": "Jean-Pierre", "lastname": "Dupont"})

    def test_invalid_phone_fault_names_the_value(self):
        with self.assertRaises(xmlrpc.client.Fault) as catcher:
            self._call(self.user, "xmlrpc-pass", "interaction.address", "create",
                       {"partner_id": self.partner.id, "address_type": "phone",
                        "value": "12 34"})
        self.assertIn("12 34", catcher.exception.faultString)
        with self.server_env() as env:
            self.assertFalse(env["interaction.address"].search(
                [("partner_id", "=", self.partner.id)]))
