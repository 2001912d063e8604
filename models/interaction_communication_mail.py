# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from email.utils import formataddr, getaddresses

from email_validator import EmailNotValidError, validate_email

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

_logger = logging.getLogger(__name__)
# the unique index that keeps one incoming communication per Message-Id
INCOMING_MESSAGE_ID_INDEX = "interaction_communication_incoming_message_id_uniq"


class InteractionCommunicationMail(models.Model):
    """E-mails of a case: drafts, sending through Odoo's outgoing mail,
    scheduled sending by a cron, and the headers the gateway records."""
    _inherit = "interaction.communication"

    email_to = fields.Char(string="To")
    email_cc = fields.Char(string="Cc")
    email_bcc = fields.Char(string="Bcc")
    reply_to = fields.Char(string="Reply-to")
    scheduled_date = fields.Datetime(index=True)
    scheduled_by_id = fields.Many2one(
        "res.users", string="Scheduled by", readonly=True, copy=False,
        help="The user who scheduled the e-mail: the cron sends it with their rights.")
    template_id = fields.Many2one("mail.template", string="Template")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    email_from = fields.Char(string="From")
    email_message_id = fields.Char(
        string="Message-Id", readonly=True, copy=False, index=True,
        help="Message-Id header of the e-mail, sent or received.")
    mail_id = fields.Many2one(
        "mail.mail", string="Outgoing mail", readonly=True, copy=False, ondelete="set null")
    failure_reason = fields.Text(readonly=True, copy=False)
    is_auto_reply = fields.Boolean(
        string="Automatic e-mail", readonly=True, copy=False,
        help="Incoming e-mail sent by a program (out-of-office reply, delivery report, "
             "mailing list): it opens no case and gets no automatic answer.")
    email_from_normalized = fields.Char(
        string="Sender address", readonly=True, copy=False,
        help="Lower-case address of the sender of an incoming e-mail (rate limit).")

    def init(self):
        """The mail gateway posts a Message-Id once, whatever the concurrency:
        two deliveries of the same e-mail processed at the same time both
        miss the other in their snapshot (repeatable read), so the database
        holds the rule (the second insert waits for the first transaction
        and fails: the gateway takes it as a duplicate). The rate limit
        counts a sender's recent e-mails through the second index."""
        result = super().init()
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS interaction_communication_incoming_message_id_uniq
                ON interaction_communication (email_message_id)
             WHERE direction = 'incoming' AND email_message_id IS NOT NULL
        """)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS interaction_communication_sender_recent_index
                ON interaction_communication (email_from_normalized, create_date)
             WHERE email_from_normalized IS NOT NULL
        """)
        return result

    @api.constrains("kind", "direction", "email_to", "email_cc", "email_bcc", "reply_to")
    def _check_email_addresses(self):
        for communication in self.filtered(
                lambda c: c.kind == "email" and c.direction == "outgoing"):
            for value in (communication.email_to, communication.email_cc,
                          communication.email_bcc, communication.reply_to):
                self._validate_addresses(value)

    @api.multi
    def action_send(self):
        """Send these outgoing e-mails now, or schedule those whose send date
        is in the future (members of group_send_mail only)."""
        self._check_input_ids()
        self._check_can_send()
        for communication in self:
            if communication.kind != "email" or communication.direction != "outgoing" \
                    or communication.state not in ("draft", "scheduled", "failed"):
                raise UserError(_("%(name)s is not an e-mail waiting to be sent.") % {
                    "name": communication.display_name})
            if not (communication.email_to or communication.email_cc
                    or communication.email_bcc):
                raise UserError(_("The e-mail %(name)s has no recipient.") % {
                    "name": communication.display_name})
        now = fields.Datetime.now()
        later = self.filtered(lambda c: c.scheduled_date and c.scheduled_date > now)
        later.write({"state": "scheduled", "failure_reason": False})
        (self - later)._send_now()
        return True

    @api.multi
    def action_retry(self):
        """Send failed e-mails again."""
        self._check_can_send()
        failed = self.filtered(lambda c: c.state == "failed")
        if failed != self:
            raise UserError(_("Only e-mails whose sending failed can be retried."))
        failed._send_now()
        return True

    @api.multi
    def action_unschedule(self):
        """Put scheduled e-mails back to draft."""
        scheduled = self.filtered(lambda c: c.state == "scheduled")
        if scheduled != self:
            raise UserError(_("Only scheduled e-mails can be put back to draft."))
        self.write({"state": "draft"})
        return True

    @api.multi
    def action_edit_draft(self):
        """Reopen the composer on a draft e-mail."""
        self.ensure_one()
        if self.kind != "email" or self.state not in ("draft", "failed"):
            raise UserError(_("Only draft e-mails can be edited in the composer."))
        return self._composer_action({"default_case_id": self.case_id.id,
                                      "default_communication_id": self.id})

    @api.multi
    def action_discard_draft(self):
        """Delete draft e-mails."""
        if self.filtered(lambda c: c.kind != "email" or c.state != "draft"):
            raise UserError(_("Only draft e-mails can be discarded."))
        self.unlink()
        return True

    @api.model
    def _cron_send_scheduled(self, limit=100):
        """Send the scheduled e-mails that are due. The rows are locked and
        locked rows skipped, so that several workers running the cron at the
        same time send each e-mail once.

        :return: the number of e-mails handled by this call
        """
        self.env.cr.execute("""
            SELECT id FROM interaction_communication
             WHERE kind = 'email' AND state = 'scheduled' AND scheduled_date <= %s
             ORDER BY scheduled_date, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
        """, (fields.Datetime.now(), limit))
        ids = [row[0] for row in self.env.cr.fetchall()]
        for communication in self.browse(ids):
            with self.env.cr.savepoint():
                sender = communication.scheduled_by_id
                if sender.has_group("interaction_tracker.group_send_mail"):
                    # in the language of the agent, whoever runs the cron
                    communication.sudo(sender.id).with_context(lang=sender.lang)._send_now()
                else:
                    communication.write({"state": "failed", "failure_reason": _(
                        "Not sent: %(user)s, who scheduled it, may not send e-mails.") % {
                        "user": sender.name or _("nobody")}})
        return len(ids)

    @api.model
    def _composer_action(self, context):
        """The e-mail composer in a dialog (group_send_mail only)."""
        self._check_can_send()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send e-mail"),
            "res_model": "interaction.mail.compose",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def _check_send_right(self, vals):
        """Scheduling an outgoing e-mail, or changing a scheduled one, is
        for members of group_send_mail only: the sending cron sends what is
        scheduled (with the rights of ``scheduled_by_id``). Recording an
        e-mail as already sent sends nothing."""
        def scheduled(values, record=None):
            def value(name, default):
                return values.get(name, record[name] if record else default)
            return value("kind", "exchange") == "email" \
                and value("direction", "outgoing") == "outgoing" \
                and value("state", "done") == "scheduled"
        if any(scheduled(vals, record) or (
                scheduled({}, record) and vals.get("state", "scheduled") == "scheduled")
               for record in self) or (not self and scheduled(vals)):
            self._check_can_send()
        if vals.get("state") == "scheduled":
            vals["scheduled_by_id"] = self.env.uid
        return True

    @api.model
    def _check_can_send(self):
        if not self.env.user.has_group("interaction_tracker.group_send_mail"):
            raise AccessError(_(
                "Only members of the group \"Send e-mails from cases\" may send "
                "e-mails."))
        return True

    @api.model
    def _validate_addresses(self, value):
        """Check every address of a comma-separated list of e-mail addresses.

        :return: the list of (name, address) pairs
        """
        pairs = []
        for name, address in getaddresses([value or ""]):
            if not address and not name:
                continue
            try:
                validate_email(address, check_deliverability=False)
            except EmailNotValidError:
                # raised outside the handler: no chained internal traceback
                invalid = formataddr((name, address)) if name else address or name
            else:
                pairs.append((name, address))
                continue
            raise ValidationError(_("%(value)s is not a valid e-mail address.") % {
                "value": invalid})
        return pairs

    def _sender_mention(self):
        return "<p>%s</p>" % html_escape(_("Message from %(name)s") % {
            "name": self.sender_id.name or self.env.user.name})

    def _send_now(self):
        """Hand each e-mail to Odoo's outgoing mail (mail.mail and the
        configured SMTP server) and record the result."""
        for communication in self:
            mail = communication.mail_id
            if mail:
                mail.write({"state": "outgoing", "failure_reason": False})
            else:
                mail = communication._create_outgoing_mail()
            mail.send(raise_exception=False)
            if mail.state == "sent":
                communication.write({
                    "state": "done", "date": fields.Datetime.now(), "failure_reason": False})
            else:
                _logger.info("E-mail %s of case %s failed: %s", communication.id,
                             communication.case_id.number, mail.failure_reason)
                communication.write({
                    "state": "failed",
                    "failure_reason": mail.failure_reason or _("Unknown error"),
                })
        return True

    def _create_outgoing_mail(self):
        """The mail.mail of the e-mail, which is also its message in the
        case's feed; the body starts with the sender's name."""
        self.ensure_one()
        case = self.case_id
        author = self.sender_id or self.env.user.partner_id
        email_from = self.email_from or formataddr((author.name, author.email or ""))
        body = self._sender_mention() + (self.body or "")
        headers = {"Bcc": self.email_bcc} if self.email_bcc else {}
        # the sender may read what they send (checked again here: the cron
        # sends with the rights of the user who scheduled)
        self.attachment_ids.check("read")
        self.attachment_ids.sudo().write({"res_model": case._name, "res_id": case.id})
        mail = self.env["mail.mail"].sudo().create({
            "model": case._name,
            "res_id": case.id,
            "record_name": case.display_name,
            "message_type": "email",
            # an e-mail with a third party stays internal (see _customer_sees)
            "subtype_id": self.env.ref("mail.mt_comment" if self._customer_sees(case, {
                "kind": self.kind, "sender_id": self.sender_id.id,
                "recipient_id": self.recipient_id.id}) else "mail.mt_note").id,
            "author_id": author.id,
            "email_from": email_from,
            "email_to": self.email_to,
            "email_cc": self.email_cc,
            "reply_to": self.reply_to or email_from,
            "headers": repr(headers) if headers else False,
            "subject": self.subject,
            "body": body,
            "body_html": body,
            "attachment_ids": [(6, 0, self.attachment_ids.ids)],
            "auto_delete": False,
        })
        self.write({
            "mail_id": mail.id,
            "message_id": mail.mail_message_id.id,
            "email_message_id": mail.message_id,
            "email_from": email_from,
            "body": body,
        })
        return mail

    def _receive_bounce(self, report):
        """A delivery report says this sent e-mail did not reach some of its
        recipients: the e-mail is ``failed`` with the report's reason, and
        each contact with a failed address counts a bounce
        (``message_bounce``).

        :param report: dict of ``mail_analysis.delivery_report``
        """
        self.ensure_one()
        failed = report["failed"]
        reason = _("Not delivered to %(recipients)s.") % {"recipients": ", ".join(failed)}
        if report.get("diagnostic"):
            reason = "%s\n%s" % (reason, report["diagnostic"])
        _logger.info("E-mail %s of case %s bounced: %s", self.id, self.case_id.number,
                     ", ".join(failed))
        self.sudo().write({"state": "failed", "failure_reason": reason})
        Partner = self.env["res.partner"].sudo()
        found = Partner._resolve_emails(failed)
        partners = Partner.browse(sorted(
            {partner_id for ids in found.values() for partner_id in ids}))
        for partner in partners:
            partner.message_bounce += 1
        return True
