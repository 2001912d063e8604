# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid
from datetime import timedelta

import lxml.html
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import consteq, html2plaintext, html_escape, html_sanitize, plaintext2html

from .interaction_input_mixin import MAX_LINE_LENGTH, MAX_TEXT_LENGTH
from .interaction_case_portal_attachment import FILES_KEY, THUMBNAIL_MIMETYPES
from .res_config_settings import (
    DEFAULT_POST_DAYS, PARAM_DIRECT_MESSAGES, PARAM_NOTIFY_DEFAULT, PARAM_POST_DAYS)

# an address the browser would fetch from another site
REMOTE_URL_RE = re.compile(r"^(?:https?:|ftps?:|//|\\\\)", re.IGNORECASE)


class InteractionCasePortal(models.Model):
    """Direct messages between agents and customers, and the customer
    portal's access to cases."""
    _inherit = "interaction.case"
    # the generic portal chatter (/mail/chatter_post, /mail/chatter_fetch with a
    # token) would bypass the direct message rules: it checks this always
    # empty field, so only /my/cases/<id>/message posts on a case
    _mail_post_token_field = "portal_chatter_token"

    messages_blocked = fields.Boolean(
        string="Conversation blocked", readonly=True, copy=False,
        track_visibility="onchange")
    access_token = fields.Char(copy=False, default=lambda self: self._default_access_token())
    portal_chatter_token = fields.Char(compute="_compute_portal_chatter_token")
    can_post_message = fields.Boolean(
        compute="_compute_can_post_message",
        help="Direct messages are enabled and the conversation is not blocked.")

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
    def _compute_portal_url(self):
        for case in self:
            case.portal_url = "/my/cases/%s" % case.id

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
    def post_direct_message(self, body=None, notify_by_email=None, attachment_ids=None):
        """Post a direct message from an agent to the customer.

        :param body: HTML (sanitized by the communication's field)
        :param notify_by_email: send the message by e-mail to the customer;
            None takes the default of the settings
        :param attachment_ids: ids of files the agent uploaded (or of files
            of this case) to send with the message; the upload rules of the
            portal apply (size, programs and scripts refused)
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
        attachments = self._check_agent_attachments(attachment_ids)
        if not html2plaintext(body or "").strip():
            raise UserError(_("A direct message needs a text."))
        if notify_by_email is None:
            notify_by_email = self._notify_by_email_default()
        recipient = self.requester_id or self.partner_id
        if notify_by_email and not recipient.email:
            raise UserError(_(
                "%(contact)s has no e-mail address to notify.") % {
                "contact": recipient.display_name or _("The customer")})
        values = {}
        Communication = self.env["interaction.communication"]
        if attachments:
            attachments.write({"res_model": self._name, "res_id": self.id})
            values["attachment_ids"] = [(6, 0, attachments.ids)]
            Communication = Communication.with_context(**{FILES_KEY: attachments.ids})
        communication = Communication.create(dict(values, **{
            "case_id": self.id,
            "kind": "message",
            "direction": "outgoing",
            "body": body,
            "sender_id": self.env.user.partner_id.id,
            "recipient_id": recipient.id,
            "notify_by_email": bool(notify_by_email),
            "is_read": True,
        }))
        return communication.id

    @api.multi
    def portal_post_message(self, body, attachments=None):
        """Post a direct message from the customer (portal user).

        Called with the customer's own rights: the case must be readable by
        them; the message is then written as superuser, the customer having
        no write access on cases. Every file is checked before anything is
        written: one refused file refuses the message.

        :param body: plain text, escaped and converted to HTML
        :param attachments: list of (file name, content as bytes)
        :return: the id of the new incoming interaction.communication
        """
        self._portal_one()
        if not self.env.user.share:
            raise UserError(_("Agents answer customers with a direct message from the case."))
        # read as superuser once the customer's access is checked (the
        # record rules are not evaluated a second time); the access first:
        # a case of another customer is not told apart from a missing one
        case = self._portal_check_access().sudo()
        body = self._input_string(body, _("Message"), MAX_TEXT_LENGTH)
        case._check_direct_messages(portal=True)
        text = (body or "").strip()
        if not text:
            raise UserError(_("Your message is empty."))
        files = case._check_message_files(attachments)
        author = self.env.user.partner_id
        # queue the agents' notification e-mails instead of sending them
        # during the customer's request; do not subscribe the customer
        Communication = self.env["interaction.communication"].sudo().with_context(
            mail_notify_force_send=False, mail_create_nosubscribe=True)
        values = {}
        if files:
            attachments = case._create_message_attachments(files)
            values["attachment_ids"] = [(6, 0, attachments.ids)]
            Communication = Communication.with_context(**{FILES_KEY: attachments.ids})
        communication = Communication.create(dict(values, **{
            "case_id": case.id,
            "kind": "message",
            "direction": "incoming",
            "body": plaintext2html(text),
            "sender_id": author.id,
            "recipient_id": case.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
        }))
        return communication.id

    @api.model
    def portal_create_case(self, subject, description=None):
        """Open a case from the portal for the current user's organization.

        :return: the id of the new case
        """
        user = self.env.user
        if user._is_public():
            raise AccessError(_("Sign in to open a case."))
        subject = (self._input_string(subject, _("Subject"), MAX_LINE_LENGTH) or "").strip()
        description = self._input_string(description, _("Description"), MAX_TEXT_LENGTH)
        if not subject:
            raise UserError(_("A case needs a subject."))
        partner = user.partner_id
        case = self.sudo().with_context(mail_create_nosubscribe=True).create({
            "name": subject[:200],  # the form's limit
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
        self._portal_one()
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
    def _portal_one(self):
        """One case asked for by a portal route: browse(0) is empty, and an
        id PostgreSQL cannot hold does not exist (MissingError: 404)."""
        if not self:
            raise MissingError(_("This case does not exist."))
        return self._input_one()

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
        # read only what the page shows (not every field of every
        # communication); as superuser for the names of agents, whom the
        # customer may not read
        fields_shown = ["date", "kind", "direction", "sender_id", "subject", "body", "is_read",
                        "seen_by_customer", "attachment_ids"]
        rows = communications.sudo().read(fields_shown)
        files = self._portal_feed_files(
            [attachment_id for values in rows for attachment_id in values["attachment_ids"]])
        for values in rows:
            feed.append({
                "id": values["id"],
                # formatted once here rather than by a QWeb datetime widget
                # per message
                "date": fields.Datetime.context_timestamp(
                    self, fields.Datetime.from_string(values["date"])).strftime(date_format),
                "kind": values["kind"],
                "kind_label": kinds[values["kind"]],
                "incoming": values["direction"] == "incoming",
                "author": values["sender_id"][1] if values["sender_id"] else "",
                "subject": values["subject"] or "",
                "body": self._portal_sanitize_body(values["body"]),
                "is_read": values["is_read"],
                # an agent's direct message the customer has not seen yet
                "unseen": values["kind"] == "message" and values["direction"] == "outgoing"
                and not values["seen_by_customer"],
                "attachments": [files[attachment_id] for attachment_id in values["attachment_ids"]
                                if attachment_id in files],
            })
        return feed

    @api.multi
    def _portal_feed_files(self, attachment_ids):
        """The files of the feed by id: name, size and whether the page
        shows it as an image (one query for any number)."""
        self.ensure_one()
        if not attachment_ids:
            return {}
        files = {}
        for values in self.env["ir.attachment"].sudo().browse(attachment_ids).read(
                ["name", "mimetype", "file_size"]):
            files[values["id"]] = {
                "id": values["id"],
                "name": values["name"] or "",
                "size": values["file_size"] or 0,
                "is_image": values["mimetype"] in THUMBNAIL_MIMETYPES,
            }
        return files

    @api.model
    def _portal_sanitize_body(self, body):
        """A body as the portal shows it: no inline style (an e-mail could
        lay a fixed overlay over the page) and no remote image (a tracker, or
        a page the sender controls): an image from the web becomes a link to
        it. The agents' web client keeps the stored body."""
        if not body:
            return ""
        body = html_sanitize(body, sanitize_attributes=True, strip_style=True)
        if not body:
            return ""
        try:
            root = lxml.html.fragment_fromstring(body, create_parent="div")
        except (etree.ParserError, ValueError):
            return html_escape(html2plaintext(body))
        for node in root.iter():
            if not isinstance(node.tag, str):
                continue
            for name in ("background", "srcset", "poster", "style"):
                node.attrib.pop(name, None)
            source = (node.get("src") or "").strip()
            if not source or REMOTE_URL_RE.match(source) is None:
                continue
            if node.tag == "img":
                link = etree.Element("a", href=source, rel="nofollow noopener noreferrer",
                                     target="_blank")
                link.text = node.get("alt") or _("Image: %(address)s") % {"address": source}
                link.tail = node.tail
                node.getparent().replace(node, link)
            else:
                node.attrib.pop("src", None)
        return "".join(
            [html_escape(root.text or "")]
            + [etree.tostring(child, encoding="unicode", method="html") for child in root])

    @api.multi
    def _portal_mark_seen(self, feed):
        """The customer opened the case page: the agents' messages of
        ``feed`` (from ``_portal_feed``) are now seen."""
        self.ensure_one()
        unseen = [item["id"] for item in feed if item["unseen"]]
        if unseen:
            self.env["interaction.communication"].sudo().browse(
                unseen)._mark_seen_by_customer()
        return bool(unseen)

    @api.multi
    def _portal_unseen_counts(self):
        """{case id: number of agents' direct messages its customer has not
        seen yet} for these cases (one query)."""
        if not self:
            return {}
        groups = self.env["interaction.communication"].sudo().read_group(
            [("case_id", "in", self.ids), ("kind", "=", "message"),
             ("direction", "=", "outgoing"), ("state", "=", "done"),
             ("seen_by_customer", "=", False)],
            ["case_id"], ["case_id"])
        return {group["case_id"][0]: group["case_id_count"] for group in groups}

    @api.multi
    def _notification_recipients(self, message, groups):
        """Customers' notification e-mails link to the case page: the
        logged-in page for a customer with a portal account, the case's
        token link for a customer without one."""
        groups = super()._notification_recipients(message, groups)
        # messages posted on the case (direct messages, answers); e-mails
        # received are notified to the agents only
        if len(self) != 1 or message.message_type != "comment":
            return groups
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        case = self.sudo()
        title = _("View the case %(case)s") % {"case": case.number or ""}
        for group_name, _group_func, group_data in groups:
            if group_name == "portal":
                url = "%s/my/cases/%s" % (base_url, case.id)
            elif group_name == "customer":
                url = "%s/my/cases/%s?access_token=%s" % (base_url, case.id, case.access_token)
            else:
                continue
            group_data.update({"has_button_access": True,
                               "button_access": {"url": url, "title": title}})
        return groups

    @api.multi
    def _portal_reply_values(self, msg_dict):
        """For the mail gateway (``message_update``): a reply by e-mail to a
        direct message notification becomes a direct message of the customer
        on this case.

        :return: the values of the incoming direct message, or False when the
            e-mail does not answer a direct message, its author is no contact
            of the case or of its customer, or posting is refused: it is then
            an ordinary incoming e-mail
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
        # only a contact of the case or of its customer writes a direct
        # message: anyone else answering the notification sends an e-mail
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or []).exists()
        if not self._is_case_contact(author):
            return False
        return {
            "case_id": self.id,
            "kind": "message",
            "direction": "incoming",
            "body": msg_dict.get("body") or "",
            "sender_id": author.id,
            "recipient_id": self.user_id.partner_id.id,
            "processed": False,
            "is_read": False,
            "email_message_id": msg_dict.get("message_id"),
        }

    @api.model
    def _direct_messages_enabled(self):
        """The "Direct messages on cases" setting (read here only)."""
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_DIRECT_MESSAGES) == "True"

    @api.model
    def _notify_by_email_default(self):
        """The "Notify by e-mail by default" setting (read here only)."""
        return self.env["ir.config_parameter"].sudo().get_param(
            PARAM_NOTIFY_DEFAULT) == "True"

    @api.model
    def _portal_post_days(self):
        """The "Days to post after closing" setting (read here only): a
        negative number counts as 0, a value that is not a number as the
        default."""
        value = self.env["ir.config_parameter"].sudo().get_param(
            PARAM_POST_DAYS, DEFAULT_POST_DAYS)
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_POST_DAYS
