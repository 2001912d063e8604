# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

# the placeholders of a canned response; anything else is left as written
PLACEHOLDER_RE = re.compile(r"\$\{(case_number|case_subject|requester_name|agent_name)\}")


class InteractionCase(models.Model):
    """Canned responses (Odoo's mail.shortcode of type text) filled in for a
    case."""
    _inherit = "interaction.case"

    @api.multi
    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        # a canned response typed with ":" in the chatter arrives with its
        # placeholders as written: filled in here for the case, when an agent
        # writes the message under their own name
        if body and isinstance(body, str) and message_type == "comment" \
                and content_subtype == "html" and len(self) == 1 \
                and PLACEHOLDER_RE.search(body) and self._canned_author_is_user(kwargs):
            body = self._fill_canned_placeholders(body)
        return super().message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)

    @api.multi
    def render_canned_response(self, shortcode_id):
        """The HTML of the canned response ``shortcode_id`` with
        ``${case_number}``, ``${case_subject}``, ``${requester_name}`` and
        ``${agent_name}`` replaced by the case's values. The text is
        substituted, never evaluated: the response and the values are
        escaped, so neither can bring markup or code.

        :return: HTML (paragraph with line breaks)
        """
        self._input_one()
        # agents answering on the case: the caller must be allowed to write it
        self.check_access_rights("write")
        self.check_access_rule("write")
        shortcode = self._input_record("mail.shortcode", shortcode_id, _("Canned response"))
        if shortcode.shortcode_type != "text":
            raise UserError(_("%(name)s is not a canned response.") % {
                "name": shortcode.source})
        return self._render_canned_text(shortcode.substitution or "")

    def _canned_response_values(self):
        """The values of the placeholders, as plain text."""
        self.ensure_one()
        return {
            "case_number": self.number or "",
            "case_subject": self.name or "",
            "requester_name": self.requester_id.name or self.partner_id.name or "",
            "agent_name": self.env.user.name or "",
        }

    def _render_canned_text(self, text):
        values = self._canned_response_values()
        html = self._canned_substitute(text, values)
        return "<p>%s</p>" % html.replace("\r\n", "\n").replace("\n", "<br/>")

    def _canned_author_is_user(self, post_values):
        """Whether the message is written by the current user, an agent (not
        a portal message posted as superuser in a customer's name)."""
        author_id = post_values.get("author_id")
        user = self.env.user
        return (not author_id or author_id == user.partner_id.id) and not user.share \
            and user.has_group("interaction_tracker.group_user")

    def _fill_canned_placeholders(self, body):
        """The HTML ``body`` with the placeholders that canned responses use
        replaced by the case's escaped values; other ``${...}`` stay."""
        shortcodes = self.env["mail.shortcode"].search([("shortcode_type", "=", "text"),
                                                        ("substitution", "like", "${")])
        known = set()
        for shortcode in shortcodes:
            known.update(PLACEHOLDER_RE.findall(shortcode.substitution or ""))
        if not known:
            return body
        values = self._canned_response_values()
        return PLACEHOLDER_RE.sub(
            lambda match: html_escape(values[match.group(1)])
            if match.group(1) in known else match.group(0), body)

    @api.model
    def _canned_substitute(self, text, values):
        """``text`` escaped, with each placeholder replaced by its escaped
        value (one pass: a value containing a placeholder stays as it is)."""
        parts = []
        position = 0
        for match in PLACEHOLDER_RE.finditer(text):
            parts.append(html_escape(text[position:match.start()]))
            parts.append(html_escape(values[match.group(1)]))
            position = match.end()
        parts.append(html_escape(text[position:]))
        return "".join(parts)
