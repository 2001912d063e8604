# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

RATING_TEMPLATE = "interaction_tracker.mail_template_case_rating"
# the rates of Odoo's rating e-mails and pages
RATES = (1, 5, 10)
# local parts of addresses nobody reads: no rating request to them
AUTOMATIC_LOCAL_RE = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?|"
    r"auto[-_.]?(reply|responder)?|notifications?|daemon)([-+._].*)?$", re.IGNORECASE)


class InteractionCase(models.Model):
    """Customer satisfaction: a case set to done asks its requester for a
    rating (e-mail or portal)."""
    _name = "interaction.case"
    _inherit = ["interaction.case", "rating.mixin"]

    @api.model
    def create(self, vals):
        """A new case has no rating: its last rating value is 0 without the
        search and UPDATE of its recomputation."""
        with self.env.norecompute():
            case = super().create(vals)
        self.env.remove_todo(self._fields["rating_last_value"], case)
        case._cache["rating_last_value"] = 0.0
        if self.env.recompute and self.env.context.get("recompute", True):
            case.recompute()
        return case

    @api.multi
    def write(self, vals):
        closing = self.browse()
        if vals.get("state") == "done":
            closing = self.filtered(lambda case: case.state != "done")
        result = super().write(vals)
        if closing:
            closing._send_rating_request()
        return result

    def rating_get_partner_id(self):
        return self.requester_id or self.partner_id

    @api.multi
    def _rating_request_address(self):
        """The address the rating request goes to, or False with no request:
        nobody, no address, an automatic or bounced address, a blocked
        sender or one of ours."""
        self.ensure_one()
        partner = self.sudo().rating_get_partner_id()
        Partner = self.env["res.partner"]
        email = Partner._normalize_email(partner.email) if partner.email else False
        if not email or "@" not in email:
            return False
        if AUTOMATIC_LOCAL_RE.match(email.split("@", 1)[0]):
            return False
        if partner.message_bounce:
            return False
        if self.env["interaction.blocked.address"].sudo().is_blocked(email):
            return False
        if self._own_addresses({email}):
            return False
        if self._rating_requests_over_limit(partner):
            return False
        return email

    def _rating_requests_over_limit(self, partner):
        """Whether ``partner`` had the hour's allowance of automatic e-mails
        (rating requests of cases) already: a customer closing many cases,
        or an address that answers every e-mail, is not flooded."""
        limit = self._mail_auto_per_hour()
        if not limit:
            return False
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        return self.env["rating.rating"].sudo().search_count([
            ("res_model", "=", self._name), ("partner_id", "=", partner.id),
            ("create_date", ">=", since)]) >= limit

    def _send_rating_request(self):
        template = self.env.ref(RATING_TEMPLATE, raise_if_not_found=False)
        if not template:
            return
        for case in self.sudo():
            if not case._rating_request_address():
                continue
            partner = case.rating_get_partner_id()
            case.rating_send_request(template, lang=partner.lang, force_send=False)
            case._log_feed_note(
                _("Rating request sent to %(contact)s.") % {"contact": partner.display_name},
                _("Rating request"))

    @api.multi
    def portal_rate(self, rate, feedback=None):
        """The customer rates a closed case from the portal (1, 5 or 10).

        :return: the id of the rating.rating
        """
        self.ensure_one()
        if not self.env.user.share or self.env.user._is_public():
            raise UserError(_("Only the customer rates a case."))
        case = self._portal_check_access().sudo()
        try:
            rate = int(rate)
        except (TypeError, ValueError):
            rate = None
        if rate not in RATES:
            raise UserError(_("Choose a rating among the proposed ones."))
        if case.state != "done":
            raise UserError(_("Only a closed case can be rated."))
        feedback = (feedback or "").strip()[:2000] or False
        token = case.rating_get_access_token(self.env.user.partner_id)
        rating = case.rating_apply(rate, token=token, feedback=feedback)
        return rating.id

    @api.multi
    def _portal_rating(self):
        """The customer's latest rating of the case, for the portal page."""
        self.ensure_one()
        return self.env["rating.rating"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("partner_id", "=", self.env.user.partner_id.id), ("consumed", "=", True)],
            limit=1)
