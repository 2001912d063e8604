# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools.safe_eval import safe_eval

from .common import CustomerCase, create_user


class TestCannedResponse(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.env["interaction.case"].sudo(cls.user_agent).create({
            "name": "Lift <stuck> & noisy", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id})
        Shortcode = cls.env["mail.shortcode"]
        cls.hello = Shortcode.create({
            "source": "hello_test", "shortcode_type": "text",
            "substitution": "Dear ${requester_name},\nabout ${case_number} (${case_subject})"
                            " <b>${unknown}</b>\n${agent_name}"})
        cls.smiley = Shortcode.create({
            "source": ":smile_test:", "shortcode_type": "image", "substitution": "<img/>"})

    def test_placeholders_filled_and_escaped(self):
        html = self.case.sudo(self.user_agent).render_canned_response(self.hello.id)
        self.assertEqual(html, (
            "<p>Dear Joe Dalton,<br/>about %s (Lift &lt;stuck&gt; &amp; noisy) "
            "&lt;b&gt;${unknown}&lt;/b&gt;<br/>It Agent</p>") % self.case.number)

    def test_a_value_is_never_evaluated(self):
        self.joe.write({"name": "${agent_name} <script>alert(1)</script>"})
        html = self.case.sudo(self.user_agent).render_canned_response(self.hello.id)
        self.assertIn("Dear ${agent_name} &lt;script&gt;alert(1)&lt;/script&gt;,", html)
        self.assertNotIn("<script>", html)

    def test_refusals(self):
        case = self.case.sudo(self.user_agent)
        with self.assertRaisesRegex(UserError, "not a canned response"):
            case.render_canned_response(self.smiley.id)
        with self.assertRaises(MissingError):
            case.render_canned_response(999999999)
        with self.assertRaises(UserError):
            case.render_canned_response("hello")
        portal = create_user(self.env, "it_canned_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        with self.assertRaises(AccessError):
            self.case.sudo(portal).render_canned_response(self.hello.id)

    def test_pickers_insert_the_text(self):
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.direct_messages", "True")
        forms = [
            self.env["interaction.direct.message.wizard"],
            self.env["interaction.mail.compose"],
            self.env["interaction.communication"],
        ]
        for Model in forms:
            record = Model.sudo(self.user_agent).new({
                "case_id": self.case.id, "body": "<p>Hi</p>"})
            record.canned_response_id = self.hello
            record._onchange_canned_response_id()
            self.assertTrue(record.body.startswith("<p>Hi</p><p>Dear Joe Dalton,"), Model)
            self.assertFalse(record.canned_response_id)

    def test_manager_menu_lists_canned_responses_only(self):
        action = self.env.ref("interaction_tracker.mail_shortcode_action_canned_response")
        found = self.env["mail.shortcode"].search(safe_eval(action.domain))
        self.assertIn(self.hello, found)
        self.assertNotIn(self.smiley, found)
        menu = self.env.ref("interaction_tracker.mail_shortcode_menu_canned_response")
        self.assertEqual(menu.groups_id, self.env.ref("interaction_tracker.group_manager"))

    def test_chatter_message_filled_in(self):
        """A canned response typed with ":" in the chatter: its placeholders
        filled in when the agent posts it on the case."""
        body = "<p>Dear ${requester_name},<br>${case_number} ${unknown} ${agent_name}</p>"
        message = self.case.sudo(self.user_agent).message_post(
            body=body, message_type="comment", subtype="mail.mt_comment")
        self.assertEqual(message.body, "<p>Dear Joe Dalton,<br>%s ${unknown} It Agent</p>"
                         % self.case.number)
        self.joe.write({"name": "<script>alert(1)</script>"})
        message = self.case.sudo(self.user_agent).message_post(
            body=body, message_type="comment", subtype="mail.mt_note")
        self.assertIn("Dear &lt;script&gt;alert(1)&lt;/script&gt;,", message.body)

    def test_chatter_left_as_written(self):
        body = "<p>About ${case_number}</p>"
        # not a message written by an agent under their own name
        portal = create_user(self.env, "it_canned_chatter_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        message = self.case.sudo().message_post(
            body=body, message_type="comment", subtype="mail.mt_comment",
            author_id=portal.partner_id.id)
        self.assertEqual(message.body, body)
        message = self.case.sudo(self.user_agent).message_post(
            body=body, message_type="notification")
        self.assertEqual(message.body, body)
        # no canned response uses a placeholder any more: nothing to fill
        self.env["mail.shortcode"].search([("substitution", "like", "${")]).unlink()
        message = self.case.sudo(self.user_agent).message_post(
            body=body, message_type="comment", subtype="mail.mt_comment")
        self.assertEqual(message.body, body)
