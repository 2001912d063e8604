# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agent's web client in a real headless Chromium."""
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-agent-pw"


class TestBrowserAgent(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.agent = create_user(
                env, "it_browser_agent", ["interaction_tracker.group_user",
                                          "interaction_tracker.group_send_mail"],
                name="Bruno Agent", password=PASSWORD)
            self.customer = env["res.partner"].create({
                "name": "Dalton Transports", "is_company": True})
            self.joe = env["res.partner"].create({
                "name": "Joe Dalton", "parent_id": self.customer.id,
                "email": "joe@dalton.example.com"})

    def _input_value(self, field):
        return self.find(".modal div[name=%s] input" % field).get_attribute("value")

    def _wait_input_value(self, field, name):
        """Many2one inputs show the name, then the e-mail (show_email)."""
        self.wait(lambda driver: self._input_value(field).startswith(name))

    def _choose_many2one(self, scope, field, text):
        field_input = self.find("%s div[name=%s] input" % (scope, field))
        field_input.clear()
        field_input.send_keys(text)
        self.click_text("ul.ui-autocomplete li a", text)

    def test_agent_logs_a_call_and_a_reminder(self):
        self.login("it_browser_agent", PASSWORD)
        self.wait_web_client()
        self.click_text(".o_main_navbar a, nav a", "Interaction Tracker")
        self.click(".o_cp_buttons .o-kanban-button-new, .o_cp_buttons .o_list_button_add")
        self.find("input.o_field_widget[name=name]").send_keys("Truck stuck at the depot")
        self._choose_many2one(".o_form_view", "partner_id", "Dalton Transports")
        self._choose_many2one(".o_form_view", "requester_id", "Joe Dalton")
        self.click(".o_form_button_save")
        self.find(".o_form_view.o_form_readonly")

        # log an outgoing call, then switch it to incoming: parties swap
        self.click("button[name=action_log_call]")
        self.find(".modal div[name=call_direction]")
        self._wait_input_value("sender_id", "Bruno Agent")
        self.assertTrue(
            self._input_value("recipient_id").startswith("Dalton Transports, Joe Dalton"))
        self.screenshot("01_call_outgoing")
        self.click_text(".modal div[name=call_direction] label", "Received call")
        self._wait_input_value("sender_id", "Dalton Transports, Joe Dalton")
        self.assertTrue(self._input_value("recipient_id").startswith("Bruno Agent"))
        self.find(".modal input.o_field_widget[name=subject]").send_keys("Truck blocked")
        self.screenshot("02_call_switched_to_incoming")
        self.click_text(".modal-footer button.btn-primary", "")
        self.wait(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"))
        # the form reloads after the dialog: look the badge up again each time
        badge_css = ".o_form_view .o_interaction_exchange_badge .badge"
        self.wait(lambda driver: any(
            badge.text == "1" for badge in driver.find_elements(By.CSS_SELECTOR, badge_css)))
        badge = self.find(badge_css)
        self.assertNotIn("o_interaction_badge_reminder", badge.get_attribute("class"))

        # a reminder exchange turns the counter red, the tooltip previews it
        self.click("button[name=action_new_sent_exchange]")
        self._choose_many2one(".modal", "exchange_type_id", "Reminder")
        editor = self.find(".modal .note-editable")
        editor.click()
        editor.send_keys("Second reminder: the truck is still blocked at the depot")
        self.click_text(".modal-footer button.btn-primary", "")
        self.wait(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"))
        self.wait(lambda driver: driver.find_elements(
            By.CSS_SELECTOR, ".o_form_view .o_interaction_badge_reminder"))
        badge = self.find(".o_form_view .o_interaction_badge_reminder")
        self.assertEqual(badge.text, "2")
        tooltip = self.find(".o_form_view .o_interaction_exchange_badge").get_attribute("title")
        self.assertIn("Second reminder", tooltip)
        self.screenshot("03_case_reminder_badge")

        with self.server_env() as env:
            case = env["interaction.case"].search([("name", "=", "Truck stuck at the depot")])
            self.assertEqual(len(case), 1)
            call = case.communication_ids.filtered(lambda c: c.kind == "call")
            self.assertEqual(call.direction, "incoming")
            self.assertEqual(call.sender_id, self.joe)
            self.assertEqual(call.recipient_id, self.agent.partner_id)
            self.assertTrue(case.has_reminder)
