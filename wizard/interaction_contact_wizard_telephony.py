# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

# words of a typed name kept as first, middle and last names
MAX_NAME_WORDS = 4


class InteractionContactWizardTelephony(models.TransientModel):
    """The Add-contact wizard started for a caller: from the screen-pop (an
    unknown number) or from the caller/recipient fields of a call form (a
    number or a name typed), it gives the new contact back to the form."""
    _inherit = "interaction.contact.wizard"

    return_contact = fields.Boolean(
        help="Technical: the wizard closes on the new contact instead of "
             "opening it (the form that started it takes it).")

    @api.model
    def action_start_for(self, text=False, return_contact=False):
        """The Add-contact wizard pre-filled with ``text`` (see
        ``_start_values``), in a dialog."""
        values = dict(self._start_values(text), return_contact=bool(return_contact))
        return self.create(values)._reopen()

    @api.model
    def quick_contact_dialog(self, text=False):
        """What the caller/recipient fields of the call form need to open the
        Add-contact wizard on one page: its form view and the default values
        (``text`` pre-filled). Saving that form creates the contact."""
        context = {"default_%s" % key: value for key, value in self._start_values(text).items()}
        context.update(default_return_contact=True, interaction_quick_contact=True)
        return {
            "view_id": self.env.ref(
                "interaction_tracker.interaction_contact_wizard_view_form_quick").id,
            "context": context,
        }

    @api.model
    def _start_values(self, text):
        """``text`` as the wizard's values: a phone number goes into Phone
        (international form when valid), anything else is the name typed
        (the last word the last name)."""
        text = (self._input_string(text, _("Contact")) or "").strip()
        Partner = self.env["res.partner"]
        if not text:
            return {}
        if Partner._phone_match_ids(text) is not None:
            region = Partner._get_company_phone_region()
            return {"phone": Partner._format_phone(Partner._normalize_phone(text, region),
                                                   region)}
        if any(char.isdigit() for char in text) and not any(char.isalpha() for char in text):
            return {"phone": text}
        parts = Partner._get_inverse_name(" ".join(text.split()[:MAX_NAME_WORDS]))
        return {key: value for key, value in parts.items() if value}

    @api.model
    def create(self, vals):
        wizard = super().create(vals)
        if self.env.context.get("interaction_quick_contact"):
            # one page: saving it creates the contact (nothing is kept when
            # a check fails: the dialog stays open with the error)
            wizard.action_finish()
        return wizard

    @api.multi
    def action_finish(self):
        action = super().action_finish()
        if self.return_contact:
            return {"type": "ir.actions.act_window_close"}
        return action

    @api.onchange("organization_id", "site_id")
    def _onchange_country_from_organization(self):
        """Numbers are read in the country of the site, else of the
        organization (else the company's, the default)."""
        country = self.site_id.country_id or self.organization_id.country_id
        if country:
            self.country_id = country

    @api.onchange("phone", "mobile", "country_id")
    def _onchange_phone_validity(self):
        """An invalid number is told at once, on the field, in the country
        the number is read in."""
        Partner = self.env["res.partner"]
        region = Partner.new({"country_id": self.country_id.id})._get_phone_region()
        invalid = [value for value in (self.phone, self.mobile)
                   if value and not Partner._normalize_phone(value, region)]
        if invalid:
            return {"warning": {
                "title": _("Invalid phone number"),
                "message": _("%(numbers)s is not a valid phone number in %(country)s: "
                             "check it, or give it in international form (+33…).") % {
                    "numbers": ", ".join(invalid),
                    "country": self.country_id.name or region},
            }}
        return {}
