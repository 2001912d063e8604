# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Download of a contact's personal data as JSON (the rules are in
res.partner.export_personal_data)."""
import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

# PostgreSQL's integer ids
MAX_ID = 2 ** 31 - 1


class InteractionPersonalData(http.Controller):

    @http.route(["/interaction_tracker/personal_data/<int:partner_id>"], type="http",
                auth="user")
    def personal_data(self, partner_id, **kw):
        if partner_id > MAX_ID:
            raise NotFound()
        partner = request.env["res.partner"].browse(partner_id)
        try:
            data = partner.export_personal_data()
        except (AccessError, MissingError):
            raise NotFound()
        body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        return request.make_response(body, headers=[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition",
             'attachment; filename="personal_data_%s.json"' % partner_id),
            ("X-Content-Type-Options", "nosniff"),
        ])
