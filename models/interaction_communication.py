# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email.utils import formataddr

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext, sql

from .interaction_input_mixin import MAX_LINE_LENGTH
from .mail_message import NOTIFY_LATER_KEY

DIRECTIONS = [
    ("incoming", "Incoming"),
    ("outgoing", "Outgoing"),
]
ICONS = {
    "call": "fa-phone",
    "exchange": "fa-exchange",
    "email": "fa-envelope",
    "message": "fa-comment",
}
# the chatter strips classes but keeps whitelisted inline styles
DIRECT_MESSAGE_STYLE = "color: #6f42c1; border-left: 3px solid #6f42c1; padding-left: 8px;"
# what an incoming communication says and who said it: kept as received
KEPT_AS_RECEIVED = ("body", "kind", "direction", "sender_id", "date")
KINDS = [
    ("call", "Call"),
    ("exchange", "Exchange"),
    ("email", "E-mail"),
    ("message", "Direct message"),
]

# conditions written as the case's searches (has_unprocessed, has_reminder)
# and Odoo's SQL for the list filters write them, so that the planner
# matches them
PARTIAL_INDEXES = {
    "interaction_communication_unprocessed_index":
        "CREATE INDEX IF NOT EXISTS interaction_communication_unprocessed_index "
        "ON interaction_communication (case_id, company_id) "
        "WHERE direction = 'incoming' AND (processed IS NULL OR processed = false)",
    "interaction_communication_typed_index":
        "CREATE INDEX IF NOT EXISTS interaction_communication_typed_index "
        "ON interaction_communication (exchange_type_id, case_id, company_id) "
        "WHERE exchange_type_id IS NOT NULL",
}


