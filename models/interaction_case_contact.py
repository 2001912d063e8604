# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def _adds_tags(commands):
    """Whether x2many ``commands`` for a new line may give it tags (no
    commands: the default tags)."""
    if commands is None:
        return True
    return any(command[0] in (0, 4) or (command[0] == 6 and command[2])
               for command in commands)


class InteractionCaseContact(models.Model):
    """A contact on the contacts card of a case, with its tags."""
    _name = "interaction.case.contact"
    _inherit = ["interaction.input.mixin", "interaction.private.party.mixin"]
    _description = "Case contact"
    _order = "case_id, id"

    case_id = fields.Many2one(
        "interaction.case", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", index=True)
    tag_ids = fields.Many2many(
        "interaction.contact.tag", string="Tags",
        default=lambda self: self._default_tag_ids())
    # read with the user's rights, not as superuser (Odoo's default)
    email = fields.Char(related="partner_id.email", readonly=True, related_sudo=False)
    phone = fields.Char(related="partner_id.phone", readonly=True, related_sudo=False)
    mobile = fields.Char(related="partner_id.mobile", readonly=True, related_sudo=False)
    company_id = fields.Many2one(
        "res.company", readonly=True, index=True,
        help="The company of the case, copied when the line is created or "
             "moved and kept in step with the case (see create and write).")

    _private_party_fields = ("partner_id",)

    _sql_constraints = [
        ("case_partner_unique", "unique(case_id, partner_id)",
         "This contact is already on the case."),
    ]

    def _default_tag_ids(self):
        """A contact added by hand gets the four tags; reassign them after."""
        return self.env["interaction.contact.tag"]._get_exclusive_tags()

    @api.constrains("partner_id", "case_id")
    def _check_same_company(self):
        for line in self:
            customer = line.case_id.partner_id.commercial_partner_id
            if customer and line.partner_id.commercial_partner_id != customer:
                raise ValidationError(_(
                    "%(contact)s does not belong to %(customer)s, the customer "
                    "of case %(case)s: only contacts of the customer's company "
                    "can be added.") % {
                    "contact": line.partner_id.display_name,
                    "customer": customer.display_name,
                    "case": line.case_id.display_name})

    @api.model
    def create(self, vals):
        # the case and the contact must be readable by the user (before the
        # unique constraint could tell whether the contact is on the case)
        self._check_input(vals, creating=True)
        # set here rather than by a stored related field, whose recomputation
        # after the insert costs an UPDATE (and a search of the lines each
        # time a case is created); the record rule still applies
        vals = dict(vals, company_id=self.env["interaction.case"]._company_id_of(
            vals.get("case_id")), private_owner_id=self._private_owner_value(vals))
        line = super().create(vals)
        if _adds_tags(vals.get("tag_ids")):
            line._take_exclusive_tags()
        return line

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        vals = {name: value for name, value in vals.items() if name != "private_owner_id"}
        if vals.get("case_id"):
            vals = dict(vals, company_id=self.env["interaction.case"]._company_id_of(
                vals["case_id"]))
        res = super().write(vals)
        if "partner_id" in vals:
            self._sync_private_owner(ids=self.ids)
        if "tag_ids" in vals or "case_id" in vals:
            self._take_exclusive_tags()
        return res

    def _take_exclusive_tags(self):
        """Remove the exclusive tags of these lines from the other contacts of
        their cases: one query per line finds them, nothing is written when no
        other contact holds them (e.g. on a new case)."""
        field = self._fields["tag_ids"]
        query = """
            SELECT other_rel.{line}, tag.id
              FROM interaction_case_contact line
              JOIN {rel} line_rel ON line_rel.{line} = line.id
              JOIN interaction_contact_tag tag
                ON tag.id = line_rel.{tag} AND tag.is_exclusive
              JOIN interaction_case_contact other
                ON other.case_id = line.case_id AND other.id != line.id
              JOIN {rel} other_rel ON other_rel.{line} = other.id AND other_rel.{tag} = tag.id
             WHERE line.id = %s
        """.format(rel=field.relation, line=field.column1, tag=field.column2)
        for line in self:
            self.env.cr.execute(query, (line.id,))
            taken = {}
            for other_id, tag_id in self.env.cr.fetchall():
                taken.setdefault(other_id, []).append(tag_id)
            for other_id, tag_ids in taken.items():
                self.browse(other_id).write({"tag_ids": [(3, tag_id) for tag_id in tag_ids]})
