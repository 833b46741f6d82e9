from odoo import fields, models
from odoo.exceptions import UserError


class QmsApprovalWizard(models.TransientModel):
    """Approve with a comment, or reject with a mandatory reason."""

    _name = "qms.approval.wizard"
    _description = "Approval Decision Wizard"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    comment = fields.Text(string="Comment or Reason")

    def action_confirm(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        if "approval_request_id" not in record._fields:
            raise UserError(self.env._("This record has no approval chain."))
        if self.decision == "reject":
            record._qms_reject(self.comment)
        else:
            record.action_approve(self.comment)
        return {"type": "ir.actions.act_window_close"}
