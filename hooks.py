# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def uninstall_hook(cr, registry):
    """Drop the trigram indexes the module added on res_partner columns and
    the median aggregate of the cases analysis."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._drop_trigram_indexes()
    env["interaction.report"]._drop_median()
