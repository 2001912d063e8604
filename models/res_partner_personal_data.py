# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data of a contact: export (GDPR article 15) and anonymization
(article 17)."""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

_logger = logging.getLogger(__name__)

# the contact's own fields in the export
EXPORTED_FIELDS = (
    "name", "firstname", "middlename", "lastname", "title", "function", "department",
    "assistant_name", "email", "phone", "mobile", "website", "street", "street2", "zip",
    "city", "state_id", "country_id", "lang", "parent_id", "person_type", "is_private",
    "comment", "create_date", "write_date",
)
# what anonymization empties on the contact
ERASED_FIELDS = (
    "firstname", "middlename", "title", "function", "department", "assistant_name",
    "email", "phone", "mobile", "website", "street", "street2", "zip", "city", "state_id",
    "comment", "ref", "vat", "image", "image_medium", "image_small",
)
# and on its communications
ERASED_COMMUNICATION_FIELDS = (
    "email_to", "email_cc", "email_from", "recipient_email", "phone_number",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def export_personal_data(self):
        """Everything the module holds about this contact that the caller
        may read: its fields, interaction addresses, attributes, cases,
        communications and the chatter messages it authored.

        :return: a dict of plain values (JSON-serializable)
        """
        self._input_one()
        self._check_personal_data_user()
        self.check_access_rule("read")
        partner = self
        values = partner.read([name for name in EXPORTED_FIELDS if name in self._fields])[0]
        contact = {name: self._personal_value(value) for name, value in values.items()}
        cases = self.env["interaction.case"].search(partner._personal_case_domain())
        communications = self.env["interaction.communication"].search(
            partner._personal_communication_domain())
        messages = self.env["mail.message"].search([("author_id", "=", partner.id)])
        comm_fields = [name for name in (
            "case_id", "date", "kind", "direction", "subject", "body_text", "sender_id",
            "recipient_id") + ERASED_COMMUNICATION_FIELDS if name in communications._fields]
        return {
            "exported_on": fields.Datetime.now(),
            "contact": contact,
            "interaction_addresses": [
                {"type": address.address_type, "subtype": address.subtype,
                 "value": address.value, "extension": address.extension or False}
                for address in partner.interaction_address_ids],
            "attributes": [
                {"attribute": value.attribute_id.name, "value": value.value or False}
                for value in partner.attribute_value_ids],
            "cases": [
                {"number": case.number, "subject": case.name, "state": case.state,
                 "created_on": case.create_date,
                 "tags": case.case_contact_ids.filtered(
                     lambda line: line.partner_id == partner).mapped("tag_ids.code")}
                for case in cases],
            "communications": [
                {name: self._personal_value(value) for name, value in row.items()}
                for row in communications.read(comm_fields)],
            "messages": [
                {"date": message.date, "model": message.model, "res_id": message.res_id,
                 "subject": message.subject or False,
                 "body": html2plaintext(message.body or "").strip()}
                for message in messages],
        }

    @api.multi
    def action_export_personal_data(self):
        """Download the export as a JSON file (see controllers/personal_data.py)."""
        self._input_one()
        self._check_personal_data_user()
        return {
            "type": "ir.actions.act_url",
            "url": "/interaction_tracker/personal_data/%s" % self.id,
            "target": "self",
        }

    @api.multi
    def action_anonymize(self):
        """Erase the names, addresses, numbers and e-mail addresses of these
        contacts everywhere the module stores them; their cases and
        communications stay as anonymous history. Irreversible; managers
        only; refused for the contact of a user and for a company with
        users."""
        self._check_input_ids()
        if not self.env.user.has_group("interaction_tracker.group_manager"):
            raise AccessError(_("Only Interaction Tracker managers may anonymize contacts."))
        self.check_access_rule("write")
        for partner in self:
            partner._check_can_anonymize()
        for partner in self:
            partner._anonymize()
        return True

    def _check_personal_data_user(self):
        if not self.env.user.has_group("interaction_tracker.group_user"):
            raise AccessError(_("Only agents may export the personal data of a contact."))

    def _check_can_anonymize(self):
        self.ensure_one()
        users = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", self.id)], limit=1)
        if users:
            raise UserError(_("%(contact)s is the contact of a user: it cannot be "
                              "anonymized.") % {"contact": self.display_name})
        if self.is_company:
            members = self.env["res.users"].sudo().with_context(active_test=False).search(
                [("partner_id.commercial_partner_id", "=", self.id)], limit=1)
            companies = self.env["res.company"].sudo().search(
                [("partner_id", "=", self.id)], limit=1)
            if members or companies:
                raise UserError(_("%(contact)s is a company with users: it cannot be "
                                  "anonymized.") % {"contact": self.display_name})

    def _anonymize(self):
        self.ensure_one()
        label = _("Anonymized contact %(id)s") % {"id": self.id}
        partner = self.sudo()
        values = {name: False for name in ERASED_FIELDS if name in partner._fields}
        values.update({"name": label, "lastname": label} if not partner.is_company
                      else {"name": label})
        partner.write(values)
        partner.interaction_address_ids.unlink()
        partner.attribute_value_ids.unlink()
        communications = self.env["interaction.communication"].sudo().search(
            partner._personal_communication_domain())
        comm_values = {name: False for name in ERASED_COMMUNICATION_FIELDS
                       if name in communications._fields}
        communications.write(comm_values)
        messages = self.env["mail.message"].sudo().search([("author_id", "=", partner.id)])
        messages.write({"email_from": False})
        _logger.info("User %s (id %s) anonymized contact id %s (%s communications, "
                     "%s messages)", self.env.user.login, self.env.uid, partner.id,
                     len(communications), len(messages))
        partner.message_post(body=_("Contact anonymized by %(user)s.") % {
            "user": self.env.user.name}, subtype="mail.mt_note",
            author_id=self.env.user.partner_id.id)

    def _personal_case_domain(self):
        """The cases the contact takes part in: as requester, user contact or
        a contact of the case."""
        return ["|", "|", ("requester_id", "=", self.id), ("user_contact_id", "=", self.id),
                ("case_contact_ids.partner_id", "=", self.id)]

    def _personal_communication_domain(self):
        """The communications the contact sent or received."""
        return ["|", ("sender_id", "=", self.id), ("recipient_id", "=", self.id)]

    @api.model
    def _personal_value(self, value):
        """A read value as plain JSON: many2one pairs become their name."""
        if isinstance(value, tuple) and len(value) == 2:
            return value[1]
        return value
