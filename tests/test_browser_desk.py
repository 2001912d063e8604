# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The exchanges of a case in a real headless Chromium: the list follows
the buttons of the exchange's dialog, a discarded draft closes its dialog
(no "Missing record"), the Processed buttons stay in view."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-desk-drafts-pw"
ROWS = ".o_form_view .o_field_one2many .o_data_row"


class TestBrowserDesk(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.agent = create_user(
                env, "it_desk_drafts_agent", ["interaction_tracker.group_user",
                                              "interaction_tracker.group_send_mail"],
                name="Nina Agent", password=PASSWORD, lang="fr_FR")
            customer = env["res.partner"].create({"name": "Lucky Transports",
                                                  "is_company": True})
            joe = env["res.partner"].create({
                "name": "Joe Lucky", "parent_id": customer.id,
                "email": "joe@lucky.example.com"})
            case = env["interaction.case"].create({
                "name": "Parcel lost in Lyon", "partner_id": customer.id,
                "requester_id": joe.id})
            Communication = env["interaction.communication"].with_context(
                interaction_no_feed=True)
            Communication.create({
                "case_id": case.id, "kind": "call", "direction": "outgoing",
                "sender_id": self.agent.partner_id.id, "recipient_id": joe.id,
                "subject": "Call Joe back"})
            # an agent discards their own drafts only
            self.draft = Communication.sudo(self.agent).create({
                "case_id": case.id, "kind": "email", "direction": "outgoing",
                "state": "draft", "subject": "Draft to Joe", "body": "<p>Hello</p>",
                "sender_id": self.agent.partner_id.id, "recipient_id": joe.id,
                "email_to": "joe@lucky.example.com", "to_partner_ids": [(6, 0, joe.ids)]})
            for number in range(3):
                Communication.create({
                    "case_id": case.id, "kind": "exchange", "direction": "incoming",
                    "sender_id": joe.id, "recipient_id": self.agent.partner_id.id,
                    "subject": "A rather long subject for exchange number %d, "
                               "as customers write them" % number,
                    "body": "<p>Exchange</p>"})
            self.case_id = case.id

    def _row(self, text):
        try:
            return next((row for row in self.driver.find_elements(By.CSS_SELECTOR, ROWS)
                         if text in row.text), False)
        except StaleElementReferenceException:  # the list is being re-rendered
            return False

    def _dialog_buttons(self):
        """The texts of the dialog's header buttons."""
        return [button.text for button in self.driver.find_elements(
            By.CSS_SELECTOR, ".modal .o_form_statusbar button") if button.is_displayed()]

    def _no_modal(self):
        self.wait(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"))

    def test_exchange_dialog_buttons_and_discarded_draft(self):
        self.login("it_desk_drafts_agent", PASSWORD,
                   redirect="/web%%23id=%d%%26model=interaction.case%%26view_type=form"
                   % self.case_id)
        self.wait_web_client()
        self.click_text(".o_notebook a", "Échanges")
        self.wait(lambda driver: self._row("Call Joe back"))

        # the "Processed" buttons of the list stay in view: no sideways scroll
        table = self.find(".o_form_view .o_field_one2many .table-responsive")
        self.assertLessEqual(
            self.driver.execute_script("return arguments[0].scrollWidth", table),
            self.driver.execute_script("return arguments[0].clientWidth", table) + 1)
        buttons = self.driver.find_elements(
            By.CSS_SELECTOR, ROWS + " button[title='Marquer comme traité']")
        self.assertEqual(len(buttons), 3)
        for button in buttons:
            self.assertTrue(button.is_displayed())
            self.assertTrue(self.driver.execute_script(
                "var b = arguments[0].getBoundingClientRect(),"
                " c = arguments[1].getBoundingClientRect();"
                "return b.left >= c.left - 1 && b.right <= c.right + 1;", button, table))
        self.screenshot("desk_exchanges_list")

        # "Abouti" in the call's dialog: the list shows it once the dialog closes
        self._row("Call Joe back").click()
        self.click_text(".modal .o_form_statusbar button", "Abouti")
        self.wait(lambda driver: "Abouti" not in self._dialog_buttons())
        self.click(".modal .modal-header button.close")
        self._no_modal()
        self.wait(lambda driver: "Abouti" in getattr(self._row("Call Joe back"), "text", ""))

        # a discarded draft closes its dialog and leaves the list
        self._row("Draft to Joe").click()
        self.click_text(".modal .o_form_statusbar button", "Abandonner")
        self.click_text(".modal-footer button.btn-primary", "Ok")
        self._no_modal()
        self.wait(lambda driver: not self._row("Draft to Joe"))
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".o_dialog_warning"))
        with self.server_env() as env:
            self.assertFalse(env["interaction.communication"].browse(self.draft.id).exists())
