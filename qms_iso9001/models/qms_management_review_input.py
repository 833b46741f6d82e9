from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsManagementReviewInput(models.Model):
    """One input of ISO 9001 clause 9.3.2, gathered from the system as a snapshot.

    The snapshot is what the meeting saw: the secretary may complete or correct it while the
    review is a draft, and it does not move when the underlying records change later.
    """

    _name = "qms.management.review.input"
    _description = "Management Review Input"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "qms.management.review", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Char(
        string="Section Code", readonly=True, help="Technical code of the gathered section."
    )
    name = fields.Char(string="Section", required=True)
    content = fields.Html(sanitize_style=True)
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        reviews = self.env["qms.management.review"].browse(
            [vals["review_id"] for vals in vals_list if vals.get("review_id")]
        )
        reviews._qms_check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.review_id._qms_check_editable()
        if "review_id" in vals:
            self.env["qms.management.review"].browse(vals["review_id"])._qms_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(line.review_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The inputs of a submitted or approved review cannot be deleted.")
            )
