# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Drafts and sending as the agent sees them: contacts kept on reopening,
the discarded draft's form closed, the scheduled date confirmed, a failed
send told in the dialog, on the e-mail and in the case feed."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .mail_common import ComposerCase, free_port, real_smtp


class TestMailDrafts(ComposerCase):

    def _reopen(self, draft):
        action = draft.sudo(self.user_sender).action_edit_draft()
        return self.env["interaction.mail.compose"].sudo(self.user_sender).with_context(
            **action["context"]).create({})

    def test_reopened_draft_keeps_its_contacts(self):
        composer = self._composer(
            body="<p>Draft</p>", cc_partner_ids=[(6, 0, [self.jack.id])],
            email_to="someone@else.example", email_cc="Ann <ann@else.example>")
        draft = composer._save_communication()
        self.assertEqual(draft.to_partner_ids, self.joe)
        reopened = self._reopen(draft)
        self.assertEqual(reopened.to_partner_ids, self.joe)
        self.assertEqual(reopened.cc_partner_ids, self.jack)
        # only the addresses typed by hand stay plain addresses
        self.assertEqual(reopened.email_to, "someone@else.example")
        self.assertEqual(reopened.email_cc, "Ann <ann@else.example>")
        self.assertNotIn("joe@dalton.example", reopened.email_to)
        # saved again: nobody twice
        reopened._save_communication()
        self.assertEqual(draft.email_to.count("joe@dalton.example"), 1)
        self.assertEqual(draft.cc_partner_ids, self.jack)

    def test_draft_contacts_hidden_from_portal_and_employees(self):
        draft = self._composer(body="<p>Draft</p>")._save_communication()
        for user in (self.user_portal, self.user_employee):
            with self.assertRaises(AccessError):
                draft.sudo(user).read(["to_partner_ids"])
            with self.assertRaises(AccessError):
                draft.sudo(user).read(["sending_info"])

    def test_discard_closes_the_form(self):
        draft = self._composer(body="<p>x</p>")._save_communication()
        action = draft.sudo(self.user_sender).action_discard_draft()
        self.assertFalse(draft.exists())
        self.assertEqual(action["tag"], "interaction_record_removed")
        self.assertEqual(action["params"], {"model": "interaction.communication",
                                            "ids": [draft.id]})

    def test_discard_refused_to_employee_and_portal(self):
        draft = self._composer(body="<p>x</p>")._save_communication()
        for user in (self.user_portal, self.user_employee):
            with self.assertRaises(AccessError):
                draft.sudo(user).action_discard_draft()
        self.assertTrue(draft.exists())

    def test_scheduled_send_is_confirmed_with_its_date(self):
        self.user_sender.tz = "Europe/Paris"
        composer = self._composer(lang="fr_FR", body="<p>Later</p>",
                                  scheduled_date="2099-03-01 08:30:00")
        with real_smtp():
            action = composer.action_send()
        email = composer.communication_id
        self.assertEqual(email.state, "scheduled")
        self.assertEqual(action["res_id"], composer.id)
        self.assertEqual(composer.outcome_state, "scheduled")
        # the user's time zone and language
        self.assertEqual(composer.outcome, "Envoi programmé le 01/03/2099 09:30.")
        self.assertEqual(email.sudo(self.user_sender).with_context(lang="fr_FR").sending_info,
                         composer.outcome)
        self.assertEqual(self.env.ref(
            "interaction_tracker.interaction_mail_compose_view_form_outcome").id,
            action["views"][0][0])

    def test_sent_now_closes_the_dialog(self):
        with real_smtp():
            action = self._composer(body="<p>Now</p>").action_send()
        self.assertEqual(action["type"], "ir.actions.act_window_close")

    def test_failed_send_is_told_and_kept(self):
        port = self.mail_server.smtp_port
        self.mail_server.smtp_port = free_port()
        composer = self._composer(lang="fr_FR", body="<p>Fails</p>", subject="Lift repaired")
        with real_smtp():
            action = composer.action_send()
        email = composer.communication_id
        self.assertEqual(email.state, "failed")
        self.assertEqual(composer.outcome_state, "failed")
        self.assertEqual(action["res_id"], composer.id)
        self.assertIn("n'a pas pu être envoyé", composer.outcome)
        self.assertIn("Réessayer", composer.outcome)
        self.assertIn(email.failure_reason.strip().rstrip(".")[:30], composer.outcome)
        # the case feed says it did not go out
        note = self.case.message_ids[0]
        self.assertIn("E-mail non envoyé : Lift repaired", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        # nothing lost: the e-mail stays and can be sent again
        self.mail_server.smtp_port = port
        with real_smtp():
            email.sudo(self.user_sender).action_retry()
        self.assertEqual(email.state, "done")
        self.assertFalse(email.sending_info)

    def test_failed_scheduled_send_noted_in_feed(self):
        composer = self._composer(
            body="<p>Later</p>",
            scheduled_date=fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=1)))
        with real_smtp():
            composer.action_send()
        email = composer.communication_id
        email.scheduled_date = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=1))
        self.mail_server.smtp_port = free_port()
        with real_smtp():
            self.env["interaction.communication"]._cron_send_scheduled()
        self.assertEqual(email.state, "failed")
        # written in the language of the agent who scheduled it
        self.assertIn("E-mail not sent", self.case.message_ids[0].body)
        self.assertIn("then click Retry", self.case.message_ids[0].body)
