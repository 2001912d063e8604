# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files on direct messages both ways, who downloads them, the upload
rules, malformed requests, what the portal shows of inbound e-mails,
unseen replies, counts and the customers' notification links: as the
customer, another customer, an anonymous visitor and an agent."""
import base64
import re

import lxml.html

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import common as odoo_common

from ..models.interaction_input_mixin import MalformedInputError
from .test_portal import CSRF_RE, PortalCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJ"
    "RU5ErkJggg==")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HOME_COUNT_RE = re.compile(
    r'o_portal_cases">\s*<span class="badge">(\d+)</span>', re.DOTALL)


class TestPortalAttachments(PortalCase):

    def setUp(self):
        super().setUp()
        self.Attachment = self.env["ir.attachment"]

    # helpers -----------------------------------------------------------
    def _post_files(self, case, message, files, csrf):
        """POST the message form as multipart: files is a list of
        (field name, file name, content)."""
        self.cr.commit()  # pylint: disable=invalid-commit
        response = self.opener.post(
            "http://%s:%s/my/cases/%s/message" % (odoo_common.HOST, odoo_common.PORT, case.id),
            data={"message": message, "csrf_token": csrf},
            files=[(field, (name, content)) for field, name, content in files], timeout=30)
        self.env.clear()
        return response

    def _call_kw(self, model, method, args, kwargs=None):
        """/web/dataset/call_kw with the session's user (what the portal's
        session may call from a browser)."""
        self.cr.commit()  # pylint: disable=invalid-commit
        response = self.opener.post(
            "http://%s:%s/web/dataset/call_kw" % (odoo_common.HOST, odoo_common.PORT),
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": model, "method": method, "args": args,
                "kwargs": kwargs or {}}}, timeout=30)
        self.env.clear()
        return response.json()

    def _logout(self):
        self.opener.cookies.clear()

    def _feed_files(self, case, token=None):
        url = "/my/cases/%s%s" % (case.id, "?access_token=%s" % token if token else "")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, page.text[:2000])
        tree = lxml.html.fromstring(page.text)
        return tree, [link.get("href") for link in tree.xpath(
            "//ul[contains(@class, 'o_interaction_feed_files')]//a")]

    def _case_attachments(self, case):
        return self.Attachment.search([("res_model", "=", case._name), ("res_id", "=", case.id)])

    # files both ways ---------------------------------------------------
    def test_customer_sends_files_downloaded_by_case_users_only(self):
        self._login(self.user_a)
        csrf = self._csrf("/my/cases/%s" % self.case_a.id)
        response = self._post_files(self.case_a, "Photo and quote", [
            ("attachments", "photo.png", PNG), ("attachments", "quote.pdf", PDF)], csrf)
        self.assertEqual(response.status_code, 200, response.text[:2000])
        message = self._messages(self.case_a)
        self.assertEqual(len(message), 1)
        self.assertEqual(sorted(message.attachment_ids.mapped("name")), ["photo.png", "quote.pdf"])
        self.assertEqual(message.attachment_ids.mapped("res_model"), ["interaction.case"] * 2)
        self.assertEqual(message.message_id.attachment_ids, message.attachment_ids,
                         "the agents see the files in the case's feed")
        photo = message.attachment_ids.filtered(lambda a: a.name == "photo.png")
        quote = message.attachment_ids - photo
        self.assertEqual(photo.mimetype, "image/png")
        tree, links = self._feed_files(self.case_a)
        photo_url = "/my/cases/%s/files/%s" % (self.case_a.id, photo.id)
        quote_url = "/my/cases/%s/files/%s" % (self.case_a.id, quote.id)
        self.assertIn(photo_url, links)
        self.assertIn(quote_url, links)
        self.assertTrue(tree.xpath("//img[@src='%s']" % photo_url), "a thumbnail")
        image = self.url_open(photo_url)
        self.assertEqual((image.status_code, image.content), (200, PNG))
        self.assertEqual(image.headers["Content-Type"], "image/png")
        self.assertEqual(image.headers["X-Content-Type-Options"], "nosniff")
        document = self.url_open(quote_url)
        self.assertEqual((document.status_code, document.content), (200, PDF))
        self.assertIn("attachment", document.headers["Content-Disposition"])
        self.assertEqual(self.url_open("/web/content/%s" % quote.id).status_code, 200)
        self.assertEqual(quote.sudo(self.user_a).read(["datas"])[0]["datas"],
                         base64.b64encode(PDF))

        # the agent, in the web client and on the portal page
        self._login(self.agent)
        self.assertEqual(self.url_open("/web/content/%s" % quote.id).content, PDF)
        self.assertEqual(self.url_open(quote_url).content, PDF)

        # another customer
        self._login(self.user_b)
        for url in (photo_url, quote_url):
            refused = self.url_open(url)
            self.assertEqual(refused.status_code, 404)
            self.assertNotIn(PDF, refused.content)
        refused = self.url_open("/web/content/%s" % quote.id)
        self.assertIn(refused.status_code, (403, 404))
        self.assertNotIn(PDF, refused.content)
        with self.assertRaises(AccessError):
            quote.sudo(self.user_b).read(["datas"])
        self.assertIn("error", self._call_kw("ir.attachment", "read", [quote.ids, ["datas"]]))
        # B's own case with A's file id
        self.assertEqual(self.url_open(
            "/my/cases/%s/files/%s" % (self.case_b.id, quote.id)).status_code, 404)

        # an anonymous visitor: without the case's token nothing, with it the files
        self._logout()
        self.assertEqual(self.url_open(quote_url).status_code, 404)
        self.assertEqual(self.url_open(quote_url + "?access_token=wrong").status_code, 404)
        anonymous = self.url_open("/web/content/%s" % quote.id)
        self.assertNotIn(PDF, anonymous.content)
        _tree, links = self._feed_files(self.case_a, self.case_a.access_token)
        token_url = "%s?access_token=%s" % (quote_url, self.case_a.access_token)
        self.assertIn(token_url, links)
        self.assertEqual(self.url_open(token_url).content, PDF)
        self.assertEqual(self.url_open("/my/cases/%s/files/%s?access_token=%s" % (
            self.case_b.id, quote.id, self.case_b.access_token)).status_code, 404)

    def test_agent_sends_files(self):
        Attachment = self.Attachment.sudo(self.agent)
        upload = Attachment.create({
            "name": "manual.pdf", "datas_fname": "manual.pdf", "datas": base64.b64encode(PDF),
            "res_model": "interaction.direct.message.wizard", "res_id": 0})
        wizard = self.env["interaction.direct.message.wizard"].sudo(self.agent).with_context(
            active_model="interaction.case", active_id=self.case_a.id).create({
                "body": "<p>Here is the manual</p>", "attachment_ids": [(6, 0, upload.ids)]})
        wizard.action_send()
        message = self._messages(self.case_a)
        self.assertEqual(message.attachment_ids, upload)
        self.assertEqual((upload.res_model, upload.res_id), ("interaction.case", self.case_a.id))
        self.assertEqual(message.message_id.attachment_ids, upload)
        self._login(self.user_a)
        _tree, links = self._feed_files(self.case_a)
        url = "/my/cases/%s/files/%s" % (self.case_a.id, upload.id)
        self.assertIn(url, links)
        self.assertEqual(self.url_open(url).content, PDF)
        self._login(self.user_b)
        self.assertEqual(self.url_open(url).status_code, 404)

        case = self.case_a.sudo(self.agent)
        # a file of another document (B's case) would move to A's customer
        other = self.Attachment.create({
            "name": "b.pdf", "datas": base64.b64encode(PDF),
            "res_model": "interaction.case", "res_id": self.case_b.id})
        with self.assertRaises(UserError):
            case.post_direct_message("<p>Steal</p>", attachment_ids=other.ids)
        self.assertEqual((other.res_model, other.res_id), ("interaction.case", self.case_b.id))
        program = Attachment.create({
            "name": "tool.pdf", "datas_fname": "tool.pdf",
            "datas": base64.b64encode(b"MZ\x90\x00" + b"\x00" * 64),
            "res_model": "interaction.direct.message.wizard", "res_id": 0})
        with self.assertRaises(ValidationError):
            case.post_direct_message("<p>Program</p>", attachment_ids=program.ids)
        for wrong in ("1", [0], [2 ** 31], ["x"]):
            with self.assertRaises((UserError, MissingError)):
                case.post_direct_message("<p>Wrong</p>", attachment_ids=wrong)
        self.assertEqual(len(self._messages(self.case_a)), 1, "nothing half-posted")

    def test_refused_files_refuse_the_message(self):
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.portal_max_attachment_mb", "1")
        self._login(self.user_a)
        csrf = self._csrf("/my/cases/%s" % self.case_a.id)
        refused = [
            ("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "programmes"),
            ("report.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "programmes"),
            ("notes.txt", b"#!/bin/sh\nrm -rf /\n", "programmes"),
            ("run.sh", b"echo hello\n", "programmes"),
            ("setup.EXE", b"plain text", "programmes"),
            ("page.png", b"<html><script>alert(1)</script></html>", "programmes"),
            ("big.pdf", b"%PDF" + b"0" * (1024 * 1024), "trop volumineux"),
        ]
        for name, content, reason in refused:
            response = self._post_files(self.case_a, "With %s" % name, [
                ("attachments", "ok.png", PNG), ("attachments", name, content)], csrf)
            self.assertEqual(response.status_code, 400, name)
            self.assertIn(reason, response.text, name)
            self.assertIn("pas été envoyé", response.text, "the page is French")
            self.assertIn(name, response.text)
        self.assertFalse(self._messages(self.case_a), "nothing posted")
        self.assertFalse(self._case_attachments(self.case_a), "no file kept")
        # the same rules for model callers (XML-RPC)
        case = self.case_a.sudo(self.user_a)
        with self.assertRaises(ValidationError):
            case.portal_post_message("x", [("a.bat", b"echo")])
        with self.assertRaises(MalformedInputError):
            case.portal_post_message("x", [("a.txt", "not bytes")])
        with self.assertRaises(MalformedInputError):
            case.portal_post_message("x", "a.txt")
        with self.assertRaises(ValidationError):
            case.portal_post_message("x", [("f%s.txt" % i, b"x") for i in range(11)])
        self.assertFalse(self._messages(self.case_a))
        # within the limit
        response = self._post_files(self.case_a, "Log", [
            ("attachments", "server.log", b"line\n" * 1000)], csrf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._messages(self.case_a).attachment_ids.name, "server.log")

    def test_max_size_setting(self):
        Case = self.env["interaction.case"]
        self.assertEqual(Case._portal_max_attachment_bytes(), 10 * 1024 * 1024)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.interaction_portal_max_attachment_mb, 10)
        settings.interaction_portal_max_attachment_mb = 3
        settings.execute()
        self.assertEqual(Case._portal_max_attachment_bytes(), 3 * 1024 * 1024)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"interaction_portal_max_attachment_mb": 0})
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.portal_max_attachment_mb", "lots")
        self.assertEqual(Case._portal_max_attachment_bytes(), 10 * 1024 * 1024)

    # what share users download -----------------------------------------
    def test_internal_files_of_own_case_not_downloadable(self):
        """Files of a call, of an internal exchange and of an e-mail with a
        third party on the customer's own case are the agents' only."""
        Communication = self.Communication.sudo(self.agent)
        third_party = self.env["res.partner"].create({
            "name": "Supplier", "email": "supplier@example.com"})

        def attachment(name):
            return self.Attachment.create({
                "name": name, "datas": base64.b64encode(name.encode()),
                "res_model": "interaction.case", "res_id": self.case_a.id})
        call_file, note_file, mail_file, loose_file = (
            attachment("call.txt"), attachment("note.txt"), attachment("supplier.txt"),
            attachment("loose.txt"))
        Communication.create({
            "case_id": self.case_a.id, "kind": "call", "direction": "incoming",
            "sender_id": self.user_a.partner_id.id, "recipient_id": self.agent.partner_id.id,
            "body": "<p>Call</p>",
            "attachment_ids": [(6, 0, call_file.ids)]})
        Communication.create({
            "case_id": self.case_a.id, "kind": "exchange", "body": "<p>Note</p>",
            "attachment_ids": [(6, 0, note_file.ids)]})
        self.Communication.create({
            "case_id": self.case_a.id, "kind": "email", "direction": "incoming",
            "sender_id": third_party.id, "body": "<p>Price list</p>",
            "attachment_ids": [(6, 0, mail_file.ids)]})
        own = self.Communication.browse(self.case_a.sudo(self.agent).post_direct_message(
            "<p>Yours</p>"))
        own_file = attachment("yours.txt")
        own.write({"attachment_ids": [(6, 0, own_file.ids)]})
        internal = call_file | note_file | mail_file | loose_file

        self._login(self.user_a)
        for record in internal:
            self.assertIn(self.url_open("/web/content/%s" % record.id).status_code, (403, 404))
            self.assertEqual(self.url_open("/my/cases/%s/files/%s" % (
                self.case_a.id, record.id)).status_code, 404)
            with self.assertRaises(AccessError):
                record.sudo(self.user_a).read(["datas"])
        self.assertIn("error", self._call_kw("ir.attachment", "read", [internal.ids, ["name"]]))
        visible = self.Attachment.sudo(self.user_a).search([("res_model", "=", "interaction.case")])
        self.assertEqual(visible, own_file)
        groups = self.Attachment.sudo(self.user_a).read_group(
            [("res_model", "=", "interaction.case")], ["name"], ["name"])
        self.assertEqual([group["name"] for group in groups], ["yours.txt"])
        self.assertEqual(self.Attachment.sudo(self.user_a).name_search("txt"),
                         [(own_file.id, "yours.txt")])
        self.assertEqual(self.url_open("/web/content/%s" % own_file.id).content, b"yours.txt")
        result = self._call_kw("ir.attachment", "read", [own_file.ids, ["name"]])
        self.assertEqual(result.get("result"), [{"id": own_file.id, "name": "yours.txt"}])
        # the agents keep Odoo's rule
        self.assertEqual(len(internal.sudo(self.agent).read(["name"])), 4)

    # malformed requests ------------------------------------------------
    def test_malformed_requests(self):
        self._login(self.user_a)
        for case_id in (0, 2 ** 31, 2 ** 31 - 1, 10 ** 20):
            page = self.url_open("/my/cases/%s" % case_id)
            self.assertEqual(page.status_code, 404, case_id)
            self.assertEqual(self.url_open("/my/cases/%s/files/1" % case_id).status_code, 404)
        self.assertEqual(self.url_open("/my/cases/%s/files/%s" % (
            self.case_a.id, 2 ** 31)).status_code, 404)
        csrf = self._csrf("/my/cases/%s" % self.case_a.id)
        self.assertEqual(self.url_open("/my/cases/%s/message" % 2 ** 31, data={
            "message": "Hi", "csrf_token": csrf}).status_code, 404)
        # a file as the message, a NUL character
        as_file = self._post_files(self.case_a, None, [("message", "m.txt", b"Hello")], csrf)
        self.assertEqual(as_file.status_code, 400, as_file.text[:1000])
        nul = self.url_open("/my/cases/%s/message" % self.case_a.id, data={
            "message": "Hello\x00there", "csrf_token": csrf})
        self.assertEqual(nul.status_code, 400)
        # on another customer's case: 404, whatever the message
        other = self.url_open("/my/cases/%s/message" % self.case_b.id, data={
            "message": "Hello\x00there", "csrf_token": csrf})
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("Secret of B", other.text)
        self.assertFalse(self._messages(self.case_a))
        new_csrf = CSRF_RE.search(self.url_open("/my/cases/new").text).group(1)
        Case = self.env["interaction.case"]
        before = Case.search_count([])
        nul_subject = self.url_open("/my/cases/new", data={
            "subject": "Broken\x00subject", "csrf_token": new_csrf})
        self.assertEqual(nul_subject.status_code, 400)
        self.assertIn("NUL", nul_subject.text)
        self.assertEqual(Case.search_count([]), before)
        self.cr.commit()  # pylint: disable=invalid-commit
        file_subject = self.opener.post(
            "http://%s:%s/my/cases/new" % (odoo_common.HOST, odoo_common.PORT),
            data={"csrf_token": new_csrf}, files=[("subject", ("s.txt", b"Subject"))],
            timeout=30)
        self.assertEqual(file_subject.status_code, 400)
        self.assertEqual(Case.search_count([]), before)
        # the model refuses them on every path
        with self.assertRaises(MalformedInputError):
            Case.sudo(self.user_a).portal_create_case("Broken\x00")
        with self.assertRaises(MalformedInputError):
            Case.sudo(self.agent).create({"name": "Nul\x00", "partner_id": self.org_a.id})
        with self.assertRaises(MalformedInputError):
            self.case_a.sudo(self.agent).write({"description": "<p>a\x00b</p>"})
        with self.assertRaises(MissingError):
            Case.browse(2 ** 31).sudo(self.user_a)._portal_check_access()

    # what the portal shows of inbound e-mails --------------------------
    def test_inbound_mail_styles_and_remote_images_not_rendered(self):
        body = (
            '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">'
            'Pay here</div><p>Hello <img src="http://tracker.example.com/p.png" alt="logo">'
            '<img src="https://cdn.example.com/x.gif"><img src="//cdn.example.com/y.gif"></p>'
            '<p style="background:url(http://evil.example.com/bg.png)">Styled</p>'
            '<table background="http://evil.example.com/t.png"><tr><td>Cell</td></tr></table>')
        mail = self.Communication.create({
            "case_id": self.case_a.id, "kind": "email", "direction": "incoming",
            "sender_id": self.user_a.partner_id.id, "subject": "Inbound", "body": body})
        self.assertIn("position:fixed", mail.body.replace(" ", ""),
                      "the agents' web client keeps the stored body")
        self._login(self.user_a)
        page = self.url_open("/my/cases/%s" % self.case_a.id).text
        feed = page[page.index('<div id="case_feed"'):page.index('<form')]
        tree = lxml.html.fromstring(feed)
        bodies = tree.xpath("//div[contains(@class, 'o_interaction_feed_body')]")
        self.assertTrue(bodies)
        for node in bodies:
            for element in node.iterdescendants():
                self.assertNotIn("style", element.attrib, lxml.html.tostring(element))
                self.assertNotIn("background", element.attrib)
                self.assertFalse((element.get("src") or "").startswith(("http", "//")))
        self.assertNotIn("evil.example.com", feed)
        self.assertIn("Pay here", feed)
        self.assertIn("Cell", feed)
        links = tree.xpath("//div[contains(@class, 'o_interaction_feed_body')]//a/@href")
        self.assertIn("http://tracker.example.com/p.png", links)
        self.assertIn("https://cdn.example.com/x.gif", links)

    # unseen replies, counts --------------------------------------------
    def test_unseen_replies_marked_until_opened(self):
        case = self.case_a.sudo(self.agent)
        first = self.Communication.browse(case.post_direct_message("<p>First answer</p>"))
        self.Communication.browse(case.post_direct_message("<p>Second answer</p>"))
        self.assertFalse(first.seen_by_customer)
        self._login(self.user_a)
        listing = lxml.html.fromstring(self.url_open("/my/cases").text)
        badges = listing.xpath("//span[contains(@class, 'o_interaction_unseen')]")
        self.assertEqual(len(badges), 1)
        self.assertIn("2", badges[0].text_content())
        self.assertIn("nouveau", badges[0].text_content())
        page = lxml.html.fromstring(self.url_open("/my/cases/%s" % self.case_a.id).text)
        self.assertEqual(len(page.xpath(
            "//div[@id='case_feed']//span[contains(@class, 'o_interaction_unseen')]")), 2)
        # opened: seen, and the agent reads it
        self.assertTrue(first.sudo(self.agent).seen_by_customer)
        self.assertTrue(first.sudo(self.agent).seen_by_customer_date)
        page = lxml.html.fromstring(self.url_open("/my/cases/%s" % self.case_a.id).text)
        self.assertFalse(page.xpath("//span[contains(@class, 'o_interaction_unseen')]"))
        listing = lxml.html.fromstring(self.url_open("/my/cases").text)
        self.assertFalse(listing.xpath("//span[contains(@class, 'o_interaction_unseen')]"))
        # an agent looking at the portal page marks nothing
        third = self.Communication.browse(case.post_direct_message("<p>Third</p>"))
        self._login(self.agent)
        self.assertEqual(self.url_open("/my/cases/%s" % self.case_a.id).status_code, 200)
        self.assertFalse(third.seen_by_customer)
        # the customer cannot set it by RPC
        with self.assertRaises(AccessError):
            third.sudo(self.user_a).write({"seen_by_customer": True})

    def test_home_count_is_the_list_it_opens(self):
        Case = self.env["interaction.case"].sudo(self.agent)
        for index in range(3):
            Case.create({"name": "Closed %s" % index, "partner_id": self.org_a.id,
                         "state": "done"})
        Case.create({"name": "Another open", "partner_id": self.org_a.id})
        self._login(self.user_a)
        home = self.url_open("/my/home").text
        count = int(HOME_COUNT_RE.search(home).group(1))
        listing = lxml.html.fromstring(self.url_open("/my/cases").text)
        rows = listing.xpath("//table[contains(@class, 'o_portal_my_doc_table')]/tbody/tr")
        self.assertEqual(count, len(rows))
        self.assertEqual(count, 2)
        self.assertEqual(len(lxml.html.fromstring(self.url_open(
            "/my/cases?filterby=all").text).xpath("//table/tbody/tr")), 5)
        self.assertIn("Modifier", home, "Odoo's untranslated \"Change\"")

    # the customer's notification e-mails -------------------------------
    def test_notification_links_to_the_case(self):
        self.user_a.partner_id.email = "a@example.com"
        case = self.case_a.sudo(self.agent).with_context(mail_notify_force_send=False)
        communication = self.Communication.browse(
            case.post_direct_message("<p>Mailed answer</p>", notify_by_email=True))
        mail = self.env["mail.mail"].search([
            ("mail_message_id", "=", communication.message_id.id),
            ("recipient_ids", "in", self.user_a.partner_id.ids)])
        self.assertEqual(len(mail), 1)
        self.assertIn("/my/cases/%s" % self.case_a.id, mail.body_html)
        self.assertNotIn(self.case_a.access_token, mail.body_html, "a login for portal users")
        self.assertIn(self.agent.name, mail.subject)
        # a customer without an account gets the case's token link
        guest = self.env["res.partner"].create({
            "name": "Guest Customer", "email": "guest@example.com", "parent_id": self.org_a.id})
        guest_case = self.env["interaction.case"].sudo(self.agent).create({
            "name": "Guest case", "partner_id": self.org_a.id, "requester_id": guest.id})
        communication = self.Communication.browse(guest_case.with_context(
            mail_notify_force_send=False).post_direct_message("<p>Hello guest</p>",
                                                              notify_by_email=True))
        mail = self.env["mail.mail"].search([
            ("mail_message_id", "=", communication.message_id.id),
            ("recipient_ids", "in", guest.ids)])
        self.assertIn("/my/cases/%s?access_token=%s" % (guest_case.id, guest_case.access_token),
                      mail.body_html)
        self.assertIn(self.agent.name, mail.subject)
        self.assertIn("Hello guest", mail.body_html)
