# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

# the models whose attachments a share user reads only through a
# communication (a case also holds the files of calls, notes and e-mails
# with third parties)
CASE_MODELS = ("interaction.case", "interaction.communication")


class IrAttachment(models.Model):
    """Portal and public users read an attachment of a case only when it
    belongs to a communication they may read (the portal record rule on
    interaction.communication decides). Employees keep Odoo's rule."""
    _inherit = "ir.attachment"

    @api.multi
    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        if self and self._uid != SUPERUSER_ID and self.env.user.share:
            refused = self._interaction_share_refused_ids()
            if refused:
                raise AccessError(_("Sorry, you are not allowed to access this document."))
        return result

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        ids = super()._search(args, offset=offset, limit=limit, order=order,
                              count=False, access_rights_uid=access_rights_uid)
        if ids and self._uid != SUPERUSER_ID and self.env.user.share:
            refused = self.browse(ids)._interaction_share_refused_ids()
            if refused:
                ids = [attachment_id for attachment_id in ids if attachment_id not in refused]
        return len(ids) if count else ids

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        """Groups count and name what ``check`` would refuse to read: the
        same rule as a domain."""
        if self._uid != SUPERUSER_ID and self.env.user.share:
            domain = expression.AND([domain or [], self._interaction_share_domain()])
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                  orderby=orderby, lazy=lazy)

    @api.model
    def _interaction_share_domain(self):
        """The attachments the current share user may read as far as cases
        are concerned: not a case's or a communication's, public, or
        the files of a communication they may read."""
        readable = self.env["interaction.communication"].search([
            ("attachment_ids", "!=", False)]).mapped("attachment_ids")
        return ["|", "|", "|", ("res_model", "=", False), ("res_model", "not in", CASE_MODELS),
                ("public", "=", True), ("id", "in", readable.ids)]

    @api.multi
    def _interaction_share_refused_ids(self):
        """The ids of these attachments of cases or communications (public
        ones aside) that belong to no communication the current share user
        may read."""
        field = self.env["interaction.communication"]._fields["attachment_ids"]
        # identifiers of the ORM's own many2many table, not user input
        query = """
            SELECT a.id, rel.{communication}
              FROM ir_attachment a
              LEFT JOIN {relation} rel ON rel.{attachment} = a.id
             WHERE a.id IN %s AND a.res_model IN %s AND NOT COALESCE(a.public, FALSE)
        """.format(communication=field.column1, relation=field.relation,
                   attachment=field.column2)
        self._cr.execute(query, (tuple(self.ids), CASE_MODELS))
        links = {}
        for attachment_id, communication_id in self._cr.fetchall():
            links.setdefault(attachment_id, set())
            if communication_id:
                links[attachment_id].add(communication_id)
        if not links:
            return set()
        communication_ids = set().union(*links.values())
        readable = set()
        if communication_ids:
            # the user's own search: the record rules decide
            readable = set(self.env["interaction.communication"].search(
                [("id", "in", list(communication_ids))]).ids)
        return {attachment_id for attachment_id, communications in links.items()
                if not communications & readable}
