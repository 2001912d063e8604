# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import re

import phonenumbers
import psycopg2
from email_validator import EmailNotValidError, validate_email

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from .interaction_input_mixin import MAX_LINE_LENGTH
from .mail_message import NOTIFY_LATER_KEY

_logger = logging.getLogger(__name__)

NAME_PARTS = ("firstname", "middlename", "lastname")
DEFAULT_PHONE_REGION = "FR"
# res.partner.name_search (Odoo 11) reads these columns with "ILIKE '%term%'"
# ("email OR display_name OR ref OR vat"). With the default planner costs
# (random_page_cost = 4) PostgreSQL ignores a BitmapOr of four trigram
# indexes as soon as a term matches a few percent of the contacts; it uses
# one trigram index on this expression, the four columns in one text joined
# by a control character no one types (see _name_search_query).
NAME_SEARCH_COLUMNS = ("email", "display_name", "ref", "vat")
NAME_SEARCH_SEPARATOR = "\x01"
NAME_SEARCH_EXPRESSION = "(%s)" % " || E'\\x01' || ".join(
    "COALESCE(%s, '')" % column for column in NAME_SEARCH_COLUMNS)
# GIN trigram indexes: the expression of name_search, and display_name and
# email, searched with ILIKE by the contact list's search view
TRIGRAM_INDEXES = {
    "res_partner_name_search_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_name_search_trgm_index "
        "ON res_partner USING gin (%s gin_trgm_ops)" % NAME_SEARCH_EXPRESSION,
    "res_partner_display_name_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_display_name_trgm_index "
        "ON res_partner USING gin (display_name gin_trgm_ops)",
    "res_partner_email_trgm_index":
        "CREATE INDEX IF NOT EXISTS res_partner_email_trgm_index "
        "ON res_partner USING gin (email gin_trgm_ops)",
}
# created by earlier versions for name_search, replaced by the expression's
OBSOLETE_INDEXES = ("res_partner_ref_trgm_index", "res_partner_vat_trgm_index")
# name_search operators answered with the expression's index
NAME_SEARCH_OPERATORS = ("ilike", "like", "=ilike", "=like")


