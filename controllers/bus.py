# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.mail.controllers.bus import MailChatController

from ..models.res_partner_telephony import INCOMING_CALL_CHANNEL


class InteractionBusController(MailChatController):
    """The screen-pop channel of the session's user. Odoo's longpolling
    accepts only text channels from the browser: this tuple channel is
    added here, for the logged-in user alone, so no one listens to another
    agent's calls."""

    def _poll(self, dbname, channels, last, options):
        if request.session.uid:
            channels = list(channels) + [
                (request.db, INCOMING_CALL_CHANNEL, request.session.uid)]
        return super()._poll(dbname, channels, last, options)
