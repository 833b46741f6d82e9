import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CLAUSE_CODE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,4}$")


class QmsAnnouncementExclusion(models.Model):
    """A requirement of the standard the agency does not apply (clause 4.3), with why.

    ISO 9001 lets an organisation declare requirements not applicable only when this does not
    affect the conformity of its services; TCVN ISO 9001:2015 asks the justification to be kept
    with the scope, so the decision's annex prints each one. The clause is stored as its number
    and title (not a link to the audit addon's catalogue): the core does not depend on it, and a
    signed decision keeps the words it was signed with.
    """

    _name = "qms.announcement.exclusion"
    _description = "Requirement Not Applied (Clause 4.3)"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "announcement_id, sequence, id"

    # Written with the draft decision; frozen with it once announced.
    _qms_state_field = "announcement_state"
    _qms_editable_fields = {"announced": (), "superseded": ()}
    _qms_deletable_states = ("draft",)
    _qms_field_groups = {}

    announcement_id = fields.Many2one(
        "qms.announcement", required=True, ondelete="cascade", index=True
    )
    announcement_state = fields.Selection(related="announcement_id.state")
    sequence = fields.Integer(default=10)
    clause_code = fields.Char(
        string="Clause", required=True, help="Number of the requirement, e.g. 8.3 or 7.1.5."
    )
    clause_title = fields.Char(
        string="Requirement", help="Title of the clause, e.g. Thiết kế và phát triển."
    )
    justification = fields.Text(
        required=True,
        help="Why it does not apply and why this does not affect the conformity of the services.",
    )
    company_id = fields.Many2one(related="announcement_id.company_id", store=True, index=True)

    @api.constrains("clause_code", "justification")
    def _check_clause(self):
        for exclusion in self:
            if not CLAUSE_CODE.match((exclusion.clause_code or "").strip()):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a clause number of the standard (e.g. 8.3 or 7.1.5).",
                        code=exclusion.clause_code,
                    )
                )
            if exclusion.clause_code.strip().split(".")[0] in ("1", "2", "3"):
                raise ValidationError(
                    self.env._(
                        "Only requirements of clauses 4 to 10 can be declared not applicable "
                        "(%(code)s is not one).",
                        code=exclusion.clause_code,
                    )
                )
            if not (exclusion.justification or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why requirement %(code)s does not apply.", code=exclusion.clause_code
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            parent_ids = [vals.get("announcement_id") for vals in vals_list]
            if all(type(parent_id) is int and parent_id > 0 for parent_id in parent_ids):
                self._qms_check_draft_parents(self.env["qms.announcement"].browse(parent_ids))
        return super().create(vals_list)

    def _qms_check_draft_parents(self, announcements):
        """A requirement is added to a decision being drafted, never to a signed one."""
        for announcement in announcements.sudo().exists():
            if announcement.state != "draft":
                raise UserError(
                    self.env._(
                        "%(decision)s is announced: its exclusions can no longer change.",
                        decision=announcement.display_name,
                    )
                )

    def write(self, vals):
        if (
            "announcement_id" in vals
            and not self.env.su
            and any(exclusion.announcement_id.id != vals["announcement_id"] for exclusion in self)
        ):
            raise UserError(self.env._("An exclusion stays with the decision it was written for."))
        return super().write(vals)
