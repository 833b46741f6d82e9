import inspect

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INT_MAX = 2**31 - 1


def takes_one_reason(method):
    """Whether the transition takes the reason as its first argument and needs no other one.

    The reason may be optional in the signature (the transition then refuses an empty one
    itself, so that a button calling it bare gets a user error rather than a TypeError)."""
    parameters = [
        p
        for p in list(inspect.signature(inspect.unwrap(method)).parameters.values())[1:]
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if not parameters or parameters[0].kind == parameters[0].KEYWORD_ONLY:
        return False
    first, others = parameters[0], parameters[1:]
    return first.name == "reason" and all(p.default is not p.empty for p in others)


class QmsReasonWizard(models.TransientModel):
    """Asks the reason of a transition that needs one (reopen, cancel, ...) and runs it.

    Only a transition the model declares can be run this way; the transition itself checks the
    user's rights, so the wizard grants nothing."""

    _name = "qms.reason.wizard"
    _description = "Reason for a Transition"
    _inherit = ["qms.input.mixin"]

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
            if wizard.method not in transitions or not takes_one_reason(
                getattr(type(model), wizard.method)
            ):
                raise ValidationError(
                    self.env._(
                        "%(method)s is not an action that takes a reason.", method=wizard.method
                    )
                )

    def action_confirm(self):
        if len(self) != 1:
            raise UserError(self.env._("Confirm one reason at a time."))
        ids = self.res_ids if isinstance(self.res_ids, list) else []
        if not ids or not all(
            type(record_id) is int and 0 < record_id <= INT_MAX for record_id in ids
        ):
            raise UserError(self.env._("Choose the records first."))
        records = self.env[self.res_model].browse(ids)
        getattr(records, self.method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
