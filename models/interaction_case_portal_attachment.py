# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import os

from odoo import _, api, models
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from .interaction_input_mixin import MAX_LINE_LENGTH, MAX_RECORD_ID, MalformedInputError
from .res_config_settings_portal import DEFAULT_MAX_ATTACHMENT_MB, PARAM_MAX_ATTACHMENT_MB

# context key: the ids of the files created with a direct message, which
# its feed message takes (the relation is not read again for the many
# messages without files)
FILES_KEY = "interaction_direct_message_files"
# at most this many files with one message
MAX_ATTACHMENTS = 10
# programs and scripts, by the start of their content
REFUSED_MAGIC = (
    (b"MZ", "Windows program"),
    (b"\x7fELF", "ELF program"),
    (b"#!", "script"),
    (b"\xfe\xed\xfa\xce", "Mach-O program"),
    (b"\xfe\xed\xfa\xcf", "Mach-O program"),
    (b"\xce\xfa\xed\xfe", "Mach-O program"),
    (b"\xcf\xfa\xed\xfe", "Mach-O program"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java program"),
    (b"dex\n", "Android program"),
)
# texts a browser would run (a page, an SVG image, a script) when opened
REFUSED_CONTENT_MARKERS = (b"<script", b"<html", b"<svg", b"<!doctype html", b"<?php",
                           b"<%@", b"<hta:")
# programs, scripts, installers and shortcuts, by the name's extension
REFUSED_EXTENSIONS = frozenset("""
    exe dll com bat cmd sh bash zsh csh ksh ps1 psm1 psd1 vbs vbe vb js jse mjs wsf wsh ws
    msi msp mst scr pif cpl jar class apk app dmg pkg deb rpm run bin elf so dylib
    py pyc pyw pl pm rb php phtml php3 php4 php5 phar cgi asp aspx jsp hta lnk reg
    inf scf gadget application msc ocx sys drv html htm xhtml shtml svg svgz xht
    appimage command desktop url iso img vhd vhdx
""".split())
# images shown as thumbnails (checked by content, not by name)
THUMBNAIL_MIMETYPES = ("image/png", "image/jpeg", "image/gif")


class InteractionCasePortalAttachment(models.Model):
    """Files sent with direct messages: the upload rules (size, refused
    types) for the customer's portal and the agents alike, and the download
    of a file from the portal."""
    _inherit = "interaction.case"

    @api.model
    def _portal_max_attachment_bytes(self):
        """The "Maximum size of a file" setting (MB, read here only)."""
        value = self.env["ir.config_parameter"].sudo().get_param(
            PARAM_MAX_ATTACHMENT_MB, DEFAULT_MAX_ATTACHMENT_MB)
        try:
            megabytes = float(value)
        except ValueError:
            megabytes = DEFAULT_MAX_ATTACHMENT_MB
        if megabytes <= 0:
            megabytes = DEFAULT_MAX_ATTACHMENT_MB
        return int(megabytes * 1024 * 1024)

    @api.model
    def _check_message_files(self, files):
        """Check the files sent with a direct message, all before anything
        is written.

        :param files: list of (file name, content as bytes)
        :return: list of (file name, content, mimetype)
        :raise MalformedInputError: not a list of (name, bytes)
        :raise ValidationError: a refused file (too large, a program or a
            script, empty), naming the file
        """
        if not files:
            return []
        if not isinstance(files, (list, tuple)):
            raise MalformedInputError(_("The files must be given as a list, not %(value)s.")
                                      % {"value": self._input_repr(files)})
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("At most %(maximum)s files can be sent with one message.")
                                  % {"maximum": MAX_ATTACHMENTS})
        maximum = self._portal_max_attachment_bytes()
        checked = []
        for item in files:
            if not isinstance(item, (list, tuple)) or len(item) != 2 \
                    or not isinstance(item[1], bytes):
                raise MalformedInputError(_(
                    "A file is given as its name and its content, not %(value)s.")
                    % {"value": self._input_repr(item)})
            name = self._input_string(item[0], _("File name"), MAX_LINE_LENGTH,
                                      required=True)
            name = os.path.basename(name.replace("\\", "/")).strip() or "file"
            mimetype = self._check_message_file(name, item[1], maximum)
            checked.append((name, item[1], mimetype))
        return checked

    @api.model
    def _check_message_file(self, name, content, maximum):
        """Refuse one file; return its mimetype, judged by its content."""
        if not content:
            raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
        if len(content) > maximum:
            raise ValidationError(_(
                "The file %(name)s is too large: at most %(maximum)s MB per file.")
                % {"name": name, "maximum": round(maximum / 1024.0 / 1024.0, 1)})
        refused = _("The file %(name)s is refused: programs and scripts cannot be sent.") % {
            "name": name}
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension in REFUSED_EXTENSIONS:
            raise ValidationError(refused)
        if any(content.startswith(magic) for magic, _kind in REFUSED_MAGIC):
            raise ValidationError(refused)
        head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if any(marker in head for marker in REFUSED_CONTENT_MARKERS):
            raise ValidationError(refused)
        mimetype = guess_mimetype(content, default="application/octet-stream")
        if mimetype == "application/octet-stream":
            mimetype = self.env["ir.attachment"]._compute_mimetype({"datas_fname": name})
        if mimetype.startswith("image/") and mimetype not in THUMBNAIL_MIMETYPES:
            # an image the content does not confirm is served as a file
            mimetype = "application/octet-stream"
        if "ht" in mimetype or "xml" in mimetype or "script" in mimetype:
            # never served as a page a browser would run
            mimetype = "text/plain"
        return mimetype

    @api.multi
    def _create_message_attachments(self, files):
        """Store checked files (see ``_check_message_files``) on this case.

        :return: the new ir.attachment records (as superuser)
        """
        self.ensure_one()
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment
        for name, content, mimetype in files:
            attachments |= Attachment.create({
                "name": name,
                "datas_fname": name,
                "datas": base64.b64encode(content),
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
                "public": False,
            })
        return attachments

    @api.multi
    def _check_agent_attachments(self, attachment_ids):
        """Files an agent sends with a direct message: readable by the agent
        and not attached to another document (moving them to the case would
        show them to the customer); checked by the upload rules too.

        :return: the attachments (as superuser, once checked)
        """
        self.ensure_one()
        if not attachment_ids:
            return self.env["ir.attachment"]
        if not isinstance(attachment_ids, (list, tuple)):
            raise MalformedInputError(_("%(field)s expects a list of record ids, not %(value)s.")
                                      % {"field": _("Attachments"),
                                         "value": self._input_repr(attachment_ids)})
        ids = [self._input_id(value, _("Attachments")) for value in attachment_ids]
        attachments = self._input_records("ir.attachment", set(ids), _("Attachments"))
        attachments.check("read")
        maximum = self._portal_max_attachment_bytes()
        if len(attachments) > MAX_ATTACHMENTS:
            raise ValidationError(_("At most %(maximum)s files can be sent with one message.")
                                  % {"maximum": MAX_ATTACHMENTS})
        for attachment in attachments.sudo():
            on_this_case = attachment.res_model == self._name and attachment.res_id == self.id
            unattached = not attachment.res_id and attachment.create_uid == self.env.user
            if not (on_this_case or unattached) or attachment.res_field \
                    or attachment.type != "binary":
                raise UserError(_(
                    "The file %(name)s belongs to another document: attach it again "
                    "to send it.") % {"name": attachment.name})
            name = attachment.datas_fname or attachment.name or "file"
            mimetype = self._check_message_file(
                name, base64.b64decode(attachment.datas or b""), maximum)
            if attachment.mimetype != mimetype:
                attachment.mimetype = mimetype
        return attachments.sudo()

    @api.multi
    def _portal_attachment(self, attachment_id):
        """The file ``attachment_id`` of a communication shown on this
        case's portal page (``self`` went through _portal_check_access),
        as superuser; MissingError otherwise (the portal answers 404)."""
        self.ensure_one()
        attachment_id = self._input_id(attachment_id, _("Attachment"))
        if not 0 < attachment_id <= MAX_RECORD_ID:
            raise MissingError(_("This file does not exist."))
        communications = self.env["interaction.communication"].search(
            self._portal_feed_domain() + [("attachment_ids", "=", attachment_id)], limit=1)
        if not communications:
            raise MissingError(_("This file does not exist."))
        return self.env["ir.attachment"].sudo().browse(attachment_id)
