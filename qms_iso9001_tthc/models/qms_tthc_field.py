from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QmsTthcField(models.Model):
    """A field (lĩnh vực) of the national TTHC database, e.g. Hộ tịch, Chứng thực.

    Procedures are grouped by field in the lists the agency publishes.
    """

    _name = "qms.tthc.field"
    _description = "TTHC Field"
    _order = "sequence, name, id"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True)
    code = fields.Char(help="Code of the field in the national TTHC database.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    procedure_ids = fields.One2many("qms.tthc.procedure", "field_id", string="Procedures")
    procedure_count = fields.Integer(compute="_compute_procedure_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "Another field of this agency already has this code.",
    )

    @api.depends("procedure_ids")
    def _compute_procedure_count(self):
        counts = dict(
            self.env["qms.tthc.procedure"]._read_group(
                [("field_id", "in", self.ids)], ["field_id"], ["__count"]
            )
        )
        for field in self:
            field.procedure_count = counts.get(field, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for field in self:
            field.display_name = f"[{field.code}] {field.name}" if field.code else field.name

    def _raise_if_code_taken(self, code, company_id):
        """Checked before writing, so the user reads this rather than the index's violation."""
        if not code:
            return
        domain = [("code", "=", code), ("company_id", "=", company_id), ("id", "not in", self.ids)]
        if self.with_context(active_test=False).sudo().search_count(domain, limit=1):
            raise ValidationError(
                self.env._("The field code %(code)s is already used in this agency.", code=code)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._raise_if_code_taken(vals.get("code"), vals.get("company_id", self.env.company.id))
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals or "company_id" in vals:
            for field in self:
                field._raise_if_code_taken(
                    vals.get("code", field.code), vals.get("company_id", field.company_id.id)
                )
        return super().write(vals)

    def action_view_procedures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_procedure"
        )
        action["domain"] = [("field_id", "=", self.id)]
        action["context"] = {"default_field_id": self.id}
        return action
