from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# The longest applicant name and address a cell of the book prints; the dossier keeps the whole.
CELL_LIMITS = {"name": 120, "address": 200}


class QmsTthcTrackingBook(models.TransientModel):
    """The desk's dossier tracking book (Sổ theo dõi hồ sơ, form 07 of Thông tư
    03/2025/TT-VPCP) for a period: one row per dossier received, printed on A4 landscape."""

    _name = "qms.tthc.tracking.book"
    _description = "Dossier Tracking Book"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    field_id = fields.Many2one("qms.tthc.field", help="Empty: every field.")
    procedure_id = fields.Many2one(
        "qms.tthc.procedure",
        domain="[('field_id', '=?', field_id)]",
        help="Empty: every procedure.",
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for book in self:
            if book.date_from > book.date_to:
                raise ValidationError(self.env._("The start of the period must precede its end."))

    @api.onchange("field_id")
    def _onchange_field_id(self):
        if self.field_id and self.procedure_id.field_id != self.field_id:
            self.procedure_id = False

    def _qms_dossiers(self):
        """The dossiers received in the agency's local days of the period, archived ones
        included: the book records every dossier the desk took in. Record rules apply."""
        self.ensure_one()
        start, end = self._qms_period_bounds()
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("received_at", ">=", start),
                ("received_at", "<", end),
            ]
        )
        if self.procedure_id:
            domain &= Domain("procedure_id", "=", self.procedure_id.id)
        if self.field_id:
            domain &= Domain("field_id", "=", self.field_id.id)
        Dossier = self.env["qms.tthc.dossier"].with_context(active_test=False)
        return Dossier.search(domain, order="received_at, name, id")

    def _qms_period_bounds(self):
        """UTC moments [start, end) of the local days date_from..date_to."""
        return self.env["qms.tthc.dossier"]._qms_utc_bounds(
            self.date_from, self.date_to, self.company_id
        )

    def _qms_tz_name(self):
        return self.env["qms.tthc.dossier"]._qms_tz_name(self.company_id)

    @api.model
    def _qms_cell_text(self, text, kind):
        """A typed value as a cell of the book prints it: at most CELL_LIMITS[kind] characters,
        cut with "…". One dossier with a name or address of pages would otherwise stretch its row
        over the day's book (issue 19); the cell also wraps words too long for its width."""
        text = " ".join((text or "").split())
        limit = CELL_LIMITS[kind]
        return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"

    @api.model
    def _qms_handed_to_unit(self, dossier):
        """The first hand-over of the dossier: when the desk passed it to the unit handling
        it (the reception line is opened by nobody)."""
        return dossier.step_ids.filtered("from_user_id").sorted(lambda s: (s.date_start, s.id))[:1]

    def action_print(self):
        self.ensure_one()
        return self.env.ref("qms_iso9001_tthc.action_report_qms_tthc_tracking_book").report_action(
            self, config=False
        )
