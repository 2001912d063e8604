# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import phonenumbers
from email_validator import EmailNotValidError, validate_email

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import ValidationError

DEFAULT_PHONE_REGION = "FR"


class ResPartnerResolution(models.Model):
    """Finding the contact behind a phone number or an e-mail address: the
    normalised numbers and addresses, and their formatting."""
    _inherit = "res.partner"

    phone_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)
    mobile_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)
    email_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)

    @api.depends("phone", "mobile", "email", "country_id")
    def _compute_normalized_addresses(self):
        for partner in self:
            region = partner._get_phone_region()
            partner.phone_normalized = self._normalize_phone(partner.phone, region)
            partner.mobile_normalized = self._normalize_phone(partner.mobile, region)
            partner.email_normalized = self._normalize_email(partner.email)

    @api.multi
    def action_format_phone(self):
        """Validate and format the contact's own phone and mobile."""
        self.ensure_one()
        region = self._get_phone_region()
        values = {}
        for fname in ("phone", "mobile"):
            if self[fname]:
                values[fname] = self._format_phone(self[fname], region)
        if values:
            self.write(values)
        return True

    @api.model
    def resolve_contact(self, phone=False, email=False):
        """Partner ids matching a phone number and/or an e-mail, best first.

        Partners' own phone, mobile and e-mail come before their interaction
        addresses. One query on the normalized, indexed values, then one
        search with the caller's access rules.
        """
        phone = self._input_string(phone, _("Phone"))
        email = self._input_string(email, _("E-mail"))
        phone = self._normalize_phone(phone, self._get_phone_region()) if phone else False
        email = self._normalize_email(email) if email else False
        if not phone and not email:
            return []
        self.env.cr.execute("""
            SELECT p.id, 0 AS rank FROM res_partner p
             WHERE p.active AND (p.phone_normalized = %(phone)s
                                 OR p.mobile_normalized = %(phone)s
                                 OR p.email_normalized = %(email)s)
            UNION ALL
            SELECT a.partner_id, 1 AS rank FROM interaction_address a
              JOIN res_partner p ON p.id = a.partner_id
             WHERE p.active AND a.normalized_value IN (%(phone)s, %(email)s)
             ORDER BY rank, id
        """, {"phone": phone or None, "email": email or None})
        ranked = []
        for partner_id, _rank in self.env.cr.fetchall():
            if partner_id not in ranked:
                ranked.append(partner_id)
        return self._filter_readable(ranked)

    @api.model
    def _resolve_emails(self, emails):
        """The contacts behind several e-mail addresses in one query (the
        mail gateway resolves the To/Cc addresses this way).

        :return: dict normalized address -> list of partner ids, best first
            (as ``resolve_contact``), only the partners the caller may read
        """
        normalized = {self._normalize_email(email) for email in emails or []}
        normalized.discard(False)
        if not normalized:
            return {}
        self.env.cr.execute("""
            SELECT p.email_normalized, p.id, 0 AS rank FROM res_partner p
             WHERE p.active AND p.email_normalized IN %(emails)s
            UNION ALL
            SELECT a.normalized_value, a.partner_id, 1 AS rank FROM interaction_address a
              JOIN res_partner p ON p.id = a.partner_id
             WHERE p.active AND a.normalized_value IN %(emails)s
             ORDER BY 3, 2
        """, {"emails": tuple(normalized)})
        rows = self.env.cr.fetchall()
        readable = set(self._filter_readable([row[1] for row in rows]))
        result = {}
        for email, partner_id, _rank in rows:
            ids = result.setdefault(email, [])
            if partner_id in readable and partner_id not in ids:
                ids.append(partner_id)
        return {email: ids for email, ids in result.items() if ids}

    @api.model
    def _filter_readable(self, partner_ids):
        """``partner_ids`` (in their order) that the caller may read: the
        superuser (the mail gateway) reads all without a query."""
        if not partner_ids or self.env.uid == SUPERUSER_ID:
            return list(partner_ids)
        readable = set(self.search([("id", "in", list(partner_ids))]).ids)
        return [partner_id for partner_id in partner_ids if partner_id in readable]

    def _get_phone_region(self):
        """Default region of phone numbers: the contact's country, else the
        company's, else France."""
        country = self.country_id or self.commercial_partner_id.country_id
        if country:
            return country.code or DEFAULT_PHONE_REGION
        return self._get_company_phone_region()

    @api.model
    def _get_company_phone_region(self):
        """The country code of the current user's company in one query
        rather than the ORM's reads of user, company and country
        (``resolve_contact`` runs on every incoming call)."""
        self.env.cr.execute("""
            SELECT country.code
              FROM res_users usr
              JOIN res_company company ON company.id = usr.company_id
              JOIN res_partner company_partner ON company_partner.id = company.partner_id
              JOIN res_country country ON country.id = company_partner.country_id
             WHERE usr.id = %s
        """, (self.env.uid,))
        row = self.env.cr.fetchone()
        return row and row[0] or DEFAULT_PHONE_REGION

    @api.model
    def _parse_phone(self, value, region):
        """The phonenumbers object of a valid number, else None."""
        try:
            number = phonenumbers.parse(value, region or DEFAULT_PHONE_REGION)
        except phonenumbers.NumberParseException:
            return None
        return number if phonenumbers.is_valid_number(number) else None

    @api.model
    def _normalize_phone(self, value, region):
        """E.164 form of a phone number, False when it is not a valid one."""
        number = value and self._parse_phone(value, region)
        if not number:
            return False
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @api.model
    def _format_phone(self, value, region):
        """International form of a phone number; ValidationError if invalid."""
        number = self._parse_phone(value, region)
        if not number:
            raise ValidationError(_("%s is not a valid phone number.") % value)
        return phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @api.model
    def _format_email(self, value):
        """A valid e-mail address (domain lower-cased); ValidationError naming
        the value otherwise."""
        try:
            return validate_email(value.strip(), check_deliverability=False).email
        except EmailNotValidError as error:
            message = _("%(value)s is not a valid e-mail address: %(error)s") % {
                "value": value, "error": error}
        raise ValidationError(message)

    @api.model
    def _normalize_email(self, value):
        """Case-folded address of an e-mail, False when there is none."""
        addresses = tools.email_split(value or "")
        return addresses[0].strip().lower() if addresses else False
