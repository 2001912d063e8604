# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an incoming message is, read from its headers and MIME structure
only (no database): automatic mail (RFC 3834 and the usual vendor headers)
and delivery reports (RFC 3464 DSN, and the non-standard formats through
``flufl.bounce``)."""
import email
import email.errors
import logging
import re

from flufl.bounce import all_failures

from odoo import tools

_logger = logging.getLogger(__name__)
# flufl.bounce logs each detector it runs at INFO level
logging.getLogger("flufl.bounce").setLevel(logging.WARNING)

# local parts of addresses that only send automatic mail
AUTOMATIC_LOCAL_PARTS = {
    "mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply",
    "do-not-reply", "do_not_reply",
}
DAEMON_LOCAL_PARTS = {"mailer-daemon", "postmaster"}
PRECEDENCE_AUTOMATIC = {"bulk", "junk", "list", "auto_reply"}
SUPPRESS_AUTOMATIC = {"all", "autoreply"}
MESSAGE_ID_RE = re.compile(r"^\s*message-id\s*:\s*(<[^>\s]+>)", re.IGNORECASE | re.MULTILINE)
# an SMTP reply or an enhanced status code in a report's text
SMTP_ERROR_RE = re.compile(r"\b([45]\d\d[ -]|[45]\.\d{1,3}\.\d{1,3}\b)")
MAX_DIAGNOSTIC = 500


def local_part(address):
    """The lower-case local part of the first address of a header value."""
    addresses = tools.email_split(address or "")
    return addresses[0].rsplit("@", 1)[0].lower() if addresses else ""


def header(message, name):
    """A header decoded to text ('' when absent or unreadable)."""
    try:
        return tools.decode_message_header(message, name) or ""
    except (LookupError, UnicodeError, email.errors.MessageError):
        return ""


def automatic_reason(message, email_from=None):
    """Why a message was sent by a program rather than a person.

    :param message: email.message.Message
    :param email_from: the decoded From header (read from the message when
        not given)
    :return: the header that says so (e.g. "Auto-Submitted: auto-replied"),
        or False for a message written by a person
    """
    auto_submitted = header(message, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return "Auto-Submitted: %s" % auto_submitted
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if message.get(name) is not None:
            return "%s: %s" % (name, header(message, name).strip())
    precedence = header(message, "Precedence").strip().lower()
    if precedence in PRECEDENCE_AUTOMATIC:
        return "Precedence: %s" % precedence
    suppress = {value.strip().lower()
                for value in header(message, "X-Auto-Response-Suppress").split(",")}
    if suppress & SUPPRESS_AUTOMATIC:
        return "X-Auto-Response-Suppress: %s" % header(
            message, "X-Auto-Response-Suppress").strip()
    return_path = message.get_all("Return-Path") or []
    if return_path and header(message, "Return-Path").strip() in ("<>", ""):
        return "Return-Path: <>"
    if email_from is None:
        email_from = header(message, "From")
    if local_part(email_from) in AUTOMATIC_LOCAL_PARTS:
        return "From: %s" % email_from
    if message.get_content_type() == "multipart/report":
        return "Content-Type: multipart/report"
    return False


def report_type(message):
    """'delivery-status' for a delivery report (standard or not),
    'disposition-notification' for a read receipt, False otherwise."""
    if message.get_content_type() == "multipart/report":
        kind = (message.get_param("report-type") or "").lower()
        return "disposition-notification" if kind == "disposition-notification" \
            else "delivery-status"
    if local_part(header(message, "From")) in DAEMON_LOCAL_PARTS:
        return "delivery-status"
    return False


def delivery_report(message):
    """Read a delivery report.

    :return: dict with ``failed`` (addresses that will not receive the
        e-mail: permanent failures), ``delayed`` (temporary failures),
        ``diagnostic`` (the reason the report gives, as text) and
        ``message_ids`` (Message-Ids of the e-mail the report is about)
    """
    failed, delayed, diagnostics = set(), set(), []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in part.get_payload() or []:
            if not isinstance(block, email.message.Message):
                continue
            action = (block.get("Action") or "").strip().lower()
            recipient = _report_address(block.get("Final-Recipient")) \
                or _report_address(block.get("Original-Recipient"))
            if not recipient:
                continue
            if action.startswith(("fail", "error")):
                failed.add(recipient)
                diagnostic = " ".join(filter(None, [
                    (block.get("Status") or "").strip(),
                    " ".join((block.get("Diagnostic-Code") or "").split())]))
                if diagnostic:
                    diagnostics.append("%s: %s" % (recipient, diagnostic))
            elif action.startswith("delayed"):
                delayed.add(recipient)
    if not failed and not delayed:
        try:
            temporary, permanent = all_failures(message)
        except Exception as error:  # pylint: disable=broad-except
            # the detectors are heuristics on any text: never let them stop the mail
            _logger.info("flufl.bounce could not read a delivery report: %s", error)
            temporary, permanent = set(), set()
        failed = {_decode_address(address) for address in permanent} - {""}
        delayed = {_decode_address(address) for address in temporary} - {""}
    if failed and not diagnostics:
        diagnostics = _text_diagnostics(message)
    return {
        "failed": sorted(failed),
        "delayed": sorted(delayed - failed),
        "diagnostic": "\n".join(diagnostics)[:MAX_DIAGNOSTIC],
        "message_ids": _returned_message_ids(message),
    }


def _decode_address(address):
    if isinstance(address, bytes):
        address = address.decode("ascii", "replace")
    return (tools.email_split(address or "") or [""])[0].lower()


def _report_address(value):
    """The address of a Final-Recipient / Original-Recipient field
    ("rfc822; joe@example.com")."""
    if not value:
        return ""
    return _decode_address(value.split(";", 1)[-1].strip().strip("<>"))


def _text_diagnostics(message):
    """The lines of a non-standard report's text that carry an SMTP error."""
    lines = []
    for part in message.walk():
        if part.get_content_type() != "text/plain":
            continue
        try:
            text = part.get_payload(decode=True).decode(
                part.get_content_charset() or "utf-8", "replace")
        except (AttributeError, LookupError):
            continue
        for line in text.splitlines():
            line = " ".join(line.split())
            if SMTP_ERROR_RE.search(line) and line not in lines:
                lines.append(line)
        if lines:
            break
    return lines[:3]


