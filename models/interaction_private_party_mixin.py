# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records that name contacts (case contact lines, communications) are
visible only to the owner of a private contact they name.

The owner is kept on the record itself (``private_owner_id``) so that the
record rule is a comparison on its own column: a rule through
``partner_id.is_private`` would make Odoo 11 search every shared contact
and pass their ids to the query."""
from odoo import api, fields, models


class InteractionPrivatePartyMixin(models.AbstractModel):
    _name = "interaction.private.party.mixin"
    _description = "Records naming contacts, hidden when a contact is private"

    # many2one fields to res.partner whose private contacts hide the record
    _private_party_fields = ()

    private_owner_id = fields.Many2one(
        "res.users", string="Private to", readonly=True, copy=False, index=True,
        help="Set when the record names a private contact: only the user who "
             "created that contact sees the record.")

    @api.model
    def _private_owner_value(self, vals):
        """The owner of the first private contact named in ``vals`` (a user
        id), else False. The contacts were read by the input checks before:
        their values come from the cache."""
        partner_ids = [vals[name] for name in self._private_party_fields
                       if isinstance(vals.get(name), int) and vals[name]]
        for partner in self.env["res.partner"].sudo().browse(partner_ids):
            if partner.is_private:
                return partner.create_uid.id
        return False

    @api.model
    def _sync_private_owner(self, ids=None, partner_ids=None):
        """Set ``private_owner_id`` again on the records ``ids``, or on the
        records naming one of ``partner_ids`` (a contact became private or
        shared), in one query."""
        columns = ["record.%s" % name for name in self._private_party_fields]
        if ids is not None:
            where, params = "record.id IN %s", (tuple(ids),)
        else:
            where = " OR ".join("%s IN %%s" % column for column in columns)
            params = (tuple(partner_ids),) * len(columns)
        if not params[0]:
            return
        # the table and column names come from the model, not from input
        query = """
            UPDATE {table} record
               SET private_owner_id = (SELECT partner.create_uid FROM res_partner partner
                                        WHERE partner.is_private AND partner.id IN ({columns})
                                        ORDER BY partner.id LIMIT 1)
             WHERE {where}
        """.format(table=self._table, columns=", ".join(columns), where=where)
        self.env.cr.execute(query, params)  # pylint: disable=sql-injection
        self.invalidate_cache(["private_owner_id"])
