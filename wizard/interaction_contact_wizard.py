# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

STEPS = [
    ("name_type", "Name and type"),
    ("organization", "Organization"),
    ("location", "Location"),
    ("business", "Business information"),
    ("addresses", "Addresses"),
    ("interaction_addresses", "Interaction addresses"),
    ("attributes", "Attributes"),
    ("summary", "Summary"),
    ("done", "Done"),
]
ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")


class InteractionContactWizard(models.TransientModel):
    """The "Add contact" wizard: name and type, organization, location,
    business information, addresses, interaction addresses, attributes,
    summary."""

    _name = "interaction.contact.wizard"
    _inherit = ["interaction.input.mixin"]
    _description = "Add contact"

    step = fields.Selection(STEPS, required=True, default="name_type")
    title = fields.Many2one("res.partner.title", string="Civility")
    firstname = fields.Char("First name")
    middlename = fields.Char("Middle name")
    lastname = fields.Char("Last name")
    person_type = fields.Selection(
        lambda self: self.env["res.partner"]._fields[
            "person_type"]._description_selection(self.env),
        string="Person type", default="external")
    is_private = fields.Boolean("Private")
    allow_others = fields.Selection(
        [("yes", "Yes"), ("no", "No")], string="Allow others to view this contact?",
        compute="_compute_allow_others", inverse="_inverse_allow_others")
    organization_id = fields.Many2one(
        "res.partner", string="Organization", domain=[("is_company", "=", True)])
    new_organization_name = fields.Char(
        "New organization", help="Name of an organization to add with the contact.")
    site_id = fields.Many2one(
        "res.partner", string="Location",
        domain="[('type', '=', 'site'), ('parent_id', '=', organization_id)]")
    new_site_name = fields.Char("New site", help="Name of a site to add to the organization.")
    new_site_street = fields.Char("Site street")
    new_site_zip = fields.Char("Site zip")
    new_site_city = fields.Char("Site city")
    new_site_country_id = fields.Many2one("res.country", string="Site country")
    department = fields.Char()
    function = fields.Char("Job title")
    assistant_name = fields.Char("Assistant")
    phone = fields.Char()
    mobile = fields.Char()
    email = fields.Char()
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="State")
    country_id = fields.Many2one(
        "res.country", string="Country",
        default=lambda self: self._default_country_id())
    comment = fields.Text("Notes")
    address_line_ids = fields.One2many(
        "interaction.contact.wizard.address", "wizard_id", string="Addresses")
    interaction_address_line_ids = fields.One2many(
        "interaction.contact.wizard.interaction.address", "wizard_id",
        string="Interaction addresses")
    attribute_line_ids = fields.One2many(
        "interaction.contact.wizard.attribute", "wizard_id", string="Attributes")
    summary = fields.Html(compute="_compute_summary")
    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)

    def _default_country_id(self):
        return self.env.user.company_id.country_id

    @api.depends("is_private")
    def _compute_allow_others(self):
        for wizard in self:
            wizard.allow_others = "no" if wizard.is_private else "yes"

    def _inverse_allow_others(self):
        for wizard in self:
            wizard.is_private = wizard.allow_others == "no"

    @api.depends("title", "firstname", "middlename", "lastname", "person_type", "is_private",
                 "organization_id", "new_organization_name", "site_id", "new_site_name",
                 "department", "function", "assistant_name", "phone", "mobile", "email",
                 "street", "zip", "city", "country_id", "address_line_ids",
                 "interaction_address_line_ids", "attribute_line_ids")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = wizard._get_summary_html()

    @api.onchange("allow_others")
    def _onchange_allow_others(self):
        self.is_private = self.allow_others == "no"

    @api.onchange("organization_id")
    def _onchange_organization_id(self):
        if self.site_id.parent_id != self.organization_id:
            self.site_id = False
        if self.organization_id:
            self.new_organization_name = False

    @api.onchange("site_id")
    def _onchange_site_id(self):
        if self.site_id:
            self.new_site_name = False
            if not any(self[fname] for fname in ADDRESS_FIELDS if fname != "country_id"):
                for fname in ADDRESS_FIELDS:
                    self[fname] = self.site_id[fname]

    @api.onchange("email")
    def _onchange_email(self):
        if self.email and not self.firstname and not self.lastname:
            parts = self.env["res.partner"].split_email_name(self.email)
            self.firstname = parts["firstname"]
            self.lastname = parts["lastname"]

    @api.model
    def create(self, vals):
        self._check_input(vals, creating=True)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    @api.multi
    def action_next(self):
        self._input_one()
        getattr(self, "_check_step_%s" % self.step)()
        keys = [key for key, _label in STEPS]
        if self.step == "summary":
            return self.action_finish()
        self.step = keys[keys.index(self.step) + 1]
        return self._reopen()

    @api.multi
    def action_previous(self):
        self.ensure_one()
        keys = [key for key, _label in STEPS]
        index = keys.index(self.step)
        if 0 < index < keys.index("done"):
            self.step = keys[index - 1]
        return self._reopen()

    @api.multi
    def action_finish(self):
        """Create the contact (and its new organization and site) and open it."""
        self._input_one()
        if not self.partner_id:
            for step, _label in STEPS[:-2]:
                getattr(self, "_check_step_%s" % step)()
            self.partner_id = self._create_partner()
        self.step = "done"
        return {
            "type": "ir.actions.act_window",
            "name": _("Contact"),
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.multi
    def action_add_another(self):
        """Create the contact, then start the wizard again with a blank form."""
        self.ensure_one()
        self.action_finish()
        return self.create({})._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Add contact"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _check_step_name_type(self):
        if not (self.lastname or "").strip():
            raise UserError(_("Enter the last name of the contact."))
        if self.is_private and not self.env.user.has_group(
                "interaction_tracker.group_private_contact"):
            raise AccessError(_("You are not allowed to make a contact private."))

    def _check_step_organization(self):
        if self.organization_id and self.new_organization_name:
            raise UserError(_("Choose an organization or add a new one, not both."))

    def _check_step_location(self):
        if self.site_id and self.new_site_name:
            raise UserError(_("Choose a site or add a new one, not both."))
        if self.new_site_name and not (self.organization_id or self.new_organization_name):
            raise UserError(_("A new site needs an organization."))
        if self.site_id and self.site_id.parent_id != self.organization_id:
            raise UserError(_("The site %s is not a site of the organization.")
                            % self.site_id.display_name)

    def _check_step_business(self):
        partner_model = self.env["res.partner"]
        region = partner_model.new({"country_id": self.country_id.id})._get_phone_region()
        for fname in ("phone", "mobile"):
            if self[fname]:
                self[fname] = partner_model._format_phone(self[fname], region)
        if self.email:
            self.email = partner_model._format_email(self.email)

    def _check_step_addresses(self):
        for line in self.address_line_ids:
            if not (line.street or line.city or line.zip):
                raise UserError(_("The %s address is empty.") % line.address_type_id.name)

    def _check_step_interaction_addresses(self):
        for line in self.interaction_address_line_ids:
            line.value = line._prepare_address_values()["value"]

    def _check_step_attributes(self):
        attributes = self.attribute_line_ids.mapped("attribute_id")
        if len(attributes) < len(self.attribute_line_ids):
            raise UserError(_("Give each attribute only once."))

    def _check_step_summary(self):
        return True

    def _create_partner(self):
        partner_model = self.env["res.partner"]
        organization = self.organization_id
        if not organization and self.new_organization_name:
            organization = partner_model.create({
                "name": self.new_organization_name, "is_company": True})
        site = self.site_id
        if not site and self.new_site_name:
            site = partner_model.create({
                "name": self.new_site_name,
                "type": "site",
                "parent_id": organization.id,
                "street": self.new_site_street,
                "zip": self.new_site_zip,
                "city": self.new_site_city,
                "country_id": self.new_site_country_id.id or self.country_id.id,
            })
        partner = partner_model.create(self._prepare_partner_values(organization, site))
        address_values = {fname: self[fname].id if fname.endswith("_id") else self[fname]
                          for fname in ADDRESS_FIELDS}
        if any(address_values.values()):
            # after create: a contact of an organization takes its address
            partner.write(address_values)
        return partner

    def _prepare_partner_values(self, organization, site):
        return {
            "title": self.title.id,
            "firstname": self.firstname,
            "middlename": self.middlename,
            "lastname": self.lastname,
            "person_type": self.person_type,
            "is_private": self.is_private,
            "parent_id": organization.id,
            "site_id": site.id,
            "department": self.department,
            "function": self.function,
            "assistant_name": self.assistant_name,
            "phone": self.phone,
            "mobile": self.mobile,
            "email": self.email,
            "comment": self.comment,
            "child_ids": [(0, 0, line._prepare_partner_values())
                          for line in self.address_line_ids],
            "interaction_address_ids": [(0, 0, line._prepare_address_values())
                                        for line in self.interaction_address_line_ids],
            "attribute_value_ids": [(0, 0, {"attribute_id": line.attribute_id.id,
                                            "value": line.value})
                                    for line in self.attribute_line_ids if line.value],
        }

    def _get_summary_html(self):
        """The summary page: one line per piece of information given."""
        partner_model = self.env["res.partner"]
        type_labels = dict(self._fields["person_type"].selection(self))
        rows = [
            (_("Name"), " ".join(filter(None, [
                self.title.name,
                partner_model._get_computed_name(
                    self.lastname, self.firstname, self.middlename)]))),
            (_("Person type"), type_labels.get(self.person_type)),
            (_("Visible to others"), _("No") if self.is_private else _("Yes")),
            (_("Organization"), self.organization_id.name or self.new_organization_name),
            (_("Location"), self.site_id.name or self.new_site_name),
            (_("Department"), self.department),
            (_("Job title"), self.function),
            (_("Assistant"), self.assistant_name),
            (_("Phone"), self.phone),
            (_("Mobile"), self.mobile),
            (_("E-mail"), self.email),
            (_("Business address"), ", ".join(filter(None, [
                self.street, self.zip, self.city, self.country_id.name]))),
        ]
        rows += [(line.address_type_id.name, ", ".join(filter(None, [
            line.street, line.zip, line.city, line.country_id.name])))
            for line in self.address_line_ids]
        address_fields = self.env["interaction.address"]._fields
        type_names = dict(address_fields["address_type"]._description_selection(self.env))
        subtype_names = dict(address_fields["subtype"]._description_selection(self.env))
        rows += [(_("Interaction address"), "%s (%s, %s)" % (
            line.value, type_names.get(line.address_type), subtype_names.get(line.subtype)))
                 for line in self.interaction_address_line_ids]
        rows += [(line.attribute_id.name, line.value) for line in self.attribute_line_ids]
        items = "".join("<li><strong>%s</strong>: %s</li>" % (
            html_escape(label), html_escape(value)) for label, value in rows if value)
        return "<ul>%s</ul>" % items
