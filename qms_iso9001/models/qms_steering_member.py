from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..input_checks import check_input


class QmsSteeringMember(models.Model):
    """A member of the steering committee, named by its decision: members are drafted with the
    committee and frozen with it once it is in force (its state is theirs)."""

    _name = "qms.steering.member"
    _description = "ISO Steering Committee Member"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "committee_id, sequence, id"
    _check_company_auto = True

    _qms_editable_fields = {"active": (), "replaced": ()}
    _qms_deletable_states = ("draft",)

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
        check_input(self, vals_list)
        if not self.env.su:
            committee_ids = [
                vals["committee_id"]
                for vals in vals_list
                if isinstance(vals.get("committee_id"), int)
            ]
            self._qms_check_committees_draft(
                self.env["qms.steering.committee"].browse(committee_ids)
            )
        return super().create(vals_list)

    def write(self, vals):
        check_input(self, [vals])
        if vals.get("committee_id") and not self.env.su:
            self._qms_check_committees_draft(
                self.env["qms.steering.committee"].browse(vals["committee_id"])
            )
        return super().write(vals)

    @api.model
    def _qms_check_committees_draft(self, committees):
        """Members are named by the decision: a committee in force changes by a new one."""
        for committee in committees.sudo():
            if committee.state != "draft":
                raise UserError(
                    self.env._(
                        "%(committee)s is %(state)s: its members change only by a new decision. "
                        "Re-form the committee.",
                        committee=committee.name,
                        state=committee._qms_state_label(),
                    )
                )
