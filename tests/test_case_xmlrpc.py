# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import xmlrpc.client

from .common import NO_MAIL_CONTEXT, XmlRpcCase, create_user

_logger = logging.getLogger(__name__)

PASSWORD = "it-rpc-agent-pw"


class TestCaseXmlrpc(XmlRpcCase):
    """The contract methods over XML-RPC, as an agent."""

    def setUp(self):
        super().setUp()
        with self.server_env(NO_MAIL_CONTEXT) as env:
            agent = create_user(env, "it_rpc_agent", ["interaction_tracker.group_user"],
                                password=PASSWORD)
            Partner = env["res.partner"]
            customer = Partner.create({"name": "Dalton SA", "is_company": True})
            self.agent_id, self.agent_partner_id = agent.id, agent.partner_id.id
            self.joe_id = Partner.create({"name": "Joe Dalton", "parent_id": customer.id}).id
            self.stranger_id = Partner.create({"name": "Lucky Luke"}).id
            self.case_id = env["interaction.case"].sudo(agent).create({
                "name": "Broken lift", "partner_id": customer.id}).id

    def rpc(self, model, method, *args, **kwargs):
        return self.execute_kw(self.agent_id, PASSWORD, model, method, args, kwargs)

    def _call_values(self, **values):
        return dict({
            "case_id": self.case_id, "kind": "call", "direction": "outgoing",
            "sender_id": self.agent_partner_id, "recipient_id": self.joe_id,
            "subject": "Lift", "body": "<p>Stuck on floor 3</p>"}, **values)

    def test_call_direction_outcome_and_contacts(self):
        call_id = self.rpc("interaction.communication", "create", self._call_values())
        self.assertTrue(self.rpc("interaction.communication", "write", [call_id],
                                 {"direction": "incoming"}))
        call = self.rpc("interaction.communication", "read", [call_id],
                        ["sender_id", "recipient_id"])[0]
        self.assertEqual(call["sender_id"][0], self.joe_id)
        self.assertEqual(call["recipient_id"][0], self.agent_partner_id)
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "action_mark_reached", [call_id])
        self.assertRegex(error.exception.faultString, "outgoing calls|appels sortants")
        self.rpc("interaction.communication", "write", [call_id], {"direction": "outgoing"})
        self.assertIs(self.rpc("interaction.communication", "action_mark_reached", [call_id]),
                      True)
        line_id = self.rpc("interaction.case", "add_contact", [self.case_id], self.joe_id)
        self.assertIsInstance(line_id, int)
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.case", "add_contact", [self.case_id], self.stranger_id)
        self.assertRegex(error.exception.faultString, "Lucky Luke.*Dalton SA")
        action = self.rpc("interaction.case", "action_log_call", [self.case_id])
        self.assertEqual(action["res_model"], "interaction.communication")
        with self.server_env() as env:
            call = env["interaction.communication"].browse(call_id)
            self.assertEqual(call.call_outcome, "reached")
            self.assertEqual(call.message_id.author_id.id, self.agent_partner_id)
            self.assertEqual(env["interaction.case.contact"].browse(line_id).partner_id.id,
                             self.joe_id)

    def test_refusals_come_back_as_faults(self):
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "create",
                     self._call_values(recipient_id=False))
        self.assertRegex(error.exception.faultString,
                         "caller and a recipient|metteur et un destinataire")
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.communication", "create", {
                "case_id": self.case_id, "kind": "exchange", "body": ""})
        self.assertRegex(error.exception.faultString, "exchange needs a detail|change .*d.tail")
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.rpc("interaction.case", "unlink", [self.case_id])
        self.assertRegex(error.exception.faultString, "not allowed|autoris")
        with self.server_env() as env:
            self.assertFalse(env["interaction.communication"].search(
                [("case_id", "=", self.case_id)]), "refused calls leave nothing behind")
            self.assertTrue(env["interaction.case"].browse(self.case_id).exists())

    def _server_queries(self, function):
        """SQL queries run by the test server (all its requests use the
        registry's test cursor) while ``function`` runs."""
        cr = self.registry.test_cr
        start = cr.sql_log_count
        function()
        return cr.sql_log_count - start

    def test_log_a_call_within_25_queries(self):
        """Counted on the server: every query the request runs in the test
        cursor (the password check is cached after the first call), i.e. the
        ORM create with the feed message plus the overhead of any request,
        measured on a request that reads nothing (``check_access_rights``,
        cached): in test mode, the test cursor's simulated commit and close
        (RELEASE SAVEPOINT / SAVEPOINT / ROLLBACK TO SAVEPOINT / SAVEPOINT)."""
        self.rpc("interaction.communication", "create", self._call_values())  # warm caches
        self.rpc("interaction.communication", "check_access_rights", "read")
        overhead = self._server_queries(
            lambda: self.rpc("interaction.communication", "check_access_rights", "read"))
        total = self._server_queries(
            lambda: self.rpc("interaction.communication", "create", self._call_values()))
        _logger.info("XML-RPC log a call: %d server-side queries, of which %d for any "
                     "request", total, overhead)
        message = "%d queries, of which %d for any request" % (total, overhead)
        self.assertLessEqual(total - overhead, 25, message)
        self.assertLessEqual(total, 25 + overhead, message)
