from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsApprovalMixin(models.AbstractModel):
    """Gives any model an approval chain configured by `qms.approval.route`.

    The inheriting model overrides the hooks `_qms_approval_department`, `_qms_approval_on_submit`,
    `_qms_approval_on_approved` and `_qms_approval_on_rejected` (rejection and recall).
    """

    _name = "qms.approval.mixin"
    _description = "Approval Chain Mixin"

    approval_request_id = fields.Many2one(
        "qms.approval.request",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    approval_request_ids = fields.One2many(
        "qms.approval.request",
        compute="_compute_approval_request_ids",
        string="Approval History",
    )
    approval_state = fields.Selection(
        [
            ("none", "Not Submitted"),
            ("pending", "Pending Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        compute="_compute_approval_state",
        string="Approval Status",
    )
    approval_step_id = fields.Many2one(
        "qms.approval.request.step", compute="_compute_approval_state", string="Current Step"
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")
    can_recall = fields.Boolean(compute="_compute_can_approve")

    def _compute_approval_request_ids(self):
        requests = (
            self.env["qms.approval.request"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        by_record = {}
        for request in requests:
            by_record.setdefault(request.res_id, []).append(request.id)
        for record in self:
            record.approval_request_ids = requests.browse(by_record.get(record.id, []))

    @api.depends("approval_request_id.state", "approval_request_id.current_step_id")
    def _compute_approval_state(self):
        for record in self:
            request = record.sudo().approval_request_id
            state = request.state or "none"
            record.approval_state = "none" if state == "cancelled" else state
            record.approval_step_id = request.current_step_id

    @api.depends_context("uid")
    @api.depends("approval_request_id.current_step_id")
    def _compute_can_approve(self):
        deciders = self.env["qms.approval.request.step"]._qms_deciders()
        for record in self:
            request = record.sudo().approval_request_id
            step = request.current_step_id
            pending = request.state == "pending"
            record.can_approve = pending and bool(
                (step.approver_ids - step.approved_user_ids) & deciders
            )
            record.can_recall = pending and request.requester_id == self.env.user

    # ------------------------------------------------------------------ hooks
    def _qms_approval_department(self):
        """The unit whose manager decides "Manager of the Unit" steps."""
        self.ensure_one()
        if "department_id" in self._fields:
            return self.department_id
        return self.env["hr.department"]

    def _qms_approval_on_submit(self):
        """Check the record can be submitted and move it to its "to approve" state."""

    def _qms_approval_on_approved(self, request):
        """Every step approved (called as superuser)."""

    def _qms_approval_on_rejected(self, request):
        """Rejected or recalled: back to draft (called as superuser)."""

    # ------------------------------------------------------------------ actions
    def action_submit_for_approval(self):
        self.check_access("write")
        for record in self:
            if record.approval_state == "pending":
                raise UserError(
                    self.env._(
                        "%(record)s is already waiting for approval.", record=record.display_name
                    )
                )
            route = self.env["qms.approval.route"]._qms_find_route(record)
            if not route:
                raise UserError(
                    self.env._(
                        "No approval route applies to %(record)s. Ask the QMS manager to set "
                        "one up.",
                        record=record.display_name,
                    )
                )
            record._qms_approval_on_submit()
            request = self.env["qms.approval.request"]._qms_create_for(record, route)
            record.sudo().approval_request_id = request
            if hasattr(record, "message_post"):
                record.sudo().message_post(
                    body=self.env._(
                        "Submitted for approval by %(user)s (route %(route)s).",
                        user=self.env.user.name,
                        route=route.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            request._qms_start_next_step()
        return True

    def _qms_current_step(self):
        self.ensure_one()
        request = self.sudo().approval_request_id
        if request.state != "pending":
            raise UserError(
                self.env._("%(record)s is not waiting for approval.", record=self.display_name)
            )
        return request.current_step_id.with_env(self.env)

    def action_approve(self, comment=False):
        for record in self:
            record._qms_current_step()._qms_decide("approved", comment)
        return True

    def action_reject(self):
        """Open the wizard asking for the reason."""
        self.ensure_one()
        self._qms_current_step()
        return self._qms_wizard_action("reject")

    def action_approve_with_comment(self):
        self.ensure_one()
        self._qms_current_step()
        return self._qms_wizard_action("approve")

    def _qms_wizard_action(self, decision):
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Reject") if decision == "reject" else self.env._("Approve"),
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_decision": decision,
            },
        }

    def _qms_reject(self, reason):
        for record in self:
            record._qms_current_step()._qms_decide("rejected", reason)
        return True

    def action_recall(self):
        for record in self:
            record._qms_current_step()
            record.sudo().approval_request_id.with_env(self.env)._qms_cancel()
        return True

    def action_view_approval_requests(self):
        self.ensure_one()
        domain = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        name = self.env._("Approval History")
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.approval.request",
            "name": name,
            "view_mode": "list,form",
            "domain": domain,
        }
