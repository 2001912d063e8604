# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# context key: e-mail the partners notified of the message from the cron
# (``_cron_notify_by_email``) instead of during the current request
NOTIFY_LATER_KEY = "interaction_notify_by_email_later"


class MailMessage(models.Model):
    """E-mail notifications of case messages sent from a cron."""
    _inherit = "mail.message"

    interaction_notify_partner_ids = fields.Many2many(
        "res.partner", "interaction_mail_message_notify_partner_rel",
        "message_id", "partner_id", string="E-mail notification pending", readonly=True,
        copy=False,
        help="Partners to notify of this case message by e-mail; the cron "
             "\"Interaction Tracker: e-mail notifications\" sends them.")

    def _notify_by_email_later(self, partners):
        """Keep ``partners`` (those Odoo would e-mail now) for the cron: one
        insert into the field's table (a write would also update the
        message)."""
        self.ensure_one()
        self.env.cr.execute("""
            INSERT INTO interaction_mail_message_notify_partner_rel (message_id, partner_id)
            SELECT %s, partner_id FROM unnest(%s) AS partner_id
                ON CONFLICT DO NOTHING
        """, (self.id, partners.ids))
        self.invalidate_cache(["interaction_notify_partner_ids"], self.ids)

    @api.model
    def _cron_notify_by_email(self, limit=100):
        """E-mail the partners whose notification was left for later (a
        customer's message on a case: the customer's request only records it
        and notifies the agents in Odoo). Each partner gets Odoo's own
        notification e-mail, in their language. The messages are locked and
        locked ones skipped, so that several workers running the cron at the
        same time notify each partner once; a message whose e-mail cannot be
        made stays pending, logged, and the others go on.

        :return: the number of messages handled by this call
        """
        self.env.cr.execute("""
            SELECT message.id FROM mail_message message
             WHERE message.id IN (SELECT message_id
                                    FROM interaction_mail_message_notify_partner_rel)
             ORDER BY message.id
             LIMIT %s
               FOR UPDATE OF message SKIP LOCKED
        """, (limit,))
        messages = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for message in messages:
            try:
                with self.env.cr.savepoint():
                    partners = message.interaction_notify_partner_ids
                    message.write({"interaction_notify_partner_ids": [(5,)]})
                    for lang in set(partners.mapped("lang")):
                        partners.filtered(lambda p: p.lang == lang).with_context(
                            lang=lang)._notify(message, force_send=True)
            except Exception:  # pylint: disable=broad-except
                # kept for the next run; the cron goes on with the others
                _logger.exception("E-mail notification of message %s failed", message.id)
        return len(messages)
