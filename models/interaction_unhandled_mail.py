# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import email
import logging
import re
import xmlrpc.client

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)
HEADERS_END_RE = re.compile(r"\r?\n\r?\n")
# what is kept of a message over the size limit that has no header block end
MAX_HEADERS = 64 * 1024


class InteractionUnhandledMail(models.Model):
    """An incoming e-mail the gateway could not route, kept with its raw
    source so that a manager can route it to a case by hand."""
    _name = "interaction.unhandled.mail"
    _description = "Unhandled e-mail"
    _order = "id desc"
    _rec_name = "subject"

    email_from = fields.Char(string="From", readonly=True)
    subject = fields.Char(readonly=True)
    message_id = fields.Char(string="Message-Id", readonly=True, index=True)
    date = fields.Datetime(string="Received on", readonly=True, default=fields.Datetime.now)
    raw = fields.Text(string="Raw message", readonly=True)
    reason = fields.Text(readonly=True)
    reason_code = fields.Selection([
        ("no_route", "No route"),
        ("no_sender", "No sender"),
        ("bounce", "Delivery report"),
        ("auto_reply", "Automatic e-mail"),
        ("loop", "Mail loop"),
        ("too_large", "Too large"),
        ("error", "Error"),
    ], string="Reason", default="error", required=True, readonly=True, index=True,
        help="Why the gateway kept this e-mail instead of posting it: no alias or case to "
             "route it to, no valid sender, a delivery report about no e-mail sent from a "
             "case, an automatic e-mail that would open a case, a sender over the rate "
             "limit, an e-mail over the size limit, or an error while processing it.")
    email_from_normalized = fields.Char(string="Sender address", readonly=True, index=True)
    state = fields.Selection([
        ("new", "To route"),
        ("routed", "Routed"),
        ("discarded", "Discarded"),
    ], default="new", required=True, readonly=True, index=True)
    case_id = fields.Many2one(
        "interaction.case", string="Case", ondelete="set null",
        help="The case this e-mail was routed to by hand.")
    communication_id = fields.Many2one(
        "interaction.communication", string="Communication", readonly=True,
        ondelete="set null")

    @api.multi
    def action_route(self):
        """Route the e-mail to the chosen case: an incoming e-mail
        communication and the message in the case's feed."""
        self.ensure_one()
        if self.state == "routed":
            raise UserError(_("This e-mail was already routed."))
        if not self.case_id:
            raise UserError(_("Choose the case to route this e-mail to."))
        thread = self.env["mail.thread"]
        message = email.message_from_bytes((self.raw or "").encode("utf-8"))
        msg_dict = thread.message_parse(message)
        case = self.case_id
        thread.message_route_process(
            message, msg_dict, [(case._name, case.id, {}, self.env.uid, None)])
        communication = self.env["interaction.communication"].search(
            [("case_id", "=", case.id), ("email_message_id", "=", msg_dict["message_id"])],
            limit=1)
        self.write({"state": "routed", "communication_id": communication.id})
        return True

    @api.multi
    def action_route_to_case(self, case_id):
        """Route the e-mail to the case ``case_id`` (for XML-RPC)."""
        self.ensure_one()
        self.case_id = self.env["interaction.case"].browse(int(case_id)).exists()
        return self.action_route()

    @api.multi
    def action_discard(self):
        """Put these e-mails aside (bulk action of the list): they stay
        listed under "Discarded"."""
        if self.filtered(lambda mail: mail.state != "new"):
            raise UserError(_("Only e-mails still to route can be discarded."))
        self.write({"state": "discarded"})
        return True

    @api.multi
    def action_reprocess(self):
        """Give these e-mails to the gateway again (bulk action of the list),
        e.g. once an alias exists or a limit was raised: an e-mail that now
        reaches a case is marked routed, the others stay as they are.

        :return: the number of e-mails routed
        """
        if self.filtered(lambda mail: mail.state != "new"):
            raise UserError(_("Only e-mails still to route can be processed again."))
        routed = 0
        # with the manager's rights, as routing by hand (the raw message is
        # not proof enough for the superuser's)
        thread = self.env["mail.thread"]
        Communication = self.env["interaction.communication"]
        for mail in self:
            # a message kept again finds this copy by its Message-Id and is
            # not kept twice
            try:
                case_id = thread.message_process(
                    "interaction.case", (mail.raw or "").encode("utf-8"))
            except ValueError:
                case_id = False
            if not case_id:
                continue
            communication = Communication.search([
                ("case_id", "=", case_id), ("direction", "=", "incoming"),
                ("email_message_id", "=", mail.message_id)], limit=1) if mail.message_id \
                else Communication.browse()
            mail.write({"state": "routed", "case_id": case_id,
                        "communication_id": communication.id})
            routed += 1
        return routed

    @api.model
    def _headers(self, message):
        """From, Subject and Message-Id of a raw message (text), decoded;
        those it cannot read are missing."""
        headers = {}
        try:
            parsed = email.message_from_string(message or "")
            for header in ("From", "Subject", "Message-Id"):
                headers[header] = (tools.decode_message_header(parsed, header) or "").strip() \
                    or False
        except Exception as error:  # pylint: disable=broad-except
            _logger.info("Unhandled e-mail: cannot read its headers (%s)", error)
        return headers

    @api.model
    def _store(self, message, reason, reason_code="error", headers_only=False):
        """Keep an incoming message that could not be routed; a message
        already kept (same Message-Id) is not kept twice.

        :param message: the raw message as given to ``message_process``
        :param reason_code: a value of ``reason_code``
        :param headers_only: keep only the header block of the message (for
            a message over the size limit)
        :return: the interaction.unhandled.mail record (maybe empty)
        """
        if isinstance(message, xmlrpc.client.Binary):
            message = bytes(message.data)
        if isinstance(message, bytes):
            try:
                message = message.decode("utf-8")
            except UnicodeDecodeError:
                message = message.decode("latin-1")
        if not isinstance(message, str):
            message = tools.ustr(message)
        message = message.replace("\x00", "")
        if headers_only:
            end = HEADERS_END_RE.search(message)
            message = message[:end.start()] if end else message[:MAX_HEADERS]
        headers = self._headers(message)
        message_id = headers.get("Message-Id") or False
        if message_id and self.search_count([("message_id", "=", message_id)]):
            _logger.info("Ignored unhandled mail with Message-Id %s: already kept", message_id)
            return self.browse()
        _logger.info("Kept unhandled mail from %s with Message-Id %s: %s",
                     headers.get("From"), message_id, reason)
        return self.create({
            "email_from": headers.get("From"),
            "email_from_normalized": self.env["res.partner"]._normalize_email(
                headers.get("From")),
            "subject": headers.get("Subject"),
            "message_id": message_id,
            "raw": message,
            "reason": reason,
            "reason_code": reason_code,
        })
