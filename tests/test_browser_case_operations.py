# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Case operations other than the merge in a real headless Chromium: split,
canned responses, content search, duplicate contacts, personal data (the
screenshots of their documentation)."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-operations-pw"


class TestBrowserCaseOperations(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            agent, _manager = [
                create_user(env, login, groups, name=name, password=PASSWORD)
                for login, name, groups in (
                    ("it_browser_ops_agent", "Bruno Agent", ["interaction_tracker.group_user"]),
                    ("it_browser_ops_manager", "Maud Manager", [
                        "interaction_tracker.group_manager", "base.group_partner_manager"]))]
            env.ref("base.main_company").country_id = env.ref("base.fr")
            customer = env["res.partner"].create({
                "name": "Dalton Elevators", "is_company": True})
            self.joe_id = env["res.partner"].create({
                "name": "Joe Dalton", "parent_id": customer.id, "phone": "01 23 45 67 89",
                "email": "joe@dalton-elevators.example.com"}).id
            twin = env["res.partner"].create({
                "name": "J. Dalton", "phone": "+33 1 23 45 67 89"})
            # the only duplicate phones (the demo data has others)
            env["res.partner"].search([("phone", "!=", False), (
                "id", "not in", [self.joe_id, twin.id])]).write({"phone": False})
            Case = env["interaction.case"].sudo(agent)
            self.case_id = Case.create({"name": "Lift stuck at floor 3",
                                        "partner_id": customer.id,
                                        "requester_id": self.joe_id}).id
            Case.create({"name": "Invoice question", "partner_id": customer.id})
            Communication = env["interaction.communication"].sudo(agent)
            for subject, body in (("Still stuck", "<p>The lift is still stuck</p>"),
                                  ("Noisy boiler", "<p>The boiler in the basement "
                                                   "makes noise</p>")):
                Communication.create({
                    "case_id": self.case_id, "kind": "exchange", "direction": "incoming",
                    "sender_id": self.joe_id, "recipient_id": agent.partner_id.id,
                    "subject": subject, "body": body})
            env["mail.shortcode"].create({
                "source": "thanks_browser", "shortcode_type": "text",
                "substitution": "Dear ${requester_name},\nyour case ${case_number} is "
                                "in progress.\n${agent_name}"})

    def _open(self, login, fragment):
        self.login(login, PASSWORD)
        self.wait_web_client()
        self.driver.get("%s/web#%s" % (self.base_url, fragment))
        # a new page load: the client opens the fragment, whatever it was loading
        self.driver.refresh()
        self.wait_web_client()

    def _texts(self, css):
        """The texts of the visible elements matching css (None while the
        client redraws them)."""
        try:
            return [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, css)
                    if element.is_displayed()]
        except StaleElementReferenceException:
            return None

    def test_agent_searches_the_content(self):
        self._open("it_browser_ops_agent", "action=interaction_tracker.interaction_case_action"
                                           "&view_type=list")
        self.find(".o_list_view")
        self.find(".o_searchview_input").send_keys("basement")
        self.click_text(".o_searchview_autocomplete li", "Content")

        def one_row(driver):
            rows = self._texts(".o_list_view tbody tr.o_data_row")
            return rows and len(rows) == 1 and "Lift stuck at floor 3" in rows[0]
        self.wait(one_row)
        self.assertIn("basement", " ".join(self._texts(".o_searchview .o_searchview_facet")))
        self.screenshot("case_content_search")

    def test_agent_splits_a_case(self):
        self._open("it_browser_ops_agent", "id=%s&model=interaction.case&view_type=form"
                   % self.case_id)
        self.find(".o_form_view.o_form_readonly")
        split = "button[title='Split into a new case']"
        self.find("div[name=communication_ids] %s" % split)
        self.screenshot("case_split_button")
        rows = [row for row in self.driver.find_elements(
            By.CSS_SELECTOR, "div[name=communication_ids] tr.o_data_row")
            if "Noisy boiler" in row.text]
        rows[0].find_element(By.CSS_SELECTOR, split).click()
        self.click_text(".modal-footer button.btn-primary", "Ok")
        self.wait(lambda driver: any("Lift stuck at floor 3" in text for text in self._texts(
            ".o_form_view .o_field_widget[name=split_from_id]") or []))
        self.screenshot("case_split_result")
        with self.server_env() as env:
            env.clear()
            new = env["interaction.case"].search([("split_from_id", "=", self.case_id)])
            self.assertEqual(new.communication_ids.mapped("subject"), ["Noisy boiler"])

    def test_manager_maintains_canned_responses(self):
        self._open("it_browser_ops_manager",
                   "action=interaction_tracker.mail_shortcode_action_canned_response")
        self.wait(lambda driver: "thanks_browser" in self.find(".o_list_view").text)
        self.screenshot("canned_responses")

    def test_manager_finds_duplicate_phones(self):
        self._open("it_browser_ops_manager", "action=crm.action_partner_deduplicate")
        self.click(".modal div[name=group_by_phone_normalized] input")
        self.screenshot("contact_duplicates_criteria")
        self.click_text(".modal-footer button", "Manual Check")
        self.wait(lambda driver: "J. Dalton" in " ".join(
            self._texts(".modal div[name=partner_ids]") or []))
        self.assertIn("Joe Dalton", self.find(".modal div[name=partner_ids]").text)
        self.assertIn("J. Dalton", self.find(".modal div[name=partner_ids]").text)
        self.screenshot("contact_duplicates")

    def test_manager_sees_personal_data_actions(self):
        self._open("it_browser_ops_manager", "id=%s&model=res.partner&view_type=form"
                   % self.joe_id)
        self.wait(lambda driver: {"Export personal data", "Anonymize"} <= set(
            self._texts(".o_form_statusbar button") or []))
        self.screenshot("contact_personal_data")
