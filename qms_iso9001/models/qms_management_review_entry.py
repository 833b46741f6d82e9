from odoo import api, models
from odoo.exceptions import UserError


class QmsManagementReviewEntry(models.AbstractModel):
    """An entry of the minutes of a management review: an input or a decision.

    Entries are added by hand only to draft minutes the user may edit, and never move to other
    minutes: what a meeting saw and decided stays in its own record.
    """

    _name = "qms.management.review.entry"
    _description = "Management Review Entry"
    _inherit = ["qms.lifecycle.mixin"]

    def _qms_moved_message(self):
        """The refusal shown when an entry would move to other minutes."""
        raise NotImplementedError

    @api.model
    def _qms_check_create_vals(self, vals):
        result = super()._qms_check_create_vals(vals)
        self.env["qms.management.review"]._qms_check_part_addable(vals.get("review_id"))
        return result

    def _qms_check_write_vals(self, vals):
        if "review_id" in vals and any(entry.review_id.id != vals["review_id"] for entry in self):
            raise UserError(self._qms_moved_message())
        return super()._qms_check_write_vals(vals)
