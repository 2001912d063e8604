# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class InteractionCommunication(models.Model):
    """The communications that move the SLA clocks: an agent's first answer,
    a customer's reply to a case waiting on them."""
    _inherit = "interaction.communication"

    @api.model
    def create(self, vals):
        communication = super().create(vals)
        communication._sla_notify_case()
        return communication

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"state", "direction", "date", "case_id"} & set(vals):
            self._sla_notify_case()
        return result

    def _sla_notify_case(self):
        if self.env.context.get("interaction_new_case"):
            # the e-mail that opened the case (see message_new): the case has
            # its channel already and waits on nobody
            return
        for communication in self:
            if communication.state != "done" or not communication.case_id:
                continue
            case = communication.case_id
            if not case.channel:
                case.sudo().write({"channel": communication.kind})
            if communication.direction == "outgoing":
                sender = communication.sender_id
                # an answer of an agent (a user of the back office), not a
                # note of a customer's own e-mail
                if not sender or sender.sudo().user_ids.filtered(lambda u: not u.share):
                    case._sla_first_response(communication.date)
            else:
                case._customer_replied()
