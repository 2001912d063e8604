# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class InteractionCachedMixin(models.AbstractModel):
    """Configuration records that methods of the model keep in the ormcache
    (read on every e-mail or every contact line): any change clears it."""
    _name = "interaction.cached.mixin"
    _description = "Configuration kept in the ormcache"

    # the fields the cached methods read; None: all of them
    _cached_fields = None

    @api.model
    def create(self, vals):
        self.clear_caches()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if self._cached_fields is None or set(self._cached_fields) & set(vals):
            self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()
