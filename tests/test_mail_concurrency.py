# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import queue
import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import SavepointCase, at_install, post_install

from .mail_common import SmtpServer


# both classes on the committed installation: cursors of their own do not see
# the data that odoo-bin's installation transaction has not committed yet
@at_install(False)
@post_install(True)
class TestScheduledSendOnce(SavepointCase):
    """Two cron runs at the same time, each in its own thread and cursor, on
    committed data: the scheduled e-mail is sent once. The test commits its
    own data in separate cursors and deletes it afterwards."""

    def setUp(self):
        super().setUp()
        self.smtp = SmtpServer()
        self.smtp.start()
        self.addCleanup(self.smtp.stop)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            self.server_id = env["ir.mail_server"].create({
                "name": "Concurrency SMTP", "smtp_host": "127.0.0.1",
                "smtp_port": self.smtp.port, "sequence": 0}).id
            case = env["interaction.case"].create({"name": "Concurrent cron"})
            self.case_id = case.id
            self.email_id = env["interaction.communication"].with_context(
                interaction_no_feed=True).create({
                    "case_id": case.id, "kind": "email", "direction": "outgoing",
                    "state": "scheduled", "subject": "Once only",
                    "body": "<p>Sent once</p>", "email_to": "joe@dalton.example",
                    "email_from": "support@support.example",
                    "scheduled_date": fields.Datetime.to_string(
                        fields.Datetime.from_string(fields.Datetime.now())
                        - timedelta(minutes=1)),
                }).id
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["interaction.case"].browse(self.case_id).unlink()
            env["mail.mail"].search([("model", "=", "interaction.case"),
                                     ("res_id", "=", self.case_id)]).unlink()
            env["ir.mail_server"].browse(self.server_id).unlink()

    def _cron(self, barrier, results, finished):
        try:
            with api.Environment.manage(), self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(30)
                results.append(env["interaction.communication"]._cron_send_scheduled())
        except Exception as error:  # pylint: disable=broad-except
            results.append(error)
        finally:
            finished.put(threading.current_thread().name)

    def test_cron_twice_at_the_same_time_sends_once(self):
        # The SMTP server holds the first delivery until the other cron run
        # has finished: that run must skip the row locked by the sender.
        gate = threading.Event()
        self.smtp.sink.gate = gate
        barrier, results, finished = threading.Barrier(2), [], queue.Queue()
        workers = [threading.Thread(target=self._cron, args=(barrier, results, finished),
                                    name="cron-%d" % index) for index in range(2)]
        for worker in workers:
            worker.start()
        finished.get(timeout=60)
        self.assertEqual(results, [0], "the second run skipped the locked e-mail")
        gate.set()
        for worker in workers:
            worker.join(60)
        self.assertEqual(sorted(results), [0, 1])
        self.assertEqual(len(self.smtp.envelopes), 1)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env["interaction.communication"].browse(self.email_id).state, "done")


@at_install(False)
@post_install(True)
class TestNotifyByEmailOnce(SavepointCase):
    """The e-mail notification cron skips a message another run holds: each
    partner is e-mailed once even with several workers (committed data,
    deleted afterwards)."""

    def setUp(self):
        super().setUp()
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            case = env["interaction.case"].create({"name": "Concurrent notification"})
            self.case_id = case.id
            self.partner_id = env["res.partner"].create({
                "name": "Agent to notify", "email": "agent.notify@support.example"}).id
            message = case.message_post(body="Hello", message_type="comment",
                                        subtype="mail.mt_comment")
            message.write({"interaction_notify_partner_ids": [(4, self.partner_id)]})
            self.message_id = message.id
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mail.mail"].search([("mail_message_id", "=", self.message_id)]).unlink()
            env["mail.message"].browse(self.message_id).unlink()
            env["interaction.case"].browse(self.case_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _cron(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"mail_auto_delete": False})
            return env["mail.message"]._cron_notify_by_email()

    def test_a_message_held_by_another_run_is_skipped(self):
        with self.registry.cursor() as holder:
            holder.execute("SELECT id FROM mail_message WHERE id = %s FOR UPDATE",
                           (self.message_id,))
            self.assertEqual(self._cron(), 0, "the held message is skipped")
            holder.rollback()
        self.assertEqual(self._cron(), 1)
        self.assertEqual(self._cron(), 0, "notified once")
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mails = env["mail.mail"].search([("mail_message_id", "=", self.message_id)])
            self.assertEqual(mails.mapped("recipient_ids").ids, [self.partner_id])
