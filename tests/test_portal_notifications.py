# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer's message notifies the agents in Odoo at once, and by e-mail
from a cron, outside the customer's request."""
from .common import CustomerCase, create_user


class TestPortalNotifications(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        params.set_param("interaction_tracker.direct_messages", "True")
        cls.customer_user = create_user(
            cls.env, "it_notify_customer", ["base.group_portal"], parent_id=cls.customer.id,
            name="Ma Dalton", email="ma@dalton.example")
        cls.case = cls.env["interaction.case"].sudo(cls.user_agent).create({
            "name": "Broken lift", "partner_id": cls.customer.id,
            "requester_id": cls.customer_user.partner_id.id})
        cls.Message = cls.env["mail.message"].with_context(mail_auto_delete=False)

    def _post(self, text):
        communication = self.env["interaction.communication"].browse(
            self.case.sudo(self.customer_user).portal_post_message(text))
        return communication.message_id

    def _mails(self, message):
        return self.env["mail.mail"].search([("mail_message_id", "=", message.id)])

    def test_agent_emailed_by_the_cron_once(self):
        agent = self.user_agent.partner_id
        message = self._post("Bonjour, toujours en panne")
        self.assertEqual(message.sudo().needaction_partner_ids, agent,
                         "notified in Odoo at once")
        self.assertIn("ma@dalton.example", message.email_from, "from the customer")
        self.assertFalse(self._mails(message), "no e-mail during the customer's request")
        self.assertEqual(message.interaction_notify_partner_ids, agent)
        self.assertEqual(self.Message._cron_notify_by_email(), 1)
        mail = self._mails(message)
        self.assertEqual(mail.recipient_ids, agent)
        self.assertIn("toujours en panne", mail.body_html)
        self.assertIn("ma@dalton.example", mail.email_from)
        self.assertFalse(message.interaction_notify_partner_ids)
        self.assertEqual(self.Message._cron_notify_by_email(), 0, "nothing left")
        self.assertEqual(self._mails(message), mail, "e-mailed once")

    def test_agent_handling_in_odoo_gets_no_email(self):
        self.user_agent.write({"notification_type": "inbox"})
        message = self._post("Bonjour")
        self.assertEqual(message.sudo().needaction_partner_ids, self.user_agent.partner_id)
        self.assertFalse(message.interaction_notify_partner_ids)
        self.Message._cron_notify_by_email()
        self.assertFalse(self._mails(message))

    def test_other_posts_notify_at_once(self):
        """Only the customer's messages wait for the cron: an agent's note
        to a follower is e-mailed during the post, as Odoo does."""
        colleague = self.user_agent2.partner_id
        self.case.message_subscribe(partner_ids=[colleague.id])
        message = self.case.sudo(self.user_agent).with_context(
            mail_auto_delete=False, mail_notify_force_send=False).message_post(
            body="Internal", message_type="comment", subtype="mail.mt_comment")
        self.assertFalse(message.interaction_notify_partner_ids)
        self.assertEqual(self._mails(message).recipient_ids, colleague)
