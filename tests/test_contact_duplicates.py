# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Duplicate contacts proposed by Odoo's deduplication wizard from the same
normalized phone number or e-mail address."""
from odoo.exceptions import AccessError

from .common import CustomerCase, create_user
from .test_contact_merge import AGENT_GROUPS, PRIVATE_GROUPS


class TestContactDuplicates(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.user_contacts, cls.user_private = [
            create_user(cls.env, login, groups) for login, groups in (
                ("it_dup_contacts", AGENT_GROUPS), ("it_dup_private", PRIVATE_GROUPS))]
        Partner = cls.env["res.partner"]
        cls.one = Partner.create({"name": "Averell One", "phone": "01 98 76 54 32",
                                  "email": "Averell <Averell.Dalton@Example.org>"})
        cls.two = Partner.create({"name": "A. Dalton", "phone": "+33 1 98 76 54 32",
                                  "email": "averell.dalton@example.org"})
        cls.other = Partner.create({"name": "William", "phone": "01 11 22 33 44"})
        cls.secret = Partner.sudo(cls.user_private).create({
            "name": "Averell (private)", "phone": "0198765432",
            "email": "averell.dalton@example.org", "is_private": True})

    def _groups(self, user, **criteria):
        Wizard = self.env["base.partner.merge.automatic.wizard"].sudo(user)
        wizard = Wizard.create(dict(criteria, maximum_group=0))
        wizard.action_start_manual_process()
        return [set(eval(line.aggr_ids)) for line in wizard.line_ids]  # pylint: disable=eval-used

    def _group_of(self, groups, partner):
        return [group for group in groups if partner.id in group]

    def test_same_normalized_phone_proposed(self):
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True)
        self.assertEqual(self._group_of(groups, self.one), [{self.one.id, self.two.id}],
                         "two formats of one number, the private contact of another "
                         "agent left out")
        self.assertFalse(self._group_of(groups, self.other))
        self.assertFalse(self._group_of(groups, self.jack), "no group of contacts without number")
        self.assertFalse(self._group_of(groups, self.secret))

    def test_same_normalized_email_proposed(self):
        groups = self._groups(self.user_contacts, group_by_email_normalized=True)
        self.assertEqual(self._group_of(groups, self.one), [{self.one.id, self.two.id}])
        self.assertFalse(self._group_of(groups, self.jack), "no group of contacts without e-mail")
        # Odoo's own criterion compares the e-mails as written
        groups = self._groups(self.user_contacts, group_by_email=True)
        self.assertFalse(self._group_of(groups, self.one))

    def test_owner_of_the_private_contact_sees_it(self):
        groups = self._groups(self.user_private, group_by_phone_normalized=True,
                              group_by_email_normalized=True)
        self.assertEqual(self._group_of(groups, self.one),
                         [{self.one.id, self.two.id, self.secret.id}])

    def test_only_users_who_may_merge(self):
        for user in (self.user_agent, self.user_employee, self.user_portal):
            with self.assertRaises(AccessError, msg=user.login):
                self._groups(user, group_by_phone_normalized=True)
            with self.assertRaises(AccessError, msg=user.login):
                self._groups(user, group_by_email_normalized=True)
