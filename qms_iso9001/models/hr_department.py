from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_company import AGENCY_CODE_PATTERN


class HrDepartment(models.Model):
    _inherit = "hr.department"

    qms_code = fields.Char(
        string="Unit Code",
        help="Short code of the unit in document codes, e.g. VP in QT.01/VP.",
    )

    @api.constrains("qms_code")
    def _check_qms_code(self):
        for department in self.filtered("qms_code"):
            if not AGENCY_CODE_PATTERN.match(department.qms_code):
                raise ValidationError(
                    self.env._(
                        "The unit code '%(code)s' is not valid: use capital letters, digits, "
                        "dots or dashes (e.g. VP).",
                        code=department.qms_code,
                    )
                )
