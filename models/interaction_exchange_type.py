# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class InteractionExchangeType(models.Model):
    _name = "interaction.exchange.type"
    _description = "Exchange type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_reminder = fields.Boolean(
        string="Reminder",
        help="An exchange of this type on a case turns its exchange counter red.")
