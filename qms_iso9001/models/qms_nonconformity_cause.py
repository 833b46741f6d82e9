from odoo import api, fields, models
from odoo.exceptions import UserError

# The 5 whys are written while the causes are analysed and the plan drawn up.
ANALYSIS_STATES = ("draft", "analysis", "action_plan")


class QmsNonconformityCause(models.Model):
    """One "why?" of the 5-whys analysis of a nonconformity, with the kind of cause it reveals.

    Part of the nonconformity's record: written while its causes are analysed and its plan
    drawn up, frozen while the plan waits for approval and once the plan is approved."""

    _name = "qms.nonconformity.cause"
    _description = "Nonconformity Cause (5 Whys)"
    _order = "nonconformity_id, sequence, id"

    nonconformity_id = fields.Many2one(
        "qms.nonconformity", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Char(string="Why?", required=True)
    answer = fields.Text(string="Because", required=True)
    category_id = fields.Many2one("qms.cause.category", ondelete="restrict")
    is_root_cause = fields.Boolean(string="Root Cause")
    company_id = fields.Many2one(related="nonconformity_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            ids = [vals.get("nonconformity_id") for vals in vals_list]
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                raise UserError(self.env._("Choose the nonconformity the cause belongs to."))
            self._qms_check_analysis_open(self.env["qms.nonconformity"].browse(ids))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            nonconformities = self.nonconformity_id
            if "nonconformity_id" in vals:
                new_id = vals["nonconformity_id"]
                if isinstance(new_id, bool) or not isinstance(new_id, int):
                    raise UserError(self.env._("Choose the nonconformity the cause belongs to."))
                nonconformities |= nonconformities.browse(new_id)
            self._qms_check_analysis_open(nonconformities)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_analysed(self):
        if not self.env.su:
            self._qms_check_analysis_open(self.nonconformity_id)

    @api.model
    def _qms_check_analysis_open(self, nonconformities):
        nonconformities.check_access("write")
        for nonconformity in nonconformities.sudo():
            if nonconformity.state not in ANALYSIS_STATES:
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: its cause analysis can no longer be changed.",
                        name=nonconformity.name,
                        state=nonconformity._qms_state_label(),
                    )
                )
            if nonconformity.approval_state == "pending":
                raise UserError(
                    self.env._(
                        "The action plan of %(name)s is waiting for approval: its cause analysis "
                        "changes once the plan is recalled or rejected.",
                        name=nonconformity.name,
                    )
                )
