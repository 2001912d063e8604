# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A scheduled e-mail that the cron fails to send is told to the agent who
scheduled it, in their Discuss inbox and language, never by e-mail, and to
nobody else."""
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import create_user
from .mail_common import ComposerCase, free_port, real_smtp


def _shifted(**delta):
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) + timedelta(**delta))


class TestMailScheduledFailure(ComposerCase):

    def _schedule(self, subject="Lift repaired"):
        composer = self._composer(body="<p>Later</p>", subject=subject,
                                  scheduled_date=_shifted(days=1))
        with real_smtp():
            composer.action_send()
        email = composer.communication_id
        self.assertEqual(email.state, "scheduled")
        email.scheduled_date = _shifted(minutes=-1)
        return email

    def _run_cron(self):
        with real_smtp():
            self.env["interaction.communication"]._cron_send_scheduled()

    def _notifications(self, partners):
        return self.env["mail.notification"].sudo().search([
            ("mail_message_id", "in", self.case.message_ids.ids),
            ("res_partner_id", "in", partners.ids)])

    def _pushes(self, partner):
        return self.env["bus.bus"].sudo().search([("channel", "=", json.dumps(
            [self.env.cr.dbname, "ir.needaction", partner.id], separators=(",", ":")))])

    def _fail_scheduled(self):
        email = self._schedule()
        self.mail_server.smtp_port = free_port()
        self._run_cron()
        self.assertEqual(email.state, "failed")
        return email

    def test_agent_told_once_in_french_not_by_email(self):
        agent = self.user_sender.partner_id
        self.user_sender.lang = "fr_FR"
        self.assertEqual(self.user_sender.notification_type, "email")
        Message = self.env["mail.message"].sudo(self.user_sender)
        self.assertFalse(Message.search([("needaction", "=", True)]))
        mails_before = self.env["mail.mail"].sudo().search([])
        self._fail_scheduled()
        note = self.case.message_ids[0]
        self.assertIn("E-mail non envoyé : Lift repaired", note.body)
        self.assertIn("Réessayer", note.body)
        # one unread item in the agent's inbox, pushed to their open pages
        self.assertEqual(Message.search([("needaction", "=", True)]), note)
        self.assertEqual(self.env["res.partner"].sudo(self.user_sender).get_needaction_count(), 1)
        notification = self._notifications(agent)
        self.assertEqual(len(notification), 1)
        self.assertFalse(notification.is_read)
        self.assertFalse(notification.is_email)
        pushes = self._pushes(agent)
        self.assertEqual(len(pushes), 1)
        self.assertEqual(json.loads(pushes.message)["id"], note.id)
        # no e-mail at all, to the agent or anyone: only the failed e-mail
        new_mails = self.env["mail.mail"].sudo().search([]) - mails_before
        self.assertEqual(new_mails.mapped("mail_message_id.message_type"), ["email"])
        self.assertNotIn(note, new_mails.mapped("mail_message_id"))

    def test_customer_told_nothing_and_note_internal(self):
        self._fail_scheduled()
        note = self.case.message_ids[0]
        self.assertTrue(note.subtype_id.internal)
        customers = self.customer | self.joe | self.jack
        self.assertFalse(self._notifications(customers))
        self.assertFalse(note.partner_ids & customers)
        for partner in customers:
            self.assertFalse(self._pushes(partner))
        # the requester, a portal user, reads the case's feed but not the note
        portal_joe = create_user(self.env, "it_portal_joe", ["base.group_portal"],
                                 partner_id=self.joe.id)
        feed = self.env["mail.message"].sudo(portal_joe).search([
            ("model", "=", "interaction.case"), ("res_id", "=", self.case.id)])
        self.assertTrue(feed)
        self.assertNotIn(note, feed)
        with self.assertRaises(AccessError):
            note.sudo(portal_joe).read(["body"])

    def test_second_cron_run_adds_nothing(self):
        self._fail_scheduled()
        agent = self.user_sender.partner_id
        messages = self.case.message_ids
        self._run_cron()
        self.assertEqual(self.case.message_ids, messages)
        self.assertEqual(len(self._notifications(agent)), 1)
        self.assertEqual(len(self._pushes(agent)), 1)
        # told once per note, even if asked again
        email = self._emails()
        self.assertFalse(email._notify_scheduler(messages[0]))
        self.assertEqual(len(self._notifications(agent)), 1)

    def test_agent_handling_in_odoo_told_once(self):
        self.user_sender.notification_type = "inbox"
        self._fail_scheduled()
        agent = self.user_sender.partner_id
        self.assertEqual(len(self._notifications(agent)), 1)
        self.assertEqual(len(self._pushes(agent)), 1)
        # in the agent's language (English here)
        self.assertIn("E-mail not sent: Lift repaired", self.case.message_ids[0].body)

    def test_failure_at_click_is_not_pushed(self):
        """The agent who clicks Send sees the failure in the dialog."""
        self.mail_server.smtp_port = free_port()
        with real_smtp():
            self._composer(body="<p>Now</p>").action_send()
        self.assertEqual(self._emails().state, "failed")
        self.assertFalse(self._notifications(self.user_sender.partner_id))
        self.assertFalse(self._pushes(self.user_sender.partner_id))

    def test_sent_scheduled_email_tells_nobody(self):
        email = self._schedule()
        self._run_cron()
        self.assertEqual(email.state, "done")
        self.assertFalse(self._notifications(self.user_sender.partner_id))
