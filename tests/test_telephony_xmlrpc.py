# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A PBX connector reports calls over XML-RPC."""
import json
import xmlrpc.client

from odoo.addons.bus.models.bus import json_dump

from .common import XmlRpcCase, create_user


class TestTelephonyXmlRpc(XmlRpcCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env.user.company_id.country_id = env.ref("base.fr")
            self.pbx = create_user(env, "it_rpc_pbx", ["interaction_tracker.group_user"],
                                   password="pbx-pass")
            self.agent = create_user(env, "it_rpc_desk_agent",
                                     ["interaction_tracker.group_user"])
            self.portal = create_user(env, "it_rpc_portal", ["base.group_portal"],
                                      password="portal-pass")
            customer = env["res.partner"].create({"name": "Rpc Org", "is_company": True})
            self.caller = env["res.partner"].create({
                "name": "Rpc Caller", "parent_id": customer.id, "phone": "04 72 31 41 59"})
            self.case = env["interaction.case"].create({
                "name": "Rpc case", "partner_id": customer.id,
                "requester_id": self.caller.id})
            self.channel = env["res.partner"]._incoming_call_channel(self.agent)

    def test_pbx_reports_a_call_for_an_agent(self):
        result = self.execute_kw(self.pbx.id, "pbx-pass", "res.partner", "incoming_call",
                                 ["+33 4 72 31 41 59"], {"login": "it_rpc_desk_agent"})
        self.assertEqual(result["partner_ids"], [self.caller.id])
        self.assertEqual(result["name"], "Rpc Caller")
        self.assertEqual(result["case_ids"], [self.case.id])
        self.assertEqual(result["action"]["type"], "ir.actions.act_window")
        with self.server_env() as env:
            bus = env["bus.bus"].search([("channel", "=", json_dump(self.channel))])
            self.assertEqual(len(bus), 1)
            self.assertEqual(json.loads(bus.message)["matches"][0]["name"], "Rpc Caller")

    def test_portal_user_cannot_report_calls(self):
        with self.assertRaises(xmlrpc.client.Fault) as catcher:
            self.execute_kw(self.portal.id, "portal-pass", "res.partner", "incoming_call",
                            ["0472314159"], {"login": "it_rpc_desk_agent"})
        self.assertIn("Only agents", catcher.exception.faultString)
        with self.server_env() as env:
            self.assertFalse(env["bus.bus"].search([("channel", "=", json_dump(self.channel))]))
