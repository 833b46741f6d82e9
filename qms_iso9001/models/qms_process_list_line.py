from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..lifecycle import MANAGER, UNIT_OFFICER, transition

_lt = LazyTranslate(__name__)

DOCUMENT_TYPES = {
    "system": "qms_iso9001.document_type_system_procedure",
    "business": "qms_iso9001.document_type_business_procedure",
    "tthc": "qms_iso9001.document_type_tthc_procedure",
}


class QmsProcessListLine(models.Model):
    """A process proposed for the system, with why it is needed, followed to its document.

    Drafting starts from the line once the list is approved: the document it creates is the one
    whose issue the list counts, so the list shows at any time what is planned, being drafted
    and issued.
    """

    _name = "qms.process.list.line"
    _description = "Proposed Process"
    _inherit = ["qms.lifecycle.mixin"]
    _order = "list_id, sequence, id"
    _check_company_auto = True

    _qms_state_field = "list_state"
    _qms_workflow_fields = ("document_id",)
    _qms_editable_fields = {"to_approve": (), "approved": ()}

    list_id = fields.Many2one(
        "qms.process.list", required=True, ondelete="cascade", index=True, check_company=True
    )
    list_state = fields.Selection(related="list_id.state", string="List Status")
    company_id = fields.Many2one(related="list_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Process", required=True)
    kind = fields.Selection(
        [
            ("system", "System Procedure"),
            ("business", "Internal Business Process"),
            ("tthc", "Administrative Procedure (TTHC)"),
        ],
        required=True,
        default="business",
    )
    department_id = fields.Many2one(
        "hr.department", string="Drafting Unit", required=True, check_company=True
    )
    justification = fields.Text(
        required=True, help="Why the agency needs this process: the law, the activity, a risk."
    )
    legal_basis = fields.Char(help="E.g. Nghị định 23/2015/NĐ-CP về chứng thực.")
    document_id = fields.Many2one("qms.document", copy=False, readonly=True, check_company=True)
    document_code = fields.Char(
        related="document_id.code", string="Document Code", help="Code of the issued document."
    )
    issue_number = fields.Integer(
        related="document_id.issue_number",
        string="Issue No.",
        help="Issue (lần ban hành) of the document in force.",
    )
    effective_date = fields.Date(
        related="document_id.effective_date",
        string="In Force Since",
        help="Effective date of the issue in force.",
    )
    status = fields.Selection(
        [("planned", "Not Started"), ("drafting", "Being Drafted"), ("issued", "Issued")],
        compute="_compute_status",
        store=True,
    )

    @api.depends("document_id.current_revision_id")
    def _compute_status(self):
        for line in self:
            document = line.sudo().document_id
            if not document:
                line.status = "planned"
            else:
                line.status = "issued" if document.current_revision_id else "drafting"

    def _qms_is_drafting_unit_officer(self, user):
        """The ISO officer of the drafting unit starts its processes."""
        units = user.employee_ids.department_id
        return user.has_group(UNIT_OFFICER) and bool(
            self.department_id & self.env["hr.department"].search([("id", "child_of", units.ids)])
        )

    @transition(
        ("approved",),
        groups=(MANAGER,),
        role="_qms_is_drafting_unit_officer",
        access="read",
        label=_lt("Start Drafting"),
    )
    def action_start_drafting(self):
        """Create the process's document in its unit, with the user's own rights."""
        self.ensure_one()
        if not self.document_id:
            document = self.env["qms.document"].create(
                {
                    "name": self.name,
                    "type_id": self.env.ref(DOCUMENT_TYPES[self.kind]).id,
                    "department_id": self.department_id.id,
                    "company_id": self.company_id.id,
                }
            )
            self._qms_set({"document_id": document.id})
        return self.document_id._get_records_action()

    def action_open_document(self):
        """The document the process became (the button of the list's line)."""
        self._qms_ensure_one()
        if not self.document_id:
            return False
        return self.document_id._get_records_action()
