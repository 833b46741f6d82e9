from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsApprovalWizard(models.TransientModel):
    """Approve with a comment, or reject with a mandatory reason."""

    _name = "qms.approval.wizard"
    _description = "Approval Decision Wizard"
    _inherit = ["qms.input.mixin"]

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    comment = fields.Text(string="Comment or Reason")

    @api.constrains("res_model")
    def _check_res_model(self):
        approvable = self.env["qms.approval.route"]._qms_approval_models()
        for wizard in self:
            if wizard.res_model not in approvable:
                raise ValidationError(
                    self.env._("%(model)s records have no approval chain.", model=wizard.res_model)
                )

    def action_confirm(self):
        if len(self) != 1:
            raise UserError(self.env._("Confirm one decision at a time."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record no longer exists."))
        if self.decision == "reject":
            record.action_reject_with_reason(self.comment)
        else:
            record.action_approve(self.comment)
        return {"type": "ir.actions.act_window_close"}
