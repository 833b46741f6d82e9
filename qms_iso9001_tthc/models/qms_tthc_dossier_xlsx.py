import pytz

from odoo import api, models

from odoo.addons.qms_iso9001.xlsx import names_of, read_in_chunks, streamed_xlsx

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
        agency's time zone), in the list's order."""
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        dossiers = Dossier.search(domain)
        names = [name for name, _width in EXPORT_COLUMNS]
        described = Dossier.fields_get(names, ["string", "type", "selection", "relation"])
        tz = pytz.timezone(Dossier._qms_tz_name(self.env.company))
        env = self.env

        def build(workbook):
            header = workbook.add_format(
                {"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True}
            )
            moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
            sheet = workbook.add_worksheet("Ho so")
            for col, (name, width) in enumerate(EXPORT_COLUMNS):
                sheet.set_column(col, col, width)
                sheet.write(0, col, described[name]["string"], header)
            sheet.freeze_panes(1, 0)
            labels = {
                name: dict(field["selection"])
                for name, field in described.items()
                if field["type"] == "selection"
            }
            row_number = 1
            for chunk in read_in_chunks(dossiers, names):
                related = {
                    name: names_of(env, field["relation"], [values[name] for values in chunk])
                    for name, field in described.items()
                    if field["type"] == "many2one"
                }
                for values in chunk:
                    for col, (name, _width) in enumerate(EXPORT_COLUMNS):
                        value = values[name]
                        kind = described[name]["type"]
                        if kind == "datetime":
                            if value:
                                local = pytz.utc.localize(value).astimezone(tz)
                                sheet.write_datetime(
                                    row_number, col, local.replace(tzinfo=None), moment
                                )
                        elif kind == "many2one":
                            sheet.write_string(row_number, col, related[name].get(value, ""))
                        elif kind == "selection":
                            sheet.write_string(row_number, col, labels[name].get(value, ""))
                        elif value:
                            sheet.write_string(row_number, col, str(value))
                    row_number += 1

        return streamed_xlsx(build)

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
