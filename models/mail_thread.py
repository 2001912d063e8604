# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import email.errors
import logging

from odoo import api, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

# What the gateway raises for a message it cannot route or read: such mail
# is also kept as an interaction.unhandled.mail, so that it is not lost.
UNROUTABLE_ERRORS = (
    ValueError, TypeError, UnicodeError, email.errors.MessageError,
    UserError, ValidationError, AccessError,
)


class MailThread(models.AbstractModel):
    """Mail gateway: blocked senders, routing by case number, unhandled mail."""
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, custom_values=None,
                        save_original=False, strip_attachments=False,
                        thread_id=None):
        """Process an incoming message; one that cannot be routed or read is
        rolled back entirely and kept in interaction.unhandled.mail, then the
        error goes on to the caller as in Odoo (the mail gateway script makes
        the MTA keep the message; fetchmail logs it and commits, so the kept
        copy is saved)."""
        try:
            with self.env.cr.savepoint():
                return super().message_process(
                    model, message, custom_values=custom_values,
                    save_original=save_original, strip_attachments=strip_attachments,
                    thread_id=thread_id)
        except UNROUTABLE_ERRORS as error:
            self.env.clear()
            self.env["interaction.unhandled.mail"].sudo()._store(message, tools.ustr(error))
            raise

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None,
                      custom_values=None):
        """Drop mail from blocked addresses; route mail about a case (its
        number in the subject) to that case."""
        email_from = message_dict.get("email_from")
        if self.env["interaction.blocked.address"].is_blocked(email_from):
            _logger.info("Dropped mail from blocked address %s with Message-Id %s",
                         email_from, message_dict.get("message_id"))
            return []
        Case = self.env["interaction.case"]
        try:
            routes = super().message_route(
                message, message_dict, model=model, thread_id=thread_id,
                custom_values=custom_values)
        except ValueError:
            case = Case._find_case_from_subject(message_dict.get("subject"))
            if not case:
                raise
            routes = [(Case._name, case.id, custom_values, self.env.uid, None)]
        return Case._adapt_incoming_routes(message_dict, routes)
