# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .mail_common import MailCase

PLAIN = """From: Joe Dalton <joe@dalton.example>
To: cases@support.example
Cc: Jack Dalton <jack@dalton.example>, Lucky Luke <luke@west.example>
Subject: The lift is stuck
Message-Id: <{mid}@dalton.example>
Date: Mon, 02 Mar 2026 10:00:00 +0100
Content-Type: text/plain; charset=utf-8

Hello, the lift is stuck on the third floor.
"""

MULTIPART = """From: someone@unknown.example
To: cases@support.example
Subject: Multipart question
Message-Id: <multipart-1@unknown.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="OUTER"

--OUTER
Content-Type: multipart/alternative; boundary="INNER"

--INNER
Content-Type: text/plain; charset=utf-8

Plain version
--INNER
Content-Type: text/html; charset=utf-8

<p>HTML <b>version</b></p>
--INNER--
--OUTER
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IK
--OUTER--
"""

HTML_ONLY = """From: html@unknown.example
To: cases@support.example
Subject: HTML only
Message-Id: <html-1@unknown.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>Only <i>HTML</i> here</p></body></html>
"""

LATIN1 = (b"From: =?iso-8859-1?q?Ren=E9_Gar=E7on?= <rene@unknown.example>\n"
          b"To: cases@support.example\n"
          b"Subject: =?iso-8859-1?q?Probl=E8me_de_chauffage?=\n"
          b"Message-Id: <latin1-1@unknown.example>\n"
          b"MIME-Version: 1.0\n"
          b"Content-Type: text/plain; charset=iso-8859-1\n"
          b"Content-Transfer-Encoding: quoted-printable\n\n"
          b"Le chauffage ne fonctionne plus depuis hier, merci de r=E9parer.\n")

MALFORMED = """Message-Id: <malformed-1@nowhere>
Subject broken header without colon
this is not an e-mail at all
"""


