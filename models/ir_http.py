# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """Website routes (the portal's) read the languages from res.lang's
    caches: Odoo 11 searches them and the default language again at every
    request. With the
    website module, its per-website languages keep its own path."""
    _inherit = "ir.http"

    @classmethod
    def _get_languages(cls):
        if getattr(request, "website", None):
            return super(IrHttp, cls)._get_languages()
        Lang = request.env["res.lang"]
        return Lang.browse([Lang._lang_get_id(code) for code, _name in Lang.get_installed()])

    @classmethod
    def _get_language_codes(cls):
        if getattr(request, "website", None):
            return super(IrHttp, cls)._get_language_codes()
        return request.env["res.lang"].get_installed()

    @classmethod
    def _get_default_lang(cls):
        if getattr(request, "website", None):
            return super(IrHttp, cls)._get_default_lang()
        Lang = request.env["res.lang"]
        return Lang.browse(Lang._frontend_default_lang_id())
