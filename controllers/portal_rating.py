# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer rates a closed case on its portal page (the rules are in
interaction.case.portal_rate)."""
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import InteractionCustomerPortal


class InteractionRatingPortal(InteractionCustomerPortal):

    def _prepare_case_values(self, case, access_token=None, error=None):
        values = super()._prepare_case_values(case, access_token=access_token, error=error)
        user = request.env.user
        values["can_rate"] = case.state == "done" and user.share and not user._is_public()
        values["rating"] = case._portal_rating() if values["can_rate"] else None
        return values

    @http.route(["/my/cases/<int:case_id>/rate"], type="http", auth="user",
                methods=["POST"], website=True)
    def portal_case_rate(self, case_id, rate=None, feedback="", **kw):
        case = request.env["interaction.case"].browse(case_id)
        try:
            case.portal_rate(rate, feedback)  # checks the access itself
        except (AccessError, MissingError):
            raise NotFound()
        except (UserError, ValidationError) as error:
            return request.render("interaction_tracker.portal_case_rating_refused", {
                "case": case, "message": error.name, "page_name": "case"}, status=400)
        return request.redirect("/my/cases/%s#case_rating" % case.id)
