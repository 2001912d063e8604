# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# a term made of digits and the characters people write numbers with
PHONE_TERM = re.compile(r"^\+?[\d\s().\-/]+$")
MIN_PHONE_DIGITS = 6
OPEN_CASE_STATES = ("new", "open")
SCREEN_POP_CASES = 10
SCREEN_POP_MATCHES = 5
INCOMING_CALL_CHANNEL = "interaction.incoming_call"


class ResPartnerTelephony(models.Model):
    """The contact-centre desk: contacts found by any format of their
    numbers, and the incoming call API with its screen-pop."""
    _inherit = "res.partner"

    phone_search = fields.Char(
        string="Phone number", compute="_compute_phone_search",
        search="_search_phone_search",
        help="Technical: finds contacts by any format of their phone, mobile "
             "or phone interaction addresses.")

    def _compute_phone_search(self):
        for partner in self:
            partner.phone_search = partner.phone or partner.mobile

    @api.model
    def _search_phone_search(self, operator, value):
        """Contacts whose normalised numbers match ``value`` (any format);
        a partial number is looked for in the phone and mobile as typed."""
        if operator not in ("ilike", "=", "like", "=ilike") or not isinstance(value, str):
            return ["|", ("phone", operator, value), ("mobile", operator, value)]
        ids = self._phone_match_ids(value)
        if ids is not None:
            return [("id", "in", ids)]
        return ["|", ("phone", "ilike", value), ("mobile", "ilike", value)]

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        """A phone number in any format finds its contacts (their own
        numbers first, then their interaction addresses) by equality on the
        normalised, indexed numbers; when no contact has it, the usual
        search."""
        if operator not in ("ilike", "=", "=ilike") or not isinstance(name, str):
            return super().name_search(name, args=args, operator=operator, limit=limit)
        ids = self._phone_match_ids(name)
        if ids:
            self.check_access_rights("read")
            found = set(self.search([("id", "in", ids)] + list(args or [])).ids)
            ids = [partner_id for partner_id in ids if partner_id in found]
        if not ids:
            return super().name_search(name, args=args, operator=operator, limit=limit)
        return self.browse(ids[:limit or None]).name_get()

    @api.model
    def _phone_match_ids(self, value):
        """Ids of the active contacts having ``value`` (a phone number in any
        format, read in the region of the user's company) as phone, mobile
        or phone interaction address, their own numbers first; None when
        ``value`` is not a phone number. Equality on the normalised,
        indexed columns (no access filtering: the caller's search does)."""
        value = (value or "").strip()
        if not PHONE_TERM.match(value) or len(re.sub(r"\D", "", value)) < MIN_PHONE_DIGITS:
            return None
        number = self._normalize_phone(value, self._get_company_phone_region())
        if not number:
            return None
        self.env.cr.execute("""
            SELECT p.id, 0 FROM res_partner p
             WHERE p.active AND p.phone_normalized = %(number)s
            UNION ALL
            SELECT p.id, 0 FROM res_partner p
             WHERE p.active AND p.mobile_normalized = %(number)s
            UNION ALL
            SELECT a.partner_id, 1 FROM interaction_address a
              JOIN res_partner p ON p.id = a.partner_id
             WHERE p.active AND a.normalized_value = %(number)s
             ORDER BY 2, 1
        """, {"number": number})
        ids = []
        for partner_id, _rank in self.env.cr.fetchall():
            if partner_id not in ids:
                ids.append(partner_id)
        return ids

    # ------------------------------------------------------------------
    # Incoming calls
    # ------------------------------------------------------------------
    @api.model
    def incoming_call(self, phone, login=False):
        """A call comes in on ``phone`` (for a PBX or CTI connector).

        :param login: the login of the agent who takes the call: their open
            web client shows the caller at once (bus.bus, their own channel).
            Only an agent of the caller's company.
        :return: dict ``partner_ids`` (the contacts with this number that the
            caller may read, best first), ``name`` (of the best match or
            False), ``case_ids`` (open cases of the best match, most recent
            first), ``action`` (a new incoming call pre-filled with the
            caller).
        """
        self._check_telephony_agent(self.env.user)
        phone = self._input_string(phone, _("Phone"), required=True)
        agent = self._incoming_call_agent(login) if login else None
        payload = self._incoming_call_payload(phone)
        result = {
            "partner_ids": [match["id"] for match in payload["matches"]],
            "name": payload["matches"][0]["name"] if payload["matches"] else False,
            "case_ids": payload["matches"][0]["case_ids"] if payload["matches"] else [],
            "action": self._incoming_call_action(
                payload["matches"][0]["id"] if payload["matches"] else False,
                payload["phone_number"] or payload["phone"]),
        }
        if agent:
            # what the agent sees is what the agent may read
            agent_payload = self.sudo(agent)._incoming_call_payload(phone)
            self.env["bus.bus"].sendone(
                self._incoming_call_channel(agent),
                dict(agent_payload, type="incoming_call"))
        return result

    @api.model
    def _check_telephony_agent(self, user):
        if not user.has_group("interaction_tracker.group_user"):
            raise AccessError(_("Only agents can report incoming calls."))

    @api.model
    def _incoming_call_agent(self, login):
        """The agent of ``login``, an agent of the caller's company; the
        same error for an unknown login and a forbidden one."""
        login = self._input_string(login, _("Login"))
        agent = self.env["res.users"].sudo().search([("login", "=", login)], limit=1)
        if not agent or not agent.has_group("interaction_tracker.group_user") \
                or self.env.user.company_id not in agent.company_ids:
            raise UserError(_("No agent with the login %s in your company.") % login)
        return agent

    @api.model
    def _incoming_call_channel(self, user):
        """The bus channel of one user's screen-pops: a tuple channel, which
        the web client cannot subscribe to (the server adds it for the
        session's user only, see controllers/bus.py)."""
        return (self.env.cr.dbname, INCOMING_CALL_CHANNEL, user.id)

    @api.model
    def _incoming_call_payload(self, phone):
        """What the screen-pop shows, read with the current user's rights:
        the number, and for each match (best first) its name, organization
        and open cases."""
        region = self._get_company_phone_region()
        number = self._normalize_phone(phone, region)
        partner_ids = self.resolve_contact(phone=phone)[:SCREEN_POP_MATCHES] if number else []
        matches = []
        for partner in self.browse(partner_ids):
            organization = partner.commercial_partner_id if partner.parent_id else False
            cases = self._open_cases_of(partner)
            matches.append({
                "id": partner.id,
                "name": partner.name or partner.display_name,
                "organization": organization.name if organization else False,
                "organization_id": organization.id if organization else False,
                "email": partner.email or False,
                "case_ids": cases.ids,
                "cases": [{"id": case.id, "number": case.number, "name": case.name,
                           "state": case.state} for case in cases],
            })
        return {
            "phone": phone.strip(),
            "phone_number": number or False,
            "phone_display": self._format_phone(number, region) if number else phone.strip(),
            "matches": matches,
        }

    @api.model
    def _open_cases_of(self, partner):
        """Open cases of a contact (requester, on the contacts card, or the
        customer itself), most recent first, that the user may read."""
        Case = self.env["interaction.case"]
        if not Case.check_access_rights("read", raise_exception=False):
            return Case
        return Case.search([
            ("state", "in", OPEN_CASE_STATES),
            "|", "|", ("requester_id", "=", partner.id),
            ("case_contact_ids.partner_id", "=", partner.id),
            ("partner_id", "=", partner.id),
        ], order="create_date desc, id desc", limit=SCREEN_POP_CASES)

    @api.model
    def _incoming_call_action(self, partner_id, phone_number):
        """A new incoming call from ``partner_id`` to the current user."""
        context = {
            "default_kind": "call", "default_direction": "incoming",
            "default_sender_id": partner_id or False,
            "default_recipient_id": self.env.user.partner_id.id,
            "default_phone_number": phone_number or False,
        }
        return {
            "name": _("Incoming call"),
            "type": "ir.actions.act_window",
            "res_model": "interaction.communication",
            "view_mode": "form",
            "views": [(self.env.ref(
                "interaction_tracker.interaction_communication_view_form_call").id, "form")],
            "target": "new",
            "context": context,
        }

    @api.model
    def action_incoming_call_log(self, case_id, partner_id, phone=False):
        """Screen-pop "Log the call on case …": the incoming call is logged on
        the case at once (from the caller to the agent), then opened to be
        completed. Returns the action of the case and of the call."""
        self._check_telephony_agent(self.env.user)
        case = self._input_record("interaction.case", case_id, _("Case"))
        partner = self._input_record("res.partner", partner_id, _("Contact"))
        region = self._get_company_phone_region()
        call = self.env["interaction.communication"].create({
            "case_id": case.id, "kind": "call", "direction": "incoming",
            "sender_id": partner.id, "recipient_id": self.env.user.partner_id.id,
            "phone_number": self._normalize_phone(phone, region) if phone else False,
        })
        return {
            "case": {
                "type": "ir.actions.act_window", "res_model": "interaction.case",
                "res_id": case.id, "view_mode": "form", "views": [(False, "form")],
                "target": "current", "name": case.display_name,
            },
            "call": {
                "type": "ir.actions.act_window", "res_model": "interaction.communication",
                "res_id": call.id, "view_mode": "form", "name": _("Incoming call"),
                "views": [(self.env.ref(
                    "interaction_tracker.interaction_communication_view_form_call").id,
                    "form")],
                "target": "new",
            },
            "call_id": call.id,
        }

    @api.model
    def action_incoming_call_new_case(self, partner_id):
        """Screen-pop "New case": a case form for the caller's organization,
        the caller as requester."""
        self._check_telephony_agent(self.env.user)
        partner = self._input_record("res.partner", partner_id, _("Contact"))
        commercial = partner.commercial_partner_id
        context = {"default_partner_id": commercial.id}
        if partner != commercial:
            context.update(default_requester_id=partner.id)
        return {
            "type": "ir.actions.act_window", "res_model": "interaction.case",
            "view_mode": "form", "views": [(False, "form")], "target": "current",
            "name": _("New case"), "context": context,
        }
