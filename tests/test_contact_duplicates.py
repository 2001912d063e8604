# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Duplicate contacts proposed by Odoo's deduplication wizard from the same
normalized phone number (phone, mobile or interaction address) or e-mail
address."""
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
        # numbers shared through the mobile and the interaction addresses
        cls.lucky = Partner.create({"name": "Lucky Luke", "phone": "04 72 10 20 30"})
        cls.luke = Partner.create({"name": "L. Luke", "mobile": "+33 4 72 10 20 30"})
        cls.rantanplan = Partner.create({"name": "Rantanplan", "interaction_address_ids": [
            (0, 0, {"address_type": "phone", "value": "04 78 55 66 77"})]})
        cls.jolly = Partner.create({"name": "Jolly Jumper", "interaction_address_ids": [
            (0, 0, {"address_type": "mobile", "value": "+33478556677"}),
            (0, 0, {"address_type": "other", "value": "04 72 10 20 30"})]})
        cls.ma_dalton = Partner.create({"name": "Ma Dalton", "phone": "04 72 10 20 31"})
        cls.secret_luke = Partner.sudo(cls.user_private).create({
            "name": "Luke (private)", "is_private": True, "interaction_address_ids": [
                (0, 0, {"address_type": "phone", "value": "0472102030"})]})

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

    def test_number_shared_by_phone_and_mobile(self):
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True)
        self.assertEqual(self._group_of(groups, self.lucky), [{self.lucky.id, self.luke.id}],
                         "a phone and a mobile in two formats; the private contact of "
                         "another agent and a non-phone address left out")
        self.assertFalse(self._group_of(groups, self.secret_luke))
        self.assertFalse(self._group_of(groups, self.ma_dalton), "a different number")

    def test_number_shared_by_interaction_addresses(self):
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True)
        self.assertEqual(self._group_of(groups, self.rantanplan),
                         [{self.rantanplan.id, self.jolly.id}])

    def test_owner_sees_the_private_contact_sharing_a_number(self):
        groups = self._groups(self.user_private, group_by_phone_normalized=True)
        self.assertEqual(self._group_of(groups, self.secret_luke),
                         [{self.lucky.id, self.luke.id, self.secret_luke.id}])

    def test_contacts_sharing_two_numbers_proposed_once(self):
        self.luke.phone = "+33 4 72 99 88 77"
        self.lucky.mobile = "04 72 99 88 77"
        # two groups in SQL: one with the private contact of another agent
        # sharing the first number, left out for this user
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True)
        self.assertEqual(self._group_of(groups, self.lucky), [{self.lucky.id, self.luke.id}])
        # a contact sharing numbers with different contacts is in one group a number
        self.lucky.mobile = "04 78 55 66 77"
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True)
        self.assertEqual(sorted(self._group_of(groups, self.lucky), key=len), [
            {self.lucky.id, self.luke.id},
            {self.lucky.id, self.rantanplan.id, self.jolly.id}])

    def test_phone_and_email_criteria_together(self):
        self.luke.email = self.two.email
        groups = self._groups(self.user_contacts, group_by_phone_normalized=True,
                              group_by_email_normalized=True)
        self.assertEqual(self._group_of(groups, self.one), [{self.one.id, self.two.id}])
        self.assertFalse(self._group_of(groups, self.luke), "the same e-mail, another number")

    def test_merge_then_next_group_without_the_merged_contact(self):
        self.luke.phone = "04 78 55 66 77"
        self.jolly.interaction_address_ids.unlink()
        Wizard = self.env["base.partner.merge.automatic.wizard"].sudo(self.user_contacts)
        wizard = Wizard.create({"group_by_phone_normalized": True, "maximum_group": 0})
        wizard.action_start_manual_process()
        pair = self.lucky | self.luke
        line = wizard.line_ids.filtered(
            lambda line: set(eval(line.aggr_ids)) == set(pair.ids))  # pylint: disable=eval-used
        self.assertEqual(len(line), 1)
        wizard.write({"current_line_id": line.id, "partner_ids": [(6, 0, pair.ids)],
                      "dst_partner_id": self.lucky.id})
        wizard.action_merge()
        self.assertFalse(self.luke.exists())
        # luke's group with rantanplan lost luke: nothing left to merge there
        self.assertFalse([
            line for line in wizard.line_ids
            if self.rantanplan.id in eval(line.aggr_ids)])  # pylint: disable=eval-used
