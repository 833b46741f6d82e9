from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsDocumentChange(models.Model):
    """One row of the amendment tracking table (theo dõi sửa đổi) of a revision.

    The table is part of the revision's content: it is written while the revision is a draft
    and frozen with it afterwards, for the standing office too."""

    _name = "qms.document.change"
    _description = "Revision Change Line"
    _order = "revision_id, sequence, id"
    _check_company_auto = True

    revision_id = fields.Many2one(
        "qms.document.revision", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    section = fields.Char(required=True, help="Section or page changed, e.g. 5.2.")
    description = fields.Text(string="Change", required=True)
    company_id = fields.Many2one(related="revision_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        changes._qms_check_revision_draft()
        return changes

    def write(self, vals):
        self.check_access("write")
        self._qms_check_revision_draft()
        result = super().write(vals)
        if "revision_id" in vals:
            self._qms_check_revision_draft()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        self._qms_check_revision_draft()

    def _qms_check_revision_draft(self):
        if self.env.su:
            return
        for change in self:
            if change.revision_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(revision)s is no longer a draft: its amendment table is frozen.",
                        revision=change.revision_id.display_name,
                    )
                )
