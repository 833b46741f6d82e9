from odoo import fields, models
from odoo.exceptions import UserError

from .qms_emulation_score_line_mixin import LINE_WORKFLOW_FIELDS


class QmsEmulationIndividualScoreLine(models.Model):
    """One criterion of a civil servant's score, with its evidence: the counts and the very
    records counted (and those achieved), frozen when the score was computed, so that the
    person can open them and check each figure, and the council can after confirmation.

    Lines are written by the computation of their score only, and kept with a confirmed score.
    """

    _name = "qms.emulation.individual.score.line"
    _description = "Individual Emulation Score Line"
    _inherit = ["qms.emulation.score.line.mixin"]

    _qms_workflow_fields = (
        *LINE_WORKFLOW_FIELDS,
        "evidence_model",
        "evidence_ids",
        "evidence_achieved_ids",
        "employee_id",
    )

    score_id = fields.Many2one(
        "qms.emulation.individual.score", required=True, ondelete="cascade", index=True
    )
    score_state = fields.Selection(related="score_id.state", string="Score Status")
    year = fields.Integer(related="score_id.year", store=True, aggregator=False)
    employee_id = fields.Many2one(
        related="score_id.employee_id", store=True, index=True, string="Civil Servant"
    )
    department_id = fields.Many2one(
        related="score_id.department_id", store=True, index=True, string="Unit"
    )
    company_id = fields.Many2one(related="score_id.company_id", store=True, index=True)
    source_missing = fields.Boolean(
        help="The addon that provides this metric is not installed, or the metric is not "
        "measured for civil servants.",
    )
    evidence_model = fields.Char(
        help="Technical name of the records counted (read requests, plan tasks...)."
    )
    evidence_ids = fields.Json(
        string="Counted Records", help="Ids of the records counted, when the score was computed."
    )
    evidence_achieved_ids = fields.Json(
        string="Achieved Records",
        help="Ids of the counted records that were achieved, when the score was computed.",
    )

    # ------------------------------------------------------------------
    # Evidence
    # ------------------------------------------------------------------
    def _qms_evidence_action(self, ids, title):
        self._qms_ensure_one()
        model = self.evidence_model
        if not model or model not in self.env:
            raise UserError(
                self.env._(
                    "%(criterion)s has no records to show: its source module is not installed.",
                    criterion=self.criterion_id.display_name,
                )
            )
        ids = [record_id for record_id in (ids or []) if isinstance(record_id, int)]
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", ids)],
            "context": {"active_test": False, "create": False},
            "target": "current",
        }

    def action_open_evidence(self):
        """The records counted for this criterion, exactly those of the computation (opened
        with the caller's own rights on them)."""
        self._qms_ensure_one()
        return self._qms_evidence_action(
            self.evidence_ids,
            self.env._(
                "%(criterion)s: records counted for %(person)s",
                criterion=self.criterion_id.name,
                person=self.employee_id.name,
            ),
        )

    def action_open_evidence_achieved(self):
        """The counted records that were achieved (read on time, done on time...)."""
        self._qms_ensure_one()
        return self._qms_evidence_action(
            self.evidence_achieved_ids,
            self.env._(
                "%(criterion)s: records achieved by %(person)s",
                criterion=self.criterion_id.name,
                person=self.employee_id.name,
            ),
        )
