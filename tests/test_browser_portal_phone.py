# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's portal on a phone (375 CSS pixels wide, in a real
headless Chromium): the list marks the new reply, the case page shows it
with its image, and the customer answers with a file."""
import base64
import io
import os
import shutil
import tempfile

from PIL import Image, ImageDraw
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_portal_case, create_user
from .test_portal_attachments import PNG

CUSTOMER_PASSWORD = "phone-customer-pw"
PHONE_WIDTH = 375
ANSWER = "Here is the photo of the label, thanks."


def label_image(text):
    """A PNG of a shipping label (for the screenshots)."""
    image = Image.new("RGB", (300, 200), "#fdf6e3")
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 289, 189], outline="#586e75", width=4)
    for row in range(4):
        draw.rectangle([30, 40 + row * 20, 30 + 200 - row * 30, 48 + row * 20], fill="#93a1a1")
    draw.text((30, 150), text, fill="#073642")
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


class TestBrowserPortalPhone(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env["ir.config_parameter"].set_param(
                "interaction_tracker.notify_by_email_default", "False")
            agent = create_user(
                env, "it_phone_agent", ["interaction_tracker.group_user"], name="Paula Agent")
            self.customer_user, self.case = create_portal_case(
                env, agent, "Joe Transport", "Parcel damaged on delivery", "it_phone_customer",
                name="Joe Dalton", password=CUSTOMER_PASSWORD, lang="fr_FR")
            photo = env["ir.attachment"].sudo(agent).create({
                "name": "label.png", "datas_fname": "label.png",
                "datas": base64.b64encode(label_image("SAMPLE 0042")),
                "res_model": "interaction.direct.message.wizard", "res_id": 0})
            self.case.sudo(agent).post_direct_message(
                "<p>Could you send us a photo of the parcel's label? Like this one:</p>",
                attachment_ids=photo.ids)
        # a phone's viewport, not a narrow desktop window
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": PHONE_WIDTH, "height": 760, "deviceScaleFactor": 2, "mobile": True})

    def _assert_fits_the_phone(self):
        width = self.driver.execute_script(
            "return document.documentElement.scrollWidth;")
        self.assertLessEqual(width, PHONE_WIDTH, "the page scrolls sideways")
        hidden = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.table-responsive'))"
            ".filter(function (el) { return el.scrollWidth > el.clientWidth + 1; }).length;")
        self.assertEqual(hidden, 0, "a table scrolls sideways")

    def test_read_answer_and_attach_on_a_phone(self):
        self.login("it_phone_customer", CUSTOMER_PASSWORD, redirect="/my/cases")
        badge = self.find(".o_interaction_unseen")
        self.assertIn("1", badge.text)
        self.assertIn("nouveau", badge.text)
        self._assert_fits_the_phone()
        self.screenshot("portal_phone_1_list")

        self.click_text("table.o_portal_my_doc_table a", "Parcel damaged")
        feed = self.find("#case_feed")
        self.assertIn("photo of the parcel", feed.text)
        self.assertIn("Nouveau", feed.text)
        thumbnail = self.find("#case_feed img.img-thumbnail")
        self.wait(lambda driver: driver.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth > 0;", thumbnail))
        self.assertLessEqual(thumbnail.size["width"], 120)
        self._assert_fits_the_phone()
        self.screenshot("portal_phone_2_case")

        textarea = self.find("form.o_interaction_message_form textarea[name=message]")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", textarea)
        self.assertTrue(textarea.is_displayed())
        self.assertLessEqual(textarea.size["width"], PHONE_WIDTH)
        textarea.send_keys(ANSWER)
        folder = tempfile.mkdtemp(prefix="it-phone-")
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "parcel-label.png")
        with open(path, "wb") as handle:
            handle.write(label_image("PARCEL 7731"))
        self.driver.find_element(
            By.CSS_SELECTOR, "form.o_interaction_message_form input[name=attachments]"
        ).send_keys(path)
        self.screenshot("portal_phone_3_answer")
        self.click("form.o_interaction_message_form button[type=submit]")
        self.wait(lambda driver: ANSWER in self.find("#case_feed").text)
        files = self.driver.find_elements(By.CSS_SELECTOR, "#case_feed img.img-thumbnail")
        self.assertEqual(len(files), 2, "the agent's image and the customer's")
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, ".o_interaction_unseen"),
                         "opened: the agent's reply is no longer new")
        self._assert_fits_the_phone()
        for image in files:
            self.driver.execute_script("arguments[0].scrollIntoView();", image)
            self.wait(lambda driver, image=image: driver.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image))
        self.driver.execute_script("window.scrollTo(0, document.body.scrollHeight);")
        self.screenshot("portal_phone_4_sent")

        with self.server_env() as env:
            messages = env["interaction.case"].browse(self.case.id).communication_ids
            answer = messages.filtered(lambda m: m.direction == "incoming")
            self.assertEqual(answer.attachment_ids.name, "parcel-label.png")
            self.assertEqual(base64.b64decode(answer.attachment_ids.datas)[:8], PNG[:8])
            agent_message = messages - answer
            self.assertTrue(agent_message.seen_by_customer)
