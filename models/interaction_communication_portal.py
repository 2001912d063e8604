# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .interaction_case_portal_attachment import FILES_KEY


class InteractionCommunicationPortal(models.Model):
    """What the customer has seen on the portal of the agents' direct
    messages, and the files sent with direct messages."""
    _inherit = "interaction.communication"

    seen_by_customer = fields.Boolean(
        string="Seen by the customer", readonly=True, copy=False,
        help="Agents' direct messages: the customer opened the case on the portal "
             "since the message was sent.")
    seen_by_customer_date = fields.Datetime(
        string="Seen by the customer on", readonly=True, copy=False)

    @api.multi
    def _direct_message_feed_values(self):
        """The files of a direct message go with its feed message (and with
        the e-mail that notifies the customer)."""
        values = super()._direct_message_feed_values()
        if self.direction == "outgoing" and values.get("partner_ids"):
            # the customer's e-mail says who wrote
            values["subject"] = _("%(agent)s wrote on your case %(case)s") % {
                "agent": (self.sender_id or self.env.user.partner_id).name or "",
                "case": self.case_id.display_name}
        files = self.env.context.get(FILES_KEY)
        if files:
            values["attachment_ids"] = list(files)
        return values

    @api.multi
    def _mark_seen_by_customer(self):
        """The customer opened the case: these agents' messages are seen
        (as superuser: the customer may not write communications; the
        caller passes only messages of the case the customer reads)."""
        unseen = self.filtered(lambda c: not c.seen_by_customer)
        if unseen:
            # no input check or tracking: two technical fields
            self.env.cr.execute(
                "UPDATE interaction_communication SET seen_by_customer = TRUE,"
                " seen_by_customer_date = now() at time zone 'UTC' WHERE id IN %s",
                (tuple(unseen.ids),))
            unseen.invalidate_cache(["seen_by_customer", "seen_by_customer_date"])
        return True
