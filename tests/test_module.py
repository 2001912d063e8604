# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import subprocess
import sys
from collections import Counter

from lxml import etree

import odoo
from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path
from odoo.tests.common import at_install, post_install

from .common import InteractionCase

MODULE = "interaction_tracker"


# once the installation is committed (odoo-bin --test-enable runs the other
# tests while the module is still being installed)
@at_install(False)
@post_install(True)
class TestModule(InteractionCase):

    def test_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertEqual(module.state, "installed")
        self.assertEqual(module.latest_version, "11.0.1.1.0")

    def test_contract_groups(self):
        agent = self.env.ref("interaction_tracker.group_user")
        manager = self.env.ref("interaction_tracker.group_manager")
        self.env.ref("interaction_tracker.group_private_contact")
        self.env.ref("interaction_tracker.group_send_mail")
        self.assertIn(self.env.ref("base.group_user"), agent.implied_ids)
        self.assertIn(agent, manager.implied_ids)
        self.assertEqual(
            agent.category_id,
            self.env.ref("interaction_tracker.module_category_interaction_tracker"))
        self.assertIn(agent, self.user_manager.groups_id,
                      "a manager is also an agent")

    def _visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()

    def test_menu_visibility(self):
        root = self.env.ref("interaction_tracker.menu_root")
        config = self.env.ref("interaction_tracker.menu_configuration")
        self.assertIn(root.id, self._visible_menu_ids(self.user_agent))
        self.assertNotIn(config.id, self._visible_menu_ids(self.user_agent))
        self.assertIn(config.id, self._visible_menu_ids(self.user_manager))
        self.assertNotIn(root.id, self._visible_menu_ids(self.user_employee))
        with self.assertRaises(AccessError):
            self._visible_menu_ids(self.user_portal)

    def test_no_duplicate_xml_ids(self):
        """pylint-odoo 8 no longer reads XML: check duplicate ids here."""
        path = get_module_path(MODULE)
        manifest = odoo.modules.module.load_information_from_description_file(MODULE)
        ids = Counter()
        for name in manifest["data"] + manifest.get("demo", []):
            if not name.endswith(".xml"):
                continue
            tree = etree.parse(os.path.join(path, name))
            for node in tree.xpath("//*[@id]"):
                if node.tag in ("record", "template", "menuitem", "act_window", "report"):
                    ids[node.get("id")] += 1
        self.assertFalse([xid for xid, count in ids.items() if count > 1])


UNINSTALL_SCRIPT = """
import sys
import odoo
from odoo.exceptions import AccessError
odoo.tools.config.parse_config(["-c", sys.argv[1], "-d", sys.argv[2]])
with odoo.api.Environment.manage():
    registry = odoo.registry(sys.argv[2])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.module.module"].search([("name", "=", "%s")]).button_immediate_uninstall()
    with odoo.registry(sys.argv[2]).cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %%s", ("%s",))
        print("STATE", cr.fetchone()[0])
        cr.execute("SELECT count(*) FROM ir_model_data WHERE module = %%s", ("%s",))
        print("XMLIDS", cr.fetchone()[0])
        cr.execute("SELECT count(*) FROM ir_ui_menu WHERE name = 'Interaction Tracker'")
        print("MENUS", cr.fetchone()[0])
""" % (MODULE, MODULE, MODULE)


def test_uninstall_cleanly():
    """Uninstall the module from a copy of the test database (made by
    scripts/dev.sh test) in another process: nothing of it must remain."""
    database = os.environ.get("IT_UNINSTALL_DB")
    assert database, "IT_UNINSTALL_DB is not set: run the tests with scripts/dev.sh test"
    config = odoo.tools.config.rcfile
    result = subprocess.run(
        [sys.executable, "-c", UNINSTALL_SCRIPT, config, database],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
        check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "STATE uninstalled" in result.stdout, result.stdout
    assert "XMLIDS 0" in result.stdout, result.stdout
    assert "MENUS 0" in result.stdout, result.stdout
