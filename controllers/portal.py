# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal for cases: thin controllers, the rules are in the model
(interaction.case._portal_check_access, portal_post_message,
portal_create_case)."""
import base64
from collections import OrderedDict

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.interaction_tracker.models.interaction_case_portal_attachment import (
    THUMBNAIL_MIMETYPES)
from odoo.addons.interaction_tracker.models.interaction_input_mixin import MalformedInputError

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager


class InteractionCustomerPortal(CustomerPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # the count of the list the link opens (its default filter)
        values["case_count"] = request.env["interaction.case"].search_count(
            self._get_case_searchbar_filters()[self._default_case_filter()]["domain"])
        return values

    def _default_case_filter(self):
        return "open"

    def _get_case_searchbar_sortings(self):
        return OrderedDict([
            ("date", {"label": _("Newest"), "order": "create_date desc, id desc"}),
            ("number", {"label": _("Number"), "order": "number desc, id desc"}),
            ("name", {"label": _("Subject"), "order": "name, id desc"}),
            ("state", {"label": _("State"), "order": "state, id desc"}),
        ])

    def _get_case_searchbar_filters(self):
        return OrderedDict([
            ("open", {"label": _("Open"),
                      "domain": [("state", "in", ("new", "open", "pending"))]}),
            ("closed", {"label": _("Closed"), "domain": [("state", "in", ("done", "cancel"))]}),
            ("all", {"label": _("All"), "domain": []}),
        ])

    def _prepare_cases_values(self, page=1, sortby=None, filterby=None):
        values = self._prepare_portal_layout_values()
        Case = request.env["interaction.case"]
        sortings = self._get_case_searchbar_sortings()
        filters = self._get_case_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else self._default_case_filter()
        domain = filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/cases", url_args={"sortby": sortby, "filterby": filterby},
            total=Case.search_count(domain), page=page, step=self._items_per_page)
        cases = Case.search(domain, order=sortings[sortby]["order"],
                            limit=self._items_per_page, offset=pager["offset"])
        values.update({
            "cases": cases,
            "unseen_counts": cases._portal_unseen_counts(),
            "page_name": "case",
            "default_url": "/my/cases",
            "pager": pager,
            "searchbar_sortings": sortings,
            "searchbar_filters": filters,
            "sortby": sortby,
            "filterby": filterby,
        })
        return values

    def _prepare_case_values(self, case, access_token=None, error=None):
        """Values of the case page; ``case`` went through
        _portal_check_access (the user's own rights, or sudo with a token).
        The customer (a portal user, or a visitor with the token) has now
        seen the agents' messages; the page still marks them as new."""
        feed = case._portal_feed()
        if request.env.user.share:
            case._portal_mark_seen(feed)
        return {
            "case": case,
            "feed": feed,
            # customers post with a login (a token only gives read access);
            # agents answer from the web client
            "can_post": request.env.user.share and not request.env.user._is_public()
            and case._portal_can_post(),
            "direct_messages": case.can_post_message or case.messages_blocked,
            "access_token": access_token,
            "max_attachment_mb": case._portal_max_attachment_bytes() // (1024 * 1024),
            "error": error,
            "page_name": "case",
            "user": request.env.user,
        }

    def _get_case(self, case_id, access_token=None):
        """The case, checked by the model; NotFound for a case the user may
        not read, so that ids of other customers cannot be told apart."""
        try:
            return request.env["interaction.case"].browse(case_id)._portal_check_access(
                access_token)
        except (AccessError, MissingError):
            raise NotFound()

    def _render_refused(self, case, message, status=403):
        return request.render("interaction_tracker.portal_case_refused", {
            "case": case, "message": message, "page_name": "case"}, status=status)

    def _get_message_files(self, field="attachments"):
        """The files of the form as (name, content); each is read up to one
        byte past the size limit, which the model refuses."""
        limit = request.env["interaction.case"]._portal_max_attachment_bytes() + 1
        files = []
        for storage in request.httprequest.files.getlist(field):
            content = storage.read(limit)
            if not storage.filename and not content:
                continue  # the empty file input of the form
            files.append((storage.filename or "", content))
        return files

    @http.route(["/my/cases", "/my/cases/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_cases(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_cases_values(page=page, sortby=sortby, filterby=filterby)
        return request.render("interaction_tracker.portal_my_cases", values)

    @http.route(["/my/cases/<int:case_id>"], type="http", auth="public", website=True)
    def portal_my_case(self, case_id, access_token=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect("/web/login?redirect=/my/cases/%s" % case_id)
        case = self._get_case(case_id, access_token)
        if case.merged_into_id:
            # what the case held is on the case it was merged into (same
            # customer); the customer's own rights apply there
            return request.redirect("/my/cases/%s" % case._merge_final_case().id)
        return request.render("interaction_tracker.portal_my_case",
                              self._prepare_case_values(case, access_token))

    @http.route(["/my/cases/<int:case_id>/message"], type="http", auth="user",
                methods=["POST"], website=True)
    def portal_case_message(self, case_id, message="", **kw):
        case = request.env["interaction.case"].browse(case_id)
        try:
            # checks the access, the message and every file itself
            case.portal_post_message(message, self._get_message_files())
        except (AccessError, MissingError):
            raise NotFound()
        except MalformedInputError as error:
            return self._render_refused(case, error.name, status=400)
        except ValidationError as error:
            return self._render_refused(case, error.name, status=400)
        except UserError as error:
            return self._render_refused(case, error.name)
        return request.redirect("/my/cases/%s#case_feed" % case.id)

    @http.route(["/my/cases/<int:case_id>/files/<int:attachment_id>"], type="http",
                auth="public", website=True)
    def portal_case_file(self, case_id, attachment_id, access_token=None, download=None,
                         **kw):
        """A file of a message shown on the case page, for those who may
        read the page (404 for anybody else)."""
        case = self._get_case(case_id, access_token)
        try:
            attachment = case._portal_attachment(attachment_id)
        except (AccessError, MissingError, UserError):
            raise NotFound()
        content = base64.b64decode(attachment.datas or b"")
        mimetype = attachment.mimetype or "application/octet-stream"
        # the images of the page are shown; anything else is downloaded
        inline = mimetype in THUMBNAIL_MIMETYPES and not download
        headers = [
            ("Content-Type", mimetype if inline else "application/octet-stream"),
            ("Content-Length", str(len(content))),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "private, max-age=3600"),
        ]
        if not inline or download:
            headers.append(("Content-Disposition", content_disposition(
                attachment.datas_fname or attachment.name or "file")))
        return request.make_response(content, headers)

    @http.route(["/my/cases/new"], type="http", auth="user", methods=["GET", "POST"],
                website=True)
    def portal_new_case(self, subject="", description="", **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "case_new", "error": None,
                       "subject": subject if isinstance(subject, str) else "",
                       "description": description if isinstance(description, str) else ""})
        status = 200
        if request.httprequest.method == "POST":
            try:
                case_id = request.env["interaction.case"].portal_create_case(
                    subject, description)
            except MalformedInputError as error:
                values.update(error=error.name, subject="", description="")
                status = 400
            except (UserError, ValidationError) as error:
                values["error"] = error.name
            else:
                return request.redirect("/my/cases/%s" % case_id)
        return request.render("interaction_tracker.portal_new_case", values, status=status)
