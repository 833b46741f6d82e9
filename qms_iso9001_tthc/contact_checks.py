"""The applicant's contact checks live in the core (`qms_iso9001.contact_checks`) since the
feedback register checks the same phone numbers and e-mails; re-exported for the TTHC code."""

from odoo.addons.qms_iso9001.contact_checks import (  # noqa: F401
    check_applicant_contact,
    email_error,
    id_number_error,
    phone_error,
)
