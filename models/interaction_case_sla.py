# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .interaction_communication import KINDS

_logger = logging.getLogger(__name__)

SLA_STATUSES = [
    ("none", "No SLA"),
    ("ok", "On time"),
    ("at_risk", "At risk"),
    ("breached", "Breached"),
]
SEVERITY = {"none": 0, "ok": 1, "at_risk": 2, "breached": 3}
# a clock is at risk when less than this share of its time is left
RISK_SHARE = 0.2
# the case fields whose change may change the policy or the deadlines
SLA_TRIGGERS = {"team_id", "priority", "company_id", "state", "first_response_date"}
RUNNING_STATES = ("new", "open", "pending")
# computed by the module only: nobody sets them by RPC
SLA_PROTECTED = {
    "sla_policy_id", "first_response_deadline", "resolution_deadline", "first_response_date",
    "first_response_risk_date", "resolution_risk_date", "sla_status", "sla_pause_start",
    "sla_paused_hours", "sla_warned", "date_assigned", "first_response_time",
    "resolution_time",
}
# SLA internals are for the agents, not the customers
SLA_GROUP = "interaction_tracker.group_user"


def _sla_field(field_class, *args, **kwargs):
    """A field of the SLA clocks: written by the module only, read by agents."""
    kwargs.update(readonly=True, copy=False, groups=SLA_GROUP)
    return field_class(*args, **kwargs)


