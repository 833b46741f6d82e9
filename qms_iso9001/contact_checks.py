"""Checks of what the desk types about an applicant: phone, e-mail and identity number.

A value that is not what it claims to be (a 1 MB "phone number", an e-mail without a domain)
breaks the tracking book and the notices sent to the applicant, so it is refused with a
message when it is entered, in the user's language.
"""

import re

from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, single_email_re

PHONE_CHARS = re.compile(r"^\+?[0-9 .\-]+$")
PHONE_DIGITS = (8, 15)
MAX_EMAIL = 254
# citizen identity card (CCCD, 12 digits) or the old identity card (CMND, 9 digits)
CITIZEN_ID = re.compile(r"^(?:[0-9]{9}|[0-9]{12})$")
# a passport: letters and digits, at least one letter (Vietnamese ones: a letter, 7 digits)
PASSPORT = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{6,12}$")
# an enterprise or tax code: 10 digits, a branch adds 3 (0101234567-001)
ORGANISATION_ID = re.compile(r"^[0-9]{10}(?:-?[0-9]{3})?$")
# other registration numbers of organisations (decisions of establishment...)
ORGANISATION_OTHER = re.compile(r"^[0-9A-Z][0-9A-Z./\-]{2,29}$")


def phone_error(env, value):
    """Why `value` is not a phone number, or None: digits, spaces, +, dots and dashes, with
    8 to 15 digits."""
    if not value:
        return None
    digits = sum(char.isdigit() for char in value) if len(value) <= 40 else 0
    if (
        len(value) > 40
        or not PHONE_CHARS.match(value)
        or not (PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1])
    ):
        return env._(
            "%(value)s is not a phone number: type 8 to 15 digits, with spaces, dots, dashes "
            "or a leading + if needed (e.g. 0912 345 678).",
            value=value[:40],
        )
    return None


def email_error(env, value):
    """Why `value` is not one e-mail address, or None."""
    if not value:
        return None
    value = value.strip()
    if len(value) > MAX_EMAIL or not single_email_re.match(value) or not email_normalize(value):
        return env._(
            "%(value)s is not an e-mail address (e.g. an.nguyen@example.com).",
            value=value[:60],
        )
    return None


def id_number_error(env, value, organisation=False):
    """Why `value` is not an identity number of the applicant's kind, or None: a citizen's
    CCCD (12 digits), CMND (9 digits) or passport; an organisation's enterprise or tax code,
    or another registration number."""
    if not value:
        return None
    number = "".join(value.split()).upper() if len(value) <= 60 else value
    if organisation:
        if ORGANISATION_ID.match(number) or ORGANISATION_OTHER.match(number):
            return None
        return env._(
            "%(value)s is not a registration number of an organisation: type the enterprise or "
            "tax code (10 digits, or 13 for a branch) or the number of its decision of "
            "establishment.",
            value=value[:40],
        )
    if CITIZEN_ID.match(number) or (PASSPORT.match(number) and not number.isdigit()):
        return None
    return env._(
        "%(value)s is not an identity number: type the 12 digits of the citizen identity card "
        "(CCCD), the 9 digits of an old identity card (CMND) or the passport number.",
        value=value[:40],
    )


def check_applicant_contact(env, phone, email, id_number, organisation=False):
    """Raise the first of the phone, e-mail and ID number errors, as the desk typed them."""
    error = (
        phone_error(env, phone)
        or email_error(env, email)
        or id_number_error(env, id_number, organisation=organisation)
    )
    if error:
        raise ValidationError(error)
