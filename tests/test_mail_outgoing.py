# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .mail_common import ComposerCase, free_port, real_smtp


class TestMailOutgoing(ComposerCase):

    def test_defaults(self):
        composer = self._composer()
        self.assertEqual(composer.to_partner_ids, self.joe)
        self.assertEqual(composer.reply_to_partner_ids, self.user_sender.partner_id)
        self.assertIn(self.case.number, composer.subject)

    def test_send_through_real_smtp(self):
        attachment = self.env["ir.attachment"].create({
            "name": "report.txt", "datas_fname": "report.txt",
            "datas": base64.b64encode(b"lift report"), "res_model": "interaction.mail.compose"})
        composer = self._composer(
            cc_partner_ids=[(6, 0, self.jack.ids)],
            email_bcc="boss@support.example",
            body="<p>The technician comes tomorrow.</p>",
            attachment_ids=[(6, 0, attachment.ids)])
        before = len(self.smtp.envelopes)
        with real_smtp():
            composer.action_send()
        self.assertEqual(len(self.smtp.envelopes), before + 1)
        envelope = self.smtp.envelopes[-1]
        self.assertEqual(
            sorted(envelope["rcpt_tos"]),
            ["boss@support.example", "jack@dalton.example", "joe@dalton.example"])
        message = envelope["message"]
        self.assertIn("joe@dalton.example", message["To"])
        self.assertIn("jack@dalton.example", message["Cc"])
        self.assertIsNone(message["Bcc"], "Bcc must not be in the headers")
        self.assertNotIn(b"boss@support.example", envelope["content"])
        self.assertIn("sarah.sender@support.example", message["Reply-To"])
        self.assertEqual(message["Subject"], composer.subject)
        parts = {part.get_filename(): part for part in message.walk()}
        self.assertEqual(parts["report.txt"].get_payload(decode=True), b"lift report")
        html = next(part for part in message.walk() if part.get_content_type() == "text/html")
        # the sender mention, in the sender's language
        self.assertRegex(html.get_payload(decode=True).decode(),
                         r"^<p>Message (from|de) Sarah Sender</p>")
        sent = self._emails()
        self.assertEqual(len(sent), 1)
        self.assertEqual((sent.state, sent.direction), ("done", "outgoing"))
        self.assertEqual(sent.email_message_id, message["Message-Id"])
        self.assertEqual(sent.message_id.model, "interaction.case")
        self.assertEqual(sent.message_id.res_id, self.case.id)
        self.assertIn(sent.message_id, self.case.message_ids)

    def test_invalid_address_refused_nothing_sent(self):
        before = len(self.smtp.envelopes)
        composer = self._composer(email_cc="jack@dalton.example, not-an-address")
        with self.assertRaises(ValidationError) as caught, real_smtp():
            composer.action_send()
        self.assertIn("not-an-address", caught.exception.name)
        self.assertEqual(len(self.smtp.envelopes), before)
        self.assertFalse(self._emails())

    def test_outside_send_group_cannot_send(self):
        with self.assertRaises(AccessError):
            self.case.sudo(self.user_agent).action_send_email()
        with self.assertRaises(AccessError):
            self._composer(user=self.user_agent, body="<p>Hi</p>")
        draft = self._composer(body="<p>Hi</p>")._save_communication()
        with self.assertRaises(AccessError), real_smtp():
            draft.sudo(self.user_agent).action_send()
        self.assertEqual(draft.state, "draft")

    def test_cancel_offers_draft_then_send_it(self):
        empty = self._composer()
        self.assertEqual(empty.action_cancel()["type"], "ir.actions.act_window_close")
        composer = self._composer(body="<p>Started writing</p>")
        offer = composer.action_cancel()
        self.assertEqual(offer["res_id"], composer.id)
        composer.action_save_draft()
        draft = self._emails()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.message_id, "a draft is not in the case feed")
        drafts = self.env["interaction.communication"].search(
            self.case.action_view_email_drafts()["domain"])
        self.assertEqual(drafts, draft)
        action = draft.sudo(self.user_sender).action_edit_draft()
        reopened = self.env["interaction.mail.compose"].sudo(self.user_sender).with_context(
            **action["context"]).create({})
        self.assertIn("Started writing", reopened.body)
        self.assertEqual(reopened.to_partner_ids, self.joe)
        with real_smtp():
            reopened.action_send()
        self.assertEqual(draft.state, "done")
        self.assertEqual(self._emails(), draft)

    def test_discard_draft(self):
        draft = self._composer(body="<p>x</p>")._save_communication()
        draft.action_discard_draft()
        self.assertFalse(draft.exists())

    def test_schedule_then_cron(self):
        composer = self._composer(
            body="<p>Later</p>",
            scheduled_date=fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=1)))
        before = len(self.smtp.envelopes)
        with real_smtp():
            composer.action_send()
        email = composer.communication_id
        self.assertEqual(email.state, "scheduled")
        Communication = self.env["interaction.communication"]
        with real_smtp():
            Communication._cron_send_scheduled()
        self.assertEqual((email.state, len(self.smtp.envelopes)), ("scheduled", before))
        email.scheduled_date = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=1))
        with real_smtp():
            Communication._cron_send_scheduled()
            Communication._cron_send_scheduled()
        self.assertEqual((email.state, len(self.smtp.envelopes)), ("done", before + 1))

    def test_failure_kept_then_retry(self):
        composer = self._composer(body="<p>Fails first</p>")
        port = self.mail_server.smtp_port
        self.mail_server.smtp_port = free_port()
        with real_smtp():
            composer.action_send()
        email = composer.communication_id
        self.assertEqual(email.state, "failed")
        self.assertTrue(email.failure_reason)
        self.mail_server.smtp_port = port
        before = len(self.smtp.envelopes)
        with real_smtp():
            email.sudo(self.user_sender).action_retry()
        self.assertEqual(email.state, "done")
        self.assertFalse(email.failure_reason)
        self.assertEqual(len(self.smtp.envelopes), before + 1)

    def test_template(self):
        template = self.env["mail.template"].create({
            "name": "Acknowledgement",
            "model_id": self.env.ref("interaction_tracker.model_interaction_case").id,
            "subject": "Case ${object.number}",
            "body_html": "<p>Dear ${object.requester_id.name}</p>",
        })
        composer = self._composer(template_id=template.id)
        self.assertEqual(composer.subject, "Case %s" % self.case.number)
        self.assertIn("Dear Joe Dalton", composer.body)
