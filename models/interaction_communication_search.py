# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import html2plaintext

from .trigram_indexes import create_trigram_indexes

# GIN trigram indexes answering "ILIKE '%word%'" on the subjects and bodies
# of communications and the subjects and descriptions of cases without
# reading the whole tables (see interaction.case.content_search)
CONTENT_TRIGRAM_INDEXES = {
    "interaction_communication_subject_trgm_index":
        "CREATE INDEX IF NOT EXISTS interaction_communication_subject_trgm_index "
        "ON interaction_communication USING gin (subject gin_trgm_ops)",
    "interaction_communication_body_text_trgm_index":
        "CREATE INDEX IF NOT EXISTS interaction_communication_body_text_trgm_index "
        "ON interaction_communication USING gin (body_text gin_trgm_ops)",
    "interaction_case_name_trgm_index":
        "CREATE INDEX IF NOT EXISTS interaction_case_name_trgm_index "
        "ON interaction_case USING gin (name gin_trgm_ops)",
    "interaction_case_description_trgm_index":
        "CREATE INDEX IF NOT EXISTS interaction_case_description_trgm_index "
        "ON interaction_case USING gin (description gin_trgm_ops)",
}


class InteractionCommunication(models.Model):
    """The plain text of the bodies, kept for the search in everything said."""
    _inherit = "interaction.communication"

    # written with the body in create and write rather than computed: a
    # stored compute costs an UPDATE after each insert
    body_text = fields.Text(
        string="Body (plain text)", readonly=True,
        help="Technical: the body without its HTML, for the content search.")

    @api.model_cr
    def init(self):
        result = super().init()
        # communications written before the column existed: their markup
        # stripped in SQL (entities left as they are)
        self.env.cr.execute("""
            UPDATE interaction_communication
               SET body_text = regexp_replace(body, '<[^>]*>', ' ', 'g')
             WHERE body_text IS NULL AND body IS NOT NULL
        """)
        self._create_content_trigram_indexes()
        return result

    @api.model
    def create(self, vals):
        if isinstance(vals, dict) and "body" in vals:
            vals = dict(vals, body_text=self._plain_body(vals["body"]))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if isinstance(vals, dict) and "body" in vals:
            vals = dict(vals, body_text=self._plain_body(vals["body"]))
        return super().write(vals)

    @api.model
    def _plain_body(self, body):
        """The text of an HTML body on one line (False when empty)."""
        if not body or not isinstance(body, str):
            return False
        return " ".join(html2plaintext(body).split()) or False

    @api.model
    def _create_content_trigram_indexes(self):
        """The trigram indexes of the content search; skipped with a warning
        when the pg_trgm extension cannot be created (the search then reads
        the table)."""
        create_trigram_indexes(
            self.env.cr, CONTENT_TRIGRAM_INDEXES.values(),
            "the content search of cases will scan the communications")
