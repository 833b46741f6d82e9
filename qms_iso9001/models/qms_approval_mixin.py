from lxml.builder import E

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..lifecycle import UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)


class QmsApprovalMixin(models.AbstractModel):
    """Makes a controlled record approvable through the chains of `qms.approval.route`.

    A model declares which states it is submitted from, the state it waits in (None when it
    stays where it is, like an NC's action plan), where approval and rejection take it and who
    may submit; it gets the fields, the transitions and the form's buttons and banner from here
    (added to its form view by `_get_view`, so nine models do not copy nine skeletons). It may
    extend the hooks `_qms_approval_on_submit`, `_qms_approval_on_approved` and
    `_qms_approval_on_rejected`, which run after the chain's own checks.
    """

    _name = "qms.approval.mixin"
    _inherit = ["qms.lifecycle.mixin"]
    _description = "Approval Chain Mixin"

    _qms_approval_submit_states = ("draft",)
    _qms_approval_submit_groups = (UNIT_OFFICER,)
    _qms_approval_pending_state = "to_approve"
    _qms_approval_approved_state = "approved"
    _qms_approval_rejected_state = "draft"
    _qms_approval_submit_label = _lt("Submit for Approval")

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
        for record in self:
            record.can_approve = record._qms_is_current_approver(self.env.user)
            record.can_recall = record._qms_is_requester(self.env.user)

    # ------------------------------------------------------------------ roles
    def _qms_is_current_approver(self, user):
        """An approver (or a delegate of one) still awaited on the current step."""
        self.ensure_one()
        request = self.sudo().approval_request_id
        if request.state != "pending":
            return False
        return bool(request.current_step_id._qms_deciders_for(user))

    def _qms_is_requester(self, user):
        self.ensure_one()
        request = self.sudo().approval_request_id
        return request.state == "pending" and request.requester_id == user

    # ------------------------------------------------------------------ hooks
    def _qms_approval_department(self):
        """The unit whose manager decides "Manager of the Unit" steps."""
        self.ensure_one()
        if "department_id" in self._fields:
            return self.department_id
        return self.env["hr.department"]

    def _qms_check_ready_to_submit(self):
        """Raise a UserError saying what is missing before the record can be submitted."""

    def _qms_approval_on_submit(self):
        self._qms_check_ready_to_submit()
        if self._qms_approval_pending_state:
            self._qms_set({self._qms_state_field: self._qms_approval_pending_state})

    def _qms_approval_on_approved(self, request):
        """Every step approved (called as superuser)."""
        if self._qms_approval_approved_state:
            self._qms_set({self._qms_state_field: self._qms_approval_approved_state})

    def _qms_approval_on_rejected(self, request):
        """Rejected or recalled (called as superuser): back to the state it was submitted from."""
        pending = self._qms_approval_pending_state
        target = self._qms_approval_rejected_state
        if pending and target:
            self.filtered(lambda r: r[self._qms_state_field] == pending)._qms_set(
                {self._qms_state_field: target}
            )

    # ------------------------------------------------------------------ transitions
    @transition(
        "_qms_approval_submit_states",
        groups="_qms_approval_submit_groups",
        label=_lt("Submit for Approval"),
    )
    def action_submit_for_approval(self):
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
            record._qms_set({"approval_request_id": request.id})
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

    @transition(role="_qms_is_current_approver", access="read", label=_lt("Approve"))
    def action_approve(self, comment=False):
        for record in self:
            record._qms_current_step()._qms_decide("approved", comment)
        return True

    @transition(role="_qms_is_current_approver", access="read", label=_lt("Reject"))
    def action_reject_with_reason(self, reason):
        for record in self:
            record._qms_current_step()._qms_decide("rejected", reason)
        return True

    @transition(role="_qms_is_requester", access="read", label=_lt("Recall"))
    def action_recall(self):
        for record in self:
            record._qms_current_step()
            record.sudo().approval_request_id.with_env(self.env)._qms_cancel()
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

    # ------------------------------------------------------------------ form view
    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._qms_add_approval_controls(arch)
        return arch, view

    @api.model
    def _qms_add_approval_controls(self, arch):
        """The approval buttons in the header and the "waiting for" banner in the sheet."""
        header = arch.find(".//header")
        if header is None or header.find("button[@name='action_submit_for_approval']") is not None:
            return
        state = self._qms_state_field
        states = list(self._qms_approval_submit_states)
        submit = E.button(
            name="action_submit_for_approval",
            type="object",
            string=self.env._(self._qms_approval_submit_label),
            invisible=f"{state} not in {states!r} or approval_state == 'pending'",
            **{"class": "btn-primary"},
        )
        groups = ",".join(self._qms_approval_submit_groups)
        if groups:
            submit.set("groups", groups)
        controls = [
            E.field(name="can_approve", invisible="1"),
            E.field(name="can_recall", invisible="1"),
            E.field(name="approval_state", invisible="1"),
            E.field(name="approval_request_id", invisible="1"),
            submit,
            E.button(
                name="action_approve_with_comment",
                type="object",
                string=self.env._("Approve"),
                invisible="not can_approve",
                **{"class": "btn-primary"},
            ),
            E.button(
                name="action_reject",
                type="object",
                string=self.env._("Reject"),
                invisible="not can_approve",
            ),
            E.button(
                name="action_recall",
                type="object",
                string=self.env._("Recall"),
                invisible="not can_recall",
                confirm=self.env._("Recall this record from approval?"),
            ),
        ]
        for position, node in enumerate(controls):
            header.insert(position, node)
        sheet = arch.find(".//sheet")
        if sheet is None:
            return
        banner = E.div(
            E.span(self.env._("Waiting for:"), **{"class": "me-1"}),
            E.field(name="approval_step_id", readonly="1", **{"class": "fw-bold"}),
            E.button(
                name="action_view_approval_requests",
                type="object",
                string=self.env._("Approval History"),
                **{"class": "btn-link"},
            ),
            role="alert",
            invisible="approval_state != 'pending'",
            **{"class": "alert alert-info"},
        )
        history = E.div(
            E.button(
                name="action_view_approval_requests",
                type="object",
                string=self.env._("Approval History"),
                icon="fa-history",
                **{"class": "btn-link"},
            ),
            invisible="approval_state == 'pending' or not approval_request_id",
        )
        box = sheet.find("div[@name='button_box']")
        index = list(sheet).index(box) + 1 if box is not None else 0
        sheet.insert(index, history)
        sheet.insert(index, banner)