class InteractionCase(models.Model):
    """SLA clocks of a case: deadlines on the policy's working hours,
    stopped while the case waits on the customer."""
    _inherit = "interaction.case"

    sla_policy_id = _sla_field(
        fields.Many2one, "interaction.sla.policy", string="SLA policy", index=True,
        ondelete="set null")
    first_response_deadline = _sla_field(fields.Datetime)
    resolution_deadline = _sla_field(fields.Datetime)
    first_response_date = _sla_field(
        fields.Datetime, help="The first outgoing communication or direct message of an agent.")
    first_response_risk_date = _sla_field(
        fields.Datetime, help="Technical: when the first response gets at risk.")
    resolution_risk_date = _sla_field(
        fields.Datetime, help="Technical: when the resolution gets at risk.")
    sla_status = _sla_field(
        fields.Selection, SLA_STATUSES, string="SLA", default="none", required=True,
        index=True)
    sla_pause_start = _sla_field(
        fields.Datetime, help="Technical: since when the case waits on the customer.")
    sla_paused_hours = _sla_field(
        fields.Float,
        help="Working hours the case waited on the customer (the clocks stopped).")
    sla_warned = _sla_field(
        fields.Boolean, help="Technical: the responsible got the activity for this case at risk.")
    channel = fields.Selection(
        KINDS, readonly=True, copy=False,
        help="The kind of the first communication of the case.")

    @api.model
    def create(self, vals):
        self._check_sla_protected(vals)
        case = super().create(vals)
        # a new case without policy keeps its empty clocks: nothing to read
        if self.env["interaction.sla.policy"]._find(
                case.company_id, case.team_id, case.priority):
            case._sla_update()
        return case

    @api.multi
    def write(self, vals):
        self._check_sla_protected(vals)
        if not SLA_TRIGGERS & set(vals):
            return super().write(vals)
        now = fields.Datetime.from_string(fields.Datetime.now())
        before = {case.id: case.state for case in self}
        result = super().write(vals)
        for case in self.sudo():
            old, new = before[case.id], case.state
            if new == "pending" and old != "pending":
                case._sla_pause(now)
            elif old == "pending" and new != "pending":
                case._sla_resume(now)
        self.sudo()._sla_update(now)
        return result

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A case opened by e-mail: its first communication is that e-mail."""
        values = dict(custom_values or {})
        values.setdefault("channel", "email")
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _fill_missing_channels(self):
        """Cases without channel (opened before the module kept it) take the
        kind of their first done communication, in one statement; returns
        how many cases got one."""
        self.env.cr.execute("""
            UPDATE interaction_case c SET channel = first.kind
              FROM (SELECT DISTINCT ON (m.case_id) m.case_id, m.kind
                      FROM interaction_communication m
                      JOIN interaction_case todo
                        ON todo.id = m.case_id AND todo.channel IS NULL
                     WHERE m.state = 'done'
                     ORDER BY m.case_id, m.date, m.id) first
             WHERE c.id = first.case_id
        """)
        count = self.env.cr.rowcount
        self.invalidate_cache(["channel"])
        return count

    @api.model
    def _check_sla_protected(self, vals):
        """The SLA clocks are the module's: a user may not set them."""
        protected = SLA_PROTECTED & set(vals)
        if protected and self.env.uid != SUPERUSER_ID:
            raise AccessError(_("%(fields)s: these values are computed and cannot be "
                                "written.") % {"fields": ", ".join(sorted(protected))})

    def _sla_pause(self, now):
        """The case waits on the customer from ``now`` (naive UTC)."""
        self.ensure_one()
        super(InteractionCase, self).write(
            {"sla_pause_start": fields.Datetime.to_string(now)})
        return True

    def _sla_resume(self, now):
        """The wait ends at ``now``: its working hours push the deadlines."""
        self.ensure_one()
        if not self.sla_pause_start:
            return False
        start = fields.Datetime.from_string(self.sla_pause_start)
        super(InteractionCase, self).write({
            "sla_pause_start": False,
            "sla_paused_hours": self.sla_paused_hours + self._sla_work_hours(start, now),
        })
        return True

    @api.multi
    def _sla_calendar(self):
        self.ensure_one()
        policy = self.sla_policy_id
        return policy.calendar_id, policy.tz

    @api.multi
    def _sla_work_hours(self, start, end):
        self.ensure_one()
        calendar, tz = self._sla_calendar()
        if not self.sla_policy_id:
            return 0.0
        try:
            return calendar._interaction_work_hours(start, end, tz)
        except UserError:
            return calendar.browse()._interaction_work_hours(start, end, tz)

    @api.multi
    def _sla_update(self, now=None):
        """Choose the policy, compute the deadlines and the status."""
        now = now or fields.Datetime.from_string(fields.Datetime.now())
        Policy = self.env["interaction.sla.policy"]
        found = {}
        for case in self.sudo():
            key = (case.company_id, case.team_id, case.priority)
            if key not in found:
                found[key] = Policy._find(*key)
            policy = found[key]
            values = {"sla_policy_id": policy.id}
            if policy:
                values.update(case._sla_deadlines(policy))
            else:
                values.update({
                    "first_response_deadline": False, "resolution_deadline": False,
                    "first_response_risk_date": False, "resolution_risk_date": False})
            values["sla_status"] = case._sla_status_at(now, dict(values, policy=policy))
            changed = {name: value for name, value in values.items()
                       if case._sla_differs(name, value)}
            if changed:
                super(InteractionCase, case).write(changed)
        return True

    def _sla_differs(self, name, value):
        current = self[name]
        if isinstance(current, models.BaseModel):
            current = current.id
        return (current or False) != (value or False)

    def _sla_deadlines(self, policy):
        start = fields.Datetime.from_string(self.create_date)
        calendar, tz, paused = policy.calendar_id, policy.tz, self.sla_paused_hours

        def plan(hours):
            try:
                moment = calendar._interaction_plan_hours(start, hours + paused, tz)
            except UserError as error:
                # working hours emptied after the policy was saved: count
                # around the clock rather than refuse the case
                _logger.warning("SLA policy %s: %s Counted around the clock.",
                                policy.id, error.name)
                moment = calendar.browse()._interaction_plan_hours(start, hours + paused, tz)
            return fields.Datetime.to_string(moment)
        return {
            "first_response_deadline": plan(policy.first_response_hours),
            "first_response_risk_date": plan(policy.first_response_hours * (1 - RISK_SHARE)),
            "resolution_deadline": plan(policy.resolution_hours),
            "resolution_risk_date": plan(policy.resolution_hours * (1 - RISK_SHARE)),
        }

    def _sla_status_at(self, now, values):
        """The status at ``now``; while waiting on the customer, the status
        when the wait began; closed cases keep how they ended."""
        if not values["policy"] or self.state == "cancel":
            return "none"
        if self.state == "pending" and self.sla_pause_start:
            now = fields.Datetime.from_string(self.sla_pause_start)
        if self.state == "done" and self.date_closed:
            now = fields.Datetime.from_string(self.date_closed)
        date = fields.Datetime.from_string
        response = self.first_response_date and date(self.first_response_date)
        first = _clock_status(
            response or now, date(values["first_response_deadline"]),
            None if response else date(values["first_response_risk_date"]))
        resolution = _clock_status(
            now, date(values["resolution_deadline"]),
            None if self.state == "done" else date(values["resolution_risk_date"]))
        return max(first, resolution, key=SEVERITY.get)

    @api.multi
    def _sla_first_response(self, date):
        """An agent answered at ``date`` (naive UTC string)."""
        for case in self.sudo():
            if not case.first_response_date or case.first_response_date > date:
                case.write({"first_response_date": date})

    @api.model
    def _cron_sla_check(self):
        """Cases whose clock passed its risk threshold or its deadline: new
        status, and one activity to the responsible when it gets at risk or
        breached."""
        now = fields.Datetime.now()
        cases = self.sudo().search([
            ("state", "in", ("new", "open")),
            ("sla_status", "in", ("ok", "at_risk")),
            "|", ("resolution_risk_date", "<=", now),
            "&", ("first_response_date", "=", False), ("first_response_risk_date", "<=", now),
        ])
        cases._sla_update(fields.Datetime.from_string(now))
        cases.filtered(lambda case: case.sla_status in ("at_risk", "breached")
                       and not case.sla_warned)._sla_warn()

    def _sla_warn(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        labels = dict(self._fields["sla_status"]._description_selection(self.env))
        for case in self:
            user = case.user_id or case.team_id.member_ids.filtered("active")[:1]
            if user:
                deadline = case.first_response_deadline if not case.first_response_date \
                    else case.resolution_deadline
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": _("SLA at risk"),
                    "note": _("The SLA of this case is %(status)s: deadline %(deadline)s "
                              "(UTC).") % {
                        "status": labels[case.sla_status].lower(),
                        "deadline": deadline},
                    "user_id": user.id,
                    "date_deadline": (deadline or fields.Datetime.now())[:10],
                })
            super(InteractionCase, case).write({"sla_warned": True})
        return True


def _clock_status(moment, deadline, risk_date):
    if moment > deadline:
        return "breached"
    if risk_date and moment >= risk_date:
        return "at_risk"
    return "ok"