class InteractionCommunication(models.Model):
    """One interaction with the customer on a case: a call, an exchange, an
    e-mail or a direct message. Each is also posted in the case's feed."""
    _name = "interaction.communication"
    _inherit = ["interaction.input.mixin", "interaction.private.party.mixin"]
    _description = "Communication"
    _order = "date desc, id desc"
    _rec_name = "subject"
    _input_max_lengths = {"subject": MAX_LINE_LENGTH}
    _private_party_fields = ("sender_id", "recipient_id")

    case_id = fields.Many2one(
        "interaction.case", string="Case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", readonly=True, index=True,
        help="The company of the case, copied when the communication is created "
             "or moved and kept in step with the case (see create and write).")
    kind = fields.Selection(KINDS, required=True, default="exchange", index=True)
    direction = fields.Selection(DIRECTIONS, required=True, default="outgoing", index=True)
    call_direction = fields.Selection(
        [("incoming", "Received call"), ("outgoing", "Made call")], string="Call",
        compute="_compute_direction_labels", inverse="_inverse_call_direction")
    exchange_direction = fields.Selection(
        [("incoming", "Received"), ("outgoing", "Sent")], string="Exchange",
        compute="_compute_direction_labels", inverse="_inverse_exchange_direction")
    parties_direction = fields.Selection(
        DIRECTIONS, compute="_compute_parties_direction",
        help="Technical: the direction sender and recipient are arranged for in "
             "the form, so that switching direction swaps them exactly once.")
    icon = fields.Char(compute="_compute_icon")
    sender_id = fields.Many2one("res.partner", string="Sender", index=True)
    recipient_id = fields.Many2one("res.partner", string="Recipient", index=True)
    sender_email = fields.Char(related="sender_id.email", readonly=True)
    recipient_email = fields.Char(
        string="Recipient e-mail",
        help="Defaults to the e-mail address of the recipient.")
    case_partner_id = fields.Many2one(
        related="case_id.commercial_partner_id", readonly=True, string="Case customer")
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
    notify_by_email = fields.Boolean(string="Notify by e-mail")
    message_id = fields.Many2one(
        "mail.message", string="Feed message", readonly=True, ondelete="set null")

    @api.model_cr
    def init(self):
        """The latest communications of a case (exchange preview, panel)
        through one index; the cases with unprocessed incoming
        communications, or with typed exchanges (reminders), through partial
        indexes whose conditions are those of the case's searches
        (``has_unprocessed``, ``has_reminder``) and of the communication
        list's filters."""
        sql.create_index(self.env.cr, "interaction_communication_case_date_index",
                         self._table, ["case_id", "date DESC", "id DESC"])
        for query in PARTIAL_INDEXES.values():
            self.env.cr.execute(query)

    @api.depends("direction")
    def _compute_direction_labels(self):
        for communication in self:
            communication.call_direction = communication.direction
            communication.exchange_direction = communication.direction

    def _inverse_call_direction(self):
        for communication in self:
            if communication.call_direction and \
                    communication.call_direction != communication.direction:
                communication.direction = communication.call_direction

    def _inverse_exchange_direction(self):
        for communication in self:
            if communication.exchange_direction and \
                    communication.exchange_direction != communication.direction:
                communication.direction = communication.exchange_direction

    def _compute_parties_direction(self):
        for communication in self:
            communication.parties_direction = communication.direction

    @api.depends("kind")
    def _compute_icon(self):
        for communication in self:
            communication.icon = ICONS.get(communication.kind, "fa-comment")

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
                raise ValidationError(_(
                    "An exchange needs a detail: write what was exchanged in the "
                    "Detail field (a call may stay without text)."))

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

    @api.onchange("call_direction")
    def _onchange_call_direction(self):
        if self.call_direction:
            self.direction = self.call_direction

    @api.onchange("exchange_direction")
    def _onchange_exchange_direction(self):
        if self.exchange_direction:
            self.direction = self.exchange_direction

    @api.onchange("direction")
    def _onchange_direction(self):
        """Switching direction swaps caller and recipient (once per switch:
        parties_direction remembers how they are arranged in the form)."""
        if self.parties_direction and self.parties_direction != self.direction:
            self.sender_id, self.recipient_id = self.recipient_id, self.sender_id
        self.parties_direction = self.direction
        if self.direction == "incoming":
            self.call_outcome = False
        else:
            self.processed = False
        if self.kind == "exchange":
            return {"domain": self._exchange_party_domains()}
        return {}

    @api.onchange("recipient_id")
    def _onchange_recipient_id(self):
        if self.recipient_id.email:
            self.recipient_email = self.recipient_id.email

    @api.model
    def create(self, vals):
        # the case, the contacts, the task and the attachments must be
        # readable by the user
        self._check_input(vals, creating=True)
        vals = dict(vals)
        self._check_send_right(vals)
        case = self.env["interaction.case"].browse(vals.get("case_id") or [])
        if case:
            # set here rather than by a stored related field, whose
            # recomputation after the insert costs a read, an UPDATE and a
            # second record rule check; the record rule still applies
            vals["company_id"] = case.sudo().company_id.id
        if vals.get("recipient_id") and "recipient_email" not in vals:
            vals["recipient_email"] = self.env["res.partner"].browse(
                vals["recipient_id"]).email or False
        vals["private_owner_id"] = self._private_owner_value(vals)
        communication = super().create(vals)
        communication._post_in_case_feed()
        return communication

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        vals = {name: value for name, value in vals.items() if name != "private_owner_id"}
        self._check_rewrite(vals)
        self._check_send_right(vals)
        if vals.get("case_id"):
            vals["company_id"] = self.env["interaction.case"]._company_id_of(vals["case_id"])
        if vals.get("direction") == "incoming":
            vals.setdefault("call_outcome", False)
        elif vals.get("direction") == "outgoing":
            vals.setdefault("processed", False)
        if "direction" in vals and not {"sender_id", "recipient_id"} & set(vals):
            for communication in self.filtered(lambda c: c.direction != vals["direction"]):
                super(InteractionCommunication, communication).write({
                    "sender_id": communication.recipient_id.id,
                    "recipient_id": communication.sender_id.id,
                })
        result = super().write(vals)
        if set(self._private_party_fields) & set(vals) or "direction" in vals:
            self._sync_private_owner(ids=self.ids)
        return result

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

    def _check_rewrite(self, vals):
        """Incoming communications keep what was received: the customer's
        e-mails and direct messages, and calls and exchanges received that
        another user logged, cannot be rewritten (only the agent who logged
        a call or exchange may correct it). The module's own code writes
        them as superuser (feed message, merge)."""
        if self.env.uid == SUPERUSER_ID or not set(KEPT_AS_RECEIVED) & set(vals):
            return
        kept = self.filtered(lambda c: c.direction == "incoming" and (
            c.kind in ("email", "message") or c.create_uid.id != self.env.uid))
        if kept:
            raise AccessError(_(
                "%(names)s was received from the customer and cannot be rewritten "
                "(text, kind, direction, sender or date).") % {
                "names": ", ".join(kept.mapped("display_name"))})

    @api.multi
    def name_get(self):
        return [(c.id, c.subject or "%s %s" % (c._kind_label(), c.case_id.number or ""))
                for c in self]

    @api.model
    def _customer_sees(self, case, values):
        """Whether the customer of ``case`` sees a communication with these
        ``values`` (kind, sender_id, recipient_id): direct messages, and
        e-mails from or to the customer's organization. The portal record
        rule on communications says the same (and also wants it done)."""
        if values.get("kind") == "message":
            return True
        if values.get("kind") != "email":
            return False
        customer = case.sudo().commercial_partner_id
        parties = self.env["res.partner"].sudo().browse(
            [values[name] for name in ("sender_id", "recipient_id") if values.get(name)])
        return bool(customer) and customer in parties.mapped("commercial_partner_id")

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _post_in_case_feed(self):
        """Show the communication in the case's chatter. Calls and exchanges
        are logged notes (see ``_log_feed_note``); e-mails and direct
        messages go through ``message_post``."""
        for communication in self.filtered(lambda c: c._is_posted_at_creation()):
            subject = communication.subject or communication._kind_label()
            if communication.kind in ("call", "exchange"):
                # the case as superuser: create read it so (for its company),
                # and the communication's record rule has been checked
                message = communication.case_id.sudo()._log_feed_note(
                    communication.body or "", subject, author=self.env.user.partner_id)
            else:
                values = dict(body=communication.body or "", subject=subject,
                              message_type="comment", subtype="mail.mt_note")
                case = communication.case_id
                if communication.kind == "message":
                    values.update(communication._direct_message_feed_values())
                if communication.kind == "message" and communication.direction == "incoming":
                    # the agents are notified in Odoo at once, by e-mail
                    # from a cron: not during the customer's request
                    case = case.with_context(**{NOTIFY_LATER_KEY: True})
                message = case.message_post(**values)
            communication._link_feed_message(message)

    def _link_feed_message(self, message):
        """Link the feed message just posted (as superuser: a customer
        posts without write access; no input check: the message is ours)."""
        return super(InteractionCommunication, self.sudo()).write({"message_id": message.id})

    @api.multi
    def action_mark_processed(self):
        self._check_input_ids()
        self._check_can_mark_processed()
        self.write({"processed": True})
        return True

    @api.multi
    def action_mark_unprocessed(self):
        self._check_input_ids()
        self._check_can_mark_processed()
        self.write({"processed": False})
        return True

    @api.multi
    def action_mark_reached(self):
        self._check_input_ids()
        self._check_can_mark_outcome()
        self.write({"call_outcome": "reached"})
        return True

    @api.multi
    def action_mark_not_reached(self):
        self._check_input_ids()
        self._check_can_mark_outcome()
        self.write({"call_outcome": "not_reached"})
        return True

    @api.multi
    def action_mark_read(self):
        self._check_input_ids()
        self.write({"is_read": True})
        return True

    @api.multi
    def action_mark_unread(self):
        self._check_input_ids()
        self.write({"is_read": False})
        return True

    @api.multi
    def action_assign_task(self, task_id=None):
        self._check_input_ids()
        if task_id is None:
            raise ValidationError(_("%(fields)s: a value is required.") % {"fields": _("Task")})
        task = self._input_record("project.task", task_id, _("Task"))
        self.write({"task_id": task.id})
        return True

    @api.multi
    def action_unassign_task(self):
        self._check_input_ids()
        self.write({"task_id": False})
        return True

    def _is_posted_at_creation(self):
        """Drafts and e-mails handled by the gateway or the composer get
        their feed message from the e-mail itself."""
        return not self.env.context.get("interaction_no_feed") and not (
            self.kind == "email" and self.state in ("draft", "scheduled", "failed"))

    def _check_can_mark_processed(self):
        outgoing = self.filtered(lambda c: c.direction != "incoming")
        if outgoing:
            raise UserError(_(
                "Only incoming communications can be marked processed or "
                "unprocessed: %(names)s is outgoing.") % {
                "names": ", ".join(outgoing.mapped("display_name"))})

    def _check_can_mark_outcome(self):
        others = self.filtered(lambda c: c.kind != "call" or c.direction != "outgoing")
        if others:
            raise UserError(_(
                "Only outgoing calls can be marked reached or not reached: "
                "%(names)s is not an outgoing call.") % {
                "names": ", ".join(others.mapped("display_name"))})

    def _exchange_party_domains(self):
        """An exchange goes between employees (partners of internal users)
        and the contacts of the case's customer."""
        internal_users = self.env["res.users"].search([("share", "=", False)])
        employees = [("id", "in", internal_users.mapped("partner_id").ids)]
        customer_id = self.case_id.commercial_partner_id.id
        customer = [("commercial_partner_id", "=", customer_id)] if customer_id else []
        if self.direction == "incoming":
            return {"sender_id": customer, "recipient_id": employees}
        return {"sender_id": employees, "recipient_id": customer}

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
            values = {
                "body": '<div style="%s">%s</div>' % (DIRECT_MESSAGE_STYLE, self.body or ""),
                "subject": _("Message from %(customer)s on %(case)s") % {
                    "customer": self.sender_id.name or "", "case": case.display_name},
                "author_id": self.sender_id.id,
                "subtype": "mail.mt_comment",
                "partner_ids": [(4, pid) for pid in case.user_id.partner_id.ids],
            }
            if self.sender_id.email:
                # from the customer (Odoo would take the current user's
                # address: the superuser's, who posts for the customer)
                values["email_from"] = formataddr((self.sender_id.name or "",
                                                   self.sender_id.email))
            return values
        if self.notify_by_email and self.recipient_id:
            return {
                "subject": _("New message on your case %(case)s") % {
                    "case": case.display_name},
                "subtype": "mail.mt_comment",
                "partner_ids": [(4, self.recipient_id.id)],
            }
        return {}
