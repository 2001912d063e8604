# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The contact-centre desk: contacts by number, incoming calls and their
screen-pop, call follow-up, the Add-contact wizard from a call."""
import json

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bus.models.bus import json_dump

from .common import CustomerCase, create_user

AGENT_GROUPS = ["interaction_tracker.group_user", "base.group_partner_manager"]
PRIVATE_GROUPS = AGENT_GROUPS + ["interaction_tracker.group_private_contact"]
# the formats an agent or a PBX gives the same French number in
FORMATS = ["04 72 31 41 59", "0472314159", "+33472314159", "+33 4 72 31 41 59",
           "04.72.31.41.59", "0033 4 72 31 41 59", "+33 (0)4 72 31 41 59"]


class TelephonyCase(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.fr")
        cls.Partner = cls.env["res.partner"]
        cls.user_pbx = create_user(cls.env, "it_pbx", ["interaction_tracker.group_user"])
        cls.user_private = create_user(cls.env, "it_tel_private", PRIVATE_GROUPS)
        cls.joe.write({"phone": "04 72 31 41 59"})
        cls.jack.write({"mobile": "06 99 88 77 66"})
        cls.averell = cls.Partner.create({
            "name": "Averell Dalton", "parent_id": cls.customer.id,
            "interaction_address_ids": [(0, 0, {"address_type": "phone",
                                                "value": "04 78 11 22 33"})]})
        cls.case = cls.env["interaction.case"].create({
            "name": "Truck blocked", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id})
        cls.closed_case = cls.env["interaction.case"].create({
            "name": "Old request", "partner_id": cls.customer.id,
            "requester_id": cls.joe.id, "state": "done"})


class TestFindByNumber(TelephonyCase):

    def _found(self, term, user=None, args=None):
        Partner = self.Partner.sudo(user or self.user_agent)
        return [pid for pid, _name in Partner.name_search(term, args=args)]

    def test_name_search_finds_the_phone_in_every_format(self):
        for term in FORMATS:
            self.assertEqual(self._found(term)[:1], [self.joe.id], term)

    def test_name_search_finds_mobiles_and_interaction_addresses(self):
        for term in ("0699887766", "+33 6 99 88 77 66", "06.99.88.77.66"):
            self.assertIn(self.jack.id, self._found(term), term)
        for term in ("0478112233", "+33 4 78 11 22 33"):
            self.assertIn(self.averell.id, self._found(term), term)

    def test_name_search_keeps_the_domain_and_names(self):
        self.assertFalse(self._found("0472314159", args=[("id", "!=", self.joe.id)]))
        self.assertEqual(self._found("Joe Dal"), [self.joe.id])
        # a number no one has: the usual search, nothing found
        self.assertFalse(self._found("04 72 99 99 99"))

    def test_private_contacts_stay_private(self):
        private = self.Partner.sudo(self.user_private).create({
            "name": "Secret Caller", "is_private": True, "phone": "04 72 55 55 55"})
        self.assertEqual(self._found("0472555555", user=self.user_private), [private.id])
        self.assertFalse(self._found("0472555555", user=self.user_agent))
        result = self.Partner.sudo(self.user_agent).incoming_call("+33472555555")
        self.assertEqual(result["partner_ids"], [])
        self.assertFalse(result["name"])

    def test_contacts_search_phone_filter(self):
        Partner = self.Partner.sudo(self.user_agent)
        for term in FORMATS:
            self.assertIn(self.joe, Partner.search([("phone_search", "ilike", term)]), term)
        self.assertIn(self.averell, Partner.search([("phone_search", "ilike", "0478112233")]))
        # a partial number is looked for as typed
        self.assertIn(self.jack, Partner.search([("phone_search", "ilike", "88 77")]))

    def test_numbers_are_found_through_indexes(self):
        """The columns compared by equality are indexed (no scan)."""
        self.env.cr.execute("""
            SELECT tablename || '.' || indexdef FROM pg_indexes
             WHERE tablename IN ('res_partner', 'interaction_address')""")
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        for column in ("(phone_normalized)", "(mobile_normalized)", "(normalized_value)"):
            self.assertIn(column, definitions)


class TestIncomingCall(TelephonyCase):

    def _bus_messages(self, user):
        channel = json_dump(self.Partner._incoming_call_channel(user))
        return [json.loads(bus.message) for bus in self.env["bus.bus"].sudo().search(
            [("channel", "=", channel)])]

    def test_incoming_call_returns_the_caller_and_open_cases(self):
        result = self.Partner.sudo(self.user_agent).incoming_call("+33 4 72 31 41 59")
        self.assertEqual(result["partner_ids"], [self.joe.id])
        self.assertEqual(result["name"], "Joe Dalton")
        self.assertEqual(result["case_ids"], [self.case.id])
        action = result["action"]
        self.assertEqual(action["res_model"], "interaction.communication")
        self.assertEqual(action["context"]["default_sender_id"], self.joe.id)
        self.assertEqual(action["context"]["default_direction"], "incoming")
        self.assertEqual(action["context"]["default_phone_number"], "+33472314159")

    def test_unknown_number(self):
        result = self.Partner.sudo(self.user_agent).incoming_call("01 40 98 76 54")
        self.assertEqual((result["partner_ids"], result["name"], result["case_ids"]),
                         ([], False, []))
        self.assertFalse(result["action"]["context"]["default_sender_id"])

    def test_several_matches(self):
        self.jack.phone = "+33 4 72 31 41 59"
        result = self.Partner.sudo(self.user_agent).incoming_call("0472314159")
        self.assertEqual(set(result["partner_ids"]), {self.joe.id, self.jack.id})

    def test_login_pushes_to_the_agent_only(self):
        self.Partner.sudo(self.user_pbx).incoming_call("0472314159", login="it_agent")
        messages = self._bus_messages(self.user_agent)
        self.assertEqual(len(messages), 1)
        pop = messages[0]
        self.assertEqual(pop["type"], "incoming_call")
        self.assertEqual(pop["phone_number"], "+33472314159")
        self.assertEqual(pop["matches"][0]["id"], self.joe.id)
        self.assertEqual(pop["matches"][0]["organization"], "Dalton SA")
        self.assertEqual(pop["matches"][0]["case_ids"], [self.case.id])
        self.assertFalse(self._bus_messages(self.user_agent2))
        self.assertFalse(self._bus_messages(self.user_pbx))
        # a channel of its own per user, not a text channel a browser may ask for
        channel = self.Partner._incoming_call_channel(self.user_agent)
        self.assertNotEqual(channel, self.Partner._incoming_call_channel(self.user_agent2))
        self.assertIsInstance(channel, tuple)

    def test_push_shows_what_the_agent_may_read(self):
        pbx_private = self.Partner.sudo(self.user_private).create({
            "name": "Private Caller", "is_private": True, "phone": "04 72 66 66 66"})
        result = self.Partner.sudo(self.user_private).incoming_call(
            "0472666666", login="it_agent")
        self.assertEqual(result["partner_ids"], [pbx_private.id])
        self.assertEqual(self._bus_messages(self.user_agent)[0]["matches"], [])

    def test_who_may_call_and_push(self):
        with self.assertRaises(AccessError):
            self.Partner.sudo(self.user_portal).incoming_call("0472314159")
        with self.assertRaises(AccessError):
            self.Partner.sudo(self.user_employee).incoming_call("0472314159")
        # only to an agent of the caller's company, the same error otherwise
        company_b = self.env["res.company"].create({"name": "Company B"})
        create_user(self.env, "it_agent_b", ["interaction_tracker.group_user"],
                    company_id=company_b.id, company_ids=[(6, 0, company_b.ids)])
        for login in ("it_agent_b", "it_employee", "it_portal", "nobody"):
            with self.assertRaises(UserError) as error:
                self.Partner.sudo(self.user_pbx).incoming_call("0472314159", login=login)
            self.assertIn(login, str(error.exception.name))
        with self.assertRaises(ValidationError):
            self.Partner.sudo(self.user_pbx).incoming_call("  ")

    def test_log_the_call_on_the_case(self):
        Partner = self.Partner.sudo(self.user_agent)
        result = Partner.action_incoming_call_log(self.case.id, self.joe.id, "0472314159")
        call = self.env["interaction.communication"].browse(result["call_id"])
        self.assertEqual((call.case_id, call.kind, call.direction), (self.case, "call", "incoming"))
        self.assertEqual((call.sender_id, call.recipient_id),
                         (self.joe, self.user_agent.partner_id))
        self.assertEqual(call.phone_number, "+33472314159")
        self.assertIn("Call received from Dalton SA, Joe Dalton", call.message_id.body)
        self.assertEqual(result["case"]["res_id"], self.case.id)
        self.assertEqual(result["call"]["res_id"], call.id)
        new_case = Partner.action_incoming_call_new_case(self.joe.id)
        self.assertEqual(new_case["context"], {"default_partner_id": self.customer.id,
                                               "default_requester_id": self.joe.id})


class TestCallFollowUp(TelephonyCase):

    def _call(self, **values):
        defaults = {"case_id": self.case.id, "kind": "call", "direction": "outgoing",
                    "sender_id": self.user_agent.partner_id.id,
                    "recipient_id": self.joe.id, "subject": "Delivery date"}
        defaults.update(values)
        return self.env["interaction.communication"].sudo(self.user_agent).create(defaults)

    def test_phone_number_stored_in_e164(self):
        call = self._call(phone_number="04 72 31 41 59", duration=2.5)
        self.assertEqual((call.phone_number, call.duration), ("+33472314159", 2.5))
        with self.assertRaises(ValidationError):
            call.write({"phone_number": "12"})
        with self.assertRaises(ValidationError):
            call.write({"duration": -1})

    def test_not_reached_schedules_one_call_back(self):
        call = self._call()
        call.action_mark_not_reached()
        second = self._call(subject="Second try")
        second.action_mark_not_reached()
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "interaction.case"), ("res_id", "=", self.case.id)])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.activity_type_id,
                         self.env.ref("interaction_tracker.mail_activity_type_call_back"))
        self.assertEqual(activities.user_id, self.user_agent)
        # done, the next call not reached schedules a new one
        activities.action_done()
        self._call(subject="Third try").action_mark_not_reached()
        self.assertEqual(self.env["mail.activity"].search_count([
            ("res_model", "=", "interaction.case"), ("res_id", "=", self.case.id)]), 1)

    def test_feed_note_follows_the_call(self):
        call = self._call(duration=3)
        note = call.message_id
        self.assertIn("Call made to Dalton SA, Joe Dalton", note.body)
        self.assertIn("Subject: Delivery date", note.body)
        call.action_mark_not_reached()
        self.assertIn("Outcome: Not reached", note.body)
        call.write({"direction": "incoming", "subject": "Called back"})
        self.assertIn("Call received from Dalton SA, Joe Dalton", note.body)
        self.assertIn("Subject: Called back", note.body)
        self.assertEqual(note.subject, "Called back")
        call.sudo(self.user_manager).unlink()
        self.assertTrue(note.exists())
        self.assertIn("This call was removed.", note.body)

    def test_default_number_of_the_other_party(self):
        Communication = self.env["interaction.communication"]
        call = Communication.new({"kind": "call", "direction": "incoming",
                                  "sender_id": self.joe.id})
        call._onchange_call_phone_number()
        self.assertEqual(call.phone_number, self.joe.phone)


class TestContactFromCall(TelephonyCase):

    def test_wizard_prefilled_with_a_number_or_a_name(self):
        Wizard = self.env["interaction.contact.wizard"].sudo(self.user_agent)
        action = Wizard.action_start_for("0472998877")
        wizard = Wizard.browse(action["res_id"])
        self.assertEqual(wizard.phone, "+33 4 72 99 88 77")
        self.assertFalse(wizard.return_contact)
        context = Wizard.quick_contact_dialog("Lucky Luke")["context"]
        self.assertEqual((context["default_firstname"], context["default_lastname"]),
                         ("Lucky", "Luke"))
        self.assertTrue(context["default_return_contact"])

    def test_quick_form_creates_and_returns_the_contact(self):
        agent = create_user(self.env, "it_tel_creator", AGENT_GROUPS)
        Wizard = self.env["interaction.contact.wizard"].sudo(agent)
        context = Wizard.quick_contact_dialog("04 72 99 88 77")["context"]
        context.update(default_lastname="Luke", default_organization_id=self.customer.id)
        defaults = {key[8:]: value for key, value in context.items()
                    if key.startswith("default_")}
        wizard = Wizard.with_context(**context).create(defaults)
        self.assertEqual(wizard.partner_id.name, "Luke")
        self.assertEqual(wizard.partner_id.parent_id, self.customer)
        self.assertEqual(wizard.partner_id.phone_normalized, "+33472998877")
        self.assertEqual(wizard.action_finish(), {"type": "ir.actions.act_window_close"})
        # a check that fails creates nothing
        context = Wizard.quick_contact_dialog("04 72 99 88 66")["context"]
        with self.assertRaises(UserError):
            Wizard.with_context(**context).create({"return_contact": True})
        self.assertFalse(self.Partner.search([("phone_normalized", "=", "+33472998866")]))


class TestClickToCall(TelephonyCase):

    def test_scheme_setting_reaches_the_session(self):
        Settings = self.env["res.config.settings"]
        self.assertEqual(Settings._interaction_call_scheme(), "tel")
        Settings.create({"interaction_click_to_call_scheme": "sip"}).execute()
        self.assertEqual(Settings._interaction_call_scheme(), "sip")
        self.env["ir.config_parameter"].sudo().set_param(
            "interaction_tracker.click_to_call_scheme", "javascript")
        self.assertEqual(Settings._interaction_call_scheme(), "tel")
