from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsTthcField(models.Model):
    """A field (lĩnh vực) of the national TTHC database, e.g. Hộ tịch, Chứng thực.

    Procedures are grouped by field in the lists the agency publishes.
    """

    _name = "qms.tthc.field"
    _inherit = ["qms.input.mixin"]
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

    def write(self, vals):
        """The record rules are checked on the fields as they were: a field sent over RPC to
        another agency is checked again once moved, and its procedures stay with it."""
        result = super().write(vals)
        if "company_id" in vals:
            self.check_access("write")
            for field in self.with_context(active_test=False):
                if field.procedure_ids.company_id - field.company_id:
                    raise UserError(
                        self.env._(
                            "%(field)s has procedures of its agency: it stays with them.",
                            field=field.display_name,
                        )
                    )
        return result

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

    def action_view_procedures(self):
        """The smart button of one field; over RPC it may come with several or none, which gets
        a plain message rather than the ORM's "Expected singleton"."""
        if len(self) != 1:
            raise UserError(self.env._("Open the procedures of one field at a time."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_procedure"
        )
        action["domain"] = [("field_id", "=", self.id)]
        action["context"] = {"default_field_id": self.id}
        return action
