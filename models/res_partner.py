# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from .interaction_input_mixin import MAX_LINE_LENGTH

NAME_PARTS = ("firstname", "middlename", "lastname")


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

    interaction_case_count = fields.Integer(
        string="Cases", compute="_compute_interaction_case_count")

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
            if self.env["interaction.case"].sudo().with_context(active_test=False).search_count([
                    "|", "|", ("partner_id", "=", partner.id), ("requester_id", "=", partner.id),
                    ("user_contact_id", "=", partner.id)]):
                raise ValidationError(_(
                    "%s is the customer, requester or user of a case: it cannot be "
                    "private.") % partner.display_name)

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

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        vals = self._prepare_name_values(vals)
        self._check_name_given(vals)
        self._check_private_allowed(vals)
        self._check_linked_partners(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        self._check_private_allowed(vals)
        self._check_linked_partners(vals)
        if not any(key in vals for key in NAME_PARTS + ("name",)):
            result = super().write(vals)
        else:
            for partner in self:
                partner_vals = partner._prepare_name_values(vals)
                partner._check_name_given(partner_vals)
                super(ResPartner, partner).write(partner_vals)
            result = True
        if "is_private" in vals:
            # the records naming these contacts are hidden or shown with them
            for model in ("interaction.case.contact", "interaction.communication"):
                self.env[model]._sync_private_owner(partner_ids=self.ids)
        return result

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
