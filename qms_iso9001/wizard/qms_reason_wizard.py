from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class QmsReasonWizard(models.TransientModel):
    """Asks the reason of a transition that needs one (reopen, cancel, ...) and runs it.

    Only a transition the model declares can be run this way; the transition itself checks the
    user's rights, so the wizard grants nothing."""

    _name = "qms.reason.wizard"
    _description = "Reason for a Transition"

    res_model = fields.Char(required=True)
    res_ids = fields.Json(required=True)
    method = fields.Char(required=True)
    action_label = fields.Char(readonly=True)
    reason = fields.Text(required=True)

    @api.constrains("res_model", "method")
    def _check_method(self):
        for wizard in self:
            model = self.env.get(wizard.res_model)
            transitions = (
                model._qms_transitions()
                if model is not None and "_qms_transitions" in dir(model)
                else {}
            )
            if wizard.method not in transitions:
                raise ValidationError(
                    self.env._(
                        "%(method)s is not an action that takes a reason.", method=wizard.method
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        ids = self.res_ids if isinstance(self.res_ids, list) else []
        if not ids or not all(isinstance(record_id, int) for record_id in ids):
            raise UserError(self.env._("Choose the records first."))
        records = self.env[self.res_model].browse(ids)
        getattr(records, self.method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
