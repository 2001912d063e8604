# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trigram indexes (PostgreSQL's pg_trgm) behind the module's "contains"
searches."""
import logging

import psycopg2

_logger = logging.getLogger(__name__)


def create_trigram_indexes(cr, statements, without_extension):
    """Run these CREATE INDEX statements after creating the pg_trgm
    extension; when the extension cannot be created (no superuser right, not
    installed), log `without_extension` (what the search does then) and
    create nothing."""
    try:
        with cr.savepoint():
            cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg2.Error as error:
        _logger.warning("pg_trgm is not available, %s: %s", without_extension, error)
        return
    for statement in statements:
        cr.execute(statement)
