# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction: the rating request when a case is done, the rating from
the e-mail link and from the portal, and who may not touch ratings."""
from odoo.exceptions import AccessError, UserError

from .common import CustomerCase, ServerCursorCase, create_user
from .test_portal import CSRF_RE


class TestRatingRequest(CustomerCase):

    def _requests(self, case):
        return self.env["mail.mail"].search([
            ("model", "=", "interaction.case"), ("res_id", "=", case.id)])

    def _case(self, requester):
        return self.env["interaction.case"].sudo(self.user_agent).create({
            "name": "Heating", "partner_id": self.customer.id, "requester_id": requester.id})

    def test_request_in_french_when_done(self):
        self.joe.lang = "fr_FR"
        case = self._case(self.joe)
        case.action_open()
        self.assertFalse(self._requests(case))
        case.sudo(self.user_agent).action_done()
        mail = self._requests(case)
        self.assertEqual(len(mail), 1)
        self.assertIn(self.joe, mail.recipient_ids)
        self.assertIn("comment avons-nous", mail.subject)
        rating = self.env["rating.rating"].search([
            ("res_model", "=", "interaction.case"), ("res_id", "=", case.id)])
        self.assertEqual(rating.partner_id, self.joe)
        self.assertIn("/rating/%s/10" % rating.access_token, mail.body_html)
        self.assertIn("Votre dossier", mail.body_html)
        # the rating from the e-mail link
        case.sudo().rating_apply(10, token=rating.access_token, feedback="Parfait")
        self.assertEqual(case.rating_last_value, 10)
        self.assertEqual(case.rating_count, 1)

    def test_no_request_to_automatic_or_bounced(self):
        for email in ("noreply@dalton.example.com", "mailer-daemon@dalton.example.com",
                      "no-reply+x@dalton.example.com"):
            contact = self.env["res.partner"].create({
                "name": email, "email": email, "parent_id": self.customer.id})
            case = self._case(contact)
            case.action_done()
            self.assertFalse(self._requests(case), email)
        bounced = self.env["res.partner"].create({
            "name": "Bounced", "email": "gone@dalton.example.com",
            "parent_id": self.customer.id, "message_bounce": 3})
        case = self._case(bounced)
        case.action_done()
        self.assertFalse(self._requests(case))
        without = self._case(self.jack)  # no address
        without.action_done()
        self.assertFalse(self._requests(without))

    def test_automatic_emails_capped_per_address_and_hour(self):
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.auto_mail_per_hour", "2")
        cases = [self._case(self.joe) for _i in range(3)]
        for case in cases:
            case.sudo(self.user_agent).action_done()
        self.assertEqual([len(self._requests(case)) for case in cases], [1, 1, 0])
        self.env["ir.config_parameter"].set_param(
            "interaction_tracker.auto_mail_per_hour", "0")
        other = self._case(self.joe)
        other.sudo(self.user_agent).action_done()
        self.assertEqual(len(self._requests(other)), 1, "0 is no limit")

    def test_portal_rate_rules(self):
        portal = create_user(self.env, "it_portal_rate", ["base.group_portal"],
                             partner_id=self.joe.id)
        case = self._case(self.joe)
        with self.assertRaisesRegex(UserError, "closed case"):
            case.sudo(portal).portal_rate(10)
        case.action_done()
        for rate in (0, 7, "x", None):
            with self.assertRaisesRegex(UserError, "proposed"):
                case.sudo(portal).portal_rate(rate)
        with self.assertRaisesRegex(UserError, "Only the customer"):
            case.sudo(self.user_agent).portal_rate(10)
        rating_id = case.sudo(portal).portal_rate("5", "Slow")
        rating = self.env["rating.rating"].browse(rating_id)
        self.assertEqual((rating.rating, rating.feedback, rating.consumed), (5, "Slow", True))
        self.assertEqual(rating.partner_id, self.joe)

    def test_portal_may_not_read_others_ratings(self):
        other_org = self.env["res.partner"].create({"name": "Other org", "is_company": True})
        stranger = create_user(self.env, "it_portal_stranger", ["base.group_portal"],
                               parent_id=other_org.id)
        case = self._case(self.joe)
        case.action_done()
        rating = self.env["rating.rating"].search([
            ("res_model", "=", "interaction.case"), ("res_id", "=", case.id)])
        self.assertTrue(rating)
        self.assertFalse(self.env["rating.rating"].sudo(stranger).search(
            [("id", "=", rating.id)]))
        with self.assertRaises(AccessError):
            rating.sudo(stranger).read(["access_token"])
        with self.assertRaises(AccessError):
            rating.sudo(stranger).write({"rating": 10, "consumed": True})
        owner = create_user(self.env, "it_portal_owner", ["base.group_portal"],
                            partner_id=self.joe.id)
        rating.sudo(owner).read(["rating"])
        with self.assertRaises(AccessError):
            rating.sudo(owner).write({"rating": 10})


class TestRatingPortal(ServerCursorCase):
    """The customer rates a closed case on its portal page."""

    def setUp(self):
        super().setUp()
        Partner = self.env["res.partner"]
        org_a = Partner.create({"name": "Rating Org A", "is_company": True})
        org_b = Partner.create({"name": "Rating Org B", "is_company": True})
        self.user_a = create_user(self.env, "it_rate_a", ["base.group_portal"],
                                  parent_id=org_a.id)
        self.user_b = create_user(self.env, "it_rate_b", ["base.group_portal"],
                                  parent_id=org_b.id)
        for user in self.user_a | self.user_b:
            user.write({"password": user.login})
        self.case = self.env["interaction.case"].create({
            "name": "Rate me", "partner_id": org_a.id,
            "requester_id": self.user_a.partner_id.id})
        self.cr.commit()  # pylint: disable=invalid-commit

    def url_open(self, url, data=None, timeout=30):
        self.cr.commit()  # pylint: disable=invalid-commit
        response = super().url_open(url, data=data, timeout=timeout)
        self.env.clear()
        return response

    def _rate(self, rate, csrf):
        return self.url_open("/my/cases/%s/rate" % self.case.id, data={
            "rate": rate, "feedback": "Quick and kind", "csrf_token": csrf})

    def test_rating_flow(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open("/my/cases/%s" % self.case.id)
        self.assertNotIn('id="case_rating"', page.text, "no rating before closing")
        self.case.action_done()
        page = self.url_open("/my/cases/%s" % self.case.id)
        self.assertIn('id="case_rating"', page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        self.assertEqual(self._rate("42", csrf).status_code, 400)
        response = self._rate("10", csrf)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_interaction_rating_done", response.text)
        self.assertEqual(self.case.rating_last_value, 10)
        self.assertIn("Quick and kind", self.case.message_ids[0].body)
        # another customer: no such case for them
        self.authenticate(self.user_b.login, self.user_b.login)
        page = self.url_open("/my/cases/new")
        csrf = CSRF_RE.search(page.text).group(1)
        self.assertEqual(self._rate("1", csrf).status_code, 404)
        self.assertEqual(self.case.rating_last_value, 10)
