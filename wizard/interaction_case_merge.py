# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape


class InteractionCaseMerge(models.TransientModel):
    """Merge one or more cases into another case of the same customer."""
    _name = "interaction.case.merge"
    _description = "Merge cases"

    case_ids = fields.Many2many(
        "interaction.case", string="Cases to merge", required=True,
        default=lambda self: self._default_case_ids())
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_customer")
    company_id = fields.Many2one("res.company", compute="_compute_customer")
    target_id = fields.Many2one(
        "interaction.case", string="Merge into", required=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id),"
               " ('company_id', '=', company_id), ('state', '!=', 'cancel')]",
        help="The case that stays: the others are cancelled and point to it.")
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    def _default_case_ids(self):
        context = self.env.context
        if context.get("active_model") != "interaction.case":
            return []
        ids = context.get("active_ids") or (
            [context["active_id"]] if context.get("active_id") else [])
        return [(6, 0, ids)]

    @api.depends("case_ids")
    def _compute_customer(self):
        for wizard in self:
            cases = wizard.case_ids
            wizard.commercial_partner_id = cases[:1].commercial_partner_id
            wizard.company_id = cases[:1].company_id

    @api.depends("case_ids", "target_id")
    def _compute_preview(self):
        for wizard in self:
            rows = []
            for case in wizard.case_ids - wizard.target_id:
                counts = case._merge_counts()
                rows.append("<li>%s</li>" % html_escape(_(
                    "%(case)s: %(communications)s communications, %(contacts)s contacts, "
                    "%(messages)s messages, %(attachments)s attachments, "
                    "%(followers)s followers, %(activities)s activities") % dict(
                        counts, case=case.display_name)))
            wizard.preview = "<ul>%s</ul>" % "".join(rows) if rows else False

    @api.multi
    def action_merge(self):
        """Merge every chosen case into the target, in one transaction."""
        self.ensure_one()
        sources = self.case_ids - self.target_id
        if not sources:
            raise UserError(_("Choose at least one case to merge other than the target."))
        for case in sources:
            case.merge_into(self.target_id.id)
        return {
            "type": "ir.actions.act_window",
            "name": _("Case"),
            "res_model": "interaction.case",
            "res_id": self.target_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
