# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A real headless Chromium (Debian's chromium + chromium-driver) driven by
Selenium against the HttpCase test server."""
import os
import shutil
import tempfile

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import odoo.tests.common as odoo_common
from odoo.tests.common import HttpCase, at_install, post_install

from .common import ServerEnvMixin

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    "--window-size=1400,1000", "--lang=fr-FR",
)


# on the installed module, like Odoo's own browser tests: while odoo-bin
# installs it, the web client does not serve its translations yet
@at_install(False)
@post_install(True)
class BrowserCase(ServerEnvMixin, HttpCase):
    """HttpCase with a Chromium per test; screenshots land in $IT_ARTIFACTS."""

    timeout = 30

    def setUp(self):
        super().setUp()
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        profile = tempfile.mkdtemp(prefix="it-chromium-")
        self.addCleanup(shutil.rmtree, profile, True)
        options.add_argument("--user-data-dir=%s" % profile)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.addCleanup(self.driver.quit)
        self.base_url = "http://127.0.0.1:%s" % odoo_common.PORT

    # helpers -------------------------------------------------------------
    def wait(self, condition, timeout=None):
        """Wait for ``condition``; an element the web client re-rendered
        meanwhile (stale) is looked up again at the next try."""
        try:
            return WebDriverWait(self.driver, timeout or self.timeout, ignored_exceptions=(
                StaleElementReferenceException,)).until(condition)
        except TimeoutException:
            self.screenshot("TIMEOUT_%s" % self._testMethodName)
            raise

    def find(self, css, timeout=None):
        return self.wait(expected_conditions.visibility_of_element_located(
            (By.CSS_SELECTOR, css)), timeout)

    def click(self, css, timeout=None):
        element = self.wait(expected_conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, css)), timeout)
        element.click()
        return element

    def click_text(self, css, text, timeout=None):
        """Click the first visible element matching css whose text contains text."""
        def _match(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed() and text in element.text:
                    return element
            return False
        element = self.wait(_match, timeout)
        element.click()
        return element

    def login(self, login, password, redirect="/web"):
        self.driver.get("%s/web/login?redirect=%s" % (self.base_url, redirect))
        self.find("input[name=login]").send_keys(login)
        self.find("input[name=password]").send_keys(password)
        self.click("form.oe_login_form button[type=submit]")

    def wait_web_client(self):
        self.find(".o_web_client .o_main_navbar, .o_web_client .o_main", 60)
        self.wait(lambda driver: not driver.find_elements(
            By.CSS_SELECTOR, ".o_loading:not([style*='none'])") or True)

    def screenshot(self, name):
        folder = os.environ.get("IT_ARTIFACTS") or os.path.join(
            os.path.dirname(os.path.dirname(__file__)), "artifacts")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "%s.png" % name)
        self.driver.save_screenshot(path)
        return path
