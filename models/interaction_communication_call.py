# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html_escape

# what the call's note in the case feed says: kept up to date
CALL_FEED_FIELDS = frozenset((
    "kind", "direction", "sender_id", "recipient_id", "subject", "body",
    "call_outcome", "duration", "phone_number", "date"))


class InteractionCommunicationCall(models.Model):
    """Call follow-up: duration, the number dialled or received, the "call
    back" activity of a call not reached, and the call's note in the case
    feed kept in step with the call."""
    _inherit = "interaction.communication"

    duration = fields.Float(help="Length of the call, in minutes.")
    phone_number = fields.Char(
        string="Phone number", index=True,
        help="The number dialled or received, stored in international (E.164) form.")

    @api.constrains("duration")
    def _check_duration(self):
        for communication in self:
            if communication.duration < 0:
                raise ValidationError(_("The duration of a call cannot be negative."))

    @api.onchange("sender_id", "recipient_id", "direction")
    def _onchange_call_phone_number(self):
        """The number of the other party by default."""
        if self.kind == "call" and not self.phone_number:
            party = self.sender_id if self.direction == "incoming" else self.recipient_id
            self.phone_number = party.phone or party.mobile or False

    @api.model
    def create(self, vals):
        vals = self._prepare_phone_number(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        vals = self._prepare_phone_number(vals)
        result = super().write(vals)
        if CALL_FEED_FIELDS & set(vals):
            self.filtered(lambda c: c.kind == "call" and c.message_id)._update_call_feed_note()
        return result

    @api.multi
    def unlink(self):
        removed = self.filtered(lambda c: c.kind == "call" and c.message_id)
        notes = {call.id: (call.message_id, call._call_feed_body(removed=True))
                 for call in removed}
        result = super().unlink()
        for message, body in notes.values():
            message.sudo().write({"body": body})
        return result

    @api.multi
    def action_mark_not_reached(self):
        result = super().action_mark_not_reached()
        self._schedule_call_back()
        return result

    def _post_in_case_feed(self):
        """A call's note says who called whom, its subject and outcome."""
        # the context is looked at first: communications created without
        # feed (the mail gateway's) are not read here
        calls = self.filtered(lambda c: c._is_posted_at_creation() and c.kind == "call")
        for call in calls:
            message = call.case_id.sudo()._log_feed_note(
                call._call_feed_body(), call._call_feed_subject(),
                author=self.env.user.partner_id)
            call._link_feed_message(message)
        return super(InteractionCommunicationCall, self - calls)._post_in_case_feed()

    def _update_call_feed_note(self):
        for call in self:
            # the note is the module's own (the call's rights were checked)
            call.message_id.sudo().write({
                "body": call._call_feed_body(), "subject": call._call_feed_subject()})

    def _call_feed_subject(self):
        return self.subject or self._kind_label()

    def _call_feed_body(self, removed=False):
        """HTML of the call's note: "Call received from …" or "Call made to
        …", the subject, the outcome, the duration, then what was said."""
        self.ensure_one()
        if self.direction == "incoming":
            headline = _("Call received from %s") % (self.sender_id.sudo().display_name or "")
        else:
            headline = _("Call made to %s") % (self.recipient_id.sudo().display_name or "")
        lines = ["<p><b>%s</b></p>" % html_escape(headline)]
        details = []
        if self.subject:
            details.append(_("Subject: %s") % self.subject)
        if self.call_outcome:
            outcome = dict(self._fields["call_outcome"]._description_selection(self.env))
            details.append(_("Outcome: %s") % outcome[self.call_outcome])
        if self.duration:
            details.append(_("Duration: %s min") % ("%g" % round(self.duration, 2)))
        if self.phone_number:
            details.append(_("Number: %s") % self.phone_number)
        if details:
            lines.append("<ul>%s</ul>" % "".join(
                "<li>%s</li>" % html_escape(detail) for detail in details))
        if self.body:
            lines.append(self.body)
        if removed:
            return "<p><i>%s</i></p><s>%s</s>" % (
                html_escape(_("This call was removed.")), "".join(lines))
        return "".join(lines)

    @api.model
    def _prepare_phone_number(self, vals):
        """``phone_number`` in E.164 form; a clear error when it is not a
        phone number."""
        if not vals.get("phone_number"):
            return vals
        Partner = self.env["res.partner"]
        value = self._input_string(vals["phone_number"], _("Phone number"))
        number = Partner._normalize_phone(value, Partner._get_company_phone_region())
        if not number:
            raise ValidationError(_("%s is not a valid phone number.") % value)
        return dict(vals, phone_number=number)

    def _schedule_call_back(self):
        """One "Call back" activity on the case for the agent, unless one is
        still open on it for them."""
        activity_type = self.env.ref("interaction_tracker.mail_activity_type_call_back")
        Activity = self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("interaction.case")
        for call in self:
            case = call.case_id
            existing = Activity.search([
                ("res_model", "=", "interaction.case"), ("res_id", "=", case.id),
                ("activity_type_id", "=", activity_type.id),
                ("user_id", "=", self.env.uid)], limit=1)
            if existing:
                continue
            who = call.recipient_id.display_name or ""
            Activity.create({
                "res_model_id": model_id,
                "res_id": case.id,
                "activity_type_id": activity_type.id,
                "summary": _("Call back %s") % who,
                "note": html_escape(_("Not reached on %(date)s (%(subject)s).") % {
                    "date": fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(
                            call, fields.Datetime.from_string(call.date))),
                    "subject": call.subject or _("no subject")}),
                "user_id": self.env.uid,
                "date_deadline": fields.Date.context_today(self),
            })
