# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of the values given to the public methods (XML-RPC, forms, code)
before the ORM and PostgreSQL see them: bad input gets a clear, translated
ValidationError / UserError / MissingError / AccessError, never an internal
error (TypeError, ValueError, psycopg2.IntegrityError...)."""
import datetime

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

# a header line of an e-mail (RFC 5322): subjects, names, addresses
MAX_LINE_LENGTH = 998
# other one-line texts (lists of addresses, references...)
MAX_CHAR_LENGTH = 10000
# texts and HTML bodies: 1 MiB of characters
MAX_TEXT_LENGTH = 1024 * 1024
TEXT_TYPES = ("char", "text", "html")
X2MANY_TYPES = ("one2many", "many2many")
# PostgreSQL's integer: larger ids cannot exist (and would overflow)
MAX_RECORD_ID = 2 ** 31 - 1


class MalformedInputError(UserError):
    """A value of the wrong type or that no form could send (a file for a
    text, a NUL character): the portal answers 400 Bad Request."""


class InteractionInputMixin(models.AbstractModel):
    _name = "interaction.input.mixin"
    _description = "Input checks of the public methods"

    # field names checked on create/write (None: every field of the model)
    _input_checked_fields = None
    # maximum length (characters) of text fields; others get the defaults
    _input_max_lengths = {}
    # models whose records, referenced in the values, must be readable by
    # the user (contacts may be private, cases and tasks belong to companies
    # and projects, attachments to documents); the others must exist
    _input_readable_models = ("res.partner", "project.task", "interaction.case",
                              "ir.attachment")

    @api.multi
    def _check_input(self, vals, creating=False):
        """The checks that open ``create`` (with ``creating``) and ``write``:
        the ids written on, then ``vals`` (see ``_check_input_values``)."""
        if not creating:
            self._check_input_ids()
        return self._check_input_values(vals, creating=creating)

    @api.model
    def _check_input_values(self, vals, creating=False):
        """Check the types, lengths, selections, references and (on create)
        required values of ``vals``.

        :raise UserError: a value of the wrong type
        :raise ValidationError: a missing, too long or unknown value
        :raise MissingError: a reference to a record that does not exist
        :raise AccessError: a reference to a record the user may not read
        """
        if not isinstance(vals, dict):
            raise UserError(_("The values must be given as a dictionary, not %(value)s.")
                            % {"value": self._input_repr(vals)})
        references = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or (self._input_checked_fields is not None
                                 and name not in self._input_checked_fields):
                continue
            for comodel, ids in self._check_input_value(field, value).items():
                references.setdefault(comodel, set()).update(ids)
        self._check_input_required(vals, creating=creating)
        for comodel, ids in references.items():
            self._input_records(comodel, ids,
                                check_read=comodel in self._input_readable_models)
        return True

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        """Records and fields the user may not read are not exported either
        (Odoo 11's export computes the fields without checking the access
        rights, the record rules or the fields' groups; related fields are
        computed as superuser)."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        self.check_field_access_rights("read", [
            path.split("/")[0] for path in fields_to_export
            if path.split("/")[0] in self._fields])
        return super().export_data(fields_to_export, raw_data=raw_data)

    @api.multi
    def _check_input_ids(self):
        """The ids the method is called on: integers (XML-RPC callers may
        send anything), else UserError."""
        wrong = [record_id for record_id in self._ids
                 if isinstance(record_id, bool) or not isinstance(record_id, int)]
        if wrong:
            raise UserError(_("Record ids are numbers, not %(value)s.")
                            % {"value": self._input_repr(wrong)})
        missing = [record_id for record_id in self._ids
                   if not 0 < record_id <= MAX_RECORD_ID]
        if missing:
            raise MissingError(_("%(model)s %(ids)s: this record does not exist.") % {
                "model": self._description or self._name,
                "ids": ", ".join(str(i) for i in missing)})
        return True

    @api.multi
    def _input_one(self):
        """``ensure_one`` for public methods: a UserError, not a ValueError."""
        self._check_input_ids()
        if len(self) != 1:
            raise UserError(_("This action works on one record at a time, not %(count)s.")
                            % {"count": len(self)})
        return self

    @api.model
    def _check_input_value(self, field, value):
        """Check one value; return the referenced ids by model."""
        label = self._input_label(field)
        if field.type in TEXT_TYPES:
            return self._check_input_text(field, value, label)
        if field.type == "selection":
            if value not in (False, None) and value not in field.get_values(self.env):
                raise ValidationError(_("%(value)s is not a valid value for %(field)s.")
                                      % {"value": self._input_repr(value), "field": label})
        elif field.type == "boolean":
            if value not in (False, None, True, 0, 1):
                raise UserError(_("%(field)s expects true or false, not %(value)s.")
                                % {"field": label, "value": self._input_repr(value)})
        elif field.type in ("integer", "float", "monetary"):
            if value not in (False, None) and (
                    isinstance(value, bool) or not isinstance(value, (int, float))
                    or (field.type == "integer" and not float(value).is_integer())):
                raise UserError(_("%(field)s expects a number, not %(value)s.")
                                % {"field": label, "value": self._input_repr(value)})
        elif field.type in ("date", "datetime"):
            self._check_input_date(field, value, label)
        elif field.type == "many2one":
            if value in (False, None) or isinstance(value, models.BaseModel):
                return {}
            return {field.comodel_name: [self._input_id(value, label)]}
        elif field.type in X2MANY_TYPES:
            return self._check_input_commands(field, value, label)
        return {}

    @api.model
    def _check_input_text(self, field, value, label):
        if value in (False, None):
            return {}
        self._check_input_characters(value, label)
        maximum = self._input_max_lengths.get(field.name) or (
            MAX_CHAR_LENGTH if field.type == "char" else MAX_TEXT_LENGTH)
        if len(value) > maximum:
            raise ValidationError(_(
                "%(field)s is too long: %(length)s characters, at most %(maximum)s.")
                % {"field": label, "length": len(value), "maximum": maximum})
        return {}

    @api.model
    def _check_input_date(self, field, value, label):
        if value in (False, None, "") or isinstance(value, datetime.date):
            return
        valid = False
        if isinstance(value, str):
            try:
                valid = bool(field.from_string(value))
            except ValueError:
                valid = False
        if valid:
            return
        raise ValidationError(_("%(value)s is not a valid date for %(field)s.")
                              % {"value": self._input_repr(value), "field": label})

    @api.model
    def _check_input_commands(self, field, value, label):
        """x2many commands: a list of (0, 0, values), (1, id, values),
        (2, id), (3, id), (4, id), (5,), (6, 0, ids); only linked ids are
        returned (created lines are checked by their own model)."""
        if value in (False, None):
            return {}
        wrong = UserError(_("%(field)s expects a list of commands, not %(value)s.")
                          % {"field": label, "value": self._input_repr(value)})
        if not isinstance(value, (list, tuple)):
            raise wrong
        ids = []
        for command in value:
            if not isinstance(command, (list, tuple)) or not command \
                    or command[0] not in (0, 1, 2, 3, 4, 5, 6):
                raise wrong
            if command[0] in (0, 1) and (len(command) < 3 or not isinstance(command[2], dict)):
                raise wrong
            if command[0] in (1, 2, 3, 4) and len(command) < 2:
                raise wrong
            if command[0] == 6 and (len(command) < 3
                                    or not isinstance(command[2], (list, tuple))):
                raise wrong
            if command[0] in (1, 2, 3, 4):
                ids.append(self._input_id(command[1], label))
            elif command[0] == 6:
                ids.extend(self._input_id(record_id, label) for record_id in command[2])
        return {field.comodel_name: ids} if ids else {}

    @api.model
    def _check_input_required(self, vals, creating=True):
        """Required stored fields: given, or with a default on create (else
        PostgreSQL would refuse the row with a NOT NULL error)."""
        candidates = [
            name for name, field in self._fields.items()
            if field.required and field.store and not field.compute and not field.related
            and field.type != "boolean" and name not in models.MAGIC_COLUMNS
            and (self._input_checked_fields is None or name in self._input_checked_fields)]
        given = {name: vals[name] for name in candidates if name in vals}
        # a field default is trusted; the others may come from the context
        # or ir.default
        to_default = [name for name in candidates
                      if creating and name not in vals and self._fields[name].default is None]
        if to_default:
            given.update(self.default_get(to_default))
        missing = [name for name in candidates
                   if (name in vals or name in to_default) and self._input_is_empty(
                       self._fields[name], given.get(name))]
        if missing:
            raise ValidationError(_("%(fields)s: a value is required.") % {
                "fields": ", ".join(self._input_label(self._fields[name])
                                    for name in missing)})

    @api.model
    def _input_is_empty(self, field, value):
        if value in (False, None):
            return True
        return field.type in TEXT_TYPES and isinstance(value, str) and not value.strip()

    @api.model
    def _input_id(self, value, label):
        """The record id given as ``value`` (an integer), else UserError."""
        if isinstance(value, bool):
            value = None
        try:
            record_id = int(value)
        except (TypeError, ValueError):
            record_id = None
        if record_id is None or record_id != value and str(record_id) != str(value).strip():
            raise UserError(_("%(field)s expects a record id (a number), not %(value)s.")
                            % {"field": label, "value": self._input_repr(value)})
        return record_id

    @api.model
    def _input_records(self, model, ids, label=None, check_read=True):
        """The records of ``model`` with these ids, which must exist and (with
        ``check_read``) be readable by the user. They are read the ORM way
        (with the record rules) and stay in the cache for what follows: no
        extra query when the method reads them anyway."""
        ids = list(ids)
        records = self.env[model].browse(ids)
        # browse() takes 0 for a new record; PostgreSQL refuses ids past
        # its integer
        if any(not 0 < record_id <= MAX_RECORD_ID for record_id in ids):
            raise MissingError(_("%(model)s %(ids)s: this record does not exist.") % {
                "model": label or records._description or model,
                "ids": ", ".join(str(i) for i in ids if not 0 < i <= MAX_RECORD_ID)})
        cache = self.env.cache
        if (not check_read or self.env.uid == SUPERUSER_ID) and all(
                any(cache.contains_value(record, field) for field in cache.get_fields(record))
                for record in records):
            # read in this transaction already (e.g. just created): they exist
            return records
        try:
            (records if check_read else records.sudo()).mapped("create_date")
        except (MissingError, AccessError):
            self._raise_input_records_error(records, label)
        return records

    @api.model
    def _raise_input_records_error(self, records, label=None):
        """Tell which of ``records`` do not exist or may not be read."""
        Model = records.with_context(active_test=False)
        readable = Model.search([("id", "in", records.ids)])
        unreadable = set(records.ids) - set(readable.ids)
        existing = Model.sudo().browse(list(unreadable)).exists()
        description = label or Model._description or Model._name
        missing = unreadable - set(existing.ids)
        if missing:
            raise MissingError(_("%(model)s %(ids)s: this record does not exist.") % {
                "model": description, "ids": ", ".join(str(i) for i in sorted(missing))})
        raise AccessError(_("%(model)s %(ids)s: you may not read this record.") % {
            "model": description,
            "ids": ", ".join(str(i) for i in sorted(existing.ids or records.ids))})

    @api.model
    def _input_record(self, model, value, label):
        """One record given by id as a method argument: exists, readable."""
        return self._input_records(model, [self._input_id(value, label)], label)

    @api.model
    def _input_string(self, value, label, maximum=MAX_LINE_LENGTH, required=False):
        """A text argument of a method: a string (or False), not too long."""
        if value in (False, None):
            if required:
                raise ValidationError(_("%(fields)s: a value is required.") % {"fields": label})
            return False
        self._check_input_characters(value, label)
        if required and not value.strip():
            raise ValidationError(_("%(fields)s: a value is required.") % {"fields": label})
        if len(value) > maximum:
            raise ValidationError(_(
                "%(field)s is too long: %(length)s characters, at most %(maximum)s.")
                % {"field": label, "length": len(value), "maximum": maximum})
        return value

    @api.model
    def _check_input_characters(self, value, label):
        """A text: a string without NUL character (PostgreSQL refuses it in
        a text), else MalformedInputError."""
        if not isinstance(value, str):
            raise MalformedInputError(_("%(field)s expects a text, not %(value)s.")
                                      % {"field": label, "value": self._input_repr(value)})
        if "\x00" in value:
            raise MalformedInputError(_("%(field)s contains a NUL character.")
                                      % {"field": label})
        return True

    def _input_label(self, field):
        return field.get_description(self.env)["string"]

    @api.model
    def _input_repr(self, value):
        """A short form of a value for a message."""
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "..."


def truncate_text(value, maximum):
    """``value`` cut to ``maximum`` characters (for texts that come from
    outside, such as e-mails, and are kept rather than refused)."""
    return value[:maximum] if isinstance(value, str) else value
