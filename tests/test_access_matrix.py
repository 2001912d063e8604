# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Role × path matrix: for each role, each record of the module's models and
each way of reaching it, what is visible is what the security model says.
One table of records and one of fields: adding a row adds every check."""
from odoo.exceptions import AccessError

from .common import CustomerCase, create_user

AGENT = ["interaction_tracker.group_user", "base.group_partner_manager"]
# the agents of the company (the administrator is one too)
AGENTS = {"admin", "manager", "agent", "agent_plain"}

# record key: roles that see it (search, read, name_search, read_group, export)
RECORDS = {
    "case": AGENTS | {"portal"},
    "case_b": {"admin", "agent_b"},
    "direct_message": AGENTS | {"portal"},
    "customer_email": AGENTS | {"portal"},
    "third_party_email": AGENTS,
    "call": AGENTS,
    "private_call": {"admin", "agent"},
    "line": AGENTS,
    "private_line": {"admin", "agent"},
    "private_contact": {"admin", "agent"},
    "private_address": {"admin", "agent"},
    "unhandled_mail": {"admin", "manager"},
    "blocked_address": {"admin", "manager"},
    "note_message": AGENTS,
    "direct_message_message": AGENTS | {"portal"},
}
# (record key, field): roles that read the field
FIELDS = {
    ("case", "exchange_preview"): AGENTS,
    ("case", "exchange_count"): AGENTS,
    ("case", "has_reminder"): AGENTS,
    ("case", "unprocessed_count"): AGENTS,
    ("case", "name"): AGENTS | {"portal"},
    ("direct_message", "body"): AGENTS | {"portal"},
    ("line", "email"): AGENTS,
    ("private_line", "mobile"): {"admin", "agent"},
    ("private_call", "sender_email"): {"admin", "agent"},
}
ROLES = ("admin", "manager", "agent", "agent_plain", "agent_b", "portal", "portal_other",
         "public")
# paths that do not apply to a model (mail.message has no name search)
SKIPPED = {("mail.message", "name_search"), ("interaction.case.contact", "name_search")}


class TestAccessMatrix(CustomerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        company_b = env["res.company"].create({"name": "Matrix B"})
        owner = create_user(env, "it_matrix_owner",
                            AGENT + ["interaction_tracker.group_private_contact"])
        cls.users = {
            "admin": env.ref("base.user_root"),
            "manager": cls.user_manager,
            "agent": owner,
            "agent_plain": create_user(env, "it_matrix_plain", AGENT),
            "agent_b": create_user(env, "it_matrix_b", AGENT, company_id=company_b.id,
                                   company_ids=[(6, 0, company_b.ids)]),
            "portal": create_user(env, "it_matrix_joe", ["base.group_portal"],
                                  partner_id=cls.joe.id),
            "portal_other": cls.user_portal,
            "public": env.ref("base.public_user"),
        }
        outsider = env["res.partner"].create({"name": "Lucky Luke", "email": "luke@west.example"})
        private = env["res.partner"].sudo(owner).create({
            "name": "Matrix Secret", "is_private": True, "email": "secret@matrix.example",
            "parent_id": cls.customer.id,
            "mobile": "+33 6 11 22 33 44"}).sudo()
        case = env["interaction.case"].create({
            "name": "Matrix lift", "partner_id": cls.customer.id, "requester_id": cls.joe.id})
        Communication = env["interaction.communication"]
        message = Communication.browse(case.sudo(cls.users["portal"]).portal_post_message(
            "Matrix words"))
        call = Communication.sudo(owner).create({
            "case_id": case.id, "kind": "call", "direction": "outgoing",
            "sender_id": owner.partner_id.id, "recipient_id": cls.joe.id, "body": "<p>x</p>"})
        private_call = Communication.sudo(owner).create({
            "case_id": case.id, "kind": "call", "direction": "incoming",
            "sender_id": private.id, "recipient_id": owner.partner_id.id})
        email = {"case_id": case.id, "kind": "email", "direction": "incoming", "state": "done",
                 "recipient_id": owner.partner_id.id, "body": "<p>mail</p>"}
        cls.records = {
            "case": case,
            "case_b": env["interaction.case"].sudo(cls.users["agent_b"]).create(
                {"name": "Matrix B case"}).sudo(),
            "direct_message": message,
            "customer_email": Communication.create(dict(email, sender_id=cls.joe.id)),
            "third_party_email": Communication.create(dict(email, sender_id=outsider.id)),
            "call": call,
            "private_call": private_call.sudo(),
            "line": case.case_contact_ids,
            "private_line": env["interaction.case.contact"].browse(
                case.sudo(owner).add_contact(private.id, [])),
            "private_contact": private,
            "private_address": env["interaction.address"].sudo(owner).create({
                "partner_id": private.id, "address_type": "phone",
                "value": "+33 4 72 00 00 09"}).sudo(),
            "unhandled_mail": env["interaction.unhandled.mail"].create({
                "email_from": "x@y.example", "subject": "Lost", "reason": "test"}),
            "blocked_address": env["interaction.blocked.address"].create(
                {"email": "spam@matrix.example"}),
            "note_message": call.message_id,
            "direct_message_message": message.message_id,
        }

    def _visible(self, user, record, path):
        """Whether ``user`` reaches ``record`` by ``path``; an AccessError
        is "not visible"."""
        Model = self.env[record._name].sudo(user)
        try:
            if path == "search":
                return record.id in Model.search([("id", "=", record.id)]).ids
            if path == "read":
                return bool(Model.browse(record.id).read(["display_name"]))
            if path == "name_search":
                name = record.sudo()[record._rec_name] or ""
                return record.id in [row[0] for row in Model.name_search(name, limit=None)]
            if path == "read_group":
                groups = Model.read_group([("id", "=", record.id)], ["create_uid"],
                                          ["create_uid"])
                return sum(group["create_uid_count"] for group in groups) > 0
            if path == "export_data":
                return bool(Model.browse(record.id).export_data(["display_name"])["datas"])
        except AccessError:
            return False
        raise AssertionError("unknown path %s" % path)

    def test_records_by_role_and_path(self):
        wrong = []
        for key, allowed in sorted(RECORDS.items()):
            record = self.records[key]
            self.assertTrue(record, key)
            for role in ROLES:
                for path in ("search", "read", "name_search", "read_group", "export_data"):
                    if (record._name, path) in SKIPPED:
                        continue
                    seen = self._visible(self.users[role], record, path)
                    if seen != (role in allowed):
                        wrong.append("%s %s %s: %s" % (role, path, key,
                                                       "seen" if seen else "hidden"))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_fields_by_role(self):
        wrong = []
        for (key, field), allowed in sorted(FIELDS.items()):
            record = self.records[key]
            for role in ROLES:
                target = record.sudo(self.users[role])
                try:
                    target.read([field])
                    read = True
                except AccessError:
                    read = False
                try:
                    target.export_data([field])
                    exported = True
                except AccessError:
                    exported = False
                for path, seen in (("read", read), ("export", exported)):
                    if seen != (role in allowed):
                        wrong.append("%s %s %s.%s" % (role, path, key, field))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_onchange_does_not_read_a_private_contact(self):
        private = self.records["private_contact"]
        values = {"case_id": self.records["case"].id, "kind": "call",
                  "direction": "outgoing", "recipient_id": private.id,
                  "recipient_email": False}
        spec = {"recipient_id": "1", "recipient_email": ""}
        Communication = self.env["interaction.communication"]
        with self.assertRaises(AccessError):
            Communication.sudo(self.users["agent_plain"]).onchange(values, "recipient_id", spec)
        result = Communication.sudo(self.users["agent"]).onchange(values, "recipient_id", spec)
        self.assertEqual(result["value"]["recipient_email"], "secret@matrix.example")

    def test_followers_never_show_a_private_contact(self):
        case = self.records["case"]
        followers = self.env["mail.followers"].search(
            [("res_model", "=", case._name), ("res_id", "=", case.id)])
        self.assertNotIn(self.records["private_contact"], followers.mapped("partner_id"))
