"""Values sent to controlled records are checked against their fields before the ORM sees them.

Anything can arrive over JSON-RPC: a list where a date goes, a date in year 9999, NaN for a
measured value, a command list of the wrong shape. Left to the ORM, each gives a ValueError, a
TypeError or a database error (an "Odoo Server Error" for the user, a 500-like failure for the
records system). Here each value is checked against its field's type and the user gets a
ValidationError naming the field. Only values sent by users are checked: the superuser (server
code, data files, migrations) is trusted as the lifecycle guard trusts it.
"""

import base64
import binascii
import math
from datetime import date

from odoo import fields, models
from odoo.exceptions import ValidationError

MIN_YEAR = 1900
MAX_YEAR = 2200
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
MAX_NUMBER = 1e15  # amounts in VND and measured values stay far below; float rounding breaks above
MAX_CHAR = 4000  # a title, code or name; long texts are Text or Html fields
EMPTY = (None, False)


def _is_empty(value):
    """None or False only: `0 in EMPTY` is true as 0 == False, but 0 is no empty text or list."""
    return value is None or value is False


def _is_base64(text):
    try:
        base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _plain_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


class InputChecker:
    """Checks `vals` for `model`, raising a ValidationError in plain words on the first bad one."""

    def __init__(self, model):
        self.model = model
        self.env = model.env

    def fail(self, model, name, problem):
        label = model._fields[name]._description_string(self.env) if name in model._fields else name
        raise ValidationError(
            self.env._(
                "%(field)s of %(model)s: %(problem)s",
                field=label,
                model=model._description,
                problem=problem,
            )
        )

    def check_vals(self, model, vals):
        if not isinstance(vals, dict):
            raise ValidationError(
                self.env._(
                    "The values of a %(model)s must be given by field.", model=model._description
                )
            )
        for name, value in vals.items():
            if not isinstance(name, str) or name not in model._fields:
                raise ValidationError(
                    self.env._(
                        "%(model)s has no field %(field)s.",
                        model=model._description,
                        field=str(name)[:80],
                    )
                )
            self.check_value(model, name, value)

    def check_value(self, model, name, value):
        field = model._fields[name]
        kind = field.type
        if kind in ("char", "text", "html"):
            self._check_text(model, name, value, field)
        elif kind == "boolean":
            if value not in (True, False, None, 0, 1):
                self.fail(model, name, self.env._("expected yes or no."))
        elif kind == "integer":
            self._check_integer(model, name, value)
        elif kind in ("float", "monetary"):
            self._check_float(model, name, value)
        elif kind in ("date", "datetime"):
            self._check_moment(model, name, value, kind)
        elif kind == "selection":
            if value not in EMPTY and (
                not isinstance(value, str | int) or value not in field.get_values(self.env)
            ):
                self.fail(model, name, self.env._("this is not one of its choices."))
        elif kind in ("many2one", "many2one_reference"):
            self._check_id(model, name, value, field.comodel_name if kind == "many2one" else None)
        elif kind in ("one2many", "many2many"):
            self._check_commands(model, name, value, field)
        elif kind == "reference":
            self._check_reference(model, name, value)
        elif kind == "binary":
            self._check_binary(model, name, value)

    # ------------------------------------------------------------------ by type
    def _check_text(self, model, name, value, field):
        if _is_empty(value):
            return
        if not isinstance(value, str):  # a number is no text: the client sent the wrong field
            self.fail(model, name, self.env._("expected a text."))
        if "\x00" in value:
            self.fail(model, name, self.env._("the text holds a null character."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(model, name, self.env._("the text is not valid Unicode."))
        limit = field.size or (MAX_CHAR if field.type == "char" else None)
        if limit and len(value) > limit:
            self.fail(
                model,
                name,
                self.env._(
                    "at most %(limit)s characters (%(size)s given).", limit=limit, size=len(value)
                ),
            )

    def _check_integer(self, model, name, value):
        if value in EMPTY:
            return
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or not INT_MIN <= value <= INT_MAX:
            self.fail(model, name, self.env._("expected a whole number of a sensible size."))

    def _check_float(self, model, name, value):
        if value in EMPTY:
            return
        if not _plain_number(value) or not math.isfinite(value) or abs(value) > MAX_NUMBER:
            self.fail(model, name, self.env._("expected a number of a sensible size."))

    def _check_moment(self, model, name, value, kind):
        if value in EMPTY:
            return
        if isinstance(value, date):  # server code passes date and datetime objects
            moment = value
        elif isinstance(value, str):
            try:
                convert = fields.Date.to_date if kind == "date" else fields.Datetime.to_datetime
                moment = convert(value)
            except (ValueError, TypeError, OverflowError):
                moment = None
            if moment is None:
                self.fail(model, name, self.env._("this is not a valid date."))
        else:
            self.fail(model, name, self.env._("expected a date."))
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            self.fail(
                model,
                name,
                self.env._(
                    "the year must be between %(first)s and %(last)s.",
                    first=MIN_YEAR,
                    last=MAX_YEAR,
                ),
            )

    def _is_id(self, value):
        if isinstance(value, models.BaseModel):  # server code may pass a record
            return len(value) == 1
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX

    def _check_id(self, model, name, value, comodel):
        if value in EMPTY:
            return
        if isinstance(value, models.BaseModel):
            if (comodel is None or value._name == comodel) and len(value) <= 1:
                return
        elif self._is_id(value):
            return
        self.fail(model, name, self.env._("expected the id of one record."))

    def _check_commands(self, model, name, value, field):  # noqa: PLR0912  (one per command)
        if _is_empty(value) or isinstance(value, models.BaseModel):
            return
        if not isinstance(value, list | tuple):
            self.fail(model, name, self.env._("expected a list of operations on lines."))
        comodel = self.env[field.comodel_name]
        for command in value:
            if self._is_id(command) and field.type == "many2many":
                continue
            if not isinstance(command, list | tuple) or not command:
                self.fail(model, name, self.env._("each operation on lines is a list."))
            code, args = command[0], list(command[1:])
            if isinstance(code, bool) or code not in (0, 1, 2, 3, 4, 5, 6):
                self.fail(model, name, self.env._("unknown operation on lines."))
            if code in (0, 1):
                if len(args) < 2 or not isinstance(args[1], dict):
                    self.fail(model, name, self.env._("the values of a line are missing."))
                if code == 1 and not self._is_id(args[0]):
                    self.fail(model, name, self.env._("expected the id of one line."))
                self.check_vals(comodel, args[1])
            elif code in (2, 3, 4):
                if not args or not self._is_id(args[0]):
                    self.fail(model, name, self.env._("expected the id of one line."))
            elif code == 6:
                ids = args[1] if len(args) > 1 else None
                if isinstance(ids, models.BaseModel):
                    continue
                if not isinstance(ids, list | tuple) or not all(self._is_id(i) for i in ids):
                    self.fail(model, name, self.env._("expected a list of ids."))

    def _check_reference(self, model, name, value):
        if value in EMPTY or isinstance(value, models.BaseModel):
            return
        if isinstance(value, str):
            target, _sep, record_id = value.partition(",")
            if target in self.env and record_id.strip().isdigit():
                return
        self.fail(model, name, self.env._("expected a reference to one record."))

    def _check_binary(self, model, name, value):
        if value in EMPTY or isinstance(value, bytes):
            return
        if not isinstance(value, str) or not _is_base64(value):
            self.fail(model, name, self.env._("expected a file encoded in base64."))


def check_input(model, vals_list):
    """Check the values of a create or write sent by a user (never the superuser's)."""
    if model.env.su:
        return
    checker = InputChecker(model)
    for vals in vals_list:
        checker.check_vals(model, vals)


def checked_number(model, field_name, value):
    """The float a user entered for `field_name`, or a ValidationError in plain words."""
    number = _as_float(value)
    if number is None:
        raise ValidationError(
            model.env._(
                "%(value)s is not a number: enter a figure for %(field)s.",
                value=_shorten(value),
                field=model._fields[field_name]._description_string(model.env),
            )
        )
    return number


def _shorten(value):
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _as_float(value):
    if value in EMPTY:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        return None
    return number
