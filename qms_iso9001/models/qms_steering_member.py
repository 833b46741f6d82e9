from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsSteeringMember(models.Model):
    _name = "qms.steering.member"
    _description = "ISO Steering Committee Member"
    _order = "committee_id, sequence, id"

    committee_id = fields.Many2one(
        "qms.steering.committee", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    employee_id = fields.Many2one("hr.employee", required=True, check_company=True)
    job_title = fields.Char(related="employee_id.job_title")
    department_id = fields.Many2one(related="employee_id.department_id", store=True, string="Unit")
    role = fields.Selection(
        [
            ("head", "Head"),
            ("deputy_head", "Deputy Head"),
            ("member", "Member"),
            ("secretary", "Secretary"),
        ],
        required=True,
        default="member",
    )
    duties = fields.Text()
    state = fields.Selection(related="committee_id.state", store=True)
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)

    @api.constrains("committee_id", "employee_id")
    def _check_unique_employee(self):
        for member in self:
            twins = member.committee_id.member_ids.filtered(
                lambda m, member=member: m.employee_id == member.employee_id
            )
            if len(twins) > 1:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is listed twice in %(committee)s.",
                        employee=member.employee_id.name,
                        committee=member.committee_id.name,
                    )
                )

    @api.constrains("role", "committee_id")
    def _check_committee_head(self):
        self.committee_id._check_one_head()

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.committee_id._check_not_history()
        return members

    def write(self, vals):
        self.committee_id._check_not_history()
        result = super().write(vals)
        self.committee_id._check_not_history()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_not_history(self):
        self.committee_id._check_not_history()
        if any(m.role == "head" and m.state == "active" for m in self):
            raise ValidationError(
                self.env._(
                    "The head of a committee in force cannot be removed: "
                    "appoint another head first."
                )
            )
