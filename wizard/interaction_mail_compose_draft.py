# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email.utils import formataddr

from odoo import _, api, fields, models

from .interaction_mail_compose import ADDRESS_FIELDS


class InteractionMailComposeDraft(models.TransientModel):
    """A reopened draft keeps its contacts as contacts; sending tells the
    agent what happened: scheduled (and when) or failed (why, what to do)."""
    _inherit = "interaction.mail.compose"

    outcome = fields.Text(readonly=True, help="What became of the e-mail.")
    outcome_state = fields.Selection(
        [("scheduled", "Scheduled"), ("failed", "Failed")], readonly=True)

    @api.onchange("communication_id")
    def _onchange_communication_id(self):
        super()._onchange_communication_id()
        draft = self.communication_id
        if not draft:
            return
        Communication = self.env["interaction.communication"]
        values = {}
        for partners_field, raw_field, field in ADDRESS_FIELDS:
            partners = draft[partners_field]
            emails = {(partner.email or "").strip().lower() for partner in partners}
            others = [pair for pair in Communication._validate_addresses(draft[field])
                      if pair[1].strip().lower() not in emails]
            values[partners_field] = partners
            values[raw_field] = ", ".join(formataddr(pair) for pair in others) or False
        self.update(values)

    def _save_communication(self):
        communication = super()._save_communication()
        communication.write({
            partners_field: [(6, 0, self[partners_field].ids)]
            for partners_field, __, __ in ADDRESS_FIELDS})
        return communication

    @api.multi
    def action_send(self):
        """Send or schedule; a scheduled or failed e-mail is confirmed in
        the dialog (the e-mail stays on the case either way)."""
        result = super().action_send()
        communication = self.communication_id
        outcome = communication._sending_message()
        if not outcome:
            return result
        # the message tells a scheduled or a failed e-mail
        self.write({"outcome_state": communication.state, "outcome": outcome})
        return {
            "type": "ir.actions.act_window",
            "name": _("E-mail scheduled") if self.outcome_state == "scheduled"
            else _("E-mail not sent"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref(
                "interaction_tracker.interaction_mail_compose_view_form_outcome").id, "form")],
            "target": "new",
        }
