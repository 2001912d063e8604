# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.tools import html_escape

from .interaction_communication import DIRECT_MESSAGE_STYLE


class InteractionCommunicationDesk(models.Model):
    """An agent's direct message reads in the case feed as what it is: a
    message the customer sees on the portal, not an internal note (when it
    is e-mailed too, the feed shows it as a message sent, and the e-mail
    is the message itself)."""
    _inherit = "interaction.communication"

    def _direct_message_feed_values(self):
        values = super()._direct_message_feed_values()
        if self.direction == "outgoing" and not self.notify_by_email:
            label = _("Message to %(customer)s, visible on the customer portal") % {
                "customer": self.recipient_id.sudo().display_name or _("the customer")}
            values["body"] = '<div style="%s"><p><b>%s</b></p>%s</div>' % (
                DIRECT_MESSAGE_STYLE, html_escape(label), self.body or "")
        return values
