# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools


class ResLang(models.Model):
    """The website routes' default language, cached (see ir.http)."""
    _inherit = "res.lang"

    @api.model
    @tools.ormcache()
    def _frontend_default_lang_id(self):
        """What Odoo's ``ir.http._get_default_lang`` looks up at every
        request of a website route (the contacts' default language, else the
        first language), kept in the cache that res.lang and ir.default
        clear when they change."""
        code = self.env["ir.default"].sudo().get("res.partner", "lang")
        if code:
            return self.search([("code", "=", code)], limit=1).id
        return self.search([], limit=1).id
