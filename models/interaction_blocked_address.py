# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email_validator import EmailNotValidError, validate_email

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError


class InteractionBlockedAddress(models.Model):
    """An e-mail address (or a whole domain, ``*@domain``) whose incoming
    mail is dropped by the mail gateway."""
    _name = "interaction.blocked.address"
    _inherit = "interaction.cached.mixin"
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
            vals["email"] = self._canonical_address(vals["email"])
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("email"):
            vals["email"] = self._canonical_address(vals["email"])
        return super().write(vals)

    @api.model
    def is_blocked(self, email):
        """Whether mail from ``email`` (an address or a From header) must be
        dropped: the address itself or its whole domain is blocked. The list
        is cached (no query per e-mail) and the cache cleared on any change."""
        addresses = tools.email_split(email or "")
        if not addresses:
            return False
        address = self._canonical_address(addresses[0])
        local, domain = address.rsplit("@", 1) if "@" in address else (address, "")
        untagged = "%s@%s" % (local.split("+", 1)[0], domain)
        blocked = self._blocked_emails()
        return bool({address, untagged, "*@" + domain} & blocked)

    @api.model
    def _canonical_address(self, address):
        """The form an address is compared in: lower case, without the quotes
        of a quoted local part and the final dot of a domain, so that
        ``"Joe"@Spam.example.`` is ``joe@spam.example``."""
        address = (address or "").strip().lower()
        local, at, domain = address.rpartition("@")
        if not at:
            return address
        if len(local) > 1 and local.startswith('"') and local.endswith('"'):
            local = local[1:-1]
        return "%s@%s" % (local, domain.rstrip("."))

    @tools.ormcache()
    def _blocked_emails(self):
        """The active blocked addresses and ``*@domain`` entries."""
        self.env.cr.execute("SELECT email FROM interaction_blocked_address WHERE active")
        return frozenset(row[0] for row in self.env.cr.fetchall())
