# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email_validator import EmailNotValidError, validate_email

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError


class InteractionBlockedAddress(models.Model):
    """An e-mail address (or a whole domain, ``*@domain``) whose incoming
    mail is dropped by the mail gateway."""
    _name = "interaction.blocked.address"
    _description = "Blocked e-mail address"
    _order = "email"
    _rec_name = "email"

    email = fields.Char(
        string="E-mail", required=True, index=True,
        help="An address, or *@domain to block every address of a domain.")
    note = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("email_unique", "unique(email)", "This address is already blocked."),
    ]

    @api.constrains("email")
    def _check_email(self):
        for blocked in self:
            address = blocked.email
            if address.startswith("*@"):
                address = "blocked" + address[1:]
            try:
                validate_email(address, check_deliverability=False)
            except EmailNotValidError:
                raise ValidationError(_(
                    "%(value)s is neither an e-mail address nor *@domain.") % {
                    "value": blocked.email})

    @api.model
    def create(self, vals):
        if vals.get("email"):
            vals["email"] = vals["email"].strip().lower()
        self.clear_caches()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("email"):
            vals["email"] = vals["email"].strip().lower()
        self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()

    @api.model
    def is_blocked(self, email):
        """Whether mail from ``email`` (an address or a From header) must be
        dropped: the address itself or its whole domain is blocked. The list
        is cached (no query per e-mail) and the cache cleared on any change."""
        addresses = tools.email_split(email or "")
        if not addresses:
            return False
        address = addresses[0].lower()
        domain = address.rsplit("@", 1)[-1]
        blocked = self._blocked_emails()
        return address in blocked or "*@" + domain in blocked

    @tools.ormcache()
    def _blocked_emails(self):
        """The active blocked addresses and ``*@domain`` entries."""
        self.env.cr.execute("SELECT email FROM interaction_blocked_address WHERE active")
        return frozenset(row[0] for row in self.env.cr.fetchall())
