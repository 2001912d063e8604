# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class InteractionContactWizardDesk(models.TransientModel):
    """The Attributes step lists the contacts' attribute types, to be
    filled in (an attribute left empty is not kept)."""
    _inherit = "interaction.contact.wizard"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "attribute_line_ids" in fields_list and not values.get("attribute_line_ids"):
            attributes = self.env["interaction.attribute"].search(
                [("applies_to", "=", "contact")])
            values["attribute_line_ids"] = [
                (0, 0, {"attribute_id": attribute.id}) for attribute in attributes]
        return values
