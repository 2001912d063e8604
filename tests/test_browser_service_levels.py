# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA colours of the case kanban and list in a real headless Chromium."""
from selenium.webdriver.common.by import By

from .browser import BrowserCase
from .common import create_user

PASSWORD = "browser-sla-pw"


class TestBrowserServiceLevels(BrowserCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            agent = create_user(env, "it_browser_sla", ["interaction_tracker.group_user"],
                                name="Sally Agent", password=PASSWORD)
            team = env["interaction.team"].create({
                "name": "Lifts", "assignment_method": "round_robin",
                "member_ids": [(6, 0, agent.ids)]})
            env["interaction.sla.policy"].create({
                "name": "Lifts SLA", "team_id": team.id, "first_response_hours": 10,
                "resolution_hours": 10, "tz": "UTC"})
            customer = env["res.partner"].create({"name": "Kanban Customer",
                                                  "is_company": True})
            Case = env["interaction.case"]
            self.cases = {}
            for name, hours_ago in (("Lift on time", 0), ("Lift at risk", 9),
                                    ("Lift breached", 30)):
                case = Case.create({"name": name, "partner_id": customer.id,
                                    "team_id": team.id, "user_id": False})
                env.cr.execute("UPDATE interaction_case SET create_date = now() at time zone "
                               "'UTC' - %s * interval '1 hour' WHERE id = %s", (hours_ago, case.id))
                case.invalidate_cache()
                case._sla_update()
                self.cases[name] = case.sla_status

    def test_kanban_and_list_colours(self):
        self.assertEqual(self.cases, {"Lift on time": "ok", "Lift at risk": "at_risk",
                                      "Lift breached": "breached"})
        self.login("it_browser_sla", PASSWORD)
        self.wait_web_client()
        self.driver.get("%s/web#model=interaction.case&view_type=kanban"
                        "&action=interaction_tracker.interaction_case_action" % self.base_url)
        breached = self.find(".o_kanban_view .o_interaction_sla_breached")
        self.assertIn("Lift breached", breached.text)
        at_risk = self.find(".o_kanban_view .o_interaction_sla_at_risk")
        self.assertIn("Lift at risk", at_risk.text)
        self.assertEqual(breached.value_of_css_property("border-left-color"),
                         "rgba(217, 83, 79, 1)")
        self.assertEqual(at_risk.value_of_css_property("border-left-color"),
                         "rgba(240, 173, 78, 1)")
        self.screenshot("sla_kanban")
        self.driver.get("%s/web#model=interaction.case&view_type=list"
                        "&action=interaction_tracker.interaction_case_action" % self.base_url)
        self.click_text(".o_list_view tr.text-danger td", "Lift breached")
        self.find(".o_form_view div[name=priority], .o_form_view .o_priority")
        self.screenshot("sla_case_form")

    def test_dashboard(self):
        """The board shows its four blocks: the cases at risk or breached and
        the three graphs of the analysis."""
        with self.server_env() as env:
            # an answered case and a rated one, for the two graphs of averages
            env.cr.execute("""
                UPDATE interaction_case
                   SET first_response_date = create_date + interval '1 hour',
                       first_response_time = 1.0
                 WHERE name = 'Lift on time';
                UPDATE interaction_case SET rating_last_value = 10
                 WHERE name = 'Lift breached'""")
        self.login("it_browser_sla", PASSWORD)
        self.wait_web_client()
        self.driver.get("%s/web#action=interaction_tracker.interaction_dashboard_action"
                        % self.base_url)
        self.find(".o_dashboard .oe_dashboard")
        self.wait(lambda driver: len(driver.find_elements(
            By.CSS_SELECTOR, ".o_dashboard .oe_action")) == 4)
        self.find(".o_dashboard .oe_action .o_list_view")
        self.wait(lambda driver: len(driver.find_elements(
            By.CSS_SELECTOR, ".o_dashboard .oe_action .o_graph_svg_container svg")) == 3)
        watched = " ".join(row.text for row in self.driver.find_elements(
            By.CSS_SELECTOR, ".o_dashboard .oe_action .o_list_view tbody tr.o_data_row"))
        self.assertIn("Lift breached", watched)
        self.assertIn("Lift at risk", watched)
        self.assertNotIn("Lift on time", watched)
        self.screenshot("sla_dashboard")
        self.click_text(".o_dashboard .oe_action .o_list_view td", "Lift breached")
        self.find(".o_form_view div[name=priority], .o_form_view .o_priority")
