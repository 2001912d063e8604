# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

from .interaction_input_mixin import MAX_LINE_LENGTH, MAX_TEXT_LENGTH, truncate_text

PREVIEW_LENGTH = 200
PREVIEW_COUNT = 3
# a case number in an e-mail subject, e.g. "Re: [CAS/2026/00042] Broken lift"
CASE_NUMBER_RE = re.compile(r"[A-Za-z]+/\d{4}/\d+")


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
        help="Reference from the case sequence.")
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
    communication_ids = fields.One2many(
        "interaction.communication", "case_id", string="Communications")
    case_contact_ids = fields.One2many(
        "interaction.case.contact", "case_id", string="Contacts")
    exchange_count = fields.Integer(compute="_compute_exchange_stats")
    has_reminder = fields.Boolean(
        compute="_compute_exchange_stats", search="_search_has_reminder")
    exchange_preview = fields.Text(compute="_compute_exchange_stats")
    unprocessed_count = fields.Integer(compute="_compute_exchange_stats")
    has_unprocessed = fields.Boolean(
        string="Unprocessed incoming", compute="_compute_exchange_stats",
        search="_search_has_unprocessed",
        help="At least one incoming communication is not processed yet.")
    messages_blocked = fields.Boolean(
        string="Conversation blocked", readonly=True, copy=False,
        track_visibility="onchange")
    access_token = fields.Char(copy=False, default=lambda self: self._default_access_token())

    def _default_user_id(self):
        return self.env.user

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("interaction.case")

    def _default_access_token(self):
        return uuid.uuid4().hex

    @api.multi
    def _compute_exchange_stats(self):
        """Counter, reminder flag and preview for all records at once: one
        grouped query for the counters, one windowed query for the previews
        (the query count does not depend on the number of communications)."""
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
        self.env.cr.execute("""
            SELECT case_id, kind, subject, body
              FROM (SELECT case_id, kind, subject, body,
                           row_number() OVER (PARTITION BY case_id
                                              ORDER BY date DESC, id DESC) AS rank
                      FROM interaction_communication
                     WHERE case_id IN %s) latest
             WHERE rank <= %s
          ORDER BY case_id, rank
        """, (tuple(case_ids), PREVIEW_COUNT))
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
        self.env.cr.execute("""
            SELECT DISTINCT c.case_id
              FROM interaction_communication c
              JOIN interaction_exchange_type t ON t.id = c.exchange_type_id
             WHERE t.is_reminder
        """)
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _search_has_unprocessed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on unprocessed communications."))
        self.env.cr.execute("""
            SELECT DISTINCT case_id
              FROM interaction_communication
             WHERE direction = 'incoming' AND NOT coalesce(processed, false)
        """)
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

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
        self._check_input_values(vals, creating=True)
        if vals.get("number", "/") == "/":
            vals["number"] = self.env["ir.sequence"].next_by_code("interaction.case") or "/"
        if not vals.get("partner_id") and vals.get("requester_id"):
            requester = self.env["res.partner"].browse(vals["requester_id"])
            vals["partner_id"] = requester.commercial_partner_id.id
        case = super().create(vals)
        contact_id = self.env.context.get("default_contact_id") or vals.get("requester_id")
        if contact_id:
            case.add_contact(contact_id)
        return case

    @api.multi
    def write(self, vals):
        self._check_input_ids()
        self._check_input_values(vals)
        if vals.get("state") in ("done", "cancel"):
            vals.setdefault("date_closed", fields.Datetime.now())
        elif vals.get("state") in ("new", "open"):
            vals["date_closed"] = False
        return super().write(vals)

    @api.multi
    def name_get(self):
        return [(case.id, "[%s] %s" % (case.number, case.name) if case.number else case.name)
                for case in self]

    @api.multi
    def _compute_portal_url(self):
        for case in self:
            case.portal_url = "/my/cases/%s" % case.id

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
    def action_block_conversation(self):
        self._check_input_ids()
        self.write({"messages_blocked": True})
        return True

    @api.multi
    def action_unblock_conversation(self):
        self._check_input_ids()
        self.write({"messages_blocked": False})
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
            tags = Tag.search([("is_exclusive", "=", True)])
        else:
            if not isinstance(tag_codes, (list, tuple)) or not all(
                    isinstance(code, str) for code in tag_codes):
                raise UserError(_("The contact tags are a list of codes, not %(value)s.")
                                % {"value": self._input_repr(tag_codes)})
            tags = Tag.search([("code", "in", list(tag_codes))])
            unknown = set(tag_codes) - set(tags.mapped("code"))
            if unknown:
                raise ValidationError(_("Unknown contact tags: %s") % ", ".join(sorted(unknown)))
        line = self.case_contact_ids.filtered(lambda l: l.partner_id == partner)
        if line:
            line.write({"tag_ids": [(4, tag.id) for tag in tags]})
        else:
            line = line.create({
                "case_id": self.id,
                "partner_id": partner.id,
                "tag_ids": [(6, 0, tags.ids)],
            })
        return line.id

    @api.multi
    def post_direct_message(self, body=None, notify_by_email=None):
        """Post a direct message from an agent to the customer.

        :return: the id of the new interaction.communication
        """
        self._input_one()
        body = self._input_string(body, _("Message"), MAX_TEXT_LENGTH, required=True)
        if notify_by_email not in (None, False, True):
            raise UserError(_("%(field)s expects true or false, not %(value)s.") % {
                "field": _("Notify by e-mail"), "value": self._input_repr(notify_by_email)})
        if self.messages_blocked:
            raise UserError(_("The conversation on case %s is blocked.") % self.display_name)
        if notify_by_email is None:
            notify_by_email = self.env["ir.config_parameter"].sudo().get_param(
                "interaction_tracker.notify_by_email_default") == "True"
        communication = self.env["interaction.communication"].create({
            "case_id": self.id,
            "kind": "message",
            "direction": "outgoing",
            "body": body,
            "sender_id": self.env.user.partner_id.id,
            "recipient_id": (self.requester_id or self.partner_id).id,
            "notify_by_email": bool(notify_by_email),
        })
        return communication.id

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

    # E-mail: composer, incoming mail gateway -------------------------------

    @api.multi
    def action_send_email(self):
        """Open the e-mail composer on the case (group_send_mail only)."""
        self.ensure_one()
        self.env["interaction.communication"]._check_can_send()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send e-mail"),
            "res_model": "interaction.mail.compose",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    @api.multi
    def action_view_email_drafts(self):
        """The e-mail drafts of the case."""
        self.ensure_one()
        action = self.env.ref(
            "interaction_tracker.interaction_communication_action_draft").read()[0]
        action["domain"] = [("case_id", "=", self.id), ("kind", "=", "email"),
                            ("state", "=", "draft")]
        action["context"] = {"default_case_id": self.id}
        return action

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail to the cases alias creates a case: its subject and
        body, a known sender as requester (with the four tags), To/Cc contacts
        of the customer on the contacts card and an incoming communication."""
        values = dict(custom_values or {})
        sender = self._resolve_sender(msg_dict.get("email_from"))
        values.setdefault("name", truncate_text(
            msg_dict.get("subject") or _("(no subject)"), MAX_LINE_LENGTH))
        values.setdefault("description", truncate_text(msg_dict.get("body"), MAX_TEXT_LENGTH))
        if sender and not values.get("requester_id"):
            values["requester_id"] = sender.id
        # the incoming communication below tells what happened: no tracking
        case = super(InteractionCase, self.with_context(tracking_disable=True)).message_new(
            msg_dict, custom_values=values)
        case._add_recipient_contacts(msg_dict, sender)
        case._create_incoming_email(msg_dict, sender)
        return case

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A reply to a case adds an incoming e-mail communication."""
        for case in self:
            case._create_incoming_email(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """Link an incoming e-mail communication to its message in the feed."""
        message = super().message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)
        if message_type == "email" and kwargs.get("message_id") and len(self) == 1:
            pending = self.env["interaction.communication"].sudo().search([
                ("case_id", "=", self.id), ("direction", "=", "incoming"),
                ("email_message_id", "=", kwargs["message_id"]),
                ("message_id", "=", False)])
            if pending:
                values = {"message_id": message.id}
                if message.attachment_ids:
                    values["attachment_ids"] = [(6, 0, message.attachment_ids.ids)]
                pending.write(values)
        return message

    @api.model
    def _resolve_sender(self, email_from):
        """The contact behind an e-mail address (or From header), best match
        first; an empty recordset when unknown."""
        Partner = self.env["res.partner"]
        addresses = tools.email_split(email_from or "")
        if not addresses:
            return Partner
        return Partner.browse(Partner.resolve_contact(email=addresses[0])[:1])

    def _add_recipient_contacts(self, msg_dict, sender):
        """Put the To/Cc contacts of the customer's company on the card,
        without tags."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer:
            return
        headers = ",".join(filter(None, [msg_dict.get("to"), msg_dict.get("cc")]))
        known = self.case_contact_ids.mapped("partner_id") | sender
        for address in set(tools.email_split(headers)):
            partner = self._resolve_sender(address)
            if partner and partner not in known and \
                    partner.commercial_partner_id == customer:
                self.add_contact(partner.id, tag_codes=[])
                known |= partner

    def _create_incoming_email(self, msg_dict, sender=None):
        """Record an incoming e-mail as a communication of the case."""
        self.ensure_one()
        if sender is None:
            sender = self._resolve_sender(msg_dict.get("email_from"))
        return self.env["interaction.communication"].with_context(
            interaction_no_feed=True).create({
                "case_id": self.id,
                "kind": "email",
                "direction": "incoming",
                "state": "done",
                "processed": False,
                "sender_id": sender.id,
                "recipient_id": self.user_id.partner_id.id,
                "email_from": msg_dict.get("email_from"),
                "email_to": msg_dict.get("to"),
                "email_cc": msg_dict.get("cc"),
                "subject": truncate_text(msg_dict.get("subject"), MAX_LINE_LENGTH),
                "body": truncate_text(msg_dict.get("body"), MAX_TEXT_LENGTH),
                "date": msg_dict.get("date") or fields.Datetime.now(),
                "email_message_id": msg_dict.get("message_id"),
            })

    @api.model
    def _find_case_from_subject(self, subject):
        """The case whose number appears in an e-mail subject."""
        numbers = CASE_NUMBER_RE.findall(subject or "")
        if not numbers:
            return self.browse()
        return self.search([("number", "in", numbers)], limit=1)

    @api.model
    def _adapt_incoming_routes(self, message_dict, routes):
        """Check and complete the gateway's routes towards cases: a message
        without a sender address cannot make a case; a new message whose
        subject names a case goes to that case."""
        adapted = []
        for route in routes:
            if route[0] == self._name:
                if not tools.email_split(message_dict.get("email_from") or ""):
                    raise ValueError("Malformed e-mail: no sender address (Message-Id %s)"
                                     % message_dict.get("message_id"))
                if not route[1]:
                    case = self._find_case_from_subject(message_dict.get("subject"))
                    if case:
                        route = (route[0], case.id) + tuple(route[2:])
            adapted.append(route)
        return adapted
