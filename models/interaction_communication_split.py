# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape


class InteractionCommunication(models.Model):
    """Splitting a communication off its case into a new case."""
    _inherit = "interaction.communication"

    split_from_case_id = fields.Many2one(
        "interaction.case", string="Split from case", readonly=True, copy=False,
        ondelete="set null",
        help="The case this communication was taken from to open its own case.")

    @api.model
    def create(self, vals):
        self._check_split_link(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_split_link(vals)
        return super().write(vals)

    @api.multi
    def action_split_case(self):
        """Open a new case of the same customer with this communication, its
        feed message and attachments; the requester is the customer's party
        of the communication (else the case's requester). A note on both
        cases links them.

        :return: a window action on the new case
        """
        self._input_one()
        case = self.case_id
        # the communication leaves its case: the caller must be allowed to
        # change both (the record rules keep other companies' cases out)
        self.check_access_rule("write")
        case.check_access_rights("write")
        case.check_access_rule("write")
        self.env["interaction.case"].check_access_rights("create")
        if self.split_from_case_id:
            raise UserError(_("This communication was already split from case %(case)s: "
                              "it cannot be split again.") % {
                "case": self.split_from_case_id.display_name})
        if self.search_count([("case_id", "=", case.id)]) < 2:
            raise UserError(_("This communication is the only one of case %(case)s: "
                              "there is nothing to split.") % {"case": case.display_name})
        new_case = self.env["interaction.case"].create(self._split_case_values())
        new_case._write_links({"split_from_id": case.id})
        self._split_move_to(new_case)
        new_case._log_feed_note(
            "<p>%s</p>" % html_escape(_("Split from %(case)s with the communication "
                                        "%(communication)s.") % {
                "case": case.display_name, "communication": self.display_name}),
            _("Case split"))
        case._log_feed_note(
            "<p>%s</p>" % html_escape(_("The communication %(communication)s was split "
                                        "into the new case %(case)s.") % {
                "communication": self.display_name, "case": new_case.display_name}),
            _("Case split"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Case"),
            "res_model": "interaction.case",
            "res_id": new_case.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.model
    def _check_split_link(self, vals):
        if isinstance(vals, dict) and "split_from_case_id" in vals:
            raise UserError(_("The links between merged or split cases are set by "
                              "merging or splitting only."))

    def _split_case_values(self):
        """The new case: same customer, company and responsible; the
        customer's party of the communication as requester."""
        self.ensure_one()
        case = self.case_id
        party = self.sender_id if self.direction == "incoming" else self.recipient_id
        customer = case.commercial_partner_id
        requester = party if party and customer and \
            party.commercial_partner_id == customer else case.requester_id
        return {
            "name": self.subject or case.name,
            "partner_id": case.partner_id.id,
            "requester_id": requester.id,
            "user_id": case.user_id.id,
            "company_id": case.company_id.id,
        }

    def _split_move_to(self, new_case):
        """Move the communication, its feed message and its attachments (as
        superuser: the caller's rights on both cases were checked)."""
        self.ensure_one()
        old_case = self.case_id
        communication = self.sudo()
        communication.write({"case_id": new_case.id})
        communication._write_split_link(old_case)
        message = communication.message_id
        if message:
            message.write({"res_id": new_case.id, "record_name": new_case.display_name,
                           "parent_id": False})
        attachments = (communication.attachment_ids | message.attachment_ids).filtered(
            lambda a: a.res_model == old_case._name and a.res_id == old_case.id)
        attachments.write({"res_id": new_case.id})
        return True

    def _write_split_link(self, old_case):
        """Write ``split_from_case_id`` (the guard of ``write`` skipped)."""
        return super(InteractionCommunication, self).write({"split_from_case_id": old_case.id})
