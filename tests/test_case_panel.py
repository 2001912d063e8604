# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.interaction_tracker.models.interaction_case import PREVIEW_LENGTH

from odoo.exceptions import AccessError

from .common import CustomerCase


class TestCasePanel(CustomerCase):
    """Counters, reminder flag, preview, filters and the panel's buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["interaction.case"].sudo(cls.user_agent)
        cls.case = Case.create({"name": "Broken lift", "partner_id": cls.customer.id,
                                "requester_id": cls.joe.id})
        cls.quiet = Case.create({"name": "Quiet", "partner_id": cls.customer.id})

    def _exchange(self, case, **values):
        return self.env["interaction.communication"].sudo(self.user_agent).create(dict({
            "case_id": case.id, "kind": "exchange", "direction": "incoming",
            "sender_id": self.joe.id, "body": "<p>Hello</p>"}, **values))

    def test_counter_reminder_unprocessed_and_filters(self):
        Case = self.env["interaction.case"].sudo(self.user_agent)
        self.assertEqual(self.case.exchange_count, 0)
        self.assertFalse(self.case.exchange_preview)
        incoming = self._exchange(self.case)
        self._exchange(self.case, exchange_type_id=self.env.ref(
            "interaction_tracker.exchange_type_reminder").id, direction="outgoing")
        self.case.invalidate_cache()
        self.assertEqual(self.case.exchange_count, 2)
        self.assertTrue(self.case.has_reminder)
        self.assertTrue(self.case.has_unprocessed)
        self.assertEqual(self.case.unprocessed_count, 1)
        self.assertFalse(self.quiet.has_reminder)
        both = self.case | self.quiet
        self.assertEqual(Case.search([("id", "in", both.ids), ("has_reminder", "=", True)]),
                         self.case)
        self.assertEqual(Case.search([("id", "in", both.ids), ("has_unprocessed", "=", True)]),
                         self.case)
        self.assertEqual(Case.search([("id", "in", both.ids), ("has_unprocessed", "=", False)]),
                         self.quiet)
        incoming.action_mark_processed()
        self.case.invalidate_cache()
        self.assertFalse(self.case.has_unprocessed)

    def test_preview_is_short_and_latest_first(self):
        for index in range(5):
            self._exchange(self.case, subject="Exchange %d %s" % (index, "x" * 200))
        self.case.invalidate_cache()
        preview = self.case.exchange_preview
        lines = preview.split("\n")
        self.assertEqual(len(lines), 3)
        self.assertIn("Exchange 4", lines[0])
        self.assertLessEqual(len(preview), PREVIEW_LENGTH + 3 * len("Exchange · "))
        self.assertTrue(lines[0].endswith("…"))

    def test_panel_buttons(self):
        case = self.case.sudo(self.user_agent)
        call = case.action_log_call()
        self.assertEqual(call["res_model"], "interaction.communication")
        self.assertEqual(call["target"], "new")
        self.assertEqual(call["context"]["default_kind"], "call")
        self.assertEqual(call["context"]["default_sender_id"], self.user_agent.partner_id.id)
        self.assertEqual(call["context"]["default_recipient_id"], self.joe.id)
        sent = case.action_new_sent_exchange()
        self.assertEqual(sent["context"]["default_direction"], "outgoing")
        self.assertEqual(sent["context"]["default_recipient_email"], "joe@dalton.example.com")
        received = case.action_new_received_exchange()
        self.assertEqual(received["context"]["default_direction"], "incoming")
        self.assertEqual(received["context"]["default_sender_id"], self.joe.id)
        with self.assertRaises(AccessError):
            case.action_send_email()
        self.user_agent.groups_id |= self.env.ref("interaction_tracker.group_send_mail")
        mail = case.action_send_email()
        self.assertEqual(mail["res_model"], "interaction.mail.compose")
        self.assertEqual(mail["context"]["default_case_id"], self.case.id)
        # the defaults of the dialog make a valid communication
        Communication = self.env["interaction.communication"].sudo(self.user_agent)
        logged = Communication.with_context(**call["context"]).create({"body": "<p>ok</p>"})
        self.assertEqual(logged.kind, "call")
        self.assertEqual(logged.case_id, self.case)

    def test_views_load(self):
        Case = self.env["interaction.case"].sudo(self.user_agent)
        for view_type in ("form", "tree", "kanban", "search"):
            self.assertTrue(Case.fields_view_get(view_type=view_type)["arch"])
        Communication = self.env["interaction.communication"].sudo(self.user_agent)
        for xmlid in ("interaction_communication_view_form_call",
                      "interaction_communication_view_form_exchange"):
            view = self.env.ref("interaction_tracker.%s" % xmlid)
            self.assertTrue(Communication.fields_view_get(view_id=view.id)["arch"])
