# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email.utils import formataddr

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import html2plaintext

from .fields import One2manyPerRecord
from .interaction_input_mixin import MAX_LINE_LENGTH

PREVIEW_LENGTH = 200
PREVIEW_COUNT = 3


class InteractionCase(models.Model):
    """A case file / support request and every interaction on it."""
    _name = "interaction.case"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin",
                "interaction.input.mixin"]
    _description = "Case"
    _order = "id desc"
    _rec_name = "name"
    _input_max_lengths = {"name": MAX_LINE_LENGTH}

    name = fields.Char(string="Subject", required=True, track_visibility="onchange")
    number = fields.Char(
        readonly=True, copy=False, index=True, default="/",
        help="Reference from the case sequence, given at creation and never changed.")
    description = fields.Html(sanitize=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, track_visibility="onchange",
        domain="[('parent_id', '=', False)]")
    commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id", store=True,
        readonly=True, index=True)
    requester_id = fields.Many2one(
        "res.partner", string="Requester", track_visibility="onchange")
    user_contact_id = fields.Many2one(
        "res.partner", string="User", help="The person who uses what the case is about.")
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True, track_visibility="onchange",
        default=lambda self: self._default_user_id())
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self._default_company_id())
    state = fields.Selection([
        ("new", "New"),
        ("open", "In progress"),
        ("done", "Done"),
        ("cancel", "Cancelled"),
    ], default="new", required=True, index=True, copy=False, track_visibility="onchange")
    date_closed = fields.Datetime(readonly=True, copy=False)
    communication_ids = One2manyPerRecord(
        "interaction.communication", "case_id", string="Communications")
    case_contact_ids = fields.One2many(
        "interaction.case.contact", "case_id", string="Contacts")
    # mail.thread's field, read per record in one query: every communication
    # has its note in the feed, so a case may have thousands of messages
    message_ids = One2manyPerRecord(
        "mail.message", "res_id", string="Messages",
        domain=lambda self: [("model", "=", self._name)], auto_join=True)
    # the exchanges panel's figures count and quote internal communications:
    # for agents only
    exchange_count = fields.Integer(
        compute="_compute_exchange_stats", groups="interaction_tracker.group_user")
    has_reminder = fields.Boolean(
        compute="_compute_exchange_stats", search="_search_has_reminder",
        groups="interaction_tracker.group_user")
    exchange_preview = fields.Text(
        compute="_compute_exchange_stats", groups="interaction_tracker.group_user")
    unprocessed_count = fields.Integer(
        compute="_compute_exchange_stats", groups="interaction_tracker.group_user")
    has_unprocessed = fields.Boolean(
        string="Unprocessed incoming", compute="_compute_exchange_stats",
        search="_search_has_unprocessed", groups="interaction_tracker.group_user",
        help="At least one incoming communication is not processed yet.")

    _sql_constraints = [
        ("number_company_unique", "unique(company_id, number)",
         "Another case of this company has this number."),
    ]

    def _default_user_id(self):
        return self.env.user

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("interaction.case")

    @api.multi
    def _compute_exchange_stats(self):
        """Counter, reminder flag and preview for all records at once: one
        grouped query for the counters, one windowed query for the previews,
        whatever the number of communications."""
        stats = {}
        previews = {}
        case_ids = [case_id for case_id in self.ids if case_id]
        if case_ids:
            self.env.cr.execute("""
                SELECT c.case_id, count(*),
                       bool_or(coalesce(t.is_reminder, false)),
                       count(*) FILTER (WHERE c.direction = 'incoming'
                                        AND NOT coalesce(c.processed, false))
                  FROM interaction_communication c
             LEFT JOIN interaction_exchange_type t ON t.id = c.exchange_type_id
                 WHERE c.case_id IN %s
              GROUP BY c.case_id
            """, (tuple(case_ids),))
            for case_id, count, reminder, unprocessed in self.env.cr.fetchall():
                stats[case_id] = {"count": count, "reminder": reminder,
                                  "unprocessed": unprocessed}
            previews = self._exchange_previews(case_ids)
        for case in self:
            values = stats.get(case.id, {"count": 0, "reminder": False, "unprocessed": 0})
            case.exchange_count = values["count"]
            case.has_reminder = values["reminder"]
            case.unprocessed_count = values["unprocessed"]
            case.has_unprocessed = bool(values["unprocessed"])
            case.exchange_preview = previews.get(case.id, False)

    @api.model
    def _exchange_previews(self, case_ids):
        """The latest PREVIEW_COUNT communications of each case, as short
        plain text (at most PREVIEW_LENGTH characters), in one query."""
        # a LATERAL ... LIMIT per case reads PREVIEW_COUNT rows of each case
        # through the (case_id, date, id) index, however many it has
        self.env.cr.execute("""
            SELECT latest.case_id, latest.kind, latest.subject, latest.body
              FROM unnest(%s) AS cases(id)
              CROSS JOIN LATERAL (
                    SELECT case_id, kind, subject, body, date, id
                      FROM interaction_communication
                     WHERE case_id = cases.id
                  ORDER BY date DESC, id DESC
                     LIMIT %s) latest
          ORDER BY latest.case_id, latest.date DESC, latest.id DESC
        """, (list(case_ids), PREVIEW_COUNT))
        kinds = dict(self.env["interaction.communication"]._fields["kind"]
                     ._description_selection(self.env))
        width = PREVIEW_LENGTH // PREVIEW_COUNT
        lines = {}
        for case_id, kind, subject, body in self.env.cr.fetchall():
            text = subject or " ".join(html2plaintext(body or "").split())
            if len(text) > width:
                text = text[:width - 1] + "…"
            lines.setdefault(case_id, []).append("%s · %s" % (kinds.get(kind, kind), text))
        return {case_id: "\n".join(values) for case_id, values in lines.items()}

    def _search_has_reminder(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on reminders."))
        positive = (operator == "=") == value
        # the reminder types first (archived ones too): a condition on their
        # ids lets PostgreSQL read the partial index of typed communications
        self.env.cr.execute("SELECT id FROM interaction_exchange_type WHERE is_reminder")
        type_ids = tuple(row[0] for row in self.env.cr.fetchall())
        if not type_ids:
            return expression.FALSE_DOMAIN if positive else expression.TRUE_DOMAIN
        return [("id", "inselect" if positive else "not inselect", (
            "SELECT case_id FROM interaction_communication WHERE exchange_type_id IN %s",
            [type_ids]))]

    def _search_has_unprocessed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on unprocessed communications."))
        positive = (operator == "=") == value
        # the condition of the partial index interaction_communication_unprocessed_index
        return [("id", "inselect" if positive else "not inselect", (
            "SELECT case_id FROM interaction_communication "
            "WHERE direction = 'incoming' AND (processed IS NULL OR processed = false)",
            []))]

    @api.constrains("requester_id", "user_contact_id", "partner_id")
    def _check_contacts_shared(self):
        """A case is shared with the agents of its company and the customer's
        portal: none of its parties may be a private contact."""
        for case in self:
            private = (case.partner_id | case.requester_id | case.user_contact_id).sudo() \
                .filtered("is_private")
            if private:
                raise ValidationError(_(
                    "%(contact)s is a private contact: it cannot be the customer, "
                    "requester or user of a case, which the other agents and the "
                    "customer see.") % {"contact": private[0].name})

    @api.constrains("requester_id", "user_contact_id", "partner_id")
    def _check_contacts_company(self):
        for case in self:
            customer = case.partner_id.commercial_partner_id
            for contact in case.requester_id | case.user_contact_id:
                if customer and contact.commercial_partner_id != customer:
                    raise ValidationError(_(
                        "%(contact)s does not belong to %(customer)s, the customer "
                        "of the case.") % {
                        "contact": contact.display_name,
                        "customer": customer.display_name})

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        vals = dict(vals)
        # the number comes from the sequence (the mail gateway routes by it);
        # only the superuser (data imports) may give one
        if vals.get("number", "/") == "/" or self.env.uid != SUPERUSER_ID:
            vals["number"] = self.env["ir.sequence"].next_by_code("interaction.case") or "/"
        if not vals.get("partner_id") and vals.get("requester_id"):
            requester = self.env["res.partner"].browse(vals["requester_id"])
            vals["partner_id"] = requester.commercial_partner_id.id
        contact_id = self.env.context.get("default_contact_id") or vals.get("requester_id")
        # a contact from the context is input too: it exists and may be read
        partner = self._input_record("res.partner", contact_id, _("Contact")) \
            if contact_id else None
        case = super().create(vals)
        if partner:
            # a new case has no contact yet: no need to look for the line
            case._create_contact_line(
                partner, self.env["interaction.contact.tag"]._get_exclusive_tags())
        return case

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        if "number" in vals and any(case.number != vals["number"] for case in self):
            raise UserError(_("The number of a case cannot be changed."))
        if vals.get("state") in ("done", "cancel"):
            vals.setdefault("date_closed", fields.Datetime.now())
        elif vals.get("state") in ("new", "open"):
            vals["date_closed"] = False
        result = super().write(vals)
        if "company_id" in vals:
            # communications and contact lines carry their case's company
            # (for record rules)
            for model in ("interaction.communication", "interaction.case.contact"):
                self.env[model].sudo().search(
                    [("case_id", "in", self.ids)]).write({"company_id": vals["company_id"]})
        return result

    @api.multi
    def name_get(self):
        return [(case.id, "[%s] %s" % (case.number, case.name) if case.number else case.name)
                for case in self]

    @api.multi
    def action_open(self):
        self.write({"state": "open"})
        return True

    @api.multi
    def action_done(self):
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_reset(self):
        self.write({"state": "open"})
        return True

    @api.multi
    def action_log_call(self):
        """Open the call form (seed 000) in a dialog: an outgoing call from
        the current user to the case's requester by default."""
        self.ensure_one()
        return self._communication_action(
            "interaction_tracker.interaction_communication_view_form_call", _("Log a call"), {
                "kind": "call", "direction": "outgoing",
                "sender_id": self.env.user.partner_id.id,
                "recipient_id": self._default_contact().id})

    @api.multi
    def action_new_received_exchange(self):
        """Record an exchange received from the customer."""
        self.ensure_one()
        contact = self._default_contact()
        return self._communication_action(
            "interaction_tracker.interaction_communication_view_form_exchange",
            _("Received message"), {
                "kind": "exchange", "direction": "incoming",
                "sender_id": contact.id, "recipient_id": self.env.user.partner_id.id,
                "recipient_email": self.env.user.partner_id.email})

    @api.multi
    def action_new_sent_exchange(self):
        """Record an exchange sent to the customer (seed 001): sent by the
        current user, received by the case's contact, at their address."""
        self.ensure_one()
        contact = self._default_contact()
        return self._communication_action(
            "interaction_tracker.interaction_communication_view_form_exchange",
            _("Sent message"), {
                "kind": "exchange", "direction": "outgoing",
                "sender_id": self.env.user.partner_id.id, "recipient_id": contact.id,
                "recipient_email": contact.email})

    @api.multi
    def action_create_contact(self):
        """Open the small form that creates a person of the customer and puts
        it on the contacts card."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("Choose the customer of the case before creating a contact."))
        return {
            "name": _("Create a contact"),
            "type": "ir.actions.act_window",
            "res_model": "interaction.case.contact.create",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    @api.multi
    def add_contact(self, partner_id=None, tag_codes=None):
        """Put a contact on the contacts card of the case (or retag it).

        :param tag_codes: list of tag codes; None gives the four exclusive
            tags (a contact added by hand is the requester until reassigned).
        :return: the id of the interaction.case.contact line
        """
        self._input_one()
        if partner_id is None:
            raise ValidationError(_("%(fields)s: a value is required.") % {"fields": _("Contact")})
        partner = self._input_record("res.partner", partner_id, _("Contact"))
        Tag = self.env["interaction.contact.tag"]
        if tag_codes is None:
            tags = Tag._get_exclusive_tags()
        else:
            if not isinstance(tag_codes, (list, tuple)) or not all(
                    isinstance(code, str) for code in tag_codes):
                raise UserError(_("The contact tags are a list of codes, not %(value)s.")
                                % {"value": self._input_repr(tag_codes)})
            tags = Tag.search([("code", "in", list(tag_codes))]) if tag_codes else Tag
            unknown = set(tag_codes) - set(tags.mapped("code"))
            if unknown:
                raise ValidationError(_("Unknown contact tags: %s") % ", ".join(sorted(unknown)))
        line = self.case_contact_ids.filtered(lambda l: l.partner_id == partner)
        if line:
            line.write({"tag_ids": [(4, tag.id) for tag in tags]})
        else:
            line = self._create_contact_line(partner, tags)
        return line.id

    @api.model
    def _company_id_of(self, case_id):
        """The company of a case, which its communications and contact lines
        copy (for the company record rules)."""
        return self.sudo().browse(case_id).company_id.id

    def _has_followers(self, subtype_xmlid):
        """Whether somebody follows the case for this subtype (one query)."""
        self.ensure_one()
        subtype_id = self.env["ir.model.data"].xmlid_to_res_id(subtype_xmlid)
        return bool(self.env["mail.followers"].sudo().search_count([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("subtype_ids", "in", [subtype_id])]))

    def _log_feed_note(self, body, subject, author=None):
        """Log a note in the case's feed without notifying anyone but the
        followers of the "Note" subtype, the way Odoo 12's ``_message_log``
        does: the mail.message is created directly (no ``message_post``).

        :param author: res.partner, by default the current user's
        :return: the mail.message
        """
        self.ensure_one()
        author = author or self.env.user.partner_id
        # Odoo 11's mail.message.create notifies the document's followers
        # unless it is told the message comes from a mail.mail, even when
        # nobody follows notes. Skip it, and notify only when somebody does
        # follow notes on this case.
        message = self.env["mail.message"].sudo().with_context(
            message_create_from_mail_mail=True).create({
                "model": self._name,
                "res_id": self.id,
                "body": body,
                "subject": subject,
                "message_type": "notification",
                "subtype_id": self.env["ir.model.data"].xmlid_to_res_id("mail.mt_note"),
                "author_id": author.id,
                "email_from": formataddr((author.name or "", author.email))
                if author.email else False,
                "record_name": self.display_name,
            })
        if self._has_followers("mail.mt_note"):
            message._notify(
                force_send=self.env.context.get("mail_notify_force_send", True),
                user_signature=self.env.context.get("mail_notify_user_signature", True))
        return message

    def _default_contact(self):
        """The contact an exchange goes to by default: the requester, else
        the customer."""
        return self.requester_id or self.partner_id

    def _communication_action(self, view_xmlid, name, defaults):
        context = {"default_%s" % key: value for key, value in defaults.items()}
        context["default_case_id"] = self.id
        return {
            "name": name,
            "type": "ir.actions.act_window",
            "res_model": "interaction.communication",
            "view_mode": "form",
            "views": [(self.env.ref(view_xmlid).id, "form")],
            "target": "new",
            "context": context,
        }

    def _create_contact_line(self, partner, tags):
        """A new line of the contacts card (the partner is not on it yet)."""
        self.ensure_one()
        return self.env["interaction.case.contact"].create({
            "case_id": self.id,
            "partner_id": partner.id,
            "tag_ids": [(6, 0, tags.ids)],
        })
