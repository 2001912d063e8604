# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Merging cases: what moves, what the target keeps, who may merge, and the
mail and portal paths to a merged case."""
from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError

from .common import NO_MAIL_CONTEXT, CustomerCase, ServerCursorCase, create_user

FOUR = {"original_requester", "requester", "subject", "primary"}

REPLY = """From: Joe Dalton <joe@dalton.example.com>
To: cases@support.example
Subject: {subject}
Message-Id: <{mid}@dalton.example.com>
Date: Mon, 02 Mar 2026 10:00:00 +0100
Content-Type: text/plain; charset=utf-8

Any news about the lift?
"""


class TestCaseMerge(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_customer = Partner.create({"name": "Bolt SA", "is_company": True})
        cls.averell = Partner.create({"name": "Averell Dalton", "parent_id": cls.customer.id})
        cls.Case = cls.env["interaction.case"].sudo(cls.user_agent)

    def setUp(self):
        super().setUp()
        self.source = self.Case.create({
            "name": "Lift stuck", "partner_id": self.customer.id,
            "requester_id": self.joe.id})
        self.target = self.Case.create({
            "name": "Lift broken", "partner_id": self.customer.id,
            "requester_id": self.jack.id})

    def _exchange(self, case, text):
        return self.env["interaction.communication"].sudo(self.user_agent).create({
            "case_id": case.id, "kind": "exchange", "direction": "incoming",
            "sender_id": self.joe.id, "recipient_id": self.user_agent.partner_id.id,
            "subject": text, "body": "<p>%s</p>" % text})

    def _tags(self, case, partner):
        line = case.case_contact_ids.filtered(lambda l: l.partner_id == partner)
        self.assertEqual(len(line), 1, "one line per contact")
        return set(line.tag_ids.mapped("code"))

    def _messages(self, case):
        return self.env["mail.message"].search(
            [("model", "=", "interaction.case"), ("res_id", "=", case.id)])

    def test_merge_moves_everything(self):
        communications = self._exchange(self.source, "Floor 3") | self._exchange(
            self.source, "Floor 4")
        self.source.add_contact(self.averell.id, [])
        attachment = self.env["ir.attachment"].create({
            "name": "photo.txt", "datas_fname": "photo.txt", "datas": "aGVsbG8=",
            "res_model": "interaction.case", "res_id": self.source.id})
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env.ref("interaction_tracker.model_interaction_case").id,
            "res_id": self.source.id, "summary": "Call back",
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "user_id": self.user_agent.id})
        both = self.user_agent2.partner_id
        self.source.message_subscribe(partner_ids=(both | self.user_manager.partner_id).ids)
        self.target.message_subscribe(partner_ids=both.ids)
        expected_followers = (self.source.message_partner_ids
                              | self.target.message_partner_ids)
        moved_messages = self._messages(self.source)
        self.assertTrue(moved_messages)

        result = self.source.merge_into(self.target.id)

        self.assertEqual(result, self.target.id)
        self.assertEqual(self.source.state, "cancel")
        self.assertEqual(self.source.merged_into_id, self.target)
        self.assertEqual(self.target.communication_ids, communications)
        self.assertEqual(set(communications.mapped("company_id")), {self.target.company_id})
        self.assertFalse(self.source.communication_ids)
        # the target keeps its exclusive tags; the moved lines come without them
        self.assertEqual(self._tags(self.target, self.jack), FOUR)
        self.assertEqual(self._tags(self.target, self.joe), set())
        self.assertEqual(self._tags(self.target, self.averell), set())
        self.assertFalse(self.source.case_contact_ids)
        self.assertLessEqual(moved_messages, self._messages(self.target))
        self.assertEqual(attachment.res_id, self.target.id)
        self.assertEqual(activity.res_id, self.target.id)
        followers = self.env["mail.followers"].search([
            ("res_model", "=", "interaction.case"), ("res_id", "=", self.target.id)])
        self.assertEqual(sorted(followers.mapped("partner_id").ids),
                         sorted(expected_followers.ids), "each follower once")
        # a note on both, each naming the other
        source_note = self._messages(self.source)
        self.assertEqual(len(source_note), 1)
        self.assertIn(self.target.number, source_note.body)
        self.assertEqual(source_note.author_id, self.user_agent.partner_id)
        target_note = self._messages(self.target).filtered(
            lambda m: self.source.number in (m.body or ""))
        self.assertEqual(len(target_note), 1)

    def test_exclusive_tags_free_on_the_target_come_along(self):
        target = self.Case.create({"name": "No requester", "partner_id": self.customer.id})
        self.source.add_contact(self.jack.id, [])
        target.add_contact(self.jack.id, ["primary"])
        self.source.merge_into(target.id)
        self.assertEqual(self._tags(target, self.joe), FOUR - {"primary"})
        self.assertEqual(self._tags(target, self.jack), {"primary"})
        for code in FOUR:
            holders = target.case_contact_ids.filtered(
                lambda l: code in l.tag_ids.mapped("code"))
            self.assertEqual(len(holders), 1, code)

    def test_contact_on_both_cases_keeps_one_line(self):
        self.target.add_contact(self.joe.id, [])
        self.source.merge_into(self.target.id)
        self.assertEqual(self._tags(self.target, self.joe), set(),
                         "the target's requester tags stay with Jack")
        self.assertEqual(self._tags(self.target, self.jack), FOUR)

    def test_refusals_change_nothing(self):
        cancelled = self.Case.create({"name": "Old", "partner_id": self.customer.id})
        cancelled.action_cancel()
        elsewhere = self.Case.create({"name": "Bolt", "partner_id": self.other_customer.id})
        self._exchange(self.source, "Floor 3")
        cases = [
            (self.source, self.source.id, "into itself"),
            (self.source, cancelled.id, "cancelled"),
            (cancelled, self.source.id, "cancelled"),
            (self.source, elsewhere.id, "different customers"),
        ]
        for source, target_id, reason in cases:
            with self.assertRaisesRegex(UserError, reason), self.env.cr.savepoint():
                source.merge_into(target_id)
        with self.assertRaises(UserError):
            self.source.merge_into("seven")
        self.source.merge_into(self.target.id)
        with self.assertRaisesRegex(UserError, "already merged"):
            self.source.merge_into(self.Case.create({
                "name": "Third", "partner_id": self.customer.id}).id)

    def test_refused_merge_leaves_both_cases_as_they_were(self):
        communication = self._exchange(self.source, "Floor 3")
        elsewhere = self.Case.create({"name": "Bolt", "partner_id": self.other_customer.id})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.source.merge_into(elsewhere.id)
        self.assertEqual(communication.case_id, self.source)
        self.assertEqual(self.source.state, "new")
        self.assertFalse(self.source.merged_into_id)

    def test_links_are_set_by_merge_and_split_only(self):
        elsewhere = self.Case.create({"name": "Bolt", "partner_id": self.other_customer.id})
        for field in ("merged_into_id", "split_from_id"):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.source.write({field: elsewhere.id})
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.Case.create({"name": "Forged", field: elsewhere.id})
        communication = self._exchange(self.source, "Floor 3")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            communication.write({"split_from_case_id": elsewhere.id})
        self.assertFalse(self.source.merged_into_id)

    def test_case_being_changed_elsewhere_is_refused(self):
        # committed cases, one locked by another transaction
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL_CONTEXT))
            customer = env["res.partner"].create({"name": "Locked SA", "is_company": True})
            Case = env["interaction.case"]
            ids = [Case.create({"name": name, "partner_id": customer.id}).id
                   for name in ("Locked source", "Locked target")]
        self.addCleanup(self._delete_committed, ids, customer.id)
        # a transaction of its own: the test's began before the commit
        with self.registry.cursor() as other, self.registry.cursor() as mine:
            other.execute("SELECT id FROM interaction_case WHERE id = %s FOR UPDATE",
                          (ids[1],))
            env = api.Environment(mine, SUPERUSER_ID, dict(NO_MAIL_CONTEXT))
            with self.assertRaisesRegex(UserError, "somebody else"):
                env["interaction.case"].browse(ids[0]).merge_into(ids[1])
            source = env["interaction.case"].browse(ids[0])
            self.assertFalse(source.merged_into_id)
            self.assertEqual(source.state, "new")
            other.rollback()
            mine.rollback()

    def _delete_committed(self, case_ids, customer_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["interaction.case"].browse(case_ids).unlink()
            env["res.partner"].browse(customer_id).unlink()

    def test_portal_and_employees_may_not_merge(self):
        portal = create_user(self.env, "it_merge_portal", ["base.group_portal"],
                             parent_id=self.customer.id)
        for user in (portal, self.user_employee):
            with self.assertRaises(AccessError):
                self.source.sudo(user).merge_into(self.target.id)
        self.assertFalse(self.source.merged_into_id)

    def test_companies_stay_apart(self):
        main = self.env.ref("base.main_company")
        branch = self.env["res.company"].create({"name": "Branch", "parent_id": main.id})
        branch_agent = create_user(self.env, "it_branch_agent",
                                   ["interaction_tracker.group_user"],
                                   company_id=branch.id, company_ids=[(6, 0, branch.ids)])
        manager = create_user(self.env, "it_merge_manager",
                              ["interaction_tracker.group_manager"],
                              company_id=main.id, company_ids=[(6, 0, (main | branch).ids)])
        branch_case = self.env["interaction.case"].sudo(branch_agent).create({
            "name": "Branch lift", "partner_id": self.customer.id, "company_id": branch.id})
        # the branch agent may not even read the main company's case
        with self.assertRaises(AccessError):
            branch_case.sudo(branch_agent).merge_into(self.target.id)
        # nor move it by naming it as the source
        with self.assertRaises(AccessError):
            self.source.sudo(branch_agent).merge_into(branch_case.id)
        # who sees both is told the companies differ
        with self.assertRaisesRegex(UserError, "different companies"):
            branch_case.sudo(manager).merge_into(self.target.id)
        self.assertFalse(branch_case.merged_into_id)

    def test_wizard_previews_and_merges(self):
        self._exchange(self.source, "Floor 3")
        other = self.Case.create({"name": "Lift again", "partner_id": self.customer.id})
        Wizard = self.env["interaction.case.merge"].sudo(self.user_agent).with_context(
            active_model="interaction.case", active_ids=[self.source.id, other.id])
        wizard = Wizard.create({"target_id": self.target.id})
        self.assertEqual(wizard.case_ids, self.source | other)
        self.assertEqual(wizard.commercial_partner_id, self.customer)
        self.assertIn("1 communications", wizard.preview)
        self.assertIn(self.source.number, wizard.preview)
        action = wizard.action_merge()
        self.assertEqual(action["res_id"], self.target.id)
        self.assertEqual((self.source | other).mapped("merged_into_id"), self.target)
        # the target among the chosen cases is not merged into itself
        third = self.Case.create({"name": "Third", "partner_id": self.customer.id})
        wizard = Wizard.with_context(active_ids=[third.id, self.target.id]).create(
            {"target_id": self.target.id})
        wizard.action_merge()
        self.assertEqual(third.merged_into_id, self.target)
        self.assertEqual(self.target.state, "new")
        alone = Wizard.with_context(active_ids=[self.target.id]).create(
            {"target_id": self.target.id})
        with self.assertRaises(UserError):
            alone.action_merge()

    def test_mail_to_a_merged_case_lands_on_the_target(self):
        self.source.merge_into(self.target.id)
        before = self.target.communication_ids
        case_id = self.env["mail.thread"].message_process(
            "interaction.case", REPLY.format(
                subject="Re: [%s] Lift stuck" % self.source.number, mid="merged-1"))
        self.assertEqual(case_id, self.target.id)
        self.assertEqual(len(self.target.communication_ids - before), 1)
        self.assertFalse(self.source.communication_ids)
        # routed to the merged case by id (a reply to one of its messages)
        thread_id = self.env["mail.thread"].message_process(
            "interaction.case", REPLY.format(subject="Re: Lift", mid="merged-2").replace(
                "To: cases@", "To: desk@"),
            thread_id=self.source.id)
        self.assertEqual(thread_id, self.target.id)


class TestCaseMergePortal(ServerCursorCase):
    """The portal page of a merged case leads to the case it was merged into."""

    def setUp(self):
        super().setUp()
        org = self.env["res.partner"].create({"name": "Acme Merge", "is_company": True})
        self.portal = create_user(self.env, "it_merge_portal_http", ["base.group_portal"],
                                  parent_id=org.id)
        agent = create_user(self.env, "it_merge_agent_http", ["interaction_tracker.group_user"])
        Case = self.env["interaction.case"].sudo(agent)
        self.source = Case.create({"name": "Printer jam", "partner_id": org.id})
        self.target = Case.create({"name": "Printer broken", "partner_id": org.id})
        self.source.merge_into(self.target.id)
        self.portal.write({"password": self.portal.login})
        self.cr.commit()  # pylint: disable=invalid-commit

    def test_merged_case_redirects_to_target(self):
        self.authenticate(self.portal.login, self.portal.login)
        # the first page of a test compiles the portal assets: slow on a busy machine
        response = self.url_open("/my/cases/%s" % self.source.id, timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/cases/%s" % self.target.id), response.url)
        self.assertIn("Printer broken", response.text)
