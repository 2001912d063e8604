# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attacks found from outside, each performed as the real role and
refused or made harmless."""
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from .common import create_user
from .mail_common import MailCase, real_smtp

AGENT = ["interaction_tracker.group_user", "base.group_partner_manager"]
PRIVATE = AGENT + ["interaction_tracker.group_private_contact"]

THIRD_PARTY_REPLY = """From: Lucky Luke <luke@west.example>
To: cases@support.example
Subject: Re: {subject}
Message-Id: <third-{n}@west.example>
In-Reply-To: {parent}
References: {parent}
Content-Type: text/plain; charset=utf-8

Internal quote for the agents only.
"""


class AccessAttackCase(MailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = create_user(cls.env, "it_owner", PRIVATE)
        cls.agent = create_user(cls.env, "it_plain_agent", AGENT)
        cls.secret = cls.env["res.partner"].sudo(cls.owner).create({
            "name": "Secret Source", "is_private": True, "email": "secret@source.example",
            "mobile": "+33 6 12 34 56 78"}).sudo()
        cls.joe_user = create_user(cls.env, "it_joe_portal", ["base.group_portal"],
                                   partner_id=cls.joe.id)
        cls.case = cls.env["interaction.case"].create({
            "name": "Broken lift", "partner_id": cls.customer.id, "requester_id": cls.joe.id})
        cls.bare_case = cls.env["interaction.case"].sudo(cls.agent).create({
            "name": "No customer yet"}).sudo()


class TestPrivateContacts(AccessAttackCase):

    def test_case_contact_line_on_a_private_contact_is_refused(self):
        Line = self.env["interaction.case.contact"].sudo(self.agent)
        with self.assertRaises(AccessError):
            Line.create({"case_id": self.bare_case.id, "partner_id": self.secret.id})
        self.assertFalse(self.bare_case.case_contact_ids)

    def test_default_contact_in_context_is_checked(self):
        Case = self.env["interaction.case"].sudo(self.agent).with_context(
            default_contact_id=self.secret.id)
        count = self.env["interaction.case"].search_count([])
        with self.assertRaises(AccessError):
            Case.create({"name": "Through the context"})
        self.assertEqual(self.env["interaction.case"].search_count([]), count)

    def test_private_contact_never_follows_a_case(self):
        with self.assertRaises(AccessError):
            self.bare_case.sudo(self.agent).message_subscribe([self.secret.id])
        # not even by its owner: the other agents read the followers
        with self.assertRaises(AccessError):
            self.bare_case.sudo(self.owner).message_subscribe([self.secret.id])
        with self.assertRaises(AccessError):
            self.env["mail.followers"].sudo(self.owner).create({
                "res_model": "interaction.case", "res_id": self.bare_case.id,
                "partner_id": self.secret.id})
        self.assertNotIn(self.secret, self.bare_case.message_partner_ids)

    def test_owner_may_note_a_private_contact_others_see_nothing(self):
        case = self.bare_case.sudo(self.owner)
        line_id = case.add_contact(self.secret.id, [])
        call = self.env["interaction.communication"].sudo(self.owner).create({
            "case_id": case.id, "kind": "call", "direction": "incoming",
            "sender_id": self.secret.id, "recipient_id": self.owner.partner_id.id})
        self.assertEqual(call.private_owner_id, self.owner)
        for user in (self.agent, self.user_manager):
            Line = self.env["interaction.case.contact"].sudo(user)
            self.assertFalse(Line.search([("id", "=", line_id)]))
            with self.assertRaises(AccessError):
                Line.browse(line_id).read(["partner_id", "email", "mobile"])
            with self.assertRaises(AccessError):
                call.sudo(user).read(["sender_id", "sender_email"])
            self.assertNotIn(call.id, self.bare_case.sudo(user).communication_ids.ids)
        # the owner sees both
        self.assertEqual(self.env["interaction.case.contact"].sudo(self.owner).browse(
            line_id).email, "secret@source.example")
        # shared again: everybody sees them
        self.secret.sudo(self.owner).write({"is_private": False})
        self.assertTrue(self.env["interaction.case.contact"].sudo(self.agent).search(
            [("id", "=", line_id)]))
        self.assertFalse(call.sudo(self.agent).private_owner_id)

    def test_private_contact_is_no_party_of_a_case(self):
        with self.assertRaises(ValidationError):
            self.env["interaction.case"].sudo(self.owner).create({
                "name": "Private requester", "requester_id": self.secret.id})
        with self.assertRaises(ValidationError):
            self.joe.write({"is_private": True})

    def test_agent_of_another_company_learns_nothing_from_a_line(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        agent_b = create_user(self.env, "it_agent_b2", AGENT, company_id=company_b.id,
                              company_ids=[(6, 0, company_b.ids)])
        Line = self.env["interaction.case.contact"].sudo(agent_b)
        errors = []
        for partner in (self.joe, self.jack):  # joe is on the case, jack is not
            with self.assertRaises(AccessError) as caught:
                Line.create({"case_id": self.case.id, "partner_id": partner.id})
            errors.append(str(caught.exception).replace(str(partner.id), "X"))
        self.assertEqual(errors[0], errors[1])
        self.assertNotIn("already", errors[0])


class TestSendRight(AccessAttackCase):

    def _email(self, user, **values):
        values = dict({"case_id": self.case.id, "kind": "email", "direction": "outgoing",
                       "state": "draft", "subject": "Hello", "body": "<p>Hi</p>",
                       "email_to": "anyone@elsewhere.example"}, **values)
        return self.env["interaction.communication"].sudo(user).create(values)

    def test_agent_cannot_schedule_an_email(self):
        past = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        with self.assertRaises(AccessError):
            self._email(self.agent, state="scheduled", scheduled_date=past)
        draft = self._email(self.agent, scheduled_date=past)
        with self.assertRaises(AccessError):
            draft.write({"state": "scheduled"})
        # a scheduled e-mail is not changed by a user without the right
        scheduled = self._email(self.user_sender)
        scheduled.write({"state": "scheduled", "scheduled_date": past})
        with self.assertRaises(AccessError):
            scheduled.sudo(self.agent).write({"email_to": "evil@elsewhere.example"})
        with real_smtp():
            self.env["interaction.communication"]._cron_send_scheduled()
        self.assertEqual(scheduled.state, "done")
        self.assertEqual(draft.state, "draft")

    def test_cron_sends_with_the_rights_of_who_scheduled(self):
        email = self._email(self.user_sender)
        email.write({"state": "scheduled", "scheduled_date": fields.Datetime.now()})
        self.assertEqual(email.scheduled_by_id, self.user_sender)
        self.user_sender.write({"groups_id": [
            (3, self.env.ref("interaction_tracker.group_send_mail").id)]})
        before = len(self.smtp.envelopes)
        with real_smtp():
            self.env["interaction.communication"]._cron_send_scheduled()
        self.assertEqual(email.state, "failed")
        self.assertIn("Sarah Sender", email.failure_reason)
        self.assertEqual(len(self.smtp.envelopes), before)

    def test_attachment_must_be_readable_by_the_author(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        hidden_case = self.env["interaction.case"].create(
            {"name": "Elsewhere", "company_id": company_b.id})
        secret_file = self.env["ir.attachment"].create({
            "name": "salaries.pdf", "datas": base64.b64encode(b"%PDF-1.4 secret"),
            "res_model": "interaction.case", "res_id": hidden_case.id})
        with self.assertRaises(AccessError):
            self._email(self.user_sender, attachment_ids=[(6, 0, secret_file.ids)])
        email = self._email(self.user_sender)
        with self.assertRaises(AccessError):
            email.write({"attachment_ids": [(4, secret_file.id)]})
        self.assertEqual((secret_file.res_model, secret_file.res_id),
                         ("interaction.case", hidden_case.id))


class TestWhatCustomersRead(AccessAttackCase):

    def test_panel_figures_are_for_agents(self):
        case = self.case.sudo(self.joe_user)
        self.assertEqual(case.name, "Broken lift")
        for field in ("exchange_preview", "exchange_count", "has_reminder",
                      "unprocessed_count", "has_unprocessed"):
            with self.assertRaises(AccessError):
                case.read([field])
            with self.assertRaises(AccessError):
                case.export_data([field])
        self.assertNotIn("exchange_preview", case.fields_get())

    def test_third_party_email_and_call_notes_stay_internal(self):
        call = self.env["interaction.communication"].sudo(self.agent).create({
            "case_id": self.case.id, "kind": "call", "direction": "incoming",
            "sender_id": self.joe.id, "recipient_id": self.agent.partner_id.id,
            "body": "<p>Internal: customer sounds upset</p>"})
        parent = self.case.message_post(body="Asked Lucky Luke for a quote",
                                        message_type="email").message_id
        self.env["mail.thread"].message_process("interaction.case", THIRD_PARTY_REPLY.format(
            subject=self.case.display_name, n=1, parent=parent))
        third = self.env["interaction.communication"].search(
            [("case_id", "=", self.case.id), ("email_message_id", "=", "<third-1@west.example>")])
        self.assertTrue(third.message_id)
        self.assertTrue(third.message_id.subtype_id.internal)
        Message = self.env["mail.message"].sudo(self.joe_user)
        visible = Message.search([("model", "=", "interaction.case"),
                                  ("res_id", "=", self.case.id)])
        for message in (third.message_id, call.message_id):
            self.assertNotIn(message, visible)
            with self.assertRaises(AccessError):
                Message.browse(message.id).read(["body"])

    def test_customer_cannot_follow_a_case(self):
        case = self.case.sudo(self.joe_user)
        with self.assertRaises(AccessError):
            case.message_subscribe([self.joe.id])
        with self.assertRaises(AccessError):
            case.message_subscribe_users()
        with self.assertRaises(AccessError):
            self.env["mail.followers"].sudo(self.joe_user).create({
                "res_model": "interaction.case", "res_id": self.case.id,
                "partner_id": self.joe.id})
        self.assertNotIn(self.joe, self.case.message_partner_ids)


class TestCustomersWords(AccessAttackCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.message = cls.env["interaction.communication"].browse(
            cls.case.sudo(cls.joe_user).portal_post_message("My own words")).sudo()

    def test_customers_message_cannot_be_rewritten_or_deleted(self):
        message = self.message.sudo(self.agent)
        for values in ({"body": "<p>Something else</p>"}, {"kind": "exchange"},
                       {"direction": "outgoing"}, {"sender_id": self.agent.partner_id.id},
                       {"date": "2020-01-01 00:00:00"}):
            with self.assertRaises(AccessError):
                message.write(values)
        with self.assertRaises((AccessError, UserError)):
            message.unlink()
        self.assertIn("My own words", self.message.body)
        message.action_mark_processed()  # the agent's own flags stay writable
        self.assertTrue(self.message.processed)

    def test_who_deletes_what(self):
        Communication = self.env["interaction.communication"]
        values = {"case_id": self.case.id, "kind": "call", "sender_id": self.joe.id,
                  "recipient_id": self.agent.partner_id.id}
        received = Communication.sudo(self.user_agent).create(dict(values, direction="incoming"))
        made = Communication.sudo(self.agent).create(dict(
            values, direction="outgoing", sender_id=self.agent.partner_id.id,
            recipient_id=self.joe.id))
        with self.assertRaises(AccessError):
            received.sudo(self.agent).unlink()
        with self.assertRaises(AccessError):
            made.sudo(self.user_agent).unlink()
        made.sudo(self.agent).unlink()
        received.sudo(self.user_manager).unlink()
        self.assertFalse((made | received).exists())


class TestSmallerHoles(AccessAttackCase):

    def test_number_is_given_once(self):
        other = self.env["interaction.case"].sudo(self.agent).create(
            {"name": "Steering", "number": self.case.number})
        self.assertNotEqual(other.number, self.case.number)
        with self.assertRaises(UserError):
            other.write({"number": self.case.number})
        other.write({"number": other.number, "name": "Same number is fine"})

    def test_blocked_address_variants(self):
        Blocked = self.env["interaction.blocked.address"]
        Blocked.create({"email": "Spam@Bad.example"})
        for sender in ("spam@bad.example", "SPAM@BAD.EXAMPLE", "spam@bad.example.",
                       '"spam"@bad.example', "spam+tag@bad.example",
                       "Spammer <Spam+x@Bad.Example.>"):
            self.assertTrue(Blocked.is_blocked(sender), sender)
        self.assertFalse(Blocked.is_blocked("spammy@bad.example"))

    def test_missing_case_stays_missing(self):
        Line = self.env["interaction.case.contact"].sudo(self.agent)
        with self.assertRaises(MissingError):
            Line.create({"case_id": 99999999, "partner_id": self.joe.id})
