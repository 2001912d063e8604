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
