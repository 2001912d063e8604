# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class InteractionCannedResponseMixin(models.AbstractModel):
    """A picker of canned responses for a form with ``case_id`` and an HTML
    ``body``: choosing one appends it, filled in for the case, to the body
    (the exchange form, the direct message dialog, the e-mail composer)."""
    _name = "interaction.canned.response.mixin"
    _description = "Canned response picker"

    # not stored: a picker, whose choice is inserted into the body
    canned_response_id = fields.Many2one(
        "mail.shortcode", string="Canned response",
        compute="_compute_canned_response_id", readonly=False,
        domain=[("shortcode_type", "=", "text")],
        help="Insert a canned response, filled in for the case.")

    def _compute_canned_response_id(self):
        for record in self:
            record.canned_response_id = False

    @api.onchange("canned_response_id")
    def _onchange_canned_response_id(self):
        if not self.canned_response_id or not self.case_id:
            return
        text = self.case_id.render_canned_response(self.canned_response_id.id)
        self.body = (self.body or "") + text
        self.canned_response_id = False
