from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

_lt = LazyTranslate(__name__)


class QmsAuditProgram(models.Model):
    """Chương trình đánh giá nội bộ hằng năm (ISO 9001 clause 9.2.2 a).

    The coverage matrix answers the certification body's first question: has every unit been
    audited against every clause in scope this year?

    The standing office approves, closes, cancels (with a reason) and reopens (with a reason) the
    programme; once approved it is frozen, and a programme that was ever approved is kept.
    """

    _name = "qms.audit.program"
    _description = "Internal Audit Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = ("approved_by_id", "date_approved", "date_done")
    _qms_editable_fields = {
        "approved": (),
        "done": ("active",),
        "cancelled": ("active",),
    }
    _qms_deletable_states = ("draft",)

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    objectives = fields.Html()
    scope = fields.Text(help="Units, processes and activities the programme covers.")
    criteria = fields.Text(
        string="Audit Criteria",
        default="TCVN ISO 9001:2015; quality policy and objectives; the agency's QMS documents.",
    )
    planned_round_count = fields.Integer(string="Planned Rounds", default=1)
    department_ids = fields.Many2many("hr.department", string="Units in Scope", check_company=True)
    clause_ids = fields.Many2many(
        "qms.iso.clause",
        string="Clauses in Scope",
        domain=lambda self: self.env["qms.iso.clause"]._qms_edition_domain(),
    )
    audit_ids = fields.One2many("qms.audit", "program_id", string="Audits")
    audit_count = fields.Integer(compute="_compute_coverage")
    uncovered_count = fields.Integer(string="Uncovered Cells", compute="_compute_coverage")
    coverage_html = fields.Html(string="Coverage Matrix", compute="_compute_coverage")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.constrains("year", "planned_round_count")
    def _check_year(self):
        for program in self:
            if not 2000 <= program.year <= 2100:
                raise ValidationError(self.env._("The year of the programme is not valid."))
            if program.planned_round_count < 1:
                raise ValidationError(self.env._("Plan at least one audit round."))

    # ------------------------------------------------------------------ coverage
    def _qms_coverage(self):
        """{(unit id, clause id): audits} for the non-cancelled audits of the programme.

        An audit covers a cell when it audits the unit against the clause or one of its
        sub-clauses (auditing 7.5.3 counts for 7.5 and 7)."""
        self.ensure_one()
        coverage = {}
        audits = self.audit_ids.filtered(lambda a: a.state != "cancelled")
        for audit in audits:
            clauses = audit.clause_ids
            ancestors = self.env["qms.iso.clause"].browse(
                {int(cid) for c in clauses for cid in c.parent_path.split("/")[:-1]}
            )
            for department in audit.department_ids:
                for clause in clauses | ancestors:
                    coverage.setdefault((department.id, clause.id), self.env["qms.audit"])
                    coverage[(department.id, clause.id)] |= audit
        return coverage

    def _qms_uncovered_cells(self):
        self.ensure_one()
        coverage = self._qms_coverage()
        return [
            (department, clause)
            for department in self.department_ids
            for clause in self.clause_ids
            if not coverage.get((department.id, clause.id))
        ]

    @api.depends(
        "department_ids",
        "clause_ids",
        "audit_ids.department_ids",
        "audit_ids.clause_ids",
        "audit_ids.state",
    )
    def _compute_coverage(self):
        for program in self:
            program.audit_count = len(program.audit_ids)
            coverage = program._qms_coverage() if program.id else {}
            uncovered = 0
            header = Markup("").join(
                Markup('<th class="text-center" title="%s">%s</th>')
                % (clause.display_name, clause.code)
                for clause in program.clause_ids
            )
            rows = []
            for department in program.department_ids:
                cells = []
                for clause in program.clause_ids:
                    audits = coverage.get((department.id, clause._origin.id or clause.id))
                    if audits:
                        cells.append(
                            Markup('<td class="text-center table-success qms_covered">%s</td>')
                            % ", ".join(audits.mapped("name"))
                        )
                    else:
                        uncovered += 1
                        cells.append(
                            Markup(
                                '<td class="text-center table-danger text-danger fw-bold '
                                'qms_uncovered">&#x2717;</td>'
                            )
                        )
                rows.append(
                    Markup("<tr><th>%s</th>%s</tr>") % (department.name, Markup("").join(cells))
                )
            program.uncovered_count = uncovered
            if not program.department_ids or not program.clause_ids:
                program.coverage_html = Markup("<p class='text-muted'>%s</p>") % self.env._(
                    "Choose the units and clauses in scope to see the coverage matrix."
                )
                continue
            program.coverage_html = Markup(
                '<table class="table table-sm table-bordered o_qms_coverage">'
                "<thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody></table>"
            ) % (escape(self.env._("Unit / Clause")), header, Markup("").join(rows))

    # ------------------------------------------------------------------ workflow
    @transition(("draft",), groups=(MANAGER,), label=_lt("Approve"))
    def action_approve(self):
        for program in self:
            if not program.department_ids or not program.clause_ids:
                raise UserError(
                    self.env._("Choose the units and clauses in scope before approving.")
                )
        self._qms_set(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    @transition(("approved",), groups=(MANAGER,), label=_lt("Mark as Done"))
    def action_done(self):
        self._qms_set({"state": "done", "date_done": fields.Date.context_today(self)})
        return True

    @transition(("done",), groups=(MANAGER,), label=_lt("Reopen"))
    def action_reopen(self, reason):
        self._qms_log_reason(self.env._("Reopen"), reason)
        self._qms_set({"state": "approved", "date_done": False})
        return True

    @transition(("draft", "approved"), groups=(MANAGER,), label=_lt("Cancel"))
    def action_cancel(self, reason):
        self._qms_log_reason(self.env._("Cancel"), reason)
        self._qms_set({"state": "cancelled"})
        return True

    @transition(("cancelled",), groups=(MANAGER,), label=_lt("Reset to Draft"))
    def action_reset_draft(self):
        """Planned again: the programme needs a new approval."""
        self._qms_set({"state": "draft"})
        return True

    def action_open_cancel_wizard(self):
        return self._qms_reason_wizard_action("action_cancel", self.env._("Cancel Programme"))

    def action_open_reopen_wizard(self):
        return self._qms_reason_wizard_action("action_reopen", self.env._("Reopen Programme"))

    @api.ondelete(at_uninstall=False)
    def _unlink_never_approved(self):
        if self.filtered("date_approved"):
            raise UserError(
                self.env._("A programme that has been approved is a QMS record: it is kept.")
            )

    def action_view_audits(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001_audit.action_qms_audit")
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action

    @api.constrains("clause_ids")
    def _check_clause_edition(self):
        for record in self:
            record.clause_ids._qms_check_single_edition(record)
