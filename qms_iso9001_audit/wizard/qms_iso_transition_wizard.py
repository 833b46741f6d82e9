from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

EVIDENCE_STATES = ("reported", "closed")


class QmsIsoTransitionWizard(models.TransientModel):
    """Turns the move to a new edition of ISO 9001 into tasks of an ISO plan.

    A clause of the new edition is covered when an audit of the agency already checked it, or
    when it is unchanged and the audits checked the clause it comes from; every other clause
    (changed, split, new, never audited) gets one task, so the standing office plans the
    evidence the certification of the new edition will ask for. The tasks are created with the
    user's own rights: only who may add tasks to the plan can generate them.
    """

    _name = "qms.iso.transition.wizard"
    _description = "ISO 9001 Transition Gap Plan"

    standard_id = fields.Many2one(
        "qms.iso.standard",
        string="New Edition",
        required=True,
        domain=[("state", "=", "loaded"), ("previous_id", "!=", False)],
    )
    plan_id = fields.Many2one(
        "qms.plan",
        string="ISO Plan",
        required=True,
        domain="[('state', '=', 'draft'), ('company_id', '=', company_id)]",
        help="A draft plan of the agency: the tasks go through its approval.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department",
        string="Assigned Unit",
        domain="[('company_id', 'in', (company_id, False))]",
        help="Usually the unit of the standing office.",
    )
    date_deadline = fields.Date(string="Deadline")
    evidence_months = fields.Integer(
        string="Evidence Window (months)",
        default=36,
        help="Audits older than this no longer count as evidence (a certification cycle).",
    )
    gap_count = fields.Integer(string="Clauses Without Evidence", compute="_compute_gaps")
    gap_clause_ids = fields.Many2many("qms.iso.clause", compute="_compute_gaps")

    @api.depends("standard_id", "company_id", "evidence_months")
    def _compute_gaps(self):
        for wizard in self:
            gaps = wizard._gap_clauses() if wizard.standard_id else self.env["qms.iso.clause"]
            wizard.gap_clause_ids = gaps
            wizard.gap_count = len(gaps)

    def _audited_clauses(self):
        """Clauses (with their ancestors) checked in an audit of the agency in the window."""
        since = fields.Date.today() - relativedelta(months=self.evidence_months or 0)
        domain = Domain(
            [
                ("audit_id.company_id", "=", self.company_id.id),
                ("audit_id.state", "in", EVIDENCE_STATES),
                ("audit_id.date_end", ">=", since),
                ("result", "!=", False),
                ("clause_id", "!=", False),
            ]
        )
        lines = self.env["qms.audit.checklist.line"]._read_group(domain, ["clause_id"])
        ids = set()
        for (clause,) in lines:
            ids.update(int(part) for part in clause.parent_path.split("/") if part)
        return ids

    def _gap_clauses(self):
        audited = self._audited_clauses()
        clauses = self.standard_id.clause_ids.filtered(lambda clause: not clause.child_ids)
        return clauses.filtered(lambda clause: not self._is_covered(clause, audited))

    @staticmethod
    def _is_covered(clause, audited):
        if clause.id in audited:
            return True
        mappings = clause.mapping_ids
        return bool(mappings) and all(
            mapping.change == "same" and mapping.source_clause_id.id in audited
            for mapping in mappings
        )

    def action_generate(self):
        self.ensure_one()
        if self.plan_id.state != "draft":
            raise UserError(
                self.env._(
                    "Add transition tasks to a draft plan: %(plan)s is not one.",
                    plan=self.plan_id.display_name,
                )
            )
        planned = set(self.plan_id.task_ids.iso_clause_id.ids)
        tasks = self.env["qms.plan.task"].create(
            [self._task_vals(clause) for clause in self._gap_clauses() if clause.id not in planned]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("qms_iso9001.action_qms_plan_task")
        action["domain"] = [("id", "in", tasks.ids)]
        action["context"] = {}
        return action

    def _task_vals(self, clause):
        change = dict(clause.mapping_ids._fields["change"]._description_selection(self.env))
        kinds = ", ".join(change[mapping.change] for mapping in clause.mapping_ids) or ""
        description = "\n".join(
            part
            for part in (
                self.env._(
                    "Gather evidence of %(clause)s under %(edition)s.",
                    clause=clause.display_name,
                    edition=self.standard_id.name,
                ),
                kinds,
                clause.note or "",
            )
            if part
        )
        return {
            "plan_id": self.plan_id.id,
            "name": self.env._(
                "Transition to %(edition)s: %(clause)s",
                edition=self.standard_id.code,
                clause=clause.display_name,
            ),
            "description": description,
            "department_id": self.department_id.id,
            "date_deadline": self.date_deadline,
            "iso_clause_id": clause.id,
        }
