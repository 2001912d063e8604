# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

PARAM_PORTAL_TEAM = "interaction_tracker.portal_team_id"
PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]


class InteractionCase(models.Model):
    """Teams, assignment, priority and the waiting state of a case."""
    _inherit = "interaction.case"

    team_id = fields.Many2one(
        "interaction.team", string="Team", index=True, track_visibility="onchange",
        default=lambda self: self._default_team_id())
    priority = fields.Selection(
        PRIORITIES, default="1", required=True, index=True, track_visibility="onchange")
    state = fields.Selection(selection_add=[("pending", "Waiting on customer")])
    date_assigned = fields.Datetime(
        string="Assigned on", readonly=True, copy=False,
        help="When the current responsible got the case.")

    def _default_team_id(self):
        team_id = self.env.context.get("default_team_id")
        return self.env["interaction.team"].browse(team_id) if team_id else False

    @api.onchange("team_id")
    def _onchange_team_id(self):
        """A team that assigns its cases itself chooses the responsible when
        the case is saved."""
        if self.team_id.assignment_method in ("round_robin", "least_loaded"):
            self.user_id = False

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if "team_id" not in vals and self.env.context.get("default_team_id"):
            vals["team_id"] = self.env.context["default_team_id"]
        if vals.get("team_id") and not vals.get("user_id"):
            user = self.env["interaction.team"].browse(vals["team_id"])._pick_user()
            if user:
                vals["user_id"] = user.id
        if vals.get("user_id") or ("user_id" not in vals and self._default_user_id()):
            vals.setdefault("date_assigned", fields.Datetime.now())
        if vals.get("state") == "pending":
            raise UserError(_("A new case cannot be waiting on the customer yet."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        if vals.get("state") == "pending":
            if self.filtered(lambda case: case.state not in ("new", "open", "pending")):
                raise UserError(_("Only a case in progress can wait on the customer."))
            vals["date_closed"] = False
        if vals.get("team_id") and "user_id" not in vals:
            team = self.env["interaction.team"].browse(vals["team_id"])
            if team.assignment_method != "manual":
                moving = self.filtered(lambda case: case.team_id != team)
                rest = self - moving
                if rest:
                    super(InteractionCase, rest).write(vals)
                for case in moving:
                    case_vals = dict(vals)
                    if case.state in ("new", "open", "pending"):
                        case_vals["user_id"] = team._pick_user().id
                        case_vals["date_assigned"] = fields.Datetime.now()
                    super(InteractionCase, case).write(case_vals)
                return True
        if "user_id" in vals:
            vals.setdefault("date_assigned", fields.Datetime.now() if vals["user_id"] else False)
        return super().write(vals)

    @api.model
    def portal_create_case(self, subject, description=None):
        """A case opened on the portal goes to the team of the system
        parameter ``interaction_tracker.portal_team_id`` (if any), assigned
        by its method."""
        team = self._portal_team()
        cases = self.with_context(default_team_id=team.id) if team else self
        return super(InteractionCase, cases).portal_create_case(subject, description)

    @api.model
    def _portal_team(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_PORTAL_TEAM) or ""
        if not value.strip().isdigit():
            return self.env["interaction.team"]
        return self.env["interaction.team"].sudo().browse(int(value)).exists()

    @api.multi
    def action_pending(self):
        """Wait on the customer: the SLA clocks stop until they answer."""
        self.write({"state": "pending"})
        return True

    @api.multi
    def _portal_post_deadline(self):
        self.ensure_one()
        if self.state == "pending":
            return None
        return super()._portal_post_deadline()

    @api.multi
    def _customer_replied(self):
        """A customer's message or e-mail arrived: a case waiting on them is
        in progress again."""
        waiting = self.sudo().filtered(lambda case: case.state == "pending")
        if waiting:
            waiting.write({"state": "open"})
