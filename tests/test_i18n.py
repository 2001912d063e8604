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

    def test_demo_data_reads_french(self):
        case = self.env.ref("interaction_tracker.case_boiler_demo")
        self.assertEqual(case.name, "Chaudière en panne au bâtiment B")
        self.assertEqual(
            case.communication_ids.filtered(lambda c: c.kind == "call" and
                                            c.direction == "incoming").subject,
            "Plus de chauffage depuis ce matin")
        self.assertEqual(self.env.ref("interaction_tracker.partner_marc_durand_demo").function,
                         "Gardien, bâtiment B")
        attribute = self.env.ref("interaction_tracker.attribute_language_demo")
        self.assertEqual(attribute.with_context(lang="fr_FR").name, "Langue préférée")

    def test_feed_written_in_french(self):
        """What the demo does when French is installed: cases and calls
        created in French write their feed in French."""
        # the demo's context: the feed written (the tests' own flags off)
        env = self.env(context=dict(self.env.context, lang="fr_FR", mail_create_nolog=False,
                                    mail_notrack=False, tracking_disable=False))
        partner = env["res.partner"].create({"name": "Claire Martin"})
        Case = env["interaction.case"]
        case = Case.create({"name": "Chaudière", "partner_id": partner.id})
        created = case.message_ids[-1]
        self.assertIn("Dossier", created.body)
        self.assertNotIn("Case", created.body)
        case.state = "open"
        tracking = case.message_ids[0].tracking_value_ids
        self.assertIn("En cours", tracking.mapped("new_value_char"))
        self.assertNotIn("In progress", tracking.mapped("new_value_char"))
        call = env["interaction.communication"].create({
            "case_id": case.id, "kind": "call", "direction": "incoming",
            "sender_id": partner.id, "recipient_id": self.env.user.partner_id.id,
            "subject": "Plus de chauffage"})
        self.assertIn("Objet : Plus de chauffage", call.message_id.body)
        self.assertNotIn("Subject:", call.message_id.body)

    def test_portal_change_button_in_french(self):
        view = self.env.ref("interaction_tracker.portal_layout").with_context(lang="fr_FR")
        self.assertIn(">Modifier</a>", view.arch)
        self.assertNotIn(">Change</a>", view.arch)
