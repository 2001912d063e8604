# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, models

from .trigram_indexes import create_trigram_indexes

# res.partner.name_search (Odoo 11) reads these columns with "ILIKE '%term%'"
# ("email OR display_name OR ref OR vat"). With the default planner costs
# (random_page_cost = 4) PostgreSQL ignores a BitmapOr of four trigram
# indexes as soon as a term matches a few percent of the contacts; it uses
# one trigram index on this expression, the four columns in one text joined
# by a control character no one types (see _name_search_query).
NAME_SEARCH_COLUMNS = ("email", "display_name", "ref", "vat")
NAME_SEARCH_SEPARATOR = "\x01"
NAME_SEARCH_EXPRESSION = "(%s)" % " || E'\\x01' || ".join(
    "COALESCE(%s, '')" % column for column in NAME_SEARCH_COLUMNS)
# GIN trigram indexes: the expression of name_search, and display_name and
# email, searched with ILIKE by the contact list's search view
TRIGRAM_INDEXES = {
    "res_partner_name_search_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_name_search_trgm_index "
        "ON res_partner USING gin (%s gin_trgm_ops)" % NAME_SEARCH_EXPRESSION,
    "res_partner_display_name_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_display_name_trgm_index "
        "ON res_partner USING gin (display_name gin_trgm_ops)",
    "res_partner_email_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_email_trgm_index "
        "ON res_partner USING gin (email gin_trgm_ops)",
}
# created by earlier versions for name_search, replaced by the expression's
OBSOLETE_INDEXES = ("res_partner_ref_trgm_index", "res_partner_vat_trgm_index")
# name_search operators answered with the expression's index
NAME_SEARCH_OPERATORS = ("ilike", "like", "=ilike", "=like")


class ResPartnerNameSearch(models.Model):
    """Contact autocomplete (name_search) answered through a trigram index."""
    _inherit = "res.partner"

    @api.model_cr
    def init(self):
        result = super().init()
        self._create_trigram_indexes()
        return result

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        """Odoo 11's partner name_search (same columns, rules, order and
        results), with a condition on NAME_SEARCH_EXPRESSION that lets
        PostgreSQL use its trigram index whatever its planner costs. Other
        operators, and databases with unaccent, keep Odoo's query."""
        if not self._name_search_indexable(name, operator):
            return super().name_search(name, args=args, operator=operator, limit=limit)
        self.check_access_rights("read")
        query, params = self._name_search_query(name, args, operator, limit)
        self.env.cr.execute(query, params)
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        return self.browse(partner_ids).name_get() if partner_ids else []

    @api.model
    def _name_search_indexable(self, name, operator):
        """Whether name_search answers with NAME_SEARCH_EXPRESSION: a LIKE
        operator, a term of three letters or more (fewer give no trigram:
        Odoo's query is as fast) and no unaccent (Odoo would search
        unaccent(column), not indexed). A user pattern ending with LIKE's
        escape character is left to Odoo (an error there, another pattern
        here)."""
        if not name or not isinstance(name, str) or operator not in NAME_SEARCH_OPERATORS:
            return False
        if self.pool.has_unaccent or not re.search(r"\w{3}", name):
            return False
        return not (operator.startswith("=") and name.endswith("\\"))

    @api.model
    def _name_search_query(self, name, args, operator, limit):
        """The SQL query and parameters of Odoo 11's res.partner name_search
        (odoo/addons/base/res/res_partner.py, same record rules, order and
        limit), its condition on the four columns written on
        NAME_SEARCH_EXPRESSION, which contains them all.

        "column ILIKE pattern" implies "expression ILIKE '%pattern%'": the
        latter is added to Odoo's condition. For a plain term (no wildcard,
        escape or separator) searched anywhere ('ilike', 'like') the two are
        equivalent (a match cannot span two columns): the expression alone
        is the condition, one pattern match per row instead of four."""
        where_query = self._where_calc(args or [])
        self._apply_ir_rules(where_query, "read")
        _from_clause, where_clause, params = where_query.get_sql()
        where = " WHERE %s AND " % where_clause if where_clause else " WHERE "
        search_name = "%%%s%%" % name if operator in ("ilike", "like") else name
        operator = operator.lstrip("=")
        condition = "{expression} {operator} %s"
        params = params + ["%%%s%%" % name]
        plain = not any(char in name for char in ("%", "_", "\\", NAME_SEARCH_SEPARATOR))
        if search_name == name or not plain:
            condition += " AND ({matches})"
            params += [search_name] * len(NAME_SEARCH_COLUMNS)
        query = ("SELECT id FROM res_partner {where} " + condition
                 + " ORDER BY display_name {operator} %s DESC, display_name").format(
            where=where, expression=NAME_SEARCH_EXPRESSION, operator=operator,
            matches=" OR ".join("%s %s %%s" % (column, operator)
                                for column in NAME_SEARCH_COLUMNS))
        params.append(search_name)
        if limit:
            query += " LIMIT %s"
            params.append(limit)
        return query, params

    @api.model
    def _create_trigram_indexes(self):
        """GIN trigram indexes for name_search and the contact search (the
        obsolete ones dropped); skipped with a warning when the pg_trgm
        extension cannot be created."""
        self._drop_indexes(OBSOLETE_INDEXES)
        create_trigram_indexes(self.env.cr, TRIGRAM_INDEXES.values(),
                               "contact autocomplete will scan the contacts table")

    @api.model
    def _drop_trigram_indexes(self):
        """Drop the trigram indexes the module added on res_partner columns
        (when the module is uninstalled)."""
        self._drop_indexes(list(TRIGRAM_INDEXES) + list(OBSOLETE_INDEXES))

    @api.model
    def _drop_indexes(self, names):
        """Drop these indexes (names from the module's constants)."""
        cr = self.env.cr
        for index in names:
            cr.execute("DROP INDEX IF EXISTS %s" % index)  # pylint: disable=sql-injection
