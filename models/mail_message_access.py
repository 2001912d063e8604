# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class MailMessageAccess(models.Model):
    """What customers read of a case's feed: Odoo 11 hides internal
    subtypes from their searches and, by id, only for comments; on cases
    every internal message (notes of calls and exchanges, e-mails with third
    parties, tracking) is refused to them by id as well."""
    _inherit = "mail.message"

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        """Users count only the messages they may search (Odoo 11's
        read_group skips mail.message's own search filter, which hides the
        messages of documents the user may not read)."""
        if self.env.uid != SUPERUSER_ID:
            domain = expression.AND([domain or [], [("id", "in", self.search(domain or []).ids)]])
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                  orderby=orderby, lazy=lazy)

    @api.multi
    def check_access_rule(self, operation):
        super().check_access_rule(operation)
        if self.env.uid == SUPERUSER_ID or not self.ids \
                or self.env.user.has_group("base.group_user"):
            return
        self.env.cr.execute("""
            SELECT message.id
              FROM mail_message message
         LEFT JOIN mail_message_subtype subtype ON subtype.id = message.subtype_id
             WHERE message.id IN %s AND message.model = 'interaction.case'
               AND (subtype.id IS NULL OR subtype.internal)
             LIMIT 1
        """, (tuple(self.ids),))
        if self.env.cr.fetchone():
            raise AccessError(_("This message of a case is internal."))
