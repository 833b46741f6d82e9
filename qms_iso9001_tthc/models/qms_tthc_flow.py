from odoo import api, fields, models
from odoo.exceptions import MissingError, UserError
from odoo.tools import float_compare

from .qms_tthc_processing_time import DEFAULT_HOURS_PER_DAY


class QmsTthcFlow(models.Model):
    """One version of the ISO process flow (lưu đồ) of a procedure: the steps that split the
    legal processing time between the units.

    Versions are approved through the core approval chain (the unit ISO officer submits, the
    route's approvers decide). Approving a version puts it in force and supersedes the previous
    one: a flow is in force or superseded only through its approval. Once submitted, a version
    and its steps are frozen; approved and superseded versions are never deleted, so a dossier
    received under a version can always be read against it.
    """

    _name = "qms.tthc.flow"
    _description = "TTHC Process Flow"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.approval.mixin"]
    _order = "procedure_id, version desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = ("version", "date_approved", "date_superseded")
    _qms_editable_fields = {"to_approve": (), "approved": (), "superseded": ()}

    name = fields.Char(compute="_compute_name", store=True)
    procedure_id = fields.Many2one(
        "qms.tthc.procedure",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    procedure_code = fields.Char(related="procedure_id.code", string="National Code")
    version = fields.Integer(required=True, copy=False, default=1, tracking=True)
    document_id = fields.Many2one(related="procedure_id.document_id", string="ISO Procedure")
    legal_time_display = fields.Char(
        related="procedure_id.processing_time_display", string="Legal Processing Time"
    )
    procedure_has_cutoff = fields.Boolean(related="procedure_id.has_cutoff")
    procedure_cutoff_hour = fields.Float(
        related="procedure_id.cutoff_hour",
        string="Reception Cut-off Time",
        help="Dossiers received after this time count as received the next working day "
        "(set on the procedure).",
    )
    revision_id = fields.Many2one(
        "qms.document.revision",
        string="ISO Document Issue",
        index="btree_not_null",
        domain="[('document_id', '=', document_id)]",
        help="The issue of the ISO procedure this flow belongs to.",
    )
    department_id = fields.Many2one(
        related="procedure_id.department_id", store=True, index=True, string="Unit in Charge"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "In Force"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    step_ids = fields.One2many("qms.tthc.step", "flow_id", string="Steps", copy=True)
    note = fields.Text()
    date_approved = fields.Datetime(copy=False, readonly=True)
    date_superseded = fields.Datetime(copy=False, readonly=True)
    time_balance = fields.Text(
        string="Time Check", compute="_compute_time_balance", help="Steps against legal time."
    )
    is_time_balanced = fields.Boolean(string="Time Balanced", compute="_compute_time_balance")
    company_id = fields.Many2one(related="procedure_id.company_id", store=True, index=True)

    _version_uniq = models.Constraint(
        "UNIQUE(procedure_id, version)", "This version of the flow already exists."
    )
    _one_approved_per_procedure = models.UniqueIndex(
        "(procedure_id) WHERE state = 'approved'", "A procedure has one flow in force at a time."
    )

    @api.depends("procedure_id.code", "procedure_id.name", "version")
    def _compute_name(self):
        """Stored, so kept free of words of one language: "1.001193 Đăng ký khai sinh (v2)"."""
        for flow in self:
            procedure = flow.procedure_id
            flow.name = f"{procedure.code or ''} {procedure.name or ''} (v{flow.version})".strip()

    # ------------------------------------------------------------------ time check
    def _qms_hours_per_day(self):
        """Hours of a working day on the agency's calendar (8 h when it does not say).

        Steps and legal limits are compared in working hours: a limit or step in working days
        counts this many hours per day, e.g. 7 h for Mon-Fri 7:30-11:30, 13:30-16:30.
        """
        company = self.company_id or self.env.company
        calendar = company.sudo()._qms_deadline_calendar()
        return calendar.hours_per_day or DEFAULT_HOURS_PER_DAY

    def _qms_time_balance(self):
        """{method: (legal hours, step hours, difference)} for each filing method the
        procedure has a measurable legal time for; difference = steps - legal (negative: time
        left). Limits not stated, unreadable or "immediately" are not checked: there is no
        legal time to split."""
        self.ensure_one()
        hours_per_day = self._qms_hours_per_day()
        balance = {}
        for limit in self.procedure_id.processing_time_ids:
            legal = limit._qms_hours(hours_per_day)
            if legal is None:
                continue
            steps = sum(
                step._qms_hours(hours_per_day)
                for step in self.step_ids
                if step[f"for_{limit.filing_method}"]
            )
            balance[limit.filing_method] = (legal, steps, steps - legal)
        return balance

    def _qms_unchecked_methods(self):
        """Filing methods whose legal time cannot be measured (not stated, unreadable,
        immediately): the steps are not checked against it."""
        self.ensure_one()
        hours_per_day = self._qms_hours_per_day()
        return [
            limit.filing_method
            for limit in self.procedure_id.processing_time_ids
            if limit._qms_hours(hours_per_day) is None
        ]

    @api.depends(
        "step_ids.duration",
        "step_ids.duration_unit",
        "step_ids.for_direct",
        "step_ids.for_online",
        "step_ids.for_postal",
        "procedure_id.processing_time_ids.duration",
        "procedure_id.processing_time_ids.unit",
        "procedure_id.processing_time_ids.is_unreadable",
    )
    def _compute_time_balance(self):
        Time = self.env["qms.tthc.processing.time"]
        methods = dict(Time._fields["filing_method"]._description_selection(self.env))
        for flow in self:
            balance = flow._qms_time_balance() if flow.procedure_id else {}
            lines = []
            for method, (legal, steps, diff) in balance.items():
                if not float_compare(diff, 0.0, precision_digits=2):
                    status = self.env._("matches")
                elif diff < 0:
                    status = self.env._("%(hours)s h not allocated", hours=f"{-diff:g}")
                else:
                    status = self.env._("%(hours)s h over the legal time", hours=f"{diff:g}")
                lines.append(
                    self.env._(
                        "%(method)s: legal %(legal)s h, steps %(steps)s h, %(status)s",
                        method=methods[method],
                        legal=f"{legal:g}",
                        steps=f"{steps:g}",
                        status=status,
                    )
                )
            unchecked = flow._qms_unchecked_methods() if flow.procedure_id else []
            lines += [
                self.env._(
                    "%(method)s: no measurable legal time (not stated, unreadable or "
                    "immediately), steps not checked",
                    method=methods[method],
                )
                for method in unchecked
            ]
            flow.time_balance = "\n".join(lines) or self.env._(
                "The procedure has no legal processing time yet."
            )
            flow.is_time_balanced = bool(balance or unchecked) and all(
                not float_compare(diff, 0.0, precision_digits=2)
                for _legal, _steps, diff in balance.values()
            )

    def _qms_check_time_balance(self):
        for flow in self:
            if not flow.step_ids:
                raise UserError(
                    self.env._("Add the steps of %(flow)s before approval.", flow=flow.name)
                )
            if not flow.is_time_balanced:
                raise UserError(
                    self.env._(
                        "The steps of %(flow)s must add up to the legal processing time of "
                        "each filing method:\n%(balance)s",
                        flow=flow.name,
                        balance=flow.time_balance,
                    )
                )

    # ------------------------------------------------------------------ versions
    @api.model
    def _qms_prepare_create_vals(self, vals):
        """The version number follows the procedure's last one; the flow belongs to the issue of
        the ISO procedure being applied, unless the unit names another."""
        vals = super()._qms_prepare_create_vals(vals)
        procedure_id = vals.get("procedure_id")
        if procedure_id and isinstance(procedure_id, int):
            if not (self.env.su and vals.get("version")):
                vals["version"] = self._next_version(procedure_id)
            if "revision_id" not in vals:
                procedure = self.env["qms.tthc.procedure"].browse(procedure_id).sudo().exists()
                vals["revision_id"] = procedure._qms_latest_revision().id if procedure else False
        return vals

    def _next_version(self, procedure_id):
        versions = self.sudo().search([("procedure_id", "=", procedure_id)]).mapped("version")
        return max(versions, default=0) + 1

    def action_new_version(self):
        """Start the next version from this one, steps included."""
        self._qms_ensure_one()
        if not self.exists():
            raise MissingError(self.env._("This flow no longer exists."))
        pending = self.procedure_id.flow_ids.filtered(
            lambda flow: flow.state in ("draft", "to_approve")
        )
        if pending:
            raise UserError(
                self.env._(
                    "%(flow)s is already being prepared: finish it before starting another "
                    "version.",
                    flow=pending[0].name,
                )
            )
        procedure = self.procedure_id.sudo()
        new_flow = self.copy(
            {"revision_id": procedure._qms_latest_revision().id or self.revision_id.id}
        )
        return new_flow._get_form_action()

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ approval hooks
    def _qms_approval_department(self):
        self.ensure_one()
        return self.department_id

    def _qms_check_ready_to_submit(self):
        self._qms_check_time_balance()

    def _qms_approval_on_approved(self, request):
        """The legal time may have changed while the flow waited: it is checked again. The
        version in force until now is superseded first (one version in force at a time)."""
        self._qms_check_time_balance()
        now = fields.Datetime.now()
        for flow in self:
            previous = flow.procedure_id.sudo().flow_ids.filtered(
                lambda f, flow=flow: f.state == "approved" and f != flow
            )
            if previous:
                previous._qms_set({"state": "superseded", "date_superseded": now})
                previous.flush_recordset()
            flow._qms_set({"state": "approved", "date_approved": now})
            flow.procedure_id.sudo().message_post(
                body=self.env._("Flow version %(version)s is in force.", version=flow.version)
            )

    def action_print_flow(self):
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_flow").report_action(self)
