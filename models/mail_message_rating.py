# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMessage(models.Model):
    """Odoo's rating module stores on every message the value of the
    ratings linked to it, recomputed after each message is created (a search
    of ratings and an UPDATE). A message being created has no rating unless
    its values link one: its value is 0 without looking."""
    _inherit = "mail.message"

    @api.model
    def create(self, values):
        if values.get("rating_ids") or "rating_value" in values:
            return super().create(values)
        with self.env.norecompute():
            message = super().create(values)
        self.env.remove_todo(self._fields["rating_value"], message)
        message._cache["rating_value"] = 0.0
        if self.env.recompute and self.env.context.get("recompute", True):
            message.recompute()
        return message
