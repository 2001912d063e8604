# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymization of the free text said about a contact: its name, e-mail
addresses and phone numbers inside the subjects and bodies of the
communications and the chatter messages of its cases."""
import re

from odoo import _, models
from odoo.osv import expression
from odoo.tools import email_split, html_escape

from .interaction_address import PHONE_TYPES

# what may separate the digits of a phone number written by hand
PHONE_SEPARATOR = r"(?:[\s.\-/()]|&nbsp;)*"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _anonymize(self):
        # read before the contact's own values are erased
        patterns = self._free_text_patterns()
        cases = self._free_text_cases()
        result = super()._anonymize()
        if patterns:
            self._anonymize_free_text(patterns, cases)
        return result

    def _free_text_cases(self):
        """The cases the contact takes part in (as the export lists them)."""
        return self.env["interaction.case"].sudo().with_context(active_test=False).search(
            self._personal_case_domain())

    def _free_text_patterns(self):
        """Compiled expressions of the contact's name (in full, first name
        first or last), e-mail addresses and phone numbers (in any common
        writing: spaces, dots, national or international prefix)."""
        self.ensure_one()
        partner = self.sudo()
        addresses = partner.interaction_address_ids
        names = {partner.name or ""}
        first = " ".join(filter(None, [partner.firstname, partner.middlename]))
        if first and partner.lastname:
            names.update(["%s %s" % (first, partner.lastname),
                          "%s %s" % (partner.lastname, first)])
        emails = set(email_split(partner.email or ""))
        emails.update(address.value for address in addresses
                      if address.address_type == "email" and address.value)
        phones = {partner.phone, partner.mobile}
        phones.update(address.value for address in addresses
                      if address.address_type in PHONE_TYPES)
        patterns = []
        for name in sorted(names, key=len, reverse=True):
            if len(name.strip()) < 3:
                continue
            for variant in {name, html_escape(name)}:
                words = [re.escape(word) for word in variant.split()]
                patterns.append(r"(?<!\w)%s(?!\w)" % r"\s+".join(words))
        for email in emails:
            for variant in {email, html_escape(email)}:
                patterns.append(r"(?<![\w.+-])%s(?![\w-])" % re.escape(variant))
        region = partner._get_phone_region()
        for phone in filter(None, phones):
            pattern = self._phone_text_pattern(phone, region)
            if pattern:
                patterns.append(pattern)
        return [re.compile(pattern, re.IGNORECASE) for pattern in patterns]

    def _phone_text_pattern(self, phone, region):
        """An expression finding ``phone`` written with or without
        separators, with its national prefix or its country code."""
        number = self._parse_phone(phone, region)
        if number:
            digits = str(number.national_number)
            prefix = r"(?:(?:\+|00)%s%s(?:\(0\)%s)?|0%s)?" % (
                number.country_code, PHONE_SEPARATOR, PHONE_SEPARATOR, PHONE_SEPARATOR)
        else:
            digits = re.sub(r"\D", "", phone)
            prefix = r"\+?"
        if len(digits) < 6:
            return False
        return r"(?<![\d+])%s%s(?!\d)" % (prefix, PHONE_SEPARATOR.join(digits))

    def _anonymize_free_text(self, patterns, cases):
        """Replace the contact's name, addresses and numbers in the subjects
        and bodies of the communications and chatter messages of its cases
        (and of the communications and messages it sent or received)."""
        label = _("[anonymized]")

        def scrub(text):
            if not text or not isinstance(text, str):
                return text
            for pattern in patterns:
                text = pattern.sub(label, text)
            return text

        def rewrite(records, names):
            for record in records:
                values = {name: scrub(record[name]) for name in names}
                changed = {name: value for name, value in values.items()
                           if value != record[name]}
                if changed:
                    record.write(changed)

        Communication = self.env["interaction.communication"].sudo()
        communications = Communication.search(expression.OR([
            [("case_id", "in", cases.ids)], self._personal_communication_domain()]))
        rewrite(communications, ["subject", "body"])
        rewrite(cases.with_context(tracking_disable=True, mail_notrack=True),
                ["name", "description"])
        messages = self.env["mail.message"].sudo().search([
            "|", "|", "&", ("model", "=", "interaction.case"), ("res_id", "in", cases.ids),
            "&", ("model", "=", "interaction.communication"),
            ("res_id", "in", communications.ids),
            ("author_id", "=", self.id)])
        rewrite(messages, ["subject", "body"])