class TestMailIncoming(MailCase):

    def _process(self, raw, model="interaction.case"):
        return self.env["mail.thread"].message_process(model, raw)

    def _cases(self):
        return self.env["interaction.case"].search([])

    def test_new_case_from_known_sender(self):
        # warm the caches as a running gateway has them (a mail from a known
        # contact already went through)
        self._process(PLAIN.format(mid="warm-up"))
        before = self._cases()
        # the gateway's rules (rate limit) included
        with self.assertMaxQueries(34):
            case_id = self._process(PLAIN.format(mid="new-1"))
        case = self._cases() - before
        self.assertEqual(case.id, case_id)
        self.assertEqual(case.name, "The lift is stuck")
        self.assertIn("third floor", case.description)
        self.assertEqual(case.requester_id, self.joe)
        self.assertEqual(case.partner_id, self.customer)
        lines = {line.partner_id: line.tag_ids.mapped("code") for line in case.case_contact_ids}
        self.assertEqual(sorted(lines[self.joe]),
                         ["original_requester", "primary", "requester", "subject"])
        self.assertEqual(lines[self.jack], [], "same-company Cc contact, without tags")
        self.assertNotIn(self.outsider, lines)
        incoming = case.communication_ids
        self.assertEqual(len(incoming), 1)
        self.assertEqual((incoming.kind, incoming.direction, incoming.state, incoming.processed),
                         ("email", "incoming", "done", False))
        self.assertEqual(incoming.sender_id, self.joe)
        self.assertEqual(incoming.message_id.message_id, "<new-1@dalton.example>")
        self.assertEqual(incoming.message_id.author_id, self.joe, "the sender is the author")
        self.assertIn(incoming.message_id, case.message_ids)
        self.assertEqual(incoming.message_id.partner_ids, self.jack | self.outsider,
                         "the Cc contacts are recipients, the alias is not")
        self.assertFalse(incoming.message_id.sudo().needaction_partner_ids,
                         "nobody follows the new case: nobody is notified")

    def test_sender_known_by_an_interaction_address(self):
        """The author of the feed message and the sender of the
        communication are the same contact, found by any of its addresses
        (Odoo's gateway only reads the partners' own e-mail field)."""
        self.env["interaction.address"].create({
            "partner_id": self.jack.id, "address_type": "email",
            "value": "Jack.Home@Dalton.example"})
        raw = PLAIN.format(mid="alt-1").replace(
            "From: Joe Dalton <joe@dalton.example>", "From: Jack <jack.home@dalton.example>")
        case = self.env["interaction.case"].browse(self._process(raw))
        self.assertEqual(case.requester_id, self.jack)
        self.assertEqual(case.communication_ids.sender_id, self.jack)
        self.assertEqual(case.message_ids.author_id, self.jack)

    def test_followers_are_notified_of_replies(self):
        """Notifying nobody is skipped, but a follower of the case still gets
        the customer's reply in the inbox."""
        case = self.env["interaction.case"].browse(self._process(PLAIN.format(mid="fol-1")))
        agent = self.user_agent.partner_id
        case.message_subscribe(partner_ids=[agent.id],
                               subtype_ids=[self.env.ref("mail.mt_comment").id])
        reply = PLAIN.format(mid="fol-2").replace(
            "Subject: The lift is stuck",
            "Subject: Re: The lift is stuck\nIn-Reply-To: <fol-1@dalton.example>")
        self.assertEqual(self._process(reply), case.id)
        message = case.communication_ids.sorted("id")[-1].message_id
        self.assertEqual(message.message_id, "<fol-2@dalton.example>")
        self.assertEqual(message.sudo().needaction_partner_ids, agent)

    def test_reply_query_count(self):
        case = self.env["interaction.case"].browse(self._process(PLAIN.format(mid="count-1")))

        def reply(mid):
            # distinct replies have distinct dates (same sender, date and
            # In-Reply-To under another Message-Id is a rewritten copy)
            return PLAIN.format(mid=mid).replace(
                "Subject: The lift is stuck",
                "Subject: Re: The lift is stuck\nIn-Reply-To: <count-1@dalton.example>").replace(
                "10:00:00", "10:%s:00" % mid[-1].zfill(2))
        # a first reply warms the caches, as a running gateway has them
        self.assertEqual(self._process(reply("count-2")), case.id)
        # the rate limit and the rewritten-copy check included
        with self.assertMaxQueries(28):
            self.assertEqual(self._process(reply("count-3")), case.id)
        self.assertEqual(len(case.communication_ids), 3)

    def test_duplicate_without_message_id_creates_nothing(self):
        raw = "\n".join(line for line in PLAIN.format(mid="none").splitlines()
                        if not line.startswith("Message-Id"))
        case_id = self._process(raw)
        self.assertTrue(case_id)
        cases = self._cases()
        communications = self.env["interaction.communication"].search_count([])
        self.assertFalse(self._process(raw.encode("utf-8")), "the same bytes again")
        self.assertEqual(self._cases(), cases)
        self.assertEqual(self.env["interaction.communication"].search_count([]), communications)
        message_id = self.env["interaction.case"].browse(case_id).communication_ids.email_message_id
        self.assertRegex(message_id, r"^<[0-9a-f]{64}@message-hash\.interaction-tracker>$")
        other = raw.replace("third floor", "fourth floor")
        self.assertNotEqual(self._process(other), case_id, "another mail, another case")

    def test_duplicate_message_id_creates_nothing(self):
        raw = PLAIN.format(mid="dup-1")
        self.assertTrue(self._process(raw))
        cases = self._cases()
        communications = self.env["interaction.communication"].search_count([])
        self.assertFalse(self._process(raw))
        self.assertEqual(self._cases(), cases)
        self.assertEqual(self.env["interaction.communication"].search_count([]), communications)

    def test_reply_by_references_and_by_number(self):
        case = self.env["interaction.case"].browse(self._process(PLAIN.format(mid="thread-1")))
        reply = PLAIN.format(mid="thread-2").replace(
            "Subject: The lift is stuck",
            "Subject: Re: The lift is stuck\nIn-Reply-To: <thread-1@dalton.example>")
        cases = self._cases()
        self.assertEqual(self._process(reply), case.id)
        by_number = PLAIN.format(mid="thread-3").replace(
            "Subject: The lift is stuck", "Subject: About %s again" % case.number)
        self.assertEqual(self._process(by_number), case.id)
        self.assertEqual(self._cases(), cases)
        incoming = case.communication_ids.filtered(lambda c: c.direction == "incoming")
        self.assertEqual(len(incoming), 3)
        self.assertFalse(any(incoming.mapped("processed")))

    def test_blocked_sender_creates_nothing(self):
        Blocked = self.env["interaction.blocked.address"]
        Blocked.create({"email": "Joe@Dalton.example"})
        Blocked.create({"email": "*@spam.example"})
        cases = self._cases()
        self.assertFalse(self._process(PLAIN.format(mid="blocked-1")))
        spam = PLAIN.format(mid="blocked-2").replace("joe@dalton.example", "x@spam.example")
        self.assertFalse(self._process(spam))
        self.assertEqual(self._cases(), cases)
        self.assertFalse(self.env["interaction.unhandled.mail"].search([]))

    def test_multipart_html_only_latin1_attachment(self):
        case = self.env["interaction.case"].browse(self._process(MULTIPART))
        self.assertIn("version", case.description)
        self.assertFalse(case.requester_id)
        self.assertEqual(case.communication_ids.attachment_ids.mapped("name"), ["invoice.pdf"])
        html_case = self.env["interaction.case"].browse(self._process(HTML_ONLY))
        self.assertIn("<i>HTML</i>", html_case.description)
        latin_case = self.env["interaction.case"].browse(self._process(LATIN1))
        self.assertEqual(latin_case.name, "Problème de chauffage")
        self.assertIn("réparer", latin_case.description)
        self.assertIn("René", latin_case.communication_ids.email_from)

    def test_malformed_mail_is_kept_and_routed_by_hand(self):
        cases = self._cases()
        self.assertFalse(self._process(MALFORMED))
        self.assertFalse(self._process(MALFORMED))
        self.assertEqual(self._cases(), cases)
        kept = self.env["interaction.unhandled.mail"].search([])
        self.assertEqual(len(kept), 1, "kept once")
        self.assertIn("not an e-mail", kept.raw)
        self.assertEqual(kept.reason_code, "no_sender")
        self.assertTrue(kept.reason)
        target = self.env["interaction.case"].create({"name": "Target"})
        kept.sudo(self.user_manager).action_route_to_case(target.id)
        self.assertEqual(kept.state, "routed")
        self.assertEqual(kept.communication_id.case_id, target)
        self.assertEqual(kept.communication_id.direction, "incoming")

    def test_unroutable_mail_is_kept(self):
        raw = PLAIN.format(mid="lost-1").replace("cases@support.example", "nobody@support.example")
        with self.assertRaises(ValueError):
            self._process(raw, model=None)
        kept = self.env["interaction.unhandled.mail"].search([])
        self.assertEqual(kept.message_id, "<lost-1@dalton.example>")
        self.assertEqual(kept.reason_code, "no_route")
        self.assertIn("No possible route", kept.reason)

    def test_managers_only_for_gateway_lists(self):
        for model in ("interaction.unhandled.mail", "interaction.blocked.address"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.user_agent).search([])
            self.env[model].sudo(self.user_manager).search([])

    def test_batched_partner_lookup_finds_what_odoo_finds(self):
        """The gateway's address lookup for mail without a document (all the
        To/Cc addresses at once) gives, address by address, what Odoo's own
        lookup gives, in fewer queries."""
        Partner = self.env["res.partner"]
        bracketed = Partner.create({"name": "Averell", "email": "Averell <Averell@Dalton.example>"})
        underscore = Partner.create({"name": "Ma", "email": "ma_dalton@dalton.example"})
        Partner.create({"name": "Not Ma", "email": "maXdalton@dalton.example"})
        emails = [
            "Joe <JOE@dalton.example>",         # a partner, another case
            "averell@dalton.example",           # "<address>" inside a name-addr
            "ma_dalton@dalton.example",         # "_" is not a wildcard
            "nobody@dalton.example",            # unknown
            "not an address",                   # no address at all
            "%s" % self.user_sender.email,      # a user
            "jack@dalton.example, joe@dalton.example",  # two in one: the first
            "joe@dalton.example",               # twice
        ]
        expected = [self.joe.id, bracketed.id, underscore.id, False, False,
                    self.user_sender.partner_id.id, self.jack.id, self.joe.id]
        # Odoo's path: the followers of a document come first (here nobody
        # follows the customer), then one address after the other
        odoo = self.env["mail.thread"]._find_partner_from_emails(
            emails, res_model="res.partner", res_id=self.customer.id)
        self.assertEqual(odoo, expected)
        with self.assertMaxQueries(len(emails)):
            batched = self.env["mail.thread"]._find_partner_from_emails(emails)
        self.assertEqual(batched, expected)
