# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .mail_message import NOTIFY_LATER_KEY


class ResPartnerNotification(models.Model):
    """How the partners are notified of the messages posted on cases."""
    _inherit = "res.partner"

    @api.multi
    def _notify(self, message, force_send=False, send_after_commit=True, user_signature=True):
        """E-mail notifications of a case message posted with
        ``NOTIFY_LATER_KEY`` (a customer's message from the portal) go
        out from a cron: the customer's request does not render them."""
        if self and message.model == "interaction.case" \
                and self.env.context.get(NOTIFY_LATER_KEY):
            message._notify_by_email_later(self)
            return True
        return super()._notify(message, force_send=force_send,
                               send_after_commit=send_after_commit,
                               user_signature=user_signature)

    @api.multi
    def _notify_by_chat(self, message):
        """No partner to notify by chat on a case message: return before Odoo
        11 formats the message for nobody. Odoo's other
        models keep the generic path (the mail benchmark's baseline)."""
        if not self and message.model == "interaction.case":
            return True
        return super()._notify_by_chat(message)
