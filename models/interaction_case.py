# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid
from datetime import timedelta
from email.utils import formataddr

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import consteq, html2plaintext, plaintext2html

from .res_config_settings import (
    DEFAULT_POST_DAYS, PARAM_DIRECT_MESSAGES, PARAM_NOTIFY_DEFAULT, PARAM_POST_DAYS)

from .interaction_input_mixin import MAX_LINE_LENGTH, MAX_TEXT_LENGTH, truncate_text

PREVIEW_LENGTH = 200
PREVIEW_COUNT = 3
# a case number in an e-mail subject, e.g. "Re: [CAS/2026/00042] Broken lift"
CASE_NUMBER_RE = re.compile(r"[A-Za-z]+/\d{4}/\d+")
# key of the mail gateway's message dictionary carrying the incoming e-mail
# communication from message_new / message_update to message_post
INCOMING_KEY = "interaction_incoming_email"


class One2manyPerRecord(fields.One2many):
    """A one2many whose read, for a single record, costs one query whatever
    the number of lines. Odoo 11's ``One2many.read`` groups the lines by
    reading their inverse field, 1,000 lines per query; for one record every
    line found belongs to it, so the search alone is enough."""

    def read(self, records):
        if len(records) != 1:
            super().read(records)
            return
        comodel = records.env[self.comodel_name].with_context(**self.context)
        domain = self.domain(records) if callable(self.domain) else self.domain
        lines = comodel.search(domain + [(self.inverse_name, "in", records.ids)],
                               limit=self.limit)
        records.env.cache.set(records, self, tuple(lines.ids))


