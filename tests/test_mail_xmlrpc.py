# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xmlrpc.client

from .common import XmlRpcCase, create_user


class TestMailXmlRpc(XmlRpcCase):
    """Sending over XML-RPC needs group_send_mail."""

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.agent = create_user(env, "it_rpc_mail_agent", ["interaction_tracker.group_user"],
                                     password="agent-pass")
            case = env["interaction.case"].create({"name": "Rpc mail case"})
            self.case_id = case.id
            self.draft_id = env["interaction.communication"].create({
                "case_id": case.id, "kind": "email", "direction": "outgoing",
                "state": "draft", "subject": "Rpc draft", "body": "<p>Hello</p>",
                "email_to": "joe@dalton.example"}).id
            self.mail_count = env["mail.mail"].search_count([])

    def _call(self, model, method, *args):
        return self.execute_kw(self.agent.id, "agent-pass", model, method, args)

    def test_outside_send_group_cannot_send(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("interaction.communication", "action_send", [self.draft_id])
        self.assertIn("Send e-mails from cases", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call("interaction.case", "action_send_email", [self.case_id])
        self.assertIn("Send e-mails from cases", caught.exception.faultString)
        with self.server_env() as env:
            draft = env["interaction.communication"].browse(self.draft_id)
            self.assertEqual((draft.state, draft.mail_id.id, draft.email_message_id),
                             ("draft", False, False))
            self.assertEqual(env["mail.mail"].search_count([]), self.mail_count)
