from odoo import api, fields, models
from odoo.exceptions import UserError

REPORT_SECTIONS = [
    ("building", "I. Building and Applying the QMS"),
    ("maintaining", "II. Maintaining and Improving the QMS"),
]


class QmsReportLine(models.Model):
    """One figure of a periodic report, regenerated from the system by "Compute Figures".

    The value comes from the data; only the note is the drafter's, and only while the report is a
    draft, so that what the agency reports can always be traced back to its records. A figure is
    written, replaced and removed by the report's "Compute Figures" alone.
    """

    _name = "qms.report.line"
    _description = "Periodic Report Figure"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "report_id, section, sequence, id"

    _qms_state_field = "report_state"
    _qms_workflow_fields = (
        "report_id",
        "sequence",
        "section",
        "code",
        "label",
        "value_type",
        "value_integer",
        "value_float",
        "is_available",
        "in_words",
    )
    _qms_editable_fields = {"to_approve": (), "approved": (), "sent": ()}
    _qms_deletable_states = ("draft",)
    _qms_field_groups = {}

    report_id = fields.Many2one("qms.report", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    section = fields.Selection(REPORT_SECTIONS, required=True, default="building")
    code = fields.Char(
        required=True,
        readonly=True,
        help="Technical key of the figure, stable across recomputations (e.g. documents_revised).",
    )
    label = fields.Char(string="Figure", required=True, readonly=True)
    value_type = fields.Selection(
        [("count", "Count"), ("rate", "Rate (%)")],
        required=True,
        default="count",
        readonly=True,
    )
    value_integer = fields.Integer(string="Count", readonly=True)
    value_float = fields.Float(string="Rate (%)", digits=(5, 1), readonly=True)
    value_display = fields.Char(string="Value", compute="_compute_value_display")
    is_available = fields.Boolean(
        string="Source Available",
        default=True,
        readonly=True,
        help="Unset when the module that holds this data is not installed.",
    )
    in_words = fields.Boolean(
        string="Total in Words",
        readonly=True,
        help='The form wants this total also written out: "Tổng số ... (bằng chữ: ...)".',
    )
    note = fields.Text(help="Explanation added by the drafter; kept when figures are recomputed.")
    report_state = fields.Selection(related="report_id.state", string="Report Status")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)

    @api.depends("value_type", "value_integer", "value_float", "is_available")
    def _compute_value_display(self):
        for line in self:
            if not line.is_available:
                line.value_display = "-"
            elif line.value_type == "rate":
                line.value_display = f"{line.value_float:.1f}%"
            else:
                line.value_display = str(line.value_integer)

    def _qms_value(self):
        """The figure as a number, whatever its type."""
        self.ensure_one()
        return self.value_float if self.value_type == "rate" else self.value_integer

    def _qms_available_actions(self):
        return self.report_id._qms_available_actions()

    @api.ondelete(at_uninstall=False)
    def _qms_unlink_only_deletable(self):
        """Figures are removed only when "Compute Figures" replaces them (as the superuser, after
        its own checks) or with their draft report."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The figures of a report are replaced by Compute Figures while it is a draft; "
                    "they are never deleted by hand."
                )
            )
        return super()._qms_unlink_only_deletable()
