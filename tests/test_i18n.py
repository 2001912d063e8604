# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import trans_export

from .common import InteractionCase


class TestFrenchTranslation(InteractionCase):

    def test_every_string_has_a_french_translation(self):
        """Every term the module exports (fields, views, menus, _() strings,
        templates) has a non-empty msgstr in i18n/fr.po."""
        buf = io.BytesIO()
        trans_export(False, ["interaction_tracker"], buf, "po", self.env.cr)
        exported = polib.pofile(buf.getvalue().decode("utf-8"))
        french = polib.pofile(
            os.path.join(get_module_path("interaction_tracker"), "i18n", "fr.po"))
        translated = {entry.msgid for entry in french.translated_entries()
                      if not entry.obsolete}
        missing = sorted({entry.msgid for entry in exported} - translated)
        self.assertFalse(missing, "not translated in i18n/fr.po: %s" % missing[:30])
        self.assertGreater(len(exported), 5)

    def test_french_interface(self):
        menu = self.env.ref("interaction_tracker.menu_configuration")
        self.assertEqual(menu.with_context(lang="fr_FR").name, "Configuration")
        category = self.env.ref("interaction_tracker.module_category_interaction_tracker")
        self.assertEqual(category.with_context(lang="fr_FR").description,
                         "Dossiers, appels, échanges, e-mails et messages du portail "
                         "avec les clients.")
