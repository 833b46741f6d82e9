from odoo import fields, models


class QmsManagementReviewInput(models.Model):
    """One input of ISO 9001 clause 9.3.2, gathered from the system as a snapshot.

    The snapshot is what the meeting saw: the secretary may complete or correct it while the
    review is a draft, and it does not move when the underlying records change later. Once the
    minutes are submitted it is frozen with them, and kept.
    """

    _name = "qms.management.review.input"
    _description = "Management Review Input"
    _inherit = ["qms.management.review.entry"]
    _order = "review_id, sequence, id"

    _qms_state_field = "review_state"
    # the section code says the section was gathered from the system: set by "Gather Inputs"
    _qms_workflow_fields = ("code",)
    _qms_editable_fields = {"to_approve": (), "approved": ()}
    _qms_deletable_states = ("draft",)
    _qms_field_groups = {}

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

    def _qms_moved_message(self):
        return self.env._("An input stays in the minutes it was written for.")
