from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError


class QmsDocumentReviewWizard(models.TransientModel):
    """The owner's answer to a periodic review (rà soát định kỳ)."""

    _name = "qms.document.review.wizard"
    _description = "Periodic Document Review"

    document_id = fields.Many2one("qms.document", required=True)
    next_review_date = fields.Date(related="document_id.next_review_date")
    decision = fields.Selection(
        [
            ("no_change", "Still adequate: no change needed"),
            ("revise", "Revise: start a new revision"),
            ("obsolete", "Obsolete: request its withdrawal"),
        ],
        string="Outcome",
        required=True,
        default="no_change",
    )
    note = fields.Text(string="Review Notes")

    def _check_reviewer(self):
        document = self.document_id
        user = self.env.user
        if user.has_group("qms_iso9001.group_qms_manager") or user == document._qms_reviewer():
            return
        if document.has_access("write"):
            return
        raise AccessError(
            self.env._(
                "Only the owner of %(code)s, its unit's manager or the ISO standing office can "
                "review it.",
                code=document.code,
            )
        )

    def action_confirm(self):
        self.ensure_one()
        self._check_reviewer()
        document = self.document_id
        label = dict(self._fields["decision"]._description_selection(self.env))[self.decision]
        body = self.env._("Periodic review: %(outcome)s", outcome=label)
        if self.note:
            body = Markup("%s<br/>%s") % (body, self.note)
        document.sudo().activity_feedback(
            ["qms_iso9001.mail_activity_type_qms_review"], feedback=self.note or label
        )
        if self.decision == "no_change":
            document._qms_set({"last_review_date": fields.Date.context_today(self)})
            document.sudo().message_post(body=body)
            return {"type": "ir.actions.act_window_close"}
        document.sudo().message_post(body=body)
        if self.decision == "revise":
            return document.action_new_revision()
        return document.action_request_obsolete()
