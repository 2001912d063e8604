# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The merge dialog in a real headless Chromium."""
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-merge-pw"


class TestBrowserCaseMerge(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            agent = create_user(env, "it_browser_merge", ["interaction_tracker.group_user"],
                                name="Bruno Merge", password=PASSWORD)
            customer = env["res.partner"].create({
                "name": "Dalton Elevators", "is_company": True})
            Case = env["interaction.case"].sudo(agent)
            self.source_id = Case.create({"name": "Lift stuck at floor 3",
                                          "partner_id": customer.id}).id
            self.target_id = Case.create({"name": "Lift broken downtown",
                                          "partner_id": customer.id}).id
            env["interaction.communication"].sudo(agent).create({
                "case_id": self.source_id, "kind": "exchange", "direction": "incoming",
                "sender_id": customer.id, "recipient_id": agent.partner_id.id,
                "body": "<p>Still stuck</p>"})

    def test_agent_merges_a_case_from_its_form(self):
        self.login("it_browser_merge", PASSWORD)
        self.wait_web_client()
        self.driver.get("%s/web#id=%s&model=interaction.case&view_type=form"
                        % (self.base_url, self.source_id))
        # a new page load: the client opens the case, whatever it was loading
        self.driver.refresh()
        self.wait_web_client()
        self.find(".o_form_view.o_form_readonly")
        self.click_text(".o_form_statusbar button", "Merge")
        target = self.find(".modal div[name=target_id] input")
        target.send_keys("Lift broken")
        self.click_text("ul.ui-autocomplete li a", "Lift broken downtown")
        self.wait(lambda driver: "1 communications" in self.find(
            ".modal div[name=preview]").text)
        self.screenshot("case_merge_dialog")
        self.click_text(".modal-footer button.btn-primary", "Merge")
        # the confirmation
        self.click_text(".modal-footer button.btn-primary", "Ok")
        self.wait(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"))
        self.wait(lambda driver: "Lift broken downtown" in self.find(
            ".o_form_view .oe_title").text)
        with self.server_env() as env:
            env.clear()  # the set-up's values are cached in this thread
            source = env["interaction.case"].browse(self.source_id)
            self.assertEqual(source.merged_into_id.id, self.target_id)
            self.assertEqual(source.state, "cancel")
            self.assertEqual(len(env["interaction.case"].browse(
                self.target_id).communication_ids), 1)
