# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Field classes of the module."""
from odoo import fields


class One2manyPerRecord(fields.One2many):
    """A one2many whose read, for a single record, costs one query whatever
    the number of lines. Odoo 11's ``One2many.read`` groups the lines by
    reading their inverse field, 1,000 lines per query; for one record every
    line found belongs to it, so the search alone is enough."""

    def read(self, records):
        if len(records) != 1:
            super().read(records)
            return
        comodel = records.env[self.comodel_name].with_context(**self.context)
        domain = self.domain(records) if callable(self.domain) else self.domain
        lines = comodel.search(domain + [(self.inverse_name, "in", records.ids)],
                               limit=self.limit)
        records.env.cache.set(records, self, tuple(lines.ids))
