# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.addons.base.res.res_partner import _tz_get

from .interaction_case_team import PRIORITIES


class InteractionSlaPolicy(models.Model):
    """A service level promise: hours to the first response and to the
    resolution of the cases of a team and priority, counted on working
    hours."""
    _name = "interaction.sla.policy"
    _description = "SLA policy"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self._default_company_id())
    team_id = fields.Many2one(
        "interaction.team", string="Team", index=True, ondelete="cascade",
        help="Empty: the cases of every team (a policy of the case's team wins).")
    priority = fields.Selection(
        PRIORITIES, help="Empty: every priority (a policy of the case's priority wins).")
    first_response_hours = fields.Float(
        string="First response (hours)", required=True, default=4.0,
        help="Working hours from the creation of the case to the first answer of "
             "an agent.")
    resolution_hours = fields.Float(
        string="Resolution (hours)", required=True, default=40.0,
        help="Working hours from the creation of the case to its closing.")
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working hours",
        help="Working days, hours and public holidays (leaves without resource) the "
             "clocks run on. Empty: around the clock.")
    tz = fields.Selection(
        _tz_get, string="Timezone", required=True,
        default=lambda self: self._default_tz(),
        help="The timezone of the working hours.")

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("interaction.sla.policy")

    def _default_tz(self):
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.constrains("first_response_hours", "resolution_hours")
    def _check_hours(self):
        for policy in self:
            if policy.first_response_hours <= 0 or policy.resolution_hours <= 0:
                raise ValidationError(_(
                    "The SLA policy %(policy)s needs a positive number of hours to the "
                    "first response and to the resolution.") % {"policy": policy.name})
            if policy.first_response_hours > policy.resolution_hours:
                raise ValidationError(_(
                    "The SLA policy %(policy)s promises the first response after the "
                    "resolution.") % {"policy": policy.name})

    @api.constrains("calendar_id")
    def _check_calendar(self):
        for policy in self:
            try:
                policy.calendar_id._interaction_check_working_hours()
            except UserError as error:
                raise ValidationError(error.name)

    @api.constrains("team_id", "company_id")
    def _check_team_company(self):
        for policy in self:
            if policy.team_id and policy.team_id.company_id != policy.company_id:
                raise ValidationError(_(
                    "The SLA policy %(policy)s and its team belong to different "
                    "companies.") % {"policy": policy.name})

    @api.model
    def create(self, vals):
        return super().create(vals)._policies_changed()

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        self._policies_changed()
        return result

    @api.multi
    def unlink(self):
        cases = self.env["interaction.case"].sudo().search(
            [("sla_policy_id", "in", self.ids)])
        result = super().unlink()
        self.clear_caches()
        cases._sla_update()
        return result

    @api.model
    @tools.ormcache("company_id")
    def _policies_of(self, company_id):
        """(id, team id, priority) of the active policies of a company, the
        preferred first (read once per worker until a policy changes)."""
        policies = self.sudo().search([("company_id", "=", company_id)])
        policies = policies.sorted(lambda policy: (
            not policy.team_id, not policy.priority, policy.sequence, policy.id))
        return tuple((policy.id, policy.team_id.id, policy.priority) for policy in policies)

    @api.model
    def _find(self, company, team, priority):
        """The policy of a case: its team's before a policy for every team,
        its priority's before a policy for every priority, then sequence."""
        for policy_id, team_id, policy_priority in self._policies_of(company.id):
            if team_id in (team.id, False) and policy_priority in (priority, False):
                return self.browse(policy_id)
        return self.browse()

    def _policies_changed(self):
        """Forget the cached policies and recompute the cases they concern."""
        self.clear_caches()
        self._recompute_cases()
        return self

    def _recompute_cases(self):
        """The cases still running whose policy may change."""
        Case = self.env["interaction.case"].sudo()
        domain = [("state", "in", ("new", "open", "pending")),
                  ("company_id", "in", self.mapped("company_id").ids)]
        cases = Case.search(domain + ["|", ("sla_policy_id", "in", self.ids),
                                      ("team_id", "in", self.mapped("team_id").ids)])
        if any(not policy.team_id for policy in self):
            cases |= Case.search(domain)
        cases._sla_update()
