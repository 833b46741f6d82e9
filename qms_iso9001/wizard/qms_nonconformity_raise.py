from odoo import api, fields, models

from ..nc_tools import ensure_one, readable_name


class QmsNonconformityRaise(models.TransientModel):
    """Raises a nonconformity from the record it concerns (document, revision, dossier...).

    One wizard for every model: the record comes from `active_model`/`active_id`, so binding it
    to a new model's action menu is all another addon has to do.
    """

    _name = "qms.nonconformity.raise"
    _description = "Raise Nonconformity"

    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Many2oneReference(string="Source Record ID", model_field="res_model")
    source_record_name = fields.Char(string="Source Record", compute="_compute_source_record_name")
    source = fields.Selection(selection="_selection_source", required=True, default="other")
    title = fields.Char(string="Subject", required=True)
    description = fields.Html(required=True)
    department_id = fields.Many2one("hr.department", string="Unit", required=True)
    severity = fields.Selection(
        [("major", "Major"), ("minor", "Minor"), ("observation", "Observation")],
        required=True,
        default="minor",
    )
    clause = fields.Char(string="ISO Clause")
    document_id = fields.Many2one("qms.document", string="Document Concerned")
    responsible_id = fields.Many2one(
        "res.users", string="Handled By", domain="[('share', '=', False)]"
    )
    date_deadline = fields.Date(string="Deadline")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        res_id = self.env.context.get("active_id")
        if not model or not res_id or model == self._name:
            return values
        record = self.env["qms.nonconformity"]._qms_check_source(model, res_id)
        values.update({"res_model": model, "res_id": record.id})
        if "default_source" not in self.env.context:
            values["source"] = self._qms_source_by_model().get(model, values.get("source", "other"))
        for key, value in self._qms_defaults_from(record).items():
            if f"default_{key}" not in self.env.context and value:
                values[key] = value
        return values

    @api.model
    def _selection_source(self):
        """The nonconformity's own sources, with those the installed addons add to it."""
        return self.env["qms.nonconformity"]._fields["source"]._description_selection(self.env)

    @api.model
    def _qms_source_by_model(self):
        """Where a nonconformity raised from a record of each model comes from, when the caller
        does not say. Extension hook: each addon adds its own models (the audit addon its audits
        and findings, the TTHC addon its dossiers) to the result of `super()`."""
        return {"qms.management.review": "management_review"}

    @api.depends("res_model", "res_id")
    def _compute_source_record_name(self):
        NC = self.env["qms.nonconformity"]
        for wizard in self:
            record = False
            if NC._qms_is_source_model(wizard.res_model) and wizard.res_id:
                record = self.env[wizard.res_model].sudo().browse(wizard.res_id).exists()
            wizard.source_record_name = readable_name(self.env, record) if record else False

    @api.model
    def _qms_defaults_from(self, record):
        """Unit and document of the source record, when it has them."""
        values = {}
        if record._name == "qms.document":
            values["document_id"] = record.id
        elif "document_id" in record._fields and record.document_id._name == "qms.document":
            values["document_id"] = record.document_id.id
        if record._name == "hr.department":
            values["department_id"] = record.id
        elif "department_id" in record._fields and record.department_id._name == "hr.department":
            values["department_id"] = record.department_id.id
        values["title"] = record.display_name
        return values

    def action_raise(self):
        ensure_one(self)
        NC = self.env["qms.nonconformity"]
        values = self._qms_nonconformity_values()
        if self.res_model or self.res_id:
            nonconformity = NC._qms_raise_from(self.res_model, self.res_id, values)
        else:
            nonconformity = NC.create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "qms.nonconformity",
            "res_id": nonconformity.id,
            "view_mode": "form",
            "target": "current",
        }

    def _qms_nonconformity_values(self):
        self.ensure_one()
        return {
            "title": self.title,
            "source": self.source,
            "description": self.description,
            "department_id": self.department_id.id,
            "severity": self.severity,
            "clause": self.clause,
            "document_id": self.document_id.id,
            "responsible_id": self.responsible_id.id,
            "date_deadline": self.date_deadline,
        }
