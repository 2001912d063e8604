# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# set by the sending cron: a failure is told to the agent who scheduled
SCHEDULED_SEND_KEY = "interaction_scheduled_send"


class InteractionCommunicationMailFailure(models.Model):
    """A scheduled e-mail that the cron fails to send is told to the agent
    who scheduled it, in Odoo: the failure note of the case feed lands in
    their Discuss inbox (a needaction, pushed on the bus), never as an
    e-mail, whatever their notification preference (the outgoing server
    may be the very cause of the failure)."""
    _inherit = "interaction.communication"

    @api.model
    def _cron_send_scheduled(self, limit=100):
        return super(InteractionCommunicationMailFailure, self.with_context(
            **{SCHEDULED_SEND_KEY: True}))._cron_send_scheduled(limit=limit)

    def _post_failure_note(self):
        note = super()._post_failure_note()
        if self.env.context.get(SCHEDULED_SEND_KEY):
            self._notify_scheduler(note)
        return note

    def _notify_scheduler(self, note):
        """Put ``note`` in the Discuss inbox of the agent who scheduled the
        e-mail (unread, counted) and push it to their open pages, as Odoo
        does for the users who handle their notifications in Odoo; no
        mail.mail is created. Nothing happens twice for the same note.

        :return: whether the agent was notified
        """
        self.ensure_one()
        partner = self.scheduled_by_id.partner_id
        note = note.sudo()
        if not partner or partner in note.needaction_partner_ids:
            return False
        note.write({"partner_ids": [(4, partner.id)],
                    "needaction_partner_ids": [(4, partner.id)]})
        partner.sudo()._notify_by_chat(note)
        return True
