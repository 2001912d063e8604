# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

# the chatter strips classes but keeps whitelisted inline styles
DIRECT_MESSAGE_STYLE = "color: #6f42c1; border-left: 3px solid #6f42c1; padding-left: 8px;"

KINDS = [
    ("call", "Call"),
    ("exchange", "Exchange"),
    ("email", "E-mail"),
    ("message", "Direct message"),
]


class InteractionCommunication(models.Model):
    """One interaction with the customer on a case: a call, an exchange, an
    e-mail or a direct message. Each is also posted in the case's feed."""
    _name = "interaction.communication"
    _description = "Communication"
    _order = "date desc, id desc"
    _rec_name = "subject"

    case_id = fields.Many2one(
        "interaction.case", string="Case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, readonly=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="exchange", index=True)
    direction = fields.Selection([
        ("incoming", "Incoming"),
        ("outgoing", "Outgoing"),
    ], required=True, default="outgoing", index=True)
    sender_id = fields.Many2one("res.partner", string="Sender", index=True)
    recipient_id = fields.Many2one("res.partner", string="Recipient", index=True)
    subject = fields.Char()
    body = fields.Html(sanitize=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    exchange_type_id = fields.Many2one("interaction.exchange.type", string="Type")
    is_reminder = fields.Boolean(related="exchange_type_id.is_reminder", readonly=True)
    call_outcome = fields.Selection([
        ("reached", "Reached"),
        ("not_reached", "Not reached"),
    ], help="Outgoing calls only. When not reached, say in the body whether a "
            "message was left on the voicemail.")
    processed = fields.Boolean(help="Incoming communications only.")
    is_read = fields.Boolean(string="Read", copy=False)
    task_id = fields.Many2one("project.task", string="Task", index=True)
    state = fields.Selection([
        ("draft", "Draft"),
        ("scheduled", "Scheduled"),
        ("done", "Done"),
        ("failed", "Failed"),
    ], default="done", required=True, index=True, copy=False)
    email_to = fields.Char(string="To")
    email_cc = fields.Char(string="Cc")
    email_bcc = fields.Char(string="Bcc")
    reply_to = fields.Char(string="Reply-to")
    scheduled_date = fields.Datetime(index=True)
    template_id = fields.Many2one("mail.template", string="Template")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    notify_by_email = fields.Boolean(string="Notify by e-mail")
    message_id = fields.Many2one(
        "mail.message", string="Feed message", readonly=True, ondelete="set null")

    @api.constrains("kind", "sender_id", "recipient_id")
    def _check_call_parties(self):
        for communication in self:
            if communication.kind == "call" and not (
                    communication.sender_id and communication.recipient_id):
                raise ValidationError(_("A call needs a caller and a recipient."))

    @api.constrains("kind", "body")
    def _check_exchange_body(self):
        for communication in self:
            if communication.kind == "exchange" and not html2plaintext(
                    communication.body or "").strip():
                raise ValidationError(_("An exchange needs a detail."))

    @api.constrains("direction", "call_outcome", "processed", "kind")
    def _check_direction_flags(self):
        for communication in self:
            if communication.call_outcome and (
                    communication.kind != "call" or communication.direction != "outgoing"):
                raise ValidationError(_(
                    "Only outgoing calls can be marked reached or not reached."))
            if communication.processed and communication.direction != "incoming":
                raise ValidationError(_(
                    "Only incoming communications can be marked processed."))

    @api.onchange("direction")
    def _onchange_direction(self):
        """Switching direction swaps caller and recipient."""
        origin = self._origin
        previous = origin.direction if origin else False
        if previous and previous != self.direction or not origin:
            self.sender_id, self.recipient_id = self.recipient_id, self.sender_id
        if self.direction == "incoming":
            self.call_outcome = False
        else:
            self.processed = False

    @api.model
    def create(self, vals):
        communication = super().create(vals)
        communication._post_in_case_feed()
        return communication

    @api.multi
    def write(self, vals):
        if "direction" in vals and not {"sender_id", "recipient_id"} & set(vals):
            for communication in self.filtered(lambda c: c.direction != vals["direction"]):
                super(InteractionCommunication, communication).write({
                    "sender_id": communication.recipient_id.id,
                    "recipient_id": communication.sender_id.id,
                })
        return super().write(vals)

    @api.multi
    def unlink(self):
        evidence = self.filtered(
            lambda c: (c.kind == "email" and c.state == "done")
            or (c.kind == "message" and c.direction == "incoming"))
        if evidence:
            raise UserError(_(
                "Sent e-mails and messages from customers are evidence and "
                "cannot be deleted."))
        return super().unlink()

    @api.multi
    def name_get(self):
        return [(c.id, c.subject or "%s %s" % (c._kind_label(), c.case_id.number or ""))
                for c in self]

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _post_in_case_feed(self):
        """Show the communication in the case's chatter."""
        for communication in self:
            values = dict(
                body=communication.body or "",
                subject=communication.subject or communication._kind_label(),
                message_type="comment" if communication.kind in ("email", "message")
                else "notification",
                subtype="mail.mt_note",
            )
            if communication.kind == "message":
                values.update(communication._direct_message_feed_values())
            message = communication.case_id.message_post(**values)
            communication.message_id = message.id

    @api.multi
    def action_mark_processed(self):
        self.write({"processed": True})
        return True

    @api.multi
    def action_mark_unprocessed(self):
        self.write({"processed": False})
        return True

    @api.multi
    def action_mark_reached(self):
        self.write({"call_outcome": "reached"})
        return True

    @api.multi
    def action_mark_not_reached(self):
        self.write({"call_outcome": "not_reached"})
        return True

    @api.multi
    def action_mark_read(self):
        self.write({"is_read": True})
        return True

    @api.multi
    def action_mark_unread(self):
        self.write({"is_read": False})
        return True

    @api.multi
    def action_assign_task(self, task_id):
        task = self.env["project.task"].browse(int(task_id)).exists()
        if not task:
            raise ValidationError(_("The task %s does not exist.") % task_id)
        self.write({"task_id": task.id})
        return True

    @api.multi
    def action_unassign_task(self):
        self.write({"task_id": False})
        return True

    @api.multi
    def action_send(self):
        """Send an e-mail communication (completed by the e-mail feature)."""
        raise UserError(_("Sending e-mails is not available yet."))

    # ------------------------------------------------------------------
    # Direct messages
    # ------------------------------------------------------------------
    def _direct_message_feed_values(self):
        """How a direct message appears in the case's chatter: a customer's
        message in purple (inline style), by the customer, notifying the
        responsible agent and the followers; an agent's message as an
        internal note, or e-mailed to the customer when notify_by_email."""
        self.ensure_one()
        case = self.case_id
        if self.direction == "incoming":
            return {
                "body": '<div style="%s">%s</div>' % (DIRECT_MESSAGE_STYLE, self.body or ""),
                "subject": _("Message from %(customer)s on %(case)s") % {
                    "customer": self.sender_id.name or "", "case": case.display_name},
                "author_id": self.sender_id.id,
                "subtype": "mail.mt_comment",
                "partner_ids": [(4, pid) for pid in case.user_id.partner_id.ids],
            }
        if self.notify_by_email and self.recipient_id:
            return {
                "subject": _("New message on your case %(case)s") % {
                    "case": case.display_name},
                "subtype": "mail.mt_comment",
                "partner_ids": [(4, self.recipient_id.id)],
            }
        return {}