class InteractionCase(models.Model):
    """A case file / support request and every interaction on it."""
    _name = "interaction.case"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin",
                "interaction.input.mixin"]
    _description = "Case"
    _order = "id desc"
    _rec_name = "name"
    # the generic portal chatter (/mail/chatter_post, /mail/chatter_fetch with a
    # token) would bypass the direct message rules: it checks this always
    # empty field, so only /my/cases/<id>/message posts on a case
    _mail_post_token_field = "portal_chatter_token"
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
    communication_ids = One2manyPerRecord(
        "interaction.communication", "case_id", string="Communications")
    case_contact_ids = fields.One2many(
        "interaction.case.contact", "case_id", string="Contacts")
    # mail.thread's field, read per record in one query: every communication
    # has its note in the feed, so a case may have thousands of messages
    message_ids = One2manyPerRecord(
        "mail.message", "res_id", string="Messages",
        domain=lambda self: [("model", "=", self._name)], auto_join=True)
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
    portal_chatter_token = fields.Char(compute="_compute_portal_chatter_token")
    can_post_message = fields.Boolean(
        compute="_compute_can_post_message",
        help="Direct messages are enabled and the conversation is not blocked.")

    @property
    def _mail_flat_thread(self):
        """The messages of a case hang under its first one (Odoo's default),
        but ``message_post`` need not look for it (two queries) when the
        gateway posts the first message of the case it just created."""
        return not self.env.context.get("interaction_new_case")

    def _default_user_id(self):
        return self.env.user

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("interaction.case")

    def _default_access_token(self):
        return uuid.uuid4().hex

    @api.multi
    def _compute_portal_chatter_token(self):
        for case in self:
            case.portal_chatter_token = ""

    @api.multi
    def _compute_can_post_message(self):
        enabled = self._direct_messages_enabled()
        for case in self:
            case.can_post_message = enabled and not case.messages_blocked

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
            partner = self.env["res.partner"].browse(int(contact_id))
            # the requester exists (the foreign key said so when inserting)
            if contact_id != vals.get("requester_id") and not partner.exists():
                raise ValidationError(_("The contact %s does not exist.") % contact_id)
            # a new case has no contact yet: no need to look for the line
            case._create_contact_line(
                partner, self.env["interaction.contact.tag"]._get_exclusive_tags())
        return case

    @api.multi
    def write(self, vals):
        self._check_input_ids()
        self._check_input_values(vals)
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

    # ------------------------------------------------------------------
    # Direct messages and customer portal
    # ------------------------------------------------------------------
    @api.multi
    def action_block_conversation(self):
        """Keep every message visible but refuse new direct messages, from
        the customer and from the agents."""
        self._check_input_ids()
        self.write({"messages_blocked": True})
        return True

    @api.multi
    def action_unblock_conversation(self):
        self._check_input_ids()
        self.write({"messages_blocked": False})
        return True

    @api.multi
    def post_direct_message(self, body=None, notify_by_email=None):
        """Post a direct message from an agent to the customer.

        :param body: HTML (sanitized by the communication's field)
        :param notify_by_email: send the message by e-mail to the customer;
            None takes the default of the settings
        :return: the id of the new interaction.communication
        """
        self._input_one()
        body = self._input_string(body, _("Message"), MAX_TEXT_LENGTH, required=True)
        if notify_by_email not in (None, False, True):
            raise UserError(_("%(field)s expects true or false, not %(value)s.") % {
                "field": _("Notify by e-mail"), "value": self._input_repr(notify_by_email)})
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_direct_messages()
        if not html2plaintext(body or "").strip():
            raise UserError(_("A direct message needs a text."))
        if notify_by_email is None:
            notify_by_email = self._notify_by_email_default()
        recipient = self.requester_id or self.partner_id
        if notify_by_email and not recipient.email:
            raise UserError(_(
                "%(contact)s has no e-mail address to notify.") % {
                "contact": recipient.display_name or _("The customer")})
        communication = self.env["interaction.communication"].create({
            "case_id": self.id,
            "kind": "message",
            "direction": "outgoing",
            "body": body,
            "sender_id": self.env.user.partner_id.id,
            "recipient_id": recipient.id,
            "notify_by_email": bool(notify_by_email),
            "is_read": True,
        })
        return communication.id

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
        # unless it is told the message comes from a mail.mail; that costs
        # about twenty queries even when nobody follows notes. Skip it, and
        # notify only when somebody does follow notes on this case.
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
        of the customer on the contacts card and an incoming communication
        (created with the feed message, see ``message_post``).

        The case is created directly (``mail.thread.message_new`` only calls
        ``create`` after a costly ``fields_get``), without tracking, creation
        log or subscription: the incoming e-mail in the feed tells the story.
        The sender is not made a follower (as in Odoo's gateway): replies to
        the customer go through the composer, and an agent can still add them
        as follower from the chatter.
        """
        values = dict(custom_values or {})
        sender = self._resolve_sender(msg_dict)
        values.setdefault("name", truncate_text(
            msg_dict.get("subject") or _("(no subject)"), MAX_LINE_LENGTH))
        values.setdefault("description", truncate_text(msg_dict.get("body"), MAX_TEXT_LENGTH))
        if sender and not values.get("requester_id"):
            values["requester_id"] = sender.id
        case = self.with_context(
            tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True).create(values)
        case._add_recipient_contacts(msg_dict, sender)
        case._prepare_incoming_email(msg_dict, sender)
        return case.with_env(self.env).with_context(interaction_new_case=True)

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A reply to a case adds an incoming e-mail communication, or a
        direct message of the customer when it answers one (created with the
        feed message, see ``message_post``, for the one case the gateway
        updates; created at once for several cases)."""
        if len(self) == 1:
            self._prepare_incoming_email(msg_dict)
        else:
            for case in self:
                case._create_incoming_email(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """Create the incoming e-mail communication the gateway prepared
        (``message_new`` / ``message_update``), linked to its feed message and
        attachments."""
        incoming = kwargs.pop(INCOMING_KEY, None)
        thread = self
        if incoming and not kwargs.get("partner_ids") and not kwargs.get("channel_ids") \
                and not self._has_followers(subtype or "mail.mt_note"):
            # nobody to notify: skip mail.message's notification (eight
            # queries that find nobody), as _log_feed_note does
            thread = self.with_context(message_create_from_mail_mail=True)
        message = super(InteractionCase, thread).message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs).with_env(self.env)
        if incoming and len(self) == 1 and incoming.get("case_id") == self.id:
            incoming["message_id"] = message.id
            if attachments or kwargs.get("attachment_ids"):
                incoming["attachment_ids"] = [(6, 0, message.attachment_ids.ids)]
            self.env["interaction.communication"].with_context(
                interaction_no_feed=True).create(incoming)
        return message

    @api.model
    def _resolve_sender(self, msg_dict):
        """The contact who sent an incoming e-mail: the author the gateway
        found (with ``_find_contacts_from_emails``, see mail.thread's
        ``_find_partner_from_emails``), else the best match of its From
        address; an empty recordset when unknown."""
        Partner = self.env["res.partner"]
        if msg_dict.get("author_id"):
            return Partner.browse(msg_dict["author_id"])
        return Partner.browse(self._find_contacts_from_emails([msg_dict.get("email_from")])[0])

    @api.model
    def _find_contacts_from_emails(self, emails):
        """The contact behind each address (or header) of ``emails``, best
        match first as ``resolve_contact`` ranks them, in one query: a list
        of partner ids, False for an unknown address."""
        Partner = self.env["res.partner"]
        addresses = [Partner._normalize_email(email) for email in emails]
        found = Partner._resolve_emails(addresses)
        return [(found.get(address) or [False])[0] for address in addresses]

    def _add_recipient_contacts(self, msg_dict, sender):
        """Put the To/Cc contacts of the customer's company on the card,
        without tags (one query resolves all the addresses; none when there
        is no address but the sender's and ours)."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        if not customer:
            return
        headers = ",".join(filter(None, [msg_dict.get("to"), msg_dict.get("cc")]))
        Partner = self.env["res.partner"]
        sender_emails = {Partner._normalize_email(msg_dict.get("email_from"))}
        addresses = {Partner._normalize_email(address) for address in tools.email_split(headers)}
        addresses -= sender_emails | {False}
        addresses -= self._own_addresses(addresses)
        if not addresses:
            return
        found = Partner._resolve_emails(addresses)
        candidates = Partner.browse([ids[0] for ids in found.values()])
        known = sender | self.requester_id
        for partner in candidates:
            if partner not in known and partner.commercial_partner_id == customer:
                self._create_contact_line(partner, self.env["interaction.contact.tag"])
                known |= partner

    @api.model
    def _own_addresses(self, addresses):
        """Those of ``addresses`` on the catchall domain: the aliases and the
        employees, never contacts of a customer (no query)."""
        domain = self.env["ir.config_parameter"].sudo().get_param("mail.catchall.domain")
        if not domain:
            return set()
        return {address for address in addresses if address.endswith("@" + domain.lower())}

    def _create_contact_line(self, partner, tags):
        """A new line of the contacts card (the partner is not on it yet)."""
        self.ensure_one()
        return self.env["interaction.case.contact"].create({
            "case_id": self.id,
            "partner_id": partner.id,
            "tag_ids": [(6, 0, tags.ids)],
        })

    def _prepare_incoming_email(self, msg_dict, sender=None):
        """Keep in ``msg_dict`` the values of the incoming e-mail
        communication, for ``message_post`` that the gateway calls next with
        the same dictionary (the communication is then created once, with its
        feed message and attachments)."""
        self.ensure_one()
        msg_dict[INCOMING_KEY] = self._incoming_email_values(msg_dict, sender)

    def _create_incoming_email(self, msg_dict, sender=None):
        """Record an incoming e-mail as a communication of the case."""
        self.ensure_one()
        return self.env["interaction.communication"].with_context(
            interaction_no_feed=True).create(self._incoming_email_values(msg_dict, sender))

    def _incoming_email_values(self, msg_dict, sender=None):
        direct_message = self._portal_reply_values(msg_dict)
        if direct_message:
            return direct_message
        if sender is None:
            sender = self._resolve_sender(msg_dict)
        recipient = self.user_id.partner_id
        return {
            "case_id": self.id,
            "kind": "email",
            "direction": "incoming",
            "state": "done",
            "processed": False,
            "sender_id": sender.id,
            "recipient_id": recipient.id,
            "recipient_email": recipient.email or False,
            "email_from": msg_dict.get("email_from"),
            "email_to": msg_dict.get("to"),
            "email_cc": msg_dict.get("cc"),
            "subject": truncate_text(msg_dict.get("subject"), MAX_LINE_LENGTH),
            "body": truncate_text(msg_dict.get("body"), MAX_TEXT_LENGTH),
            "date": msg_dict.get("date") or fields.Datetime.now(),
            "email_message_id": msg_dict.get("message_id"),
        }

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

    @api.multi
    def portal_post_message(self, body):
        """Post a direct message from the customer (portal user).

        Called with the customer's own rights: the case must be readable by
        them; the message is then written as superuser, the customer having
        no write access on cases.

        :param body: plain text, escaped and converted to HTML
        :return: the id of the new incoming interaction.communication
        """
        self.ensure_one()
        if not self.env.user.share:
            raise UserError(_("Agents answer customers with a direct message from the case."))
        # read as superuser once the customer's access is checked (the
        # record rules are not evaluated a second time)
        case = self._portal_check_access().sudo()
        case._check_direct_messages(portal=True)
        text = (body or "").strip()
        if not text:
            raise UserError(_("Your message is empty."))
        author = self.env.user.partner_id
        # queue the agents' notification e-mails instead of sending them
        # during the customer's request; do not subscribe the customer
        Communication = self.env["interaction.communication"].sudo().with_context(
            mail_notify_force_send=False, mail_create_nosubscribe=True)
        communication = Communication.create({
            "case_id": case.id,
            "kind": "message",
            "direction": "incoming",
            "body": plaintext2html(text),
            "sender_id": author.id,
            "recipient_id": case.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
        })
        return communication.id

    @api.model
    def portal_create_case(self, subject, description=None):
        """Open a case from the portal for the current user's organization.

        :return: the id of the new case
        """
        user = self.env.user
        if user._is_public():
            raise AccessError(_("Sign in to open a case."))
        subject = (subject or "").strip()
        if not subject:
            raise UserError(_("A case needs a subject."))
        partner = user.partner_id
        case = self.sudo().with_context(mail_create_nosubscribe=True).create({
            "name": subject[:200],
            "description": plaintext2html(description.strip()) if description else False,
            "partner_id": partner.commercial_partner_id.id,
            "requester_id": partner.id,
            "user_id": False,
            "company_id": user.company_id.id,
        })
        return case.id

    @api.multi
    def _portal_check_access(self, access_token=None):
        """Return the case the current user may read on the portal: as
        themselves (record rules), or as superuser with the case's access
        token (compared in constant time). Raises AccessError or
        MissingError otherwise."""
        self.ensure_one()
        if access_token and isinstance(access_token, str):
            case = self.sudo().exists()
            if case.access_token and consteq(case.access_token, access_token):
                return case
        self.check_access_rights("read")
        # one search tells both that the case exists and that the record
        # rules let the user read it; the error is told apart afterwards
        if self.search([("id", "=", self.id)]):
            return self
        if not self.sudo().exists():
            raise MissingError(_("This case does not exist."))
        self.check_access_rule("read")  # Odoo's AccessError, telling the rule
        return self

    @api.multi
    def _portal_post_deadline(self):
        """Until when the customer may post: None while the case is in
        progress, a datetime for a finished case, False when closed."""
        self.ensure_one()
        if self.state in ("new", "open"):
            return None
        if self.state == "done" and self.date_closed:
            days = self._portal_post_days()
            return fields.Datetime.from_string(self.date_closed) + timedelta(days=days)
        return False

    @api.multi
    def _portal_can_post(self):
        """Whether the customer may post a direct message now."""
        self.ensure_one()
        if not self.can_post_message:
            return False
        deadline = self._portal_post_deadline()
        return deadline is None or bool(
            deadline and deadline >= fields.Datetime.from_string(fields.Datetime.now()))

    @api.multi
    def _check_direct_messages(self, portal=False):
        """Refuse a direct message when disabled, blocked or (customer side)
        when the case is closed for too long."""
        for case in self:
            if not case._direct_messages_enabled():
                raise UserError(_("Direct messages on cases are disabled."))
            if case.messages_blocked:
                raise UserError(_("The conversation on case %(case)s is blocked.") % {
                    "case": case.display_name})
            if portal and not case._portal_can_post():
                raise UserError(_("Case %(case)s is closed: messages are no longer "
                                  "accepted.") % {"case": case.display_name})

    @api.multi
    def _portal_feed_domain(self):
        """What the customer sees of a case: direct messages both ways and the
        sent or received e-mails exchanged with the customer's organization.
        Calls, exchanges, drafts, internal notes and e-mails with third
        parties stay internal. Mirrored by the portal record rule on
        interaction.communication."""
        self.ensure_one()
        customer = self.sudo().commercial_partner_id.id
        return [
            ("case_id", "=", self.id),
            ("kind", "in", ("message", "email")),
            ("state", "=", "done"),
            "|", ("kind", "=", "message"),
            "|", ("sender_id.commercial_partner_id", "=", customer),
            ("recipient_id.commercial_partner_id", "=", customer),
        ]

    @api.multi
    def _portal_feed(self):
        """The customer-visible communications, oldest first, as dicts ready
        for the portal template (a few batched queries for any volume)."""
        self.ensure_one()
        communications = self.env["interaction.communication"].search(
            self._portal_feed_domain(), order="date asc, id asc")
        kinds = dict(communications._fields["kind"]._description_selection(self.env))
        lang = self.env["res.lang"]._lang_get(self.env.context.get("lang") or "en_US")
        date_format = "%s %s" % (lang.date_format or "%m/%d/%Y", lang.time_format or "%H:%M:%S")
        feed = []
        # read only what the page shows (prefetching every field of 500
        # communications costs more than the rest of the page); as superuser
        # for the names of agents, whom the customer may not read
        fields_shown = ["date", "kind", "direction", "sender_id", "subject", "body", "is_read"]
        for values in communications.sudo().read(fields_shown):
            feed.append({
                "id": values["id"],
                # formatted once here: a QWeb datetime widget per message costs
                # as much as the rest of the page
                "date": fields.Datetime.context_timestamp(
                    self, fields.Datetime.from_string(values["date"])).strftime(date_format),
                "kind": values["kind"],
                "kind_label": kinds[values["kind"]],
                "incoming": values["direction"] == "incoming",
                "author": values["sender_id"][1] if values["sender_id"] else "",
                "subject": values["subject"] or "",
                "body": values["body"] or "",
                "is_read": values["is_read"],
            })
        return feed

    @api.multi
    def _portal_reply_values(self, msg_dict):
        """For the mail gateway (``message_update``): a reply by e-mail to a
        direct message notification becomes a direct message of the customer
        on this case.

        :return: the values of the incoming direct message, or False when the
            e-mail does not answer a direct message (or posting is refused):
            it is then an ordinary incoming e-mail
        """
        self.ensure_one()
        # the gateway found the answered message from In-Reply-To/References
        parent_id = msg_dict.get("parent_id")
        if not parent_id or not self._direct_messages_enabled() or self.messages_blocked:
            return False
        if not self.env["interaction.communication"].sudo().search_count([
                ("case_id", "=", self.id), ("kind", "=", "message"),
                ("message_id", "=", parent_id)]):
            return False
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or []).exists()
        return {
            "case_id": self.id,
            "kind": "message",
            "direction": "incoming",
            "body": msg_dict.get("body") or "",
            "sender_id": (author or self.requester_id or self.partner_id).id,
            "recipient_id": self.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
            "email_message_id": msg_dict.get("message_id"),
        }

    @api.model
    def _direct_messages_enabled(self):
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_DIRECT_MESSAGES) == "True"

    @api.model
    def _notify_by_email_default(self):
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_NOTIFY_DEFAULT) == "True"

    @api.model
    def _portal_post_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            PARAM_POST_DAYS, DEFAULT_POST_DAYS)
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_POST_DAYS
