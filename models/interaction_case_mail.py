# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models, tools

from .interaction_input_mixin import MAX_LINE_LENGTH, MAX_TEXT_LENGTH, truncate_text

# a case number in an e-mail subject, e.g. "Re: [CAS/2026/00042] Broken lift"
CASE_NUMBER_RE = re.compile(r"[A-Za-z]+/\d{4}/\d+")
# key of the mail gateway's message dictionary carrying the incoming e-mail
# communication from message_new / message_update to message_post
INCOMING_KEY = "interaction_incoming_email"
# context key of the gateway for a message sent by a program (the header
# that says so)
AUTO_CONTEXT = "interaction_auto_submitted"


class InteractionCaseMail(models.Model):
    """The cases' e-mail: the composer and the incoming mail gateway (a new
    e-mail opens a case, a reply adds an incoming communication)."""
    _inherit = "interaction.case"

    @property
    def _mail_flat_thread(self):
        """The messages of a case hang under its first one (Odoo's default),
        but ``message_post`` need not look for it when the
        gateway posts the first message of the case it just created."""
        return not self.env.context.get("interaction_new_case")

    @api.multi
    def action_send_email(self):
        """Open the e-mail composer on the case (group_send_mail only)."""
        self.ensure_one()
        return self.env["interaction.communication"]._composer_action(
            {"default_case_id": self.id})

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
            # one incoming communication carries the Message-Id (it is
            # unique among the incoming communications)
            for index, case in enumerate(self):
                case._create_incoming_email(
                    dict(msg_dict, message_id=False) if index else msg_dict)
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
        if incoming and len(self) == 1 and not self.env["interaction.communication"] \
                ._customer_sees(self, incoming):
            # an e-mail with a third party: an internal message, which the
            # customer neither reads nor gets as a follower
            subtype = "mail.mt_note"
        thread = self
        if incoming and not kwargs.get("partner_ids") and not kwargs.get("channel_ids") \
                and not self._has_followers(subtype or "mail.mt_note"):
            # nobody to notify: skip mail.message's notification (which
            # would find nobody), as _log_feed_note does
            thread = self.with_context(message_create_from_mail_mail=True)
        message = super(InteractionCaseMail, thread).message_post(
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
        found = self._resolve_shared_contacts(addresses)
        return [(found.get(address) or [False])[0] for address in addresses]

    @api.model
    def _resolve_shared_contacts(self, addresses):
        """``res.partner._resolve_emails`` without the private contacts: the
        gateway never makes a private contact the sender, author, requester
        or a contact of a case, which all the agents see.

        :return: dict normalized address -> list of partner ids, best first
        """
        Partner = self.env["res.partner"]
        found = Partner._resolve_emails(addresses)
        ids = {partner_id for partner_ids in found.values() for partner_id in partner_ids}
        if not ids:
            return found
        # read with the other fields of the contacts, which the gateway uses next
        private = set(Partner.browse(sorted(ids)).filtered("is_private").ids)
        if not private:
            return found
        return {address: [partner_id for partner_id in partner_ids if partner_id not in private]
                for address, partner_ids in found.items()
                if set(partner_ids) - private}

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
        found = self._resolve_shared_contacts(addresses)
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
        """The values of the incoming communication of a message: a direct
        message of the customer when it answers one (see
        ``_portal_reply_values``), else an incoming e-mail, flagged
        ``is_auto_reply`` when a program sent it (the gateway says so in the
        context, see ``_adapt_incoming_routes``)."""
        auto = bool(self.env.context.get(AUTO_CONTEXT))
        direct_message = not auto and self._portal_reply_values(msg_dict)
        if direct_message:
            return direct_message
        if sender is None:
            sender = self._resolve_sender(msg_dict)
        recipient = self.user_id.partner_id
        Partner = self.env["res.partner"]
        return {
            "is_auto_reply": auto,
            "email_from_normalized": Partner._normalize_email(msg_dict.get("email_from")),
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
