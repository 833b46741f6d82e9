from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsProcessList(models.Model):
    """The proposed process list (danh mục quy trình dự kiến) the leaders approve before units
    start drafting.

    Agencies first agree which processes the system will have (44 or 58 in the seeds), each with
    the reason it is needed; only then do units draft them. The list is then followed until
    every process is an issued document, which is what the standing office reports.
    """

    _name = "qms.process.list"
    _description = "Proposed Process List"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _qms_approval_submit_groups = (MANAGER,)
    _qms_workflow_fields = ("date_approved", "approver_id")
    _qms_editable_fields = {"to_approve": (), "approved": ()}

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Drawn Up By",
        check_company=True,
        help="The standing office's unit, whose chain of approval applies.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "To Approve"), ("approved", "Approved")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_approved = fields.Date(copy=False, readonly=True, tracking=True)
    approver_id = fields.Many2one("res.users", string="Approved By", copy=False, readonly=True)
    line_ids = fields.One2many("qms.process.list.line", "list_id", string="Processes", copy=True)
    line_count = fields.Integer(string="Number of Processes", compute="_compute_progress")
    issued_count = fields.Integer(string="Issued", compute="_compute_progress")
    progress = fields.Float(string="Issued (%)", compute="_compute_progress")
    drafting_count = fields.Integer(string="Being Drafted", compute="_compute_progress")
    planned_count = fields.Integer(string="Not Started", compute="_compute_progress")

    @api.depends("line_ids.status")
    def _compute_progress(self):
        for process_list in self:
            lines = process_list.line_ids
            process_list.line_count = len(lines)
            process_list.issued_count = len(lines.filtered(lambda line: line.status == "issued"))
            process_list.drafting_count = len(
                lines.filtered(lambda line: line.status == "drafting")
            )
            process_list.planned_count = len(lines.filtered(lambda line: line.status == "planned"))
            process_list.progress = (
                100.0 * process_list.issued_count / process_list.line_count if lines else 0.0
            )

    @api.constrains("year")
    def _check_year(self):
        if any(not 2000 <= record.year <= 2100 for record in self):
            raise ValidationError(self.env._("The year of a process list is not valid."))

    def _qms_approval_department(self):
        self.ensure_one()
        return self.department_id

    def _qms_check_ready_to_submit(self):
        for process_list in self:
            if not process_list.line_ids:
                raise UserError(
                    self.env._(
                        "Add the processes of %(list)s before submitting it.",
                        list=process_list.name,
                    )
                )

    def _qms_approval_on_approved(self, request):
        self._qms_set(
            {
                "state": "approved",
                "date_approved": fields.Date.context_today(self),
                "approver_id": request._qms_last_approver().id,
            }
        )

    @transition(("approved",), groups=(MANAGER,), label=_lt("Revise the List"))
    def action_revise(self, reason):
        """When laws change the list is revised and approved again; processes already drafted
        keep their documents."""
        self._qms_log_reason(self.env._("Process list reopened for revision"), reason)
        self._qms_set({"state": "draft", "date_approved": False, "approver_id": False})
        return True

    def action_open_revise_wizard(self):
        return self._qms_reason_wizard_action("action_revise", self.env._("Revise the List"))

    def _qms_processes_action(self, status=None):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001.action_qms_process_list_line"
        )
        action["domain"] = [("list_id", "=", self.id)] + (
            [("status", "=", status)] if status else []
        )
        action["context"] = {"search_default_group_status": 0 if status else 1}
        return action

    def action_view_issued(self):
        """The processes of the list already issued, with their documents."""
        return self._qms_processes_action("issued")

    def action_view_drafting(self):
        return self._qms_processes_action("drafting")

    def action_view_planned(self):
        return self._qms_processes_action("planned")
