from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEDIA = [("paper", "Paper"), ("electronic", "Electronic"), ("both", "Paper and Electronic")]


class QmsRecordType(models.Model):
    """A line of the records list (danh mục hồ sơ, ISO 9001 clause 7.5.3)."""

    _name = "qms.record.type"
    _description = "Record Type"
    _check_company_auto = True
    _order = "department_id, sequence, name, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Record Name", required=True)
    document_id = fields.Many2one(
        "qms.document",
        string="Related Procedure",
        index=True,
        check_company=True,
        help="The procedure or form that produces this record.",
    )
    department_id = fields.Many2one(
        "hr.department", string="Owner Unit", required=True, index=True, check_company=True
    )
    location = fields.Char(string="Where Kept", help="e.g. Tủ hồ sơ phòng Văn thư, phần mềm QLVB.")
    medium = fields.Selection(MEDIA, string="Storage Medium", required=True, default="paper")
    retention_permanent = fields.Boolean(string="Kept Permanently", default=False)
    retention_years = fields.Integer(string="Retention (years)")
    retention_display = fields.Char(string="Retention Period", compute="_compute_retention_display")
    disposal_method = fields.Char(help="e.g. Hủy theo quy định của Luật Lưu trữ.")
    note = fields.Text(string="Notes")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("retention_permanent", "retention_years")
    @api.depends_context("lang")
    def _compute_retention_display(self):
        for record_type in self:
            if record_type.retention_permanent:
                record_type.retention_display = self.env._("Permanent")
            elif record_type.retention_years:
                record_type.retention_display = self.env._(
                    "%(years)s years", years=record_type.retention_years
                )
            else:
                record_type.retention_display = ""

    @api.constrains("retention_permanent", "retention_years")
    def _check_retention(self):
        for record_type in self:
            if record_type.retention_years < 0:
                raise ValidationError(self.env._("The retention period cannot be negative."))
            if not record_type.retention_permanent and not record_type.retention_years:
                raise ValidationError(
                    self.env._(
                        "Give the retention period of %(name)s in years, or mark it as kept "
                        "permanently.",
                        name=record_type.name,
                    )
                )

    def action_export_xlsx(self):
        """Export the selected lines of the records list to Excel."""
        wizard = self.env["qms.master.list.wizard"].create(
            {"list_kind": "records", "record_type_ids": [fields.Command.set(self.ids)]}
        )
        return wizard.action_export_xlsx()
