from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsApprovalDecision(models.Model):
    """Who decided which step, when, with what comment, and for whom when delegated.

    The trail is append-only: a decision is never rewritten nor deleted, by anyone; a correction
    is a new decision."""

    _name = "qms.approval.decision"
    _description = "Approval Decision"
    _order = "date, id"

    request_id = fields.Many2one(
        "qms.approval.request", required=True, ondelete="cascade", index=True, readonly=True
    )
    step_id = fields.Many2one(
        "qms.approval.request.step", ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one("res.users", string="Decided By", required=True, readonly=True)
    on_behalf_of_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The absent approver the decision was taken for, by delegation.",
    )
    decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected"), ("recalled", "Recalled")],
        required=True,
        readonly=True,
    )
    comment = fields.Text(readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
        if vals:
            raise UserError(
                self.env._("An approval decision is never changed; a correction is a new decision.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Approval decisions are kept for ever."))
