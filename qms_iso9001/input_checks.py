"""Values sent by a client are checked before the ORM sees them (issue 13).

The ORM turns a value of the wrong type into a `ValueError` or `TypeError` (`float('abc')`, a
selection key that does not exist, a date that is not one), and lets through what a float
accepts but a record must not hold: `float('NaN')` and `float('inf')` pass, and a huge number
only fails in the database. Over JSON-RPC that is a traceback; here it is a `ValidationError`
naming the field, raised before anything is written.
"""

import math

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.models import BaseModel

# A measured value, a target, an amount: far above anything an agency counts, far below what
# the database columns hold.
MAX_NUMBER = 1e12
MAX_INTEGER = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1900, 2200


def _empty(value):
    return value is None or value is False


def check_values(model, vals):
    """Raise a ValidationError for the first value of `vals` that `model` cannot store."""
    if not isinstance(vals, dict):
        raise ValidationError(model.env._("The values to save are not valid."))
    for name, value in vals.items():
        field = model._fields.get(name) if isinstance(name, str) else None
        if field is None:
            raise ValidationError(
                model.env._(
                    "%(model)s has no field %(field)s.", model=model._description, field=name
                )
            )
        checker = CHECKERS.get(field.type)
        if checker and not checker(model, field, value):
            raise ValidationError(
                model.env._(
                    "%(value)s is not a valid value for %(field)s.",
                    value=_shorten(value),
                    field=field._description_string(model.env),
                )
            )


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
    if _empty(value):
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


def _check_float(model, field, value):
    return _as_float(value) is not None


def _check_integer(model, field, value):
    if _empty(value):
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return False
        value = int(value)
    elif isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return False
    elif not isinstance(value, int):
        return False
    return abs(value) <= MAX_INTEGER


def _check_selection(model, field, value):
    if _empty(value):
        return True
    if not isinstance(value, str):
        return False
    return value in field.get_values(model.env)


def _check_date(model, field, value):
    if _empty(value):
        return True
    convert = fields.Datetime.to_datetime if field.type == "datetime" else fields.Date.to_date
    try:
        moment = convert(value)
    except (ValueError, TypeError, OverflowError):
        return False
    # year 1 or 9999 is a typing slip, and breaks time-zone arithmetic further on
    return moment is None or MIN_YEAR <= moment.year <= MAX_YEAR


def _check_many2one(model, field, value):
    if _empty(value) or isinstance(value, BaseModel):
        return True
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_INTEGER


def _check_x2many(model, field, value):
    if _empty(value) or isinstance(value, BaseModel):
        return True
    return isinstance(value, list | tuple) and all(_valid_command(item) for item in value)


def _valid_command(command):
    """An x2many command as the ORM reads it, or an id or a record (many2many)."""
    if isinstance(command, BaseModel) or (
        isinstance(command, int) and not isinstance(command, bool)
    ):
        return True
    if not isinstance(command, list | tuple) or not command:
        return False
    code = command[0]
    if not isinstance(code, int) or code not in range(7):
        return False
    needed = {0: 3, 1: 3, 5: 1, 6: 3}.get(code, 2)
    shapes = {0: dict, 1: dict, 6: list | tuple}
    return len(command) >= needed and (code not in shapes or isinstance(command[2], shapes[code]))


def _check_text(model, field, value):
    return _empty(value) or isinstance(value, str)


CHECKERS = {
    "float": _check_float,
    "monetary": _check_float,
    "integer": _check_integer,
    "selection": _check_selection,
    "date": _check_date,
    "datetime": _check_date,
    "many2one": _check_many2one,
    "one2many": _check_x2many,
    "many2many": _check_x2many,
    "char": _check_text,
    "text": _check_text,
    "html": _check_text,
}
