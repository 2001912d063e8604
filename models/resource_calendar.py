# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working time of a calendar for the SLA clocks.

Odoo 11's ``plan_hours`` and ``get_work_hours_count`` convert dates with the
timezone of the current user, so that a cron (run as superuser) and an agent
would not compute the same deadline. These helpers take the timezone as an
argument and work on naive UTC datetimes, as stored by the ORM; the public
holidays are the calendar's leaves without resource."""
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# a deadline further than this is a configuration error, not a promise
MAX_PLAN_DAYS = 3660


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.multi
    def _interaction_check_working_hours(self):
        for calendar in self:
            if not any(att.hour_to > att.hour_from for att in calendar.attendance_ids):
                raise UserError(_(
                    "The working hours %(calendar)s have no working time: an SLA "
                    "cannot be counted on them.") % {"calendar": calendar.display_name})

    @api.multi
    def _interaction_leaves(self, start, end):
        """Public holidays (leaves without resource) overlapping [start, end],
        as sorted naive UTC intervals."""
        self.ensure_one()
        leaves = self.env["resource.calendar.leaves"].sudo().search([
            ("calendar_id", "=", self.id), ("resource_id", "=", False),
            ("date_to", ">", fields.Datetime.to_string(start)),
            ("date_from", "<", fields.Datetime.to_string(end))], order="date_from")
        return [(max(leave.date_from and _dt(leave.date_from), start),
                 min(_dt(leave.date_to), end)) for leave in leaves]

    @api.multi
    def _interaction_day_intervals(self, day, tz):
        """Working intervals of a local ``day`` (a date) as naive UTC."""
        self.ensure_one()
        weekday = str(day.weekday())
        intervals = []
        for att in self.attendance_ids:
            if att.dayofweek != weekday or att.hour_to <= att.hour_from:
                continue
            if att.date_from and _d(att.date_from) > day:
                continue
            if att.date_to and _d(att.date_to) < day:
                continue
            midnight = datetime.combine(day, time.min)
            start = tz.localize(midnight + timedelta(hours=att.hour_from))
            end = tz.localize(midnight + timedelta(hours=att.hour_to))
            intervals.append((start.astimezone(pytz.UTC).replace(tzinfo=None),
                              end.astimezone(pytz.UTC).replace(tzinfo=None)))
        return sorted(intervals)

    @api.multi
    def _interaction_iter_work(self, start, tz_name, limit_days=MAX_PLAN_DAYS):
        """Working intervals from ``start`` on (naive UTC), holidays removed."""
        self.ensure_one()
        self._interaction_check_working_hours()
        tz = pytz.timezone(tz_name or "UTC")
        local_day = pytz.UTC.localize(start).astimezone(tz).date()
        leaves = self._interaction_leaves(start, start + timedelta(days=limit_days + 1))
        for offset in range(limit_days + 1):
            for begin, end in self._interaction_day_intervals(
                    local_day + timedelta(days=offset), tz):
                begin = max(begin, start)
                if end <= begin:
                    continue
                for piece in _subtract(begin, end, leaves):
                    yield piece

    @api.multi
    def _interaction_plan_hours(self, start, hours, tz_name):
        """The moment ``hours`` working hours after ``start`` (naive UTC)."""
        if not self:
            return start + timedelta(hours=hours)
        remaining = timedelta(hours=hours)
        if remaining <= timedelta(0):
            return start
        for begin, end in self._interaction_iter_work(start, tz_name):
            if end - begin >= remaining:
                return begin + remaining
            remaining -= end - begin
        raise UserError(_(
            "The working hours %(calendar)s do not give %(hours)s hours within ten "
            "years.") % {"calendar": self.display_name, "hours": hours})

    @api.multi
    def _interaction_work_hours(self, start, end, tz_name):
        """Working hours between two naive UTC datetimes."""
        if end <= start:
            return 0.0
        if not self:
            return (end - start).total_seconds() / 3600.0
        total = timedelta(0)
        days = (end - start).days + 1
        for begin, finish in self._interaction_iter_work(start, tz_name, limit_days=days):
            if begin >= end:
                break
            total += min(finish, end) - begin
        return total.total_seconds() / 3600.0


def _dt(value):
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S") if isinstance(value, str) else value


def _d(value):
    return datetime.strptime(value, "%Y-%m-%d").date() if isinstance(value, str) else value


def _subtract(begin, end, leaves):
    """[begin, end] minus the sorted ``leaves`` intervals."""
    pieces = []
    for leave_start, leave_end in leaves:
        if leave_end <= begin or leave_start >= end:
            continue
        if leave_start > begin:
            pieces.append((begin, leave_start))
        begin = max(begin, leave_end)
        if begin >= end:
            return pieces
    pieces.append((begin, end))
    return pieces