def _returned_message_ids(message):
    """Message-Ids the report refers to: the returned message or its headers
    (message/rfc822, text/rfc822-headers), In-Reply-To and References of the
    report, and Message-Id lines in the text of non-standard reports."""
    found = []

    def add(values):
        for value in values:
            if value and value not in found:
                found.append(value)

    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in ("message/rfc822", "message/rfc822-headers"):
            for returned in part.get_payload() or []:
                if isinstance(returned, email.message.Message):
                    add(tools.mail_header_msgid_re.findall(header(returned, "Message-Id")))
        elif content_type == "text/rfc822-headers":
            add(MESSAGE_ID_RE.findall(_part_text(part)))
    for name in ("In-Reply-To", "References"):
        add(tools.mail_header_msgid_re.findall(header(message, name)))
    if not found:
        for part in message.walk():
            if part.get_content_maintype() == "text":
                add(MESSAGE_ID_RE.findall(_part_text(part)))
    own = header(message, "Message-Id").strip()
    return [message_id for message_id in found if message_id != own]


def _part_text(part):
    try:
        payload = part.get_payload(decode=True)
    except (AttributeError, LookupError):
        return ""
    if not isinstance(payload, bytes):
        return ""
    return payload.decode(part.get_content_charset() or "utf-8", "replace") \
        if _known_charset(part.get_content_charset()) else payload.decode("latin-1")


def _known_charset(charset):
    if not charset:
        return True
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True


class MailKept(Exception):
    """Raised while routing a message that the gateway keeps as an
    interaction.unhandled.mail instead of posting it (the routing is then
    rolled back, the message kept with ``code`` and ``reason``)."""

    def __init__(self, code, reason):
        super().__init__(reason)
        self.code = code
        self.reason = reason
