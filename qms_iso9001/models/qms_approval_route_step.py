from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsApprovalRouteStep(models.Model):
    """One step of a route: who decides, whether one or all of them, and in how many days."""

    _name = "qms.approval.route.step"
    _description = "Approval Route Step"
    _order = "route_id, sequence, id"

    route_id = fields.Many2one("qms.approval.route", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True, help="E.g. review, approval, signature.")
    approver_type = fields.Selection(
        [
            ("users", "Specific Users"),
            ("group", "User Group"),
            ("department_manager", "Manager of the Unit"),
            ("qms_role", "QMS Role"),
        ],
        required=True,
        default="users",
        help="Manager of the Unit: the manager of the record's unit, or of the parent unit when "
        "the position is vacant or held by the requester.",
    )
    user_ids = fields.Many2many("res.users", string="Approvers")
    group_id = fields.Many2one("res.groups")
    qms_role = fields.Selection(
        [
            ("committee_head", "Head of the Steering Committee"),
            ("standing_office", "Head of the ISO Standing Unit"),
        ],
        string="QMS Role",
    )
    rule = fields.Selection(
        [("any", "Any One of Them"), ("all", "All of Them")], required=True, default="any"
    )
    deadline_days = fields.Integer(
        string="Deadline (Working Days)",
        help="Working days on the agency's deadline calendar. 0: no deadline.",
    )
    allow_self_approval = fields.Boolean(
        string="Requester May Approve",
        help="If unchecked, the requester is never an approver of this step.",
    )
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True)

    _deadline_positive = models.Constraint(
        "CHECK(deadline_days >= 0)", "The deadline of a step cannot be negative."
    )

    @api.constrains("approver_type", "user_ids", "group_id", "qms_role")
    def _check_approvers(self):
        for step in self:
            missing = (
                (step.approver_type == "users" and not step.user_ids)
                or (step.approver_type == "group" and not step.group_id)
                or (step.approver_type == "qms_role" and not step.qms_role)
            )
            if missing:
                raise ValidationError(
                    self.env._(
                        "Say who decides the step %(step)s: the users, the group or the QMS role.",
                        step=step.name,
                    )
                )

    def _qms_candidates(self, company, department=None, requester=None):
        """The active internal users this step designates in `company`; for a unit manager's
        step, the manager of `department` (or of the nearest parent unit with one). Shared by
        the request and by the check that a route can be completed at all."""
        self.ensure_one()
        requester = requester or self.env["res.users"]
        users = self.env["res.users"]
        if self.approver_type == "users":
            users = self.user_ids
        elif self.approver_type == "group":
            users = self.group_id.sudo().all_user_ids
        elif self.approver_type == "department_manager":
            department = (department or self.env["hr.department"]).sudo()
            while department:
                manager = department.manager_id.user_id
                if manager and (manager != requester or self.allow_self_approval):
                    users = manager
                    break
                department = department.parent_id
        elif self.qms_role == "committee_head":
            committee = (
                self.env["qms.steering.committee"]
                .sudo()
                .search([("state", "=", "active"), ("company_id", "=", company.id)], limit=1)
            )
            users = committee.head_id.user_id
        elif self.qms_role == "standing_office":
            users = company.sudo().qms_standing_department_id.manager_id.user_id
        return users.filtered(lambda user: user.active and not user.share)

    def _qms_resolve_approvers(self, record, requester):
        """The users who must decide this step for `record`, computed when the step starts."""
        self.ensure_one()
        company = record.company_id if "company_id" in record._fields else self.env.company
        department = None
        if self.approver_type == "department_manager":
            department = record._qms_approval_department()
        users = self._qms_candidates(company, department, requester)
        if not self.allow_self_approval:
            users -= requester
        if not users:
            raise UserError(
                self.env._(
                    "Nobody can decide the step %(step)s of the route %(route)s for %(record)s "
                    "(the requester cannot approve their own request). Ask the QMS manager to "
                    "complete the route.",
                    step=self.name,
                    route=self.route_id.name,
                    record=record.display_name,
                )
            )
        return users
