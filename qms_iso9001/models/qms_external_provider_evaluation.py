from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..lifecycle import LEADER, MANAGER, transition
from .qms_external_provider import RESULTS

_lt = LazyTranslate(__name__)

# Overall score (%) from which the evaluation suggests each result to the leader.
SUGGESTED_THRESHOLDS = (("approved", 80.0), ("conditional", 50.0))


class QmsExternalProviderEvaluation(models.Model):
    """An evaluation of an external provider (ISO 9001 clause 8.4.1): a score per criterion by
    the evaluator, then the leader's decision to keep the provider, keep it on conditions, or
    stop using it.

    The standing office drafts and submits the evaluation; a leader other than the evaluator
    decides it. A decided evaluation is the retained evidence of 8.4.1: it is never changed nor
    deleted, and the next one is a new record.
    """

    _name = "qms.external.provider.evaluation"
    _description = "External Provider Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "qms.lifecycle.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _qms_workflow_fields = ("result", "decided_by_id", "date_decided")
    _qms_editable_fields = {
        "to_decide": ("decision_note",),
        "decided": (),
        "cancelled": (),
    }
    _qms_deletable_states = ("draft",)

    provider_id = fields.Many2one(
        "qms.external.provider",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        check_company=True,
    )
    provider_kind = fields.Selection(related="provider_id.kind", string="Kind")
    date = fields.Date(
        string="Evaluation Date", required=True, default=fields.Date.context_today, tracking=True
    )
    evaluator_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    line_ids = fields.One2many(
        "qms.external.provider.evaluation.line", "evaluation_id", string="Criterion Scores"
    )
    score = fields.Float(
        string="Overall Score (%)",
        compute="_compute_score",
        store=True,
        digits=(5, 1),
        help="Weighted average of the scores, 5 of 5 on every criterion being 100%.",
    )
    suggested_result = fields.Selection(
        RESULTS,
        compute="_compute_suggested_result",
        help="From the overall score: approved from 80%, with conditions from 50%.",
    )
    comment = fields.Text(string="Strengths and Weaknesses")
    decision_note = fields.Text(
        string="Conditions or Reasons",
        help="The conditions of a conditional approval, or the reasons of a rejection.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_decide", "To Decide"),
            ("decided", "Decided"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    result = fields.Selection(
        RESULTS, string="Decision", readonly=True, copy=False, tracking=True, index=True
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    company_id = fields.Many2one(related="provider_id.company_id", store=True, index=True)

    @api.depends("provider_id.name", "date")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "%(provider)s - %(date)s",
                provider=evaluation.provider_id.name or "",
                date=evaluation.date or "",
            )

    @api.depends("line_ids.score", "line_ids.weight")
    def _compute_score(self):
        for evaluation in self:
            lines = evaluation.line_ids.filtered("score")
            total = sum(lines.mapped("weight")) * 5
            points = sum(line.weight * int(line.score) for line in lines)
            evaluation.score = round(100.0 * points / total, 1) if total else 0.0

    @api.depends("score", "line_ids.score")
    def _compute_suggested_result(self):
        for evaluation in self:
            if not evaluation.line_ids.filtered("score"):
                evaluation.suggested_result = False
                continue
            evaluation.suggested_result = next(
                (
                    result
                    for result, threshold in SUGGESTED_THRESHOLDS
                    if evaluation.score >= threshold
                ),
                "rejected",
            )

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """A new evaluation starts with the agency's criteria for the provider's kind."""
        vals = super()._qms_prepare_create_vals(vals)
        provider_id = vals.get("provider_id")
        if "line_ids" not in vals and isinstance(provider_id, int):
            provider = self.env["qms.external.provider"].sudo().browse(provider_id).exists()
            if provider:
                criteria = (
                    self.env["qms.external.provider.criterion"]
                    .sudo()
                    .search(
                        [
                            ("company_id", "=", provider.company_id.id),
                            "|",
                            ("provider_kind", "=", False),
                            ("provider_kind", "=", provider.kind),
                        ]
                    )
                )
                vals["line_ids"] = [
                    fields.Command.create(
                        {"criterion_id": criterion.id, "weight": criterion.weight}
                    )
                    for criterion in criteria
                ]
        return vals

    # ------------------------------------------------------------------ transitions
    @transition(("draft",), groups=(MANAGER,), label=_lt("Submit for Decision"))
    def action_submit(self):
        """Send the scores to the leaders; every criterion must be scored first."""
        for evaluation in self:
            if not evaluation.line_ids:
                raise UserError(
                    self.env._(
                        "Add the criteria of %(name)s before submitting it.",
                        name=evaluation.display_name,
                    )
                )
            missing = evaluation.line_ids.filtered(lambda line: not line.score)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every criterion of %(name)s before submitting it: %(criteria)s.",
                        name=evaluation.display_name,
                        criteria=", ".join(missing.mapped("criterion_id.name")),
                    )
                )
        self._qms_set({"state": "to_decide"})
        return True

    def _qms_decide(self, result):
        for evaluation in self:
            if evaluation.evaluator_id == self.env.user and not self.env.su:
                raise UserError(
                    self.env._(
                        "You evaluated %(name)s: another leader decides on it.",
                        name=evaluation.display_name,
                    )
                )
            if result != "approved" and not (evaluation.decision_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write the conditions or the reasons of the decision on %(name)s first.",
                        name=evaluation.display_name,
                    )
                )
        self._qms_set(
            {
                "state": "decided",
                "result": result,
                "decided_by_id": self.env.user.id,
                "date_decided": fields.Datetime.now(),
            }
        )
        # a new decision restarts the re-evaluation reminder of the provider
        self.provider_id.sudo().activity_unlink(
            ["qms_iso9001.mail_activity_type_qms_provider_evaluation"]
        )
        return True

    @transition(("to_decide",), groups=(LEADER,), label=_lt("Approve"))
    def action_decide_approved(self):
        return self._qms_decide("approved")

    @transition(("to_decide",), groups=(LEADER,), label=_lt("Approve with Conditions"))
    def action_decide_conditional(self):
        return self._qms_decide("conditional")

    @transition(("to_decide",), groups=(LEADER,), label=_lt("Reject"))
    def action_decide_rejected(self):
        return self._qms_decide("rejected")

    @transition(("to_decide",), groups=(MANAGER, LEADER), label=_lt("Back to Draft"))
    def action_back_to_draft(self):
        self._qms_set({"state": "draft"})
        return True

    @transition(("draft", "to_decide"), groups=(MANAGER,), label=_lt("Cancel"))
    def action_cancel(self):
        self._qms_set({"state": "cancelled"})
        return True
