# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import email
import logging
import xmlrpc.client

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


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
    state = fields.Selection([
        ("new", "To route"),
        ("routed", "Routed"),
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

    @api.model
    def _store(self, message, reason):
        """Keep an incoming message that could not be routed; a message
        already kept (same Message-Id) is not kept twice.

        :param message: the raw message as given to ``message_process``
        :return: the interaction.unhandled.mail record (maybe empty)
        """
        if isinstance(message, xmlrpc.client.Binary):
            message = bytes(message.data)
        if isinstance(message, bytes):
            try:
                message = message.decode("utf-8")
            except UnicodeDecodeError:
                message = message.decode("latin-1")
        headers = {}
        try:
            parsed = email.message_from_string(message)
            for header in ("From", "Subject", "Message-Id"):
                headers[header] = tools.decode_message_header(parsed, header) or False
        except Exception as error:  # pylint: disable=broad-except
            _logger.info("Unhandled e-mail: cannot read its headers (%s)", error)
        message_id = (headers.get("Message-Id") or "").strip() or False
        if message_id and self.search_count([("message_id", "=", message_id)]):
            _logger.info("Ignored unhandled mail with Message-Id %s: already kept", message_id)
            return self.browse()
        _logger.info("Kept unhandled mail from %s with Message-Id %s: %s",
                     headers.get("From"), message_id, reason)
        return self.create({
            "email_from": headers.get("From"),
            "subject": headers.get("Subject"),
            "message_id": message_id,
            "raw": message,
            "reason": reason,
        })
