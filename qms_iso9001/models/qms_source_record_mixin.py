from odoo import api, fields, models

from ..nc_tools import readable_name


class QmsSourceRecordMixin(models.AbstractModel):
    """A record raised from another one (a nonconformity from an audit finding, a complaint
    from a dossier...): the link to that source, kept as model and id since the source may be
    of any model, and its name, shown only to those who may read it.

    The source is set by the system when the record is raised, never typed.
    """

    _name = "qms.source.record.mixin"
    _description = "Raised from a Source Record"

    res_model = fields.Char(string="Source Model", index=True, readonly=True, copy=False)
    res_id = fields.Many2oneReference(
        string="Source Record ID", model_field="res_model", readonly=True, copy=False
    )
    source_record_name = fields.Char(
        string="Source Record",
        compute="_compute_source_record_name",
        help="The record this one was raised from, shown only to those who may read it.",
    )

    @api.depends_context("uid")
    @api.depends("res_model", "res_id")
    def _compute_source_record_name(self):
        for record in self:
            record.source_record_name = readable_name(self.env, record._qms_source_record())

    def _qms_source_record(self):
        """The source record, if it still exists, as superuser: callers show it only through
        `readable_name` or after checking the user may read it."""
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return self.browse()
        return self.env[self.res_model].sudo().browse(self.res_id).exists()
