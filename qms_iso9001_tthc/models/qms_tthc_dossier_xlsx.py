from odoo import api, models

from odoo.addons.qms_iso9001.xlsx import column_sql, fetch_in_chunks, streamed_xlsx

# The columns of the dossier list, in its order, and their widths in the workbook.
EXPORT_COLUMNS = [
    ("name", 20),
    ("received_at", 17),
    ("applicant_id", 28),
    ("procedure_id", 45),
    ("field_id", 24),
    ("channel", 16),
    ("current_department_id", 24),
    ("current_user_id", 22),
    ("appointment_date", 17),
    ("new_appointment_date", 17),
    ("state", 16),
    ("timeliness", 12),
]
EXPORT_FILE_NAME = "ho_so_tthc.xlsx"


class QmsTthcDossierXlsx(models.AbstractModel):
    """The dossiers of a list as a workbook, for a province's 100,000 rows: written in
    constant memory and read a chunk at a time (issue 16). Odoo's generic export holds every
    record and every cell, 17.6 s and +334 MiB for 100,000 dossiers. Record rules decide
    which dossiers reach the file: it reads as the user."""

    _name = "qms.tthc.dossier.xlsx"
    _description = "TTHC Dossier Excel Export"

    @api.model
    def _qms_export_xlsx(self, domain):
        """The dossiers of `domain` the user may read, as the list shows them (times in the
        agency's time zone), in the list's order.

        The record rules filter the rows in the database (`_search`) and the cells come from
        one SQL cursor read a chunk at a time, names joined and times converted by PostgreSQL:
        no record, ORM read or Python time-zone conversion per row (issue 16). A column whose
        field the user may not read (field `groups`) is left out."""
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        columns = [
            (Dossier._fields[name], width)
            for name, width in EXPORT_COLUMNS
            if Dossier._has_field_access(Dossier._fields[name], "read")
        ]
        query = Dossier._search(domain, order=Dossier._order)
        tz_name = Dossier._qms_tz_name(self.env.company)
        sql = query.select(
            *(column_sql(Dossier, query, field.name, tz_name) for field, _width in columns)
        )
        labels = [
            dict(field._description_selection(self.env)) if field.type == "selection" else None
            for field, _width in columns
        ]
        self.env.flush_all()
        cr = self.env.cr

        def build(workbook):
            header = workbook.add_format(
                {"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True}
            )
            moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
            sheet = workbook.add_worksheet("Ho so")
            for col, (field, width) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write(0, col, field._description_string(self.env), header)
            sheet.freeze_panes(1, 0)
            writers = [
                self._qms_cell_writer(sheet, field, label, moment)
                for (field, _w), label in zip(columns, labels, strict=True)
            ]
            row_number = 1
            for chunk in fetch_in_chunks(cr, sql):
                for values in chunk:
                    for col, value in enumerate(values):
                        if value:
                            writers[col](row_number, col, value)
                    row_number += 1

        return streamed_xlsx(build)

    @api.model
    def _qms_cell_writer(self, sheet, field, labels, moment):
        """The function that writes a non-empty value of `field` into its cell."""
        if field.type == "datetime":
            return lambda row, col, value: sheet.write_datetime(row, col, value, moment)
        if labels is not None:
            return lambda row, col, value: sheet.write_string(row, col, labels.get(value, ""))
        return lambda row, col, value: sheet.write_string(row, col, str(value))

    @api.model
    def _qms_action_export_xlsx(self, ids, domain=None):
        """Download the selected dossiers as a workbook. A selection of the whole list reaches
        the server as its first `web.active_ids_limit` ids: the list's domain is exported then.
        The file is kept as an attachment only its creator may read, replacing their last one."""
        limit = int(self.env["ir.config_parameter"].sudo().get_param("web.active_ids_limit", 20000))
        if domain is None or len(ids) < limit:
            domain = [("id", "in", ids)]
        content = self._qms_export_xlsx(domain)
        Attachment = self.env["ir.attachment"]
        Attachment.search(
            [
                ("res_model", "=", "qms.tthc.dossier"),
                ("res_id", "=", 0),
                ("create_uid", "=", self.env.uid),
                ("name", "=", EXPORT_FILE_NAME),
            ]
        ).unlink()
        attachment = Attachment.create(
            {"name": EXPORT_FILE_NAME, "raw": content, "res_model": "qms.tthc.dossier", "res_id": 0}
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
