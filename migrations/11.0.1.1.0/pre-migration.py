# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures of the cases analysis, stored on the case: created and filled
in one statement here, so that the upgrade does not compute them case by
case."""
from odoo.addons.interaction_tracker.models.interaction_case_report import (
    FILL_REPORT_TIMES_SQL,
)


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        ALTER TABLE interaction_case
            ADD COLUMN IF NOT EXISTS first_response_time double precision,
            ADD COLUMN IF NOT EXISTS resolution_time double precision
    """)
    cr.execute(FILL_REPORT_TIMES_SQL, {"every_case": True, "ids": (0,)})
