# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input to every public method of the contract, over XML-RPC.

Each call must answer a user-facing Odoo error and write nothing. How Odoo
11 (/xmlrpc/2, odoo/service/wsgi_server.py ``xmlrpc_handle_exception_int``)
turns an exception into a Fault:

- UserError: faultCode 2, faultString the message;
- MissingError: faultCode 2, faultString ``('message', None)``;
- AccessError: faultCode 4, faultString ``('message', None)``;
- anything else: faultCode 1, faultString the traceback, whose last line
  names the class (``odoo.exceptions.ValidationError: ...``, or
  ``TypeError: ...`` for an internal error).
"""
import re
import xmlrpc.client

from psycopg2 import sql

from ..models.interaction_input_mixin import MAX_LINE_LENGTH, MAX_TEXT_LENGTH
from .common import NO_MAIL_CONTEXT, XmlRpcCase, create_user

PASSWORD = "bad-input-pw"
GROUPS = ["interaction_tracker.group_user", "interaction_tracker.group_private_contact",
          "interaction_tracker.group_send_mail", "base.group_partner_manager",
          "project.group_project_user"]
UNKNOWN = 999999999
# every table the public methods write to
TABLES = ["res_partner", "interaction_address", "interaction_attribute_value",
          "interaction_case", "interaction_case_contact", "interaction_communication",
          "interaction_contact_wizard", "interaction_contact_wizard_interaction_address",
          "mail_message", "mail_mail", "mail_followers", "project_task"]
INTERNAL_MARKERS = ("TypeError", "KeyError", "ValueError", "AttributeError", "IndexError",
                    "psycopg2", "During handling of the above exception")
HUGE = "x" * (MAX_TEXT_LENGTH + 1)  # a little more than 1 MiB
LONG_LINE = "x" * (MAX_LINE_LENGTH + 1)
TUPLE_MESSAGE = re.compile(r"^\(['\"].*['\"], None\)$", re.S)


def fault_class(fault):
    """The name of the exception class behind an XML-RPC fault."""
    if fault.faultCode == 4:
        return "AccessError"
    if fault.faultCode == 3:
        return "AccessDenied"
    if fault.faultCode == 2:
        return "MissingError" if TUPLE_MESSAGE.match(fault.faultString) else "UserError"
    last = [line for line in fault.faultString.strip().splitlines() if line.strip()][-1]
    return last.split(":")[0].strip()


class TestBadInputXmlRpc(XmlRpcCase):
    """Every public method, called with bad input, as an agent."""

    def setUp(self):
        super().setUp()
        with self.server_env(NO_MAIL_CONTEXT) as env:
            ids = self.ids = {}
            agent = create_user(env, "it_bad_agent", GROUPS, password=PASSWORD)
            other = create_user(env, "it_bad_other", GROUPS, password=PASSWORD)
            ids["agent"] = agent.id
            Partner = env["res.partner"]
            customer = Partner.create({"name": "Bad Input SA", "is_company": True})
            ids["joe"] = Partner.create({"name": "Joe Input", "parent_id": customer.id}).id
            ids["stranger"] = Partner.create({"name": "Lucky Stranger"}).id
            ids["private_other"] = Partner.sudo(other).create({
                "name": "Secret Other", "is_private": True}).id
            Case = env["interaction.case"]
            case = Case.sudo(agent).create({"name": "Bad input case",
                                            "partner_id": customer.id})
            ids["case"] = case.id
            ids["case2"] = Case.sudo(agent).create({"name": "Second case"}).id
            ids["blocked_case"] = Case.sudo(agent).create({
                "name": "Blocked case", "messages_blocked": True}).id
            other_company = env["res.company"].create({"name": "Bad Input Other Company"})
            ids["other_company"] = other_company.id
            other_case = Case.create({"name": "Other company case",
                                      "company_id": other_company.id})
            ids["other_case"] = other_case.id
            Communication = env["interaction.communication"].sudo(agent)
            call = {"case_id": case.id, "kind": "call", "sender_id": agent.partner_id.id,
                    "recipient_id": ids["joe"]}
            ids["out_call"] = Communication.create(dict(call, direction="outgoing")).id
            ids["in_call"] = Communication.create(dict(
                call, direction="incoming", sender_id=ids["joe"],
                recipient_id=agent.partner_id.id)).id
            ids["draft_email"] = Communication.create({
                "case_id": case.id, "kind": "email", "direction": "outgoing",
                "state": "draft", "subject": "No recipient", "body": "<p>Hi</p>"}).id
            ids["other_call"] = env["interaction.communication"].create(dict(
                call, case_id=other_case.id, direction="outgoing")).id
            project = env["project.project"].create({
                "name": "Bad input project", "privacy_visibility": "employees"})
            ids["task"] = env["project.task"].create({
                "name": "Bad input task", "project_id": project.id}).id
            # a followers-only project the agent does not follow
            hidden = env["project.project"].create({
                "name": "Hidden project", "privacy_visibility": "followers"})
            ids["hidden_task"] = env["project.task"].create({
                "name": "Hidden task", "project_id": hidden.id}).id
            Wizard = env["interaction.contact.wizard"]
            ids["wizard_no_name"] = Wizard.sudo(agent).create({}).id
            ids["wizard_bad_phone"] = Wizard.sudo(agent).create({
                "step": "business", "lastname": "Phone", "phone": "12 34"}).id
            ids["wizard_bad_email"] = Wizard.sudo(agent).create({
                "lastname": "Mail", "email": "not an e-mail"}).id
            ids["wizard_other"] = Wizard.sudo(other).create({"lastname": "Other"}).id

    def rpc(self, model, method, args, kwargs=None):
        return self.execute_kw(self.ids["agent"], PASSWORD, model, method, args, kwargs)

    def _snapshot(self):
        """Row count and a digest of every row of the written tables."""
        result = {}
        with self.registry.cursor() as cr:
            for table in TABLES:
                cr.execute(sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), ''))"
                    " FROM {} t").format(sql.Identifier(table)))
                result[table] = cr.fetchone()
        return result

    def _rows(self):
        """(model, method, args, kwargs, expected class) for every public
        method of the contract."""
        i = self.ids
        P, A, W = "res.partner", "interaction.address", "interaction.contact.wizard"
        C, M = "interaction.case", "interaction.communication"
        V, U, X, N = "ValidationError", "UserError", "MissingError", "AccessError"
        call = {"case_id": i["case"], "kind": "call", "direction": "outgoing",
                "sender_id": i["joe"], "recipient_id": i["joe"]}
        return [
            # res.partner: lookups
            (P, "resolve_contact", [], {"phone": ["0123456789"]}, U),
            (P, "resolve_contact", [], {"email": {"a": 1}}, U),
            (P, "resolve_contact", [], {"phone": LONG_LINE}, V),
            (P, "resolve_contact", [], {"email": HUGE}, V),
            (P, "split_email_name", [["jean.dupont@x.fr"]], {}, U),
            (P, "split_email_name", [42], {}, U),
            (P, "split_email_name", [], {}, V),
            (P, "split_email_name", [HUGE], {}, V),
            # res.partner: create / write with the contract fields
            (P, "create", [{}], {}, V),
            (P, "create", [{"name": ["Joe"]}], {}, U),
            (P, "create", [{"firstname": {"a": 1}, "lastname": "Dalton"}], {}, U),
            (P, "create", [{"name": HUGE}], {}, V),
            (P, "create", [{"name": "Joe", "person_type": "alien"}], {}, V),
            (P, "create", [{"name": "Joe", "is_private": "yes"}], {}, U),
            (P, "create", [{"name": "Joe", "parent_id": "abc"}], {}, U),
            (P, "create", [{"name": "Joe", "parent_id": UNKNOWN}], {}, X),
            (P, "create", [{"name": "Joe", "parent_id": i["private_other"]}], {}, N),
            (P, "create", [{"name": "Joe", "site_id": UNKNOWN}], {}, X),
            (P, "create", [{"name": "Joe", "phone": LONG_LINE}], {}, V),
            (P, "create", [{"name": "Joe", "interaction_address_ids": "abc"}], {}, U),
            (P, "create", [{"name": "Joe", "interaction_address_ids": [
                (0, 0, {"address_type": "phone", "value": "12 34"})]}], {}, V),
            (P, "create", [{"name": "Joe", "interaction_address_ids": [
                (0, 0, {"address_type": "email", "value": "joe@"})]}], {}, V),
            (P, "create", [{"name": "Joe", "attribute_value_ids": [(4, UNKNOWN)]}], {}, X),
            (P, "write", [[i["joe"]], {"name": False}], {}, V),
            (P, "write", [[i["joe"]], {"lastname": 12}], {}, U),
            (P, "write", [[i["joe"]], {"site_id": "abc"}], {}, U),
            (P, "write", [[i["joe"]], {"parent_id": i["private_other"]}], {}, N),
            (P, "write", [[UNKNOWN], {"department": "Sales"}], {}, X),
            (P, "write", [["abc"], {"department": "Sales"}], {}, U),
            (P, "write", [[i["private_other"]], {"department": "Sales"}], {}, N),
            # interaction.address
            (A, "create", [{"partner_id": i["joe"], "address_type": "phone",
                            "value": "12 34"}], {}, V),
            (A, "create", [{"partner_id": i["joe"], "address_type": "email",
                            "value": "not an e-mail"}], {}, V),
            (A, "create", [{"partner_id": i["joe"], "address_type": "phone"}], {}, V),
            (A, "create", [{"value": "+33123456789"}], {}, V),
            (A, "create", [{"partner_id": "abc", "value": "+33123456789"}], {}, U),
            (A, "create", [{"partner_id": UNKNOWN, "value": "+33123456789"}], {}, X),
            (A, "create", [{"partner_id": i["private_other"], "value": "+33123456789"}], {}, N),
            (A, "create", [{"partner_id": i["joe"], "address_type": "pigeon",
                            "value": "+33123456789"}], {}, V),
            (A, "create", [{"partner_id": i["joe"], "value": ["+33123456789"]}], {}, U),
            (A, "create", [{"partner_id": i["joe"], "address_type": "other",
                            "value": HUGE}], {}, V),
            # interaction.contact.wizard
            (W, "create", [{"lastname": ["Dupont"]}], {}, U),
            (W, "create", [{"organization_id": UNKNOWN}], {}, X),
            (W, "create", [{"interaction_address_line_ids": [(0, 0, {"value": 42})]}], {}, U),
            (W, "action_next", [[i["wizard_no_name"]]], {}, U),
            (W, "action_next", [[i["wizard_bad_phone"]]], {}, V),
            (W, "action_next", [[UNKNOWN]], {}, X),
            (W, "action_next", [[]], {}, U),
            (W, "action_next", [["abc"]], {}, U),
            (W, "action_next", [[i["wizard_other"]]], {}, N),
            (W, "action_finish", [[i["wizard_bad_email"]]], {}, V),
            (W, "action_finish", [[i["wizard_no_name"]]], {}, U),
            (W, "action_finish", [[i["wizard_other"]]], {}, N),
            (W, "action_finish", [[UNKNOWN]], {}, X),
            # interaction.case
            (C, "create", [{}], {}, V),
            (C, "create", [{"name": "   "}], {}, V),
            (C, "create", [{"name": ["Broken"]}], {}, U),
            (C, "create", [{"name": LONG_LINE}], {}, V),
            (C, "create", [{"name": "Broken", "description": HUGE}], {}, V),
            (C, "create", [{"name": "Broken", "partner_id": "abc"}], {}, U),
            (C, "create", [{"name": "Broken", "partner_id": UNKNOWN}], {}, X),
            (C, "create", [{"name": "Broken", "requester_id": i["private_other"]}], {}, N),
            (C, "create", [{"name": "Broken", "company_id": i["other_company"]}], {}, N),
            (C, "create", [{"name": "Broken", "state": "bogus"}], {}, V),
            (C, "create", [{"name": "Broken", "user_id": {"id": 1}}], {}, U),
            (C, "add_contact", [[i["case"]], "abc"], {}, U),
            (C, "add_contact", [[i["case"]], [i["joe"]]], {}, U),
            (C, "add_contact", [[i["case"]], UNKNOWN], {}, X),
            (C, "add_contact", [[i["case"]], i["private_other"]], {}, N),
            (C, "add_contact", [[i["case"]]], {}, V),
            (C, "add_contact", [[i["case"]], i["joe"]], {"tag_codes": "primary"}, U),
            (C, "add_contact", [[i["case"]], i["joe"]], {"tag_codes": ["nope"]}, V),
            (C, "add_contact", [[i["case"]], i["stranger"]], {}, V),
            (C, "add_contact", [[i["other_case"]], i["joe"]], {}, N),
            (C, "add_contact", [[UNKNOWN], i["joe"]], {}, X),
            (C, "add_contact", [[i["case"], i["case2"]], i["joe"]], {}, U),
            (C, "post_direct_message", [[i["case"]], ["Hello"]], {}, U),
            (C, "post_direct_message", [[i["case"]], ""], {}, V),
            (C, "post_direct_message", [[i["case"]]], {}, V),
            (C, "post_direct_message", [[i["case"]], HUGE], {}, V),
            (C, "post_direct_message", [[i["case"]], "Hello"], {"notify_by_email": "yes"}, U),
            (C, "post_direct_message", [[i["other_case"]], "Hello"], {}, N),
            (C, "post_direct_message", [[i["blocked_case"]], "Hello"], {}, U),
            (C, "post_direct_message", [[UNKNOWN], "Hello"], {}, X),
            (C, "action_block_conversation", [[UNKNOWN]], {}, X),
            (C, "action_block_conversation", [["abc"]], {}, U),
            (C, "action_block_conversation", [[i["other_case"]]], {}, N),
            (C, "action_unblock_conversation", [[UNKNOWN]], {}, X),
            (C, "action_unblock_conversation", [[i["other_case"]]], {}, N),
            # interaction.communication: create / write
            (M, "create", [{}], {}, V),
            (M, "create", [dict(call, case_id="abc")], {}, U),
            (M, "create", [dict(call, case_id=UNKNOWN)], {}, X),
            (M, "create", [dict(call, case_id=i["other_case"])], {}, N),
            (M, "create", [dict(call, kind="fax")], {}, V),
            (M, "create", [dict(call, recipient_id=False)], {}, V),
            (M, "create", [dict(call, sender_id=i["private_other"])], {}, N),
            (M, "create", [dict(call, date="yesterday")], {}, V),
            (M, "create", [dict(call, subject=LONG_LINE)], {}, V),
            (M, "create", [dict(call, body=HUGE)], {}, V),
            (M, "create", [dict(call, body=["<p>Hi</p>"])], {}, U),
            (M, "create", [dict(call, exchange_type_id="abc")], {}, U),
            (M, "create", [dict(call, task_id=UNKNOWN)], {}, X),
            (M, "create", [dict(call, attachment_ids="abc")], {}, U),
            (M, "create", [{"case_id": i["case"], "kind": "exchange", "body": ""}], {}, V),
            (M, "create", [{"case_id": i["case"], "kind": "email", "direction": "outgoing",
                            "state": "draft", "email_to": "not an e-mail"}], {}, V),
            (M, "write", [[i["out_call"]], {"direction": "sideways"}], {}, V),
            (M, "write", [[i["out_call"]], {"case_id": False}], {}, V),
            (M, "write", [[i["out_call"]], {"subject": 12}], {}, U),
            (M, "write", [[i["out_call"]], {"sender_id": i["private_other"]}], {}, N),
            (M, "write", [[i["out_call"]], {"recipient_id": False}], {}, V),
            (M, "write", [[UNKNOWN], {"subject": "Lift"}], {}, X),
            (M, "write", [[i["other_call"]], {"subject": "Lift"}], {}, N),
            # interaction.communication: buttons
            (M, "action_mark_processed", [[i["out_call"]]], {}, U),
            (M, "action_mark_processed", [[UNKNOWN]], {}, X),
            (M, "action_mark_processed", [["abc"]], {}, U),
            (M, "action_mark_processed", [[i["other_call"]]], {}, N),
            (M, "action_mark_unprocessed", [[i["out_call"]]], {}, U),
            (M, "action_mark_unprocessed", [[UNKNOWN]], {}, X),
            (M, "action_mark_reached", [[i["in_call"]]], {}, U),
            (M, "action_mark_reached", [[UNKNOWN]], {}, X),
            (M, "action_mark_reached", [[i["other_call"]]], {}, N),
            (M, "action_mark_not_reached", [[i["in_call"]]], {}, U),
            (M, "action_mark_not_reached", [[1.5]], {}, U),
            (M, "action_mark_read", [[UNKNOWN]], {}, X),
            (M, "action_mark_read", [[i["other_call"]]], {}, N),
            (M, "action_mark_unread", [["abc"]], {}, U),
            (M, "action_mark_unread", [[i["other_call"]]], {}, N),
            (M, "action_send", [[i["out_call"]]], {}, U),
            (M, "action_send", [[i["draft_email"]]], {}, U),
            (M, "action_send", [[UNKNOWN]], {}, X),
            (M, "action_send", [[i["other_call"]]], {}, N),
            (M, "action_assign_task", [[i["out_call"]], "abc"], {}, U),
            (M, "action_assign_task", [[i["out_call"]], [i["task"]]], {}, U),
            (M, "action_assign_task", [[i["out_call"]], UNKNOWN], {}, X),
            (M, "action_assign_task", [[i["out_call"]]], {}, V),
            (M, "action_assign_task", [[i["out_call"]], i["hidden_task"]], {}, N),
            (M, "action_assign_task", [[UNKNOWN], i["task"]], {}, X),
            (M, "action_assign_task", [[i["other_call"]], i["task"]], {}, N),
            (M, "action_unassign_task", [[UNKNOWN]], {}, X),
            (M, "action_unassign_task", [[i["other_call"]]], {}, N),
        ]

    def test_bad_input_answers_a_user_error_and_writes_nothing(self):
        rows = self._rows()
        methods = {(model, method) for model, method, _args, _kwargs, _expected in rows}
        # 23 methods of the contract, and the create that makes a wizard
        self.assertEqual(len(methods), 24, "every public method of the contract")
        failures = []
        for model, method, args, kwargs, expected in rows:
            label = "%s.%s(%s, %s)" % (model, method, repr(args)[:80], repr(kwargs)[:60])
            before = self._snapshot()
            try:
                result = self.rpc(model, method, args, kwargs)
            except xmlrpc.client.Fault as fault:
                text = fault.faultString
                got = fault_class(fault).replace("odoo.exceptions.", "")
                internal = [marker for marker in INTERNAL_MARKERS if marker in text]
                if got != expected or internal:
                    failures.append("%s: %s expected, got %s%s\n%s" % (
                        label, expected, got, " (%s)" % internal if internal else "",
                        text[-1500:]))
            else:
                failures.append("%s: %s expected, answered %r" % (label, expected, result))
            if self._snapshot() != before:
                failures.append("%s: something was written" % label)
        self.assertFalse(failures, "%d of %d calls:\n%s" % (
            len(failures), len(rows), "\n\n".join(failures)))

    def test_lookups_of_invalid_values_find_nothing(self):
        """resolve_contact is a lookup: an invalid phone number or e-mail, or
        a contact the caller may not read, matches nothing (no error)."""
        with self.server_env() as env:
            env["res.partner"].browse(self.ids["private_other"]).write({
                "phone": "01 98 76 54 32", "email": "secret.other@example.com"})
        for kwargs in ({"phone": "12 34"}, {"email": "not an e-mail"},
                       {"phone": "01 98 76 54 32"}, {"email": "secret.other@example.com"}):
            self.assertEqual(self.rpc("res.partner", "resolve_contact", [], kwargs), [])

    def test_html_payloads_are_stored_sanitized(self):
        payload = ('<p onclick="steal()">Hi</p><script>alert(1)</script>'
                   '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a>')
        call_id = self.rpc("interaction.communication", "create", [{
            "case_id": self.ids["case"], "kind": "call", "direction": "outgoing",
            "sender_id": self.ids["joe"], "recipient_id": self.ids["joe"],
            "subject": "<b>Lift</b>", "body": payload}])
        message_id = self.rpc("interaction.case", "post_direct_message",
                              [[self.ids["case"]], payload])
        case_id = self.rpc("interaction.case", "create", [{
            "name": "<script>alert(4)</script>", "description": payload}])
        with self.registry.cursor() as cr:
            cr.execute("SELECT body FROM interaction_communication WHERE id IN %s",
                       ((call_id, message_id),))
            stored = [row[0] for row in cr.fetchall()]
            cr.execute("SELECT name, description FROM interaction_case WHERE id = %s",
                       (case_id,))
            name, description = cr.fetchone()
        for html in stored + [description]:
            self.assertIn("Hi", html)
            for dangerous in ("<script", "onclick", "onerror", "javascript:"):
                self.assertNotIn(dangerous, html)
        # a subject is plain text, escaped wherever it is shown
        self.assertEqual(name, "<script>alert(4)</script>")

    def test_longest_accepted_values(self):
        """The limits are inclusive: a subject of 998 characters and a body
        of 1 MiB are stored."""
        call_id = self.rpc("interaction.communication", "create", [{
            "case_id": self.ids["case"], "kind": "call", "direction": "outgoing",
            "sender_id": self.ids["joe"], "recipient_id": self.ids["joe"],
            "subject": "s" * MAX_LINE_LENGTH, "body": "b" * MAX_TEXT_LENGTH}])
        with self.registry.cursor() as cr:
            cr.execute("SELECT length(subject), length(body) FROM interaction_communication"
                       " WHERE id = %s", (call_id,))
            subject_length, body_length = cr.fetchone()
        self.assertEqual(subject_length, MAX_LINE_LENGTH)
        self.assertGreaterEqual(body_length, MAX_TEXT_LENGTH)
