# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools


class InteractionContactTag(models.Model):
    """Role of a contact on a case (original requester, requester, ...).

    The four tags of the data file are exclusive: on one case, each is held
    by at most one contact (see interaction.case.contact).
    """
    _name = "interaction.contact.tag"
    _inherit = "interaction.cached.mixin"
    _description = "Case contact tag"
    _order = "sequence, id"
    _cached_fields = ("code", "is_exclusive")

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    is_exclusive = fields.Boolean(
        string="Exclusive", default=True,
        help="Held by at most one contact of a case: giving it to another "
             "contact takes it from the first.")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The tag code must be unique."),
    ]

    @api.model
    def _get_exclusive_tags(self):
        """The exclusive tags, without a query once cached."""
        return self.browse(self._exclusive_tag_ids())

    @tools.ormcache()
    def _exclusive_tag_ids(self):
        return tuple(self.sudo().search([("is_exclusive", "=", True)]).ids)

    @api.model
    def _get_tag(self, code):
        """The tag of this code, without a query once cached."""
        return self.browse(dict(self._tag_ids_by_code()).get(code))

    @tools.ormcache()
    def _tag_ids_by_code(self):
        return tuple((tag.code, tag.id) for tag in self.sudo().search([]))
