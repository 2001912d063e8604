# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The contact-centre desk in a real headless Chromium: the phone rings
(screen-pop), the call is logged on the case; a caller created from the
call form; click-to-call links."""
import json

from selenium.webdriver.common.by import By

from odoo import api

from odoo.addons.bus.models.bus import json_dump

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-desk-pw"


class TestBrowserTelephony(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env.ref("base.main_company").country_id = env.ref("base.fr")
            self.agent = create_user(
                env, "it_desk_agent", ["interaction_tracker.group_user",
                                       "base.group_partner_manager"],
                name="Denise Agent", password=PASSWORD, lang="fr_FR")
            self.pbx = create_user(env, "it_desk_pbx", ["interaction_tracker.group_user"],
                                   name="PBX connector")
            self.customer = env["res.partner"].create({
                "name": "Lucky Transports", "is_company": True})
            self.joe = env["res.partner"].create({
                "name": "Joe Lucky", "parent_id": self.customer.id,
                "phone": "04 72 31 41 59", "email": "joe@lucky.example.com"})
            self.case = env["interaction.case"].create({
                "name": "Parcel lost in Lyon", "partner_id": self.customer.id,
                "requester_id": self.joe.id})
            self.case_number = self.case.number

    def _ring(self, phone):
        """The PBX reports a call for the agent; the notification it wrote on
        the agent's bus channel is handed to the agent's web client (Odoo 11
        refuses longpolling while tests run: the browser cannot poll)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.pbx.id, {})
            result = env["res.partner"].incoming_call(phone, login="it_desk_agent")
            channel = env["res.partner"]._incoming_call_channel(self.agent)
            bus = env["bus.bus"].sudo().search(
                [("channel", "=", json_dump(channel))], order="id desc", limit=1)
            message = json.loads(bus.message)
        script = ("odoo.__DEBUG__.services['bus.bus'].bus.trigger('notification', arguments[0]);"
                  "return !!document.querySelector('.o_interaction_screen_pop');")

        def _deliver(driver):
            # again until the web client listens (it starts listening
            # once the application is shown)
            return driver.execute_script(script, [[list(channel), message]]) and \
                driver.find_elements(By.CSS_SELECTOR, ".o_interaction_screen_pop")
        self.wait(_deliver)
        return result

    def test_phone_rings_screen_pop_log_the_call(self):
        self.login("it_desk_agent", PASSWORD)
        self.wait_web_client()
        result = self._ring("+33 4 72 31 41 59")
        self.assertEqual(result["name"], "Joe Lucky")
        pop = self.find(".o_interaction_screen_pop")
        self.assertEqual(self.find(".o_interaction_pop_name").text, "Joe Lucky")
        self.assertIn("Lucky Transports", self.find(".o_interaction_pop_organization").text)
        log_call = self.find(".o_interaction_pop_log_call").text
        self.assertIn(self.case_number, log_call)
        self.assertIn("Noter l'appel sur le dossier", log_call)
        self.assertTrue(pop.find_elements(By.CSS_SELECTOR, ".o_interaction_pop_new_case"))
        self.assertTrue(pop.find_elements(By.CSS_SELECTOR, ".o_interaction_pop_create_contact"))
        self.screenshot("telephony_screen_pop")

        # log the call on the case: the case opens, the call dialog on it
        self.click(".o_interaction_pop_log_call")
        self.find(".modal div[name=call_direction]")
        self.find(".o_form_view .o_interaction_exchange_badge")
        subject = self.find(".modal input.o_field_widget[name=subject]")
        subject.send_keys("Parcel found?")
        duration = self.find(".modal input.o_field_widget[name=duration]")
        duration.clear()
        duration.send_keys("00:04")
        self.screenshot("telephony_call_form")
        self.click_text(".modal-footer button.btn-primary", "")
        self.wait(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".modal-dialog"))
        # the case shows the call at once (exchanges list and feed)
        self.wait(lambda driver: any(
            "Parcel found?" in row.text for row in driver.find_elements(
                By.CSS_SELECTOR, ".o_form_view .o_list_view tbody tr")))
        self.wait(lambda driver: any(
            "Appel reçu de Lucky Transports, Joe Lucky" in message.text
            for message in driver.find_elements(By.CSS_SELECTOR, ".o_thread_message")))
        self.screenshot("telephony_case_with_call")
        with self.server_env() as env:
            call = env["interaction.case"].browse(self.case.id).communication_ids
            self.assertEqual(len(call), 1)
            self.assertEqual((call.kind, call.direction, call.sender_id.id),
                             ("call", "incoming", self.joe.id))
            self.assertEqual(call.recipient_id, self.agent.partner_id)
            self.assertEqual((call.subject, call.phone_number), ("Parcel found?", "+33472314159"))
            self.assertAlmostEqual(call.duration, 4 / 60.0, places=3)

    def test_unknown_caller_created_from_the_screen_pop(self):
        self.login("it_desk_agent", PASSWORD)
        self.wait_web_client()
        self._ring("04 72 98 76 54")
        self.find(".o_interaction_screen_pop .o_interaction_pop_unknown")
        self.click(".o_interaction_pop_create_contact")
        # the wizard opens on its first step, the number already on the
        # "Business information" step
        self.find(".modal .o_form_view input.o_field_widget[name=lastname]")
        phone = self.driver.find_element(By.CSS_SELECTOR, ".modal input.o_field_widget[name=phone]")
        self.assertEqual(phone.get_attribute("value"), "+33 4 72 98 76 54")

    def test_caller_created_from_the_call_form(self):
        self.login("it_desk_agent", PASSWORD,
                   redirect="/web%%23id=%d%%26model=interaction.case%%26view_type=form"
                   % self.case.id)
        self.wait_web_client()
        # click-to-call on the contacts card
        self.click_text(".o_notebook a", "Contacts")  # same word in French
        link = self.find(".o_form_view a.o_field_phone")
        self.assertEqual(link.get_attribute("href"), "tel:0472314159")
        self.click_text(".o_notebook a", "Échanges")
        self.click("button[name=action_log_call]")
        caller = self.find(".modal div[name=recipient_id] input")
        caller.clear()
        caller.send_keys("Lucky Luke")
        self.click_text("ul.ui-autocomplete li a", "Créer un contact")
        lastname = self.find(".modal input.o_field_widget[name=lastname]")
        self.assertEqual(lastname.get_attribute("value"), "Luke")
        self.find(".modal input.o_field_widget[name=phone]").send_keys("06 12 34 56 78")
        # the dialog's own Save (Odoo's label: its French is not the module's)
        lastname.find_element(
            By.XPATH, "ancestor::div[contains(@class, 'modal-content')]").find_element(
                By.CSS_SELECTOR, ".modal-footer button.btn-primary").click()
        self.wait(lambda driver: not driver.find_elements(
            By.CSS_SELECTOR, ".modal input.o_field_widget[name=lastname]"))
        self.wait(lambda driver: driver.find_element(
            By.CSS_SELECTOR, ".modal div[name=recipient_id] input").get_attribute(
                "value").startswith("Lucky Luke"))
        with self.server_env() as env:
            luke = env["res.partner"].search([("phone_normalized", "=", "+33612345678"),
                                              ("name", "=", "Lucky Luke")])
            self.assertEqual(len(luke), 1)
