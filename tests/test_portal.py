# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal and direct messages, through real HTTP requests on the
test server (which shares the test cursor: self.cr counts its queries)."""
import re
from datetime import timedelta

import lxml.html

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import QueryCounterMixin, ServerCursorCase, create_user

# posting a message (the model call: access check, communication, chatter
# post, the agents' notification in Odoo; their e-mail goes out from a
# cron)
POST_QUERY_BUDGET = 36
# the whole POST request (session, CSRF, routing, the above), on top of the
# page it redirects to
HTTP_POST_QUERY_BUDGET = 35
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class PortalCase(QueryCounterMixin, ServerCursorCase):
    """Two portal customers of two organizations, an agent, a case each;
    requests go through the test server."""

    def setUp(self):
        super().setUp()
        params = self.env["ir.config_parameter"]
        params.set_param("interaction_tracker.direct_messages", "True")
        params.set_param("interaction_tracker.notify_by_email_default", "False")
        Partner = self.env["res.partner"]
        self.org_a = Partner.create({"name": "Acme Portal A", "is_company": True})
        self.org_b = Partner.create({"name": "Bolt Portal B", "is_company": True})
        self.user_a = create_user(
            self.env, "it_portal_a", ["base.group_portal"],
            parent_id=self.org_a.id)
        self.user_b = create_user(
            self.env, "it_portal_b", ["base.group_portal"],
            parent_id=self.org_b.id)
        self.agent = create_user(
            self.env, "it_portal_agent", ["interaction_tracker.group_user"])
        Case = self.env["interaction.case"].sudo(self.agent)
        self.case_a = Case.create({
            "name": "Printer jam", "partner_id": self.org_a.id,
            "requester_id": self.user_a.partner_id.id})
        self.case_b = Case.create({
            "name": "Secret of B", "partner_id": self.org_b.id,
            "requester_id": self.user_b.partner_id.id})
        for user in self.user_a | self.user_b | self.agent:
            user.write({"password": user.login})
        # the customer reads the portal in French (templates are translated)
        self.user_a.write({"lang": "fr_FR"})
        self.Communication = self.env["interaction.communication"]
        # a TestCursor: its commit only moves a savepoint
        self.cr.commit()  # pylint: disable=invalid-commit

    def url_open(self, url, data=None, timeout=30):
        """Make what the test wrote visible to the server, and what the
        server wrote visible to the test."""
        # a TestCursor: its commit only moves a savepoint
        self.cr.commit()  # pylint: disable=invalid-commit
        response = super().url_open(url, data=data, timeout=timeout)
        self.env.clear()
        return response

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return CSRF_RE.search(response.text).group(1)

    def _post(self, case, message, csrf=None):
        data = {"message": message}
        if csrf:
            data["csrf_token"] = csrf
        return self.url_open("/my/cases/%s/message" % case.id, data=data)

    def assertSafeHtml(self, html):
        """No live script, <base>, event handler or javascript: link."""
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
        self.assertFalse(tree.xpath("//script | //base | //iframe"), html)
        for node in tree.iter():
            for name, value in node.attrib.items():
                self.assertFalse(name.lower().startswith("on"), html)
                self.assertNotIn("javascript:", value.lower(), html)

    def _messages(self, case):
        return self.Communication.search([("case_id", "=", case.id), ("kind", "=", "message")])


class TestPortal(PortalCase):

    def test_portal_home_and_list(self):
        self._login(self.user_a)
        home = self.url_open("/my/home")
        self.assertIn("/my/cases", home.text)
        for filterby in ("open", "closed", "all"):
            for sortby in ("date", "number", "name", "state"):
                page = self.url_open("/my/cases?filterby=%s&sortby=%s" % (filterby, sortby))
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("Secret of B", page.text)
        listing = self.url_open("/my/cases?filterby=all")
        self.assertIn("Printer jam", listing.text)

    def test_languages_of_website_routes(self):
        """The portal's routes take their languages from res.lang's caches
        (see ir.http): a language prefix is honoured, and a language
        activated afterwards is offered at once."""
        self._login(self.user_b)  # reads in English
        french = self.url_open("/fr_FR/my/cases")
        self.assertEqual(french.status_code, 200)
        self.assertIn("Dossiers", french.text)
        self.assertEqual(self.url_open("/nl_NL/my/cases").status_code, 404)
        # the language's record is rolled back with the test: so are the
        # caches that hold it
        self.addCleanup(self.env["res.lang"].clear_caches)
        self.env["res.lang"].load_lang("nl_NL")
        self.assertEqual(self.url_open("/nl_NL/my/cases").status_code, 200)

    def test_organization_case_without_contacts(self):
        """A case of the customer's organization with nobody on its contacts
        card is theirs too (the rule's two branches are alternatives)."""
        case = self.env["interaction.case"].sudo(self.agent).create({
            "name": "Nobody on the card", "partner_id": self.org_a.id})
        self.assertFalse(case.case_contact_ids)
        self._login(self.user_a)
        self.assertIn("Nobody on the card", self.url_open("/my/cases?filterby=all").text)
        self.assertEqual(self.url_open("/my/cases/%s" % case.id).status_code, 200)
        self.assertIn(case, self.env["interaction.case"].sudo(self.user_a).search([]))

    def test_customer_never_reaches_other_case(self):
        self._login(self.user_a)
        page = self.url_open("/my/cases/%s" % self.case_b.id)
        self.assertIn(page.status_code, (403, 404))
        self.assertNotIn("Secret of B", page.text)
        # guessing ids, and with A's own token on B's case
        missing = self.url_open("/my/cases/%s" % (self.case_b.id + 1000))
        self.assertIn(missing.status_code, (403, 404))
        wrong_token = self.url_open("/my/cases/%s?access_token=%s" % (
            self.case_b.id, self.case_a.access_token))
        self.assertIn(wrong_token.status_code, (403, 404))
        self.assertNotIn("Secret of B", wrong_token.text)
        csrf = self._csrf("/my/cases/%s" % self.case_a.id)
        refused = self._post(self.case_b, "Hello B", csrf)
        self.assertIn(refused.status_code, (403, 404))
        self.assertFalse(self._messages(self.case_b))
        with self.assertRaises(AccessError):
            self.case_b.sudo(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.case_b.sudo(self.user_a).portal_post_message("Hello")

    def test_access_token_gives_read_access(self):
        page = self.url_open("/my/cases/%s?access_token=%s" % (
            self.case_a.id, self.case_a.access_token))
        self.assertEqual(page.status_code, 200, page.text[:3000])
        self.assertIn("Printer jam", page.text)
        self.assertNotIn('name="message"', page.text, "posting needs a login")
        anonymous = self.url_open("/my/cases/%s?access_token=bad" % self.case_a.id)
        self.assertIn(anonymous.status_code, (403, 404))
        # the generic portal chatter cannot be used to post with the token
        chatter = self.url_open("/mail/chatter_post", data={
            "res_model": "interaction.case", "res_id": self.case_a.id,
            "message": "bypass", "token": self.case_a.access_token})
        self.assertNotEqual(chatter.status_code, 200)
        self.assertFalse(self.case_a.message_ids.filtered(lambda m: "bypass" in (m.body or "")))

    def test_post_needs_csrf_token(self):
        self._login(self.user_a)
        response = self._post(self.case_a, "No token")
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(self._messages(self.case_a))
        forged = self._post(self.case_a, "Forged token", "0123456789abcdef" * 3)
        self.assertIn(forged.status_code, (400, 403))
        self.assertFalse(self._messages(self.case_a))

    def test_post_message_sanitized_and_read_round_trip(self):
        self._login(self.user_a)
        csrf = self._csrf("/my/cases/%s" % self.case_a.id)
        payload = ('<script>alert(1)</script><img src=x onerror="alert(2)">'
                   '<base href="http://evil/"><a href="javascript:alert(3)">x</a> Bonjour')
        response = self._post(self.case_a, payload, csrf)
        self.assertEqual(response.status_code, 200)
        message = self._messages(self.case_a)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.direction, "incoming")
        self.assertEqual(message.sender_id, self.user_a.partner_id)
        self.assertFalse(message.processed)
        self.assertFalse(message.is_read)
        page = self.url_open("/my/cases/%s" % self.case_a.id).text
        feed = page[page.index('<div id="case_feed"'):page.index('<form')]
        self.assertSafeHtml(message.body)
        self.assertSafeHtml(feed)
        self.assertIn("Bonjour", page)
        self.assertIn("Pas encore lu", page)
        # the agent sees it in purple in the feed, and is notified
        chatter = message.message_id
        self.assertIn("#6f42c1", chatter.body)
        self.assertNotIn("<script", chatter.body)
        self.assertEqual(chatter.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(self.case_a.unprocessed_count, 1)
        message.sudo(self.agent).action_mark_read()
        self.assertIn(">Lu<", self.url_open("/my/cases/%s" % self.case_a.id).text)
        message.sudo(self.agent).action_mark_unread()
        self.assertIn("Pas encore lu", self.url_open("/my/cases/%s" % self.case_a.id).text)
        with self.assertRaises(AccessError):
            message.sudo(self.user_a).action_mark_read()
        with self.assertRaises(UserError):
            self.case_a.sudo(self.agent).portal_post_message("Not as an agent")

    def test_agent_html_sanitized(self):
        communication = self.Communication.browse(self.case_a.sudo(self.agent).post_direct_message(
            '<p onclick="steal()">Hi</p><script>bad()</script><base href="http://evil/">'
            '<a href="javascript:alert(1)">link</a><img src="x" onerror="alert(2)">'))
        self.assertSafeHtml(communication.body)
        self.assertIn("Hi", communication.body)

    def test_feed_hides_internal_exchanges(self):
        self.Communication.create({
            "case_id": self.case_a.id, "kind": "exchange", "body": "<p>Internal note XYZ</p>"})
        self.case_a.sudo(self.agent).post_direct_message("<p>Agent answer</p>")
        self._login(self.user_a)
        page = self.url_open("/my/cases/%s" % self.case_a.id).text
        self.assertIn("Agent answer", page)
        self.assertNotIn("Internal note XYZ", page)
        visible = self.Communication.sudo(self.user_a).search([("case_id", "=", self.case_a.id)])
        self.assertEqual(visible.mapped("kind"), ["message"])

    def test_blocked_conversation(self):
        self.case_a.sudo(self.agent).post_direct_message("<p>Before blocking</p>")
        self.case_a.sudo(self.agent).action_block_conversation()
        self._login(self.user_a)
        page = self.url_open("/my/cases/%s" % self.case_a.id)
        self.assertIn("Before blocking", page.text)
        self.assertNotIn('name="message"', page.text)
        csrf = CSRF_RE.search(self.url_open("/my/cases/new").text).group(1)
        refused = self._post(self.case_a, "After blocking", csrf)
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(len(self._messages(self.case_a)), 1)
        with self.assertRaises(UserError):
            self.case_a.sudo(self.agent).post_direct_message("<p>Agent too</p>")
        self.case_a.sudo(self.agent).action_unblock_conversation()
        self.assertTrue(self.case_a.sudo(self.agent).post_direct_message("<p>Again</p>"))

    def test_settings_switch_off_direct_messages(self):
        settings = self.env["res.config.settings"].create({
            "interaction_direct_messages": False})
        settings.execute()
        self.assertFalse(self.env["res.config.settings"].create({})
                         .interaction_direct_messages)
        self._login(self.user_a)
        page = self.url_open("/my/cases/%s" % self.case_a.id)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn('name="message"', page.text)
        csrf = CSRF_RE.search(self.url_open("/my/cases/new").text).group(1)
        self.assertEqual(self._post(self.case_a, "Hello", csrf).status_code, 403)
        self.assertFalse(self._messages(self.case_a))
        with self.assertRaises(UserError):
            self.case_a.sudo(self.agent).post_direct_message("<p>Hello</p>")

    def test_post_window_after_closing(self):
        self.env["ir.config_parameter"].set_param("interaction_tracker.portal_post_days", "7")
        self.case_a.write({"state": "done"})
        self.assertTrue(self.case_a.sudo(self.user_a)._portal_can_post())
        old = fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=8)
        self.case_a.write({"date_closed": fields.Datetime.to_string(old)})
        self.assertFalse(self.case_a.sudo(self.user_a)._portal_can_post())
        with self.assertRaises(UserError):
            self.case_a.sudo(self.user_a).portal_post_message("Too late")
        # a value that is not a number: the cases and the settings page both
        # take the default
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.portal_post_days", "a week")
        self.assertEqual(self.case_a._portal_post_days(), 7)
        self.assertEqual(
            self.env["res.config.settings"].create({}).interaction_portal_post_days, 7)

    def test_new_case_from_portal(self):
        self._login(self.user_a)
        csrf = CSRF_RE.search(self.url_open("/my/cases/new").text).group(1)
        empty = self.url_open("/my/cases/new", data={"subject": " ", "csrf_token": csrf})
        self.assertEqual(empty.status_code, 200)
        response = self.url_open("/my/cases/new", data={
            "subject": "Screen <b>flickers</b>", "description": "<script>x</script>",
            "csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        case = self.env["interaction.case"].search([("name", "=", "Screen <b>flickers</b>")])
        self.assertEqual(case.partner_id, self.org_a)
        self.assertEqual(case.requester_id, self.user_a.partner_id)
        self.assertNotIn("<script", case.description)
        self.assertIn("/my/cases/%s" % case.id, response.url)

    def test_notify_by_email(self):
        self.user_a.partner_id.email = "a@example.com"
        case = self.case_a.sudo(self.agent).with_context(mail_notify_force_send=False)
        communication = self.Communication.browse(
            case.post_direct_message("<p>Mailed answer</p>", notify_by_email=True))
        self.assertTrue(communication.notify_by_email)
        mails = self.env["mail.mail"].search([
            ("mail_message_id", "=", communication.message_id.id)])
        self.assertIn(self.user_a.partner_id, mails.mapped("recipient_ids"))
        # a reply by e-mail to the notification is a direct message of the customer
        # (through the real mail gateway: In-Reply-To routes it to the case)
        reply_raw = (
            "From: %s\r\nTo: cases@example.com\r\nSubject: Re: your case\r\n"
            "Message-Id: <reply-dm-1@customer.example.com>\r\nIn-Reply-To: %s\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nReply by mail\r\n") % (
            self.user_a.partner_id.email, communication.message_id.message_id)
        self.assertEqual(
            self.env["mail.thread"].sudo().message_process("interaction.case", reply_raw),
            self.case_a.id)
        reply = self.Communication.search([
            ("case_id", "=", self.case_a.id),
            ("email_message_id", "=", "<reply-dm-1@customer.example.com>")])
        self.assertEqual((reply.kind, reply.direction), ("message", "incoming"))
        self.assertIn("Reply by mail", reply.body)
        self.assertFalse(self.case_a._portal_reply_values({"parent_id": False}))
        note = self.case_a.message_post(body="<p>Internal note</p>", subtype="mail.mt_note")
        self.assertFalse(self.case_a._portal_reply_values({"parent_id": note.id}))
        silent = self.Communication.browse(
            case.post_direct_message("<p>Quiet</p>"))
        self.assertFalse(silent.notify_by_email, "unchecked by default")

    def _count_queries(self, url, data=None):
        start = self.cr.sql_log_count
        response = self.url_open(url, data=data)
        return self.cr.sql_log_count - start, response

    def test_query_budget(self):
        """Warm requests through the whole HTTP stack (session, routing,
        layout): the case page costs the same with 2 or 100 messages, no
        more than Odoo's own /my/home page, and posting stays bounded."""
        self._login(self.user_a)
        url = "/my/cases/%s" % self.case_a.id
        for _warm_up in range(3):
            self.url_open(url)
            self.url_open("/my/home")
        home, _response = self._count_queries("/my/home")
        small, _response = self._count_queries(url)
        for index in range(100):
            self.Communication.create({
                "case_id": self.case_a.id, "kind": "message",
                "direction": "incoming" if index % 2 else "outgoing",
                "sender_id": self.user_a.partner_id.id, "body": "<p>Message %s</p>" % index})
        self.url_open(url)
        large, page = self._count_queries(url)
        self.assertIn("Message 99", page.text)
        self.assertLessEqual(large, small + 2, "queries grow with the number of messages")
        self.assertLessEqual(large, home, "more queries than Odoo's /my/home")
        csrf = CSRF_RE.search(page.text).group(1)
        self._post(self.case_a, "Warm-up", csrf)
        posted, response = self._count_queries(
            "/my/cases/%s/message" % self.case_a.id, {"message": "Budget", "csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(posted - large, HTTP_POST_QUERY_BUDGET,
                             "posting: %d queries on top of the page" % (posted - large))
        with self.assertMaxQueries(POST_QUERY_BUDGET, self.cr):
            self.case_a.sudo(self.user_a).portal_post_message("Model budget")
