from odoo import fields, models

from ..nc_tools import ensure_one


class QmsNonconformityVerdict(models.TransientModel):
    """The verifier's verdict on the effectiveness of the actions of a nonconformity.

    A wizard rather than fields of the form: the verifier is often a leader who only reads the
    unit's nonconformities, and the verdict is theirs, not typed in by the unit that did the
    work. `action_record_verdict` does the checks, as the user."""

    _name = "qms.nonconformity.verdict"
    _description = "Nonconformity Effectiveness Verdict"

    nonconformity_id = fields.Many2one("qms.nonconformity", required=True, ondelete="cascade")
    verified_by_id = fields.Many2one(related="nonconformity_id.verified_by_id", string="Verifier")
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")], required=True
    )
    comment = fields.Text(
        string="Verification Comment",
        help="What was checked; required when the actions were not effective.",
    )

    def action_confirm(self):
        ensure_one(self)
        self.nonconformity_id.action_record_verdict(self.effectiveness, self.comment)
        return {"type": "ir.actions.act_window_close"}
