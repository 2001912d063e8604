# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A portal customer posts a direct message in a real headless Chromium;
the agent sees it in the case's feed, in purple, unread."""
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_portal_case, create_user

AGENT_PASSWORD = "browser-agent-pw"
CUSTOMER_PASSWORD = "browser-customer-pw"
MESSAGE = "The truck left the depot, thank you!"
PURPLE = "rgba(111, 66, 193, 1)"


class TestBrowserPortal(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.agent = create_user(
                env, "it_browser_agent2", ["interaction_tracker.group_user"],
                name="Anna Agent", password=AGENT_PASSWORD)
            self.customer_user, self.case = create_portal_case(
                env, self.agent, "Dalton Logistics", "Delivery delayed",
                "it_browser_customer", name="Averell Dalton", password=CUSTOMER_PASSWORD)
            self.action = env.ref("interaction_tracker.interaction_case_action")

    def _customer_row(self):
        """The customer's message in the case's exchanges list."""
        return self.wait(lambda driver: next((
            element for element in driver.find_elements(
                By.CSS_SELECTOR, ".o_field_one2many[name=communication_ids] tr.o_data_row")
            if "Averell Dalton" in element.text), False))

    def test_customer_message_reaches_the_agent_feed(self):
        self.login("it_browser_customer", CUSTOMER_PASSWORD,
                   redirect="/my/cases/%s" % self.case.id)
        self.find("form.o_interaction_message_form textarea[name=message]").send_keys(MESSAGE)
        self.click("form.o_interaction_message_form button[type=submit]")
        self.wait(lambda driver: MESSAGE in self.find("#case_feed").text)
        self.screenshot("04_portal_customer_message")

        self.driver.delete_all_cookies()
        self.login("it_browser_agent2", AGENT_PASSWORD,
                   redirect="/web#id=%s&view_type=form&model=interaction.case&action=%s" % (
                       self.case.id, self.action.id))
        message = self.wait(lambda driver: next((
            element for element in driver.find_elements(
                By.CSS_SELECTOR, ".o_thread_message .o_thread_message_content div[style]")
            if MESSAGE in element.text), False), 60)
        self.assertEqual(message.value_of_css_property("color"), PURPLE)
        row = self._customer_row()
        # unread: the row is bold (decoration-bf) and offers "Mark as read"
        self.assertIn("text-bf", row.get_attribute("class").split())
        mark_read = row.find_element(By.CSS_SELECTOR, "button[title='Mark as read']")
        self.screenshot("05_agent_exchanges_unread")
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'});", message)
        self.screenshot("06_agent_feed_purple")
        self.driver.execute_script("window.scrollTo(0, 0);")
        with self.server_env() as env:
            communication = env["interaction.case"].browse(self.case.id).communication_ids
            self.assertEqual(communication.kind, "message")
            self.assertEqual(communication.direction, "incoming")
            self.assertFalse(communication.is_read)
        mark_read.click()
        self.find(".o_field_one2many[name=communication_ids] tr.o_data_row "
                  "button[title='Mark as unread']:not(.o_invisible_modifier)")
        row = self._customer_row()
        self.assertNotIn("text-bf", row.get_attribute("class").split())
        with self.server_env() as env:
            env.cache.invalidate()  # the server wrote in another thread
            self.assertTrue(env["interaction.case"].browse(self.case.id).communication_ids.is_read)