class ResPartner(models.Model):
    _inherit = ["res.partner", "interaction.input.mixin"]
    _name = "res.partner"
    # Odoo's own fields keep Odoo's own checks: only the module's fields and
    # the ones its methods read are checked here
    _input_checked_fields = NAME_PARTS + (
        "name", "person_type", "is_private", "department", "assistant_name", "site_id",
        "parent_id", "interaction_address_ids", "attribute_value_ids", "phone", "mobile",
        "email")
    _input_max_lengths = dict.fromkeys(
        NAME_PARTS + ("name", "phone", "mobile", "email"), MAX_LINE_LENGTH)

    type = fields.Selection(selection_add=[("site", "Site")])
    firstname = fields.Char("First name", index=True)
    middlename = fields.Char("Middle name")
    lastname = fields.Char("Last name", index=True)
    person_type = fields.Selection(
        [("system", "System"),
         ("ic_user", "IC user"),
         ("external", "External"),
         ("internal", "Internal"),
         ("customer", "Customer"),
         ("partner", "Partner"),
         ("supplier", "Supplier"),
         ("public_relations", "Public relations")],
        string="Person type", index=True)
    is_private = fields.Boolean(
        "Private", index=True, copy=False,
        help="A private contact is visible only to the user who created it.")
    department = fields.Char()
    assistant_name = fields.Char("Assistant")
    site_id = fields.Many2one(
        "res.partner", string="Site", index=True, ondelete="set null",
        domain="[('type', '=', 'site'), ('parent_id', '=', parent_id)]",
        help="Location of the contact's organization where the contact works.")
    site_ids = fields.One2many(
        "res.partner", "parent_id", string="Sites", domain=[("type", "=", "site")])
    address_type_id = fields.Many2one(
        "interaction.address.type", string="Postal address type", ondelete="restrict")
    interaction_address_ids = fields.One2many(
        "interaction.address", "partner_id", string="Interaction addresses")
    attribute_value_ids = fields.One2many(
        "interaction.attribute.value", "partner_id", string="Attributes")
    phone_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)
    mobile_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)
    email_normalized = fields.Char(
        compute="_compute_normalized_addresses", store=True, index=True)

    interaction_case_count = fields.Integer(
        string="Cases", compute="_compute_interaction_case_count")

    @api.depends("phone", "mobile", "email", "country_id")
    def _compute_normalized_addresses(self):
        for partner in self:
            region = partner._get_phone_region()
            partner.phone_normalized = self._normalize_phone(partner.phone, region)
            partner.mobile_normalized = self._normalize_phone(partner.mobile, region)
            partner.email_normalized = self._normalize_email(partner.email)

    @api.multi
    def _compute_interaction_case_count(self):
        """Cases of each contact's commercial entity, in one grouped query."""
        Case = self.env["interaction.case"]
        counts = {}
        if Case.check_access_rights("read", raise_exception=False):
            groups = Case.read_group(
                [("commercial_partner_id", "in", self.mapped("commercial_partner_id").ids)],
                ["commercial_partner_id"], ["commercial_partner_id"])
            counts = {group["commercial_partner_id"][0]: group["commercial_partner_id_count"]
                      for group in groups}
        for partner in self:
            partner.interaction_case_count = counts.get(partner.commercial_partner_id.id, 0)

    @api.constrains("is_private", "is_company", "type", "user_ids")
    def _check_private(self):
        for partner in self.filtered("is_private"):
            if partner.is_company or partner.type == "site":
                raise ValidationError(_(
                    "%s is an organization or a site: it cannot be private.")
                    % partner.display_name)
            if partner.sudo().with_context(active_test=False).user_ids:
                raise ValidationError(_(
                    "%s is the contact of a user: it cannot be private.")
                    % partner.display_name)

    @api.constrains("site_id", "parent_id")
    def _check_site(self):
        for partner in self.filtered("site_id"):
            site = partner.sudo().site_id
            if site.type != "site" or site.parent_id != partner.parent_id:
                raise ValidationError(_(
                    "The site %(site)s is not a site of the organization of %(contact)s.")
                    % {"site": site.display_name, "contact": partner.display_name})

    @api.onchange("firstname", "middlename", "lastname")
    def _onchange_name_parts(self):
        if self.is_company or self.type not in (False, "contact"):
            return
        name = self._get_computed_name(self.lastname, self.firstname, self.middlename)
        if name:
            self.name = name

    @api.onchange("email")
    def _onchange_email_split_name(self):
        """Fill in first and last name from the e-mail of a new contact."""
        origin = getattr(self, "_origin", self)  # set by onchange() only
        if origin.id or self.is_company or not self.email:
            return
        if self.firstname or self.lastname:
            return
        parts = self.split_email_name(self.email)
        self.firstname = parts["firstname"]
        self.lastname = parts["lastname"]
        self._onchange_name_parts()

    @api.onchange("parent_id")
    def _onchange_parent_id_site(self):
        if self.site_id and self.site_id.parent_id != self.parent_id:
            self.site_id = False

    @api.model_cr
    def init(self):
        result = super().init()
        self._create_trigram_indexes()
        return result

    @api.model
    def create(self, vals):
        self._check_input_values(vals, creating=True)
        vals = self._prepare_name_values(vals)
        self._check_name_given(vals)
        self._check_private_allowed(vals)
        self._check_linked_partners(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_input_ids()
        self._check_input_values(vals)
        self._check_private_allowed(vals)
        self._check_linked_partners(vals)
        if not any(key in vals for key in NAME_PARTS + ("name",)):
            return super().write(vals)
        for partner in self:
            partner_vals = partner._prepare_name_values(vals)
            partner._check_name_given(partner_vals)
            super(ResPartner, partner).write(partner_vals)
        return True

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        """Odoo 11's partner name_search (same columns, rules, order and
        results), with a condition on NAME_SEARCH_EXPRESSION that lets
        PostgreSQL use its trigram index whatever its planner costs. Other
        operators, and databases with unaccent, keep Odoo's query."""
        if not self._name_search_indexable(name, operator):
            return super().name_search(name, args=args, operator=operator, limit=limit)
        self.check_access_rights("read")
        query, params = self._name_search_query(name, args, operator, limit)
        self.env.cr.execute(query, params)
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        return self.browse(partner_ids).name_get() if partner_ids else []

    @api.multi
    def action_format_phone(self):
        """Validate and format the contact's own phone and mobile."""
        self.ensure_one()
        region = self._get_phone_region()
        values = {}
        for fname in ("phone", "mobile"):
            if self[fname]:
                values[fname] = self._format_phone(self[fname], region)
        if values:
            self.write(values)
        return True

    @api.multi
    def action_view_interaction_cases(self):
        """The cases of the contact's company; a case created from here has
        this contact as requester, with the four tags."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        action = self.env.ref("interaction_tracker.interaction_case_action").read()[0]
        context = {"default_partner_id": commercial.id, "search_default_open": 0}
        if self != commercial:
            context.update({"default_requester_id": self.id, "default_contact_id": self.id})
        action.update({
            "name": _("Cases of %(partner)s") % {"partner": commercial.display_name},
            "domain": [("commercial_partner_id", "=", commercial.id)],
            "context": context,
        })
        return action

    @api.model
    def resolve_contact(self, phone=False, email=False):
        """Partner ids matching a phone number and/or an e-mail, best first.

        Partners' own phone, mobile and e-mail come before their interaction
        addresses. One query on the normalized, indexed values, then one
        search with the caller's access rules.
        """
        phone = self._input_string(phone, _("Phone"))
        email = self._input_string(email, _("E-mail"))
        phone = self._normalize_phone(phone, self._get_phone_region()) if phone else False
        email = self._normalize_email(email) if email else False
        if not phone and not email:
            return []
        self.env.cr.execute("""
            SELECT p.id, 0 AS rank FROM res_partner p
             WHERE p.active AND (p.phone_normalized = %(phone)s
                                 OR p.mobile_normalized = %(phone)s
                                 OR p.email_normalized = %(email)s)
            UNION ALL
            SELECT a.partner_id, 1 AS rank FROM interaction_address a
              JOIN res_partner p ON p.id = a.partner_id
             WHERE p.active AND a.normalized_value IN (%(phone)s, %(email)s)
             ORDER BY rank, id
        """, {"phone": phone or None, "email": email or None})
        ranked = []
        for partner_id, _rank in self.env.cr.fetchall():
            if partner_id not in ranked:
                ranked.append(partner_id)
        return self._filter_readable(ranked)

    @api.model
    def _resolve_emails(self, emails):
        """The contacts behind several e-mail addresses in one query (the
        mail gateway resolves the To/Cc addresses this way).

        :return: dict normalized address -> list of partner ids, best first
            (as ``resolve_contact``), only the partners the caller may read
        """
        normalized = {self._normalize_email(email) for email in emails or []}
        normalized.discard(False)
        if not normalized:
            return {}
        self.env.cr.execute("""
            SELECT p.email_normalized, p.id, 0 AS rank FROM res_partner p
             WHERE p.active AND p.email_normalized IN %(emails)s
            UNION ALL
            SELECT a.normalized_value, a.partner_id, 1 AS rank FROM interaction_address a
              JOIN res_partner p ON p.id = a.partner_id
             WHERE p.active AND a.normalized_value IN %(emails)s
             ORDER BY 3, 2
        """, {"emails": tuple(normalized)})
        rows = self.env.cr.fetchall()
        readable = set(self._filter_readable([row[1] for row in rows]))
        result = {}
        for email, partner_id, _rank in rows:
            ids = result.setdefault(email, [])
            if partner_id in readable and partner_id not in ids:
                ids.append(partner_id)
        return {email: ids for email, ids in result.items() if ids}

    @api.model
    def _filter_readable(self, partner_ids):
        """``partner_ids`` (in their order) that the caller may read: the
        superuser (the mail gateway) reads all without a query."""
        if not partner_ids or self.env.uid == SUPERUSER_ID:
            return list(partner_ids)
        readable = set(self.search([("id", "in", list(partner_ids))]).ids)
        return [partner_id for partner_id in partner_ids if partner_id in readable]

    @api.multi
    def _notify(self, message, force_send=False, send_after_commit=True, user_signature=True):
        """E-mail notifications of a case message posted with
        ``NOTIFY_LATER_KEY`` (a customer's message from the portal) go
        out from a cron: the customer's request does not render them."""
        if self and message.model == "interaction.case" \
                and self.env.context.get(NOTIFY_LATER_KEY):
            message._notify_by_email_later(self)
            return True
        return super()._notify(message, force_send=force_send,
                               send_after_commit=send_after_commit,
                               user_signature=user_signature)

    @api.multi
    def _notify_by_chat(self, message):
        """No partner to notify by chat on a case message: return before Odoo
        11 formats the message for nobody (about 13 queries). Odoo's other
        models keep the generic path (the mail benchmark's baseline)."""
        if not self and message.model == "interaction.case":
            return True
        return super()._notify_by_chat(message)

    @api.model
    def split_email_name(self, email=None):
        """{'firstname', 'lastname'} guessed from the local part of an e-mail:
        ``jean-pierre.dupont@x.fr`` gives Jean-Pierre Dupont."""
        if email is None:
            raise ValidationError(_("%(fields)s: a value is required.") % {"fields": _("E-mail")})
        email = self._input_string(email, _("E-mail"))
        addresses = tools.email_split(email or "")
        local = (addresses[0] if addresses else (email or "")).split("@")[0]
        local = local.split("+")[0]
        words = [word for word in re.split(r"[._\s]+", local) if word and not word.isdigit()]
        words = ["-".join(part.capitalize() for part in word.split("-")) for word in words]
        if not words:
            return {"firstname": False, "lastname": False}
        if len(words) == 1:
            return {"firstname": False, "lastname": words[0]}
        return {"firstname": words[0], "lastname": " ".join(words[1:])}

    @api.model
    def _get_computed_name(self, lastname, firstname, middlename=False):
        """The name of a person built from its parts (override point)."""
        return " ".join(part.strip() for part in (firstname, middlename, lastname)
                        if part and part.strip())

    @api.model
    def _get_inverse_name(self, name):
        """The parts of a person's name (override point): the last word is
        the last name, the first one the first name, the rest the middle
        name."""
        words = (name or "").split()
        if not words:
            return {"firstname": False, "middlename": False, "lastname": False}
        if len(words) == 1:
            return {"firstname": False, "middlename": False, "lastname": words[0]}
        return {"firstname": words[0], "middlename": " ".join(words[1:-1]) or False,
                "lastname": words[-1]}

    def _is_person_values(self, vals):
        """Whether ``vals`` (written on ``self``, empty on create) describe a
        person, whose name is built from its parts."""
        if "is_company" in vals or "company_type" in vals:
            is_company = vals.get("is_company") or vals.get("company_type") == "company"
        else:
            is_company = bool(self) and self.is_company
        partner_type = vals.get("type", self.type if self else "contact")
        return not is_company and partner_type in (False, "contact")

    def _prepare_name_values(self, vals):
        """Build ``name`` from the parts given, or the parts from ``name``."""
        if not self._is_person_values(vals):
            return vals
        if any(key in vals for key in NAME_PARTS):
            parts = {key: vals[key] if key in vals else (self[key] if self else False)
                     for key in NAME_PARTS}
            name = self._get_computed_name(
                parts["lastname"], parts["firstname"], parts["middlename"])
            if name:
                return dict(vals, name=name)
            return vals
        if vals.get("name"):
            return dict(vals, **self._get_inverse_name(vals["name"]))
        return vals

    def _check_name_given(self, vals):
        """A contact (a person) needs a name: refused here rather than by
        PostgreSQL's check constraint (an internal error over XML-RPC)."""
        if self:
            if "name" not in vals and "type" not in vals:
                return
            name = vals["name"] if "name" in vals else self.name
            partner_type = vals["type"] if "type" in vals else self.type
        else:
            context = self.env.context
            name = vals.get("name", context.get("default_name"))
            partner_type = vals.get("type", context.get("default_type", "contact"))
        if partner_type in (False, "contact") and not (name or "").strip():
            raise ValidationError(_("Contacts require a name."))

    def _check_private_allowed(self, vals):
        """Only members of group_private_contact make contacts private, and
        only contacts they created."""
        if not vals.get("is_private") or self.env.uid == SUPERUSER_ID:
            return
        if not self.env.user.has_group("interaction_tracker.group_private_contact"):
            raise AccessError(_("You are not allowed to make a contact private."))
        others = self.filtered(lambda partner: partner.create_uid != self.env.user)
        if others:
            raise AccessError(_(
                "You can only make private the contacts you created, not %s.")
                % ", ".join(others.mapped("display_name")))

    @api.model
    def _check_linked_partners(self, vals):
        """A contact may only be linked to contacts its user can read (a
        private contact of another user cannot be a parent or a site)."""
        ids = [vals[fname] for fname in ("parent_id", "site_id", "commercial_partner_id")
               if vals.get(fname)]
        self._check_partners_readable(ids)

    @api.model
    def _check_partners_readable(self, partner_ids):
        """Raise AccessError unless the current user may read these partners:
        call it before storing a many2one to res.partner given by a user."""
        partners = self.browse(partner_ids).exists()
        if partners and self.env.uid != SUPERUSER_ID:
            partners.check_access_rule("read")

    def _get_phone_region(self):
        """Default region of phone numbers: the contact's country, else the
        company's, else France."""
        country = self.country_id or self.commercial_partner_id.country_id
        if country:
            return country.code or DEFAULT_PHONE_REGION
        return self._get_company_phone_region()

    @api.model
    def _get_company_phone_region(self):
        """The country code of the current user's company in one query
        (``resolve_contact`` runs on every incoming call: the ORM's three
        reads of user, company and country would double its cost)."""
        self.env.cr.execute("""
            SELECT country.code
              FROM res_users usr
              JOIN res_company company ON company.id = usr.company_id
              JOIN res_partner company_partner ON company_partner.id = company.partner_id
              JOIN res_country country ON country.id = company_partner.country_id
             WHERE usr.id = %s
        """, (self.env.uid,))
        row = self.env.cr.fetchone()
        return row and row[0] or DEFAULT_PHONE_REGION

    @api.model
    def _parse_phone(self, value, region):
        """The phonenumbers object of a valid number, else None."""
        try:
            number = phonenumbers.parse(value, region or DEFAULT_PHONE_REGION)
        except phonenumbers.NumberParseException:
            return None
        return number if phonenumbers.is_valid_number(number) else None

    @api.model
    def _normalize_phone(self, value, region):
        """E.164 form of a phone number, False when it is not a valid one."""
        number = value and self._parse_phone(value, region)
        if not number:
            return False
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @api.model
    def _format_phone(self, value, region):
        """International form of a phone number; ValidationError if invalid."""
        number = self._parse_phone(value, region)
        if not number:
            raise ValidationError(_("%s is not a valid phone number.") % value)
        return phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @api.model
    def _format_email(self, value):
        """A valid e-mail address (domain lower-cased); ValidationError naming
        the value otherwise."""
        try:
            return validate_email(value.strip(), check_deliverability=False).email
        except EmailNotValidError as error:
            message = _("%(value)s is not a valid e-mail address: %(error)s") % {
                "value": value, "error": error}
        raise ValidationError(message)

    @api.model
    def _normalize_email(self, value):
        """Case-folded address of an e-mail, False when there is none."""
        addresses = tools.email_split(value or "")
        return addresses[0].strip().lower() if addresses else False

    @api.model
    def _name_search_indexable(self, name, operator):
        """Whether name_search answers with NAME_SEARCH_EXPRESSION: a LIKE
        operator, a term of three letters or more (fewer give no trigram:
        Odoo's query is as fast) and no unaccent (Odoo would search
        unaccent(column), not indexed). A user pattern ending with LIKE's
        escape character is left to Odoo (an error there, another pattern
        here)."""
        if not name or not isinstance(name, str) or operator not in NAME_SEARCH_OPERATORS:
            return False
        if self.pool.has_unaccent or not re.search(r"\w{3}", name):
            return False
        return not (operator.startswith("=") and name.endswith("\\"))

    @api.model
    def _name_search_query(self, name, args, operator, limit):
        """The SQL query and parameters of Odoo 11's res.partner name_search
        (odoo/addons/base/res/res_partner.py, same record rules, order and
        limit), its condition on the four columns written on
        NAME_SEARCH_EXPRESSION, which contains them all.

        "column ILIKE pattern" implies "expression ILIKE '%pattern%'": the
        latter is added to Odoo's condition. For a plain term (no wildcard,
        escape or separator) searched anywhere ('ilike', 'like') the two are
        equivalent (a match cannot span two columns): the expression alone
        is the condition, one pattern match per row instead of four."""
        where_query = self._where_calc(args or [])
        self._apply_ir_rules(where_query, "read")
        _from_clause, where_clause, params = where_query.get_sql()
        where = " WHERE %s AND " % where_clause if where_clause else " WHERE "
        search_name = "%%%s%%" % name if operator in ("ilike", "like") else name
        operator = operator.lstrip("=")
        condition = "{expression} {operator} %s"
        params = params + ["%%%s%%" % name]
        plain = not any(char in name for char in ("%", "_", "\\", NAME_SEARCH_SEPARATOR))
        if search_name == name or not plain:
            condition += " AND ({matches})"
            params += [search_name] * len(NAME_SEARCH_COLUMNS)
        query = ("SELECT id FROM res_partner {where} " + condition
                 + " ORDER BY display_name {operator} %s DESC, display_name").format(
            where=where, expression=NAME_SEARCH_EXPRESSION, operator=operator,
            matches=" OR ".join("%s %s %%s" % (column, operator)
                                for column in NAME_SEARCH_COLUMNS))
        params.append(search_name)
        if limit:
            query += " LIMIT %s"
            params.append(limit)
        return query, params

    @api.model
    def _create_trigram_indexes(self):
        """GIN trigram indexes for name_search and the contact search (the
        obsolete ones dropped); skipped with a warning when the pg_trgm
        extension cannot be created."""
        cr = self.env.cr
        for index in OBSOLETE_INDEXES:
            cr.execute("DROP INDEX IF EXISTS %s" % index)  # pylint: disable=sql-injection
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.warning("pg_trgm is not available, contact autocomplete will "
                            "scan the contacts table: %s", error)
            return
        for statement in TRIGRAM_INDEXES.values():
            cr.execute(statement)
