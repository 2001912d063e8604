# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .models.res_partner import OBSOLETE_INDEXES, TRIGRAM_INDEXES


def uninstall_hook(cr, registry):
    """Drop the trigram indexes the module added on res_partner columns."""
    for index in list(TRIGRAM_INDEXES) + list(OBSOLETE_INDEXES):
        cr.execute("DROP INDEX IF EXISTS %s" % index)  # pylint: disable=sql-injection
