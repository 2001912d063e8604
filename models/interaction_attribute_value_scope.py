# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class InteractionAttributeValueScope(models.Model):
    """An attribute is given only to what it applies to: a contact (a
    person), an organization or a location (a site)."""
    _inherit = "interaction.attribute.value"

    @api.constrains("attribute_id", "partner_id")
    def _check_attribute_scope(self):
        for value in self:
            partner = value.partner_id
            scope = "location" if partner.type == "site" else \
                "organization" if partner.is_company else "contact"
            attribute = value.attribute_id
            if attribute.applies_to != scope:
                scopes = dict(attribute._fields["applies_to"]._description_selection(self.env))
                raise ValidationError(_(
                    "The attribute %(attribute)s applies to: %(expected)s. "
                    "%(partner)s is of the kind %(kind)s: give it an attribute of "
                    "its kind.") % {
                    "attribute": attribute.name, "expected": scopes[attribute.applies_to],
                    "partner": partner.display_name, "kind": scopes[scope]})
