# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ASSIGNMENT_METHODS = [
    ("manual", "Manual"),
    ("round_robin", "Round robin"),
    ("least_loaded", "Least loaded"),
]
# the states of a case someone still has to work on
OPEN_STATES = ("new", "open", "pending")


class InteractionTeam(models.Model):
    """A team of agents: its own mail alias opens cases in the team, which
    are assigned to a member by the team's method."""
    _name = "interaction.team"
    _inherit = ["mail.alias.mixin"]
    _description = "Team"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self._default_company_id())
    member_ids = fields.Many2many(
        "res.users", "interaction_team_member_rel", "team_id", "user_id",
        string="Members", domain=[("share", "=", False)])
    assignment_method = fields.Selection(
        ASSIGNMENT_METHODS, required=True, default="manual",
        help="Manual: the responsible is chosen by hand. Round robin: each member in "
             "turn. Least loaded: the member with the fewest open cases (ties: the one "
             "idle for the longest time).")
    last_assigned_user_id = fields.Many2one(
        "res.users", string="Last assigned", readonly=True, copy=False,
        help="Technical: where the round robin goes on from.")
    alias_id = fields.Many2one(
        "mail.alias", string="Alias", ondelete="restrict", required=True,
        help="E-mails sent to this address open a case in the team.")
    case_ids = fields.One2many("interaction.case", "team_id", string="Cases")
    open_case_count = fields.Integer(compute="_compute_case_counts")
    unassigned_count = fields.Integer(compute="_compute_case_counts")
    at_risk_count = fields.Integer(compute="_compute_case_counts")
    breached_count = fields.Integer(compute="_compute_case_counts")

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("interaction.team")

    @api.multi
    def _compute_case_counts(self):
        counts = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT team_id, count(*),
                       count(*) FILTER (WHERE user_id IS NULL),
                       count(*) FILTER (WHERE sla_status = 'at_risk'),
                       count(*) FILTER (WHERE sla_status = 'breached')
                  FROM interaction_case
                 WHERE team_id IN %s AND state IN %s
              GROUP BY team_id
            """, (tuple(self.ids), OPEN_STATES))
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for team in self:
            values = counts.get(team.id, (0, 0, 0, 0))
            team.open_case_count, team.unassigned_count, team.at_risk_count, \
                team.breached_count = values

    @api.constrains("assignment_method", "member_ids", "active")
    def _check_members(self):
        for team in self:
            if team.active and team.assignment_method != "manual" and not team.member_ids:
                raise ValidationError(_(
                    "The team %(team)s assigns its cases automatically: add at least "
                    "one member or choose manual assignment.") % {"team": team.name})

    def get_alias_model_name(self, vals):
        return "interaction.case"

    def get_alias_values(self):
        values = super().get_alias_values()
        values["alias_defaults"] = {"team_id": self.id}
        return values

    @api.multi
    def write(self, vals):
        if "member_ids" not in vals:
            return super().write(vals)
        before = {team: team.member_ids for team in self}
        result = super().write(vals)
        for team in self:
            left = before[team] - team.member_ids
            if left:
                team._reassign_cases_of(left)
        return result

    @api.multi
    def unlink(self):
        result = super().unlink()
        # their SLA policies went with them
        self.env["interaction.sla.policy"].clear_caches()
        return result

    @api.multi
    def action_view_cases(self):
        self.ensure_one()
        action = self.env.ref("interaction_tracker.interaction_case_action").read()[0]
        action["display_name"] = action["name"] = self.name
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id, "search_default_open": 1}
        return action

    @api.multi
    def _pick_user(self):
        """The member the next case of the team goes to, by the team's
        method; an empty recordset for a manual team."""
        self.ensure_one()
        if self.assignment_method == "manual":
            return self.env["res.users"]
        members = self.sudo().member_ids.filtered("active").sorted("id")
        if not members:
            raise ValidationError(_(
                "The team %(team)s has no active member to assign the case to.")
                % {"team": self.name})
        # one assignment at a time per team: concurrent cases wait here
        self.env.cr.execute(
            "SELECT id FROM interaction_team WHERE id = %s FOR UPDATE", (self.id,))
        if self.assignment_method == "round_robin":
            user = self._pick_round_robin(members)
        else:
            user = self._pick_least_loaded(members)
        self.sudo().write({"last_assigned_user_id": user.id})
        return user

    def _pick_round_robin(self, members):
        last = self.sudo().last_assigned_user_id
        following = members.filtered(lambda user: user.id > last.id)
        return following[:1] or members[:1]

    def _pick_least_loaded(self, members):
        """Fewest open cases; ties: the longest without a new case, then
        the smallest id."""
        self.env.cr.execute("""
            SELECT u.id,
                   count(c.id) FILTER (WHERE c.state IN %s),
                   max(c.date_assigned)
              FROM unnest(%s) AS u(id)
         LEFT JOIN interaction_case c ON c.user_id = u.id
          GROUP BY u.id
        """, (OPEN_STATES, members.ids))
        loads = {row[0]: (row[1], row[2] or datetime.min) for row in self.env.cr.fetchall()}
        best = min(members.ids, key=lambda user_id: (loads[user_id], user_id))
        return members.browse(best)

    def _reassign_cases_of(self, users):
        """Members left the team: their open cases in the team go to the
        remaining members by the team's method; in a manual team (or when
        nobody is left) they stay with their responsible and the feed says
        so."""
        self.ensure_one()
        Case = self.env["interaction.case"].sudo()
        cases = Case.search([("team_id", "=", self.id), ("user_id", "in", users.ids),
                             ("state", "in", OPEN_STATES)], order="id")
        for case in cases:
            if self.assignment_method != "manual" and self.member_ids.filtered("active"):
                case.write({"user_id": self._pick_user().id})
            else:
                case._log_feed_note(
                    _("%(user)s left the team %(team)s and still handles this case: "
                      "choose another responsible.") % {
                        "user": case.user_id.name, "team": self.name},
                    _("Responsible left the team"))
