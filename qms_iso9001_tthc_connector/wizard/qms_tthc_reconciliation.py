import io
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.qms_iso9001.xlsx import new_workbook

from ..adapters import AdapterError

# How far the period may reach: a list of several years is for the system's own reports.
MAX_PERIOD_DAYS = 366
STATUSES = [
    ("missing", "Missing at the System"),
    ("extra", "Only at the System"),
    ("different", "Different"),
    ("matching", "Matching"),
]


class QmsTthcReconciliation(models.TransientModel):
    """For a period, what each connected system holds against what the agency holds: the
    dossiers it lacks, those only it has, and those whose state or events differ. The
    dossiers compared on our side are those of the period that were told to the system (it is
    not expected to know those received before it was connected). Lost events can be re-sent
    from the lines, with their own event ids."""

    _name = "qms.tthc.reconciliation"
    _inherit = ["qms.xlsx.export.mixin", "qms.input.mixin"]
    _description = "Reconciliation with Connected Systems"

    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    system_ids = fields.Many2many(
        "qms.tthc.connected.system",
        string="Connected Systems",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Empty: every system of the agency that receives events.",
    )
    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many(
        "qms.tthc.reconciliation.line", "reconciliation_id", string="Lines", readonly=True
    )
    compared_at = fields.Datetime(readonly=True)
    missing_count = fields.Integer(string="Missing at the System", compute="_compute_counts")
    extra_count = fields.Integer(string="Only at the System", compute="_compute_counts")
    different_count = fields.Integer(string="Different", compute="_compute_counts")
    matching_count = fields.Integer(string="Matching", compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for report in self:
            statuses = report.line_ids.mapped("status")
            for status, _label in STATUSES:
                report[f"{status}_count"] = statuses.count(status)

    # ------------------------------------------------------------------ comparison
    def _qms_ensure_one(self):
        """`ensure_one` for the buttons: a plain message when they are called over RPC with
        no report or several."""
        if len(self) != 1:
            raise UserError(self.env._("Compare one reconciliation at a time."))
        return self

    def _qms_check_period(self):
        self._qms_ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        if (self.date_to - self.date_from).days >= MAX_PERIOD_DAYS:
            raise UserError(
                self.env._("Compare at most %(days)s days at a time.", days=MAX_PERIOD_DAYS)
            )

    def _qms_systems(self):
        systems = self.system_ids or self.env["qms.tthc.connected.system"].search([])
        return systems.sudo().filtered(
            lambda s: s.company_id == self.company_id and s._qms_is_outbound()
        )

    def _qms_local_day(self, iso_moment):
        """The agency's calendar day of a UTC time stamp of the contract, or None."""
        try:
            moment = datetime.fromisoformat(iso_moment.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(pytz.utc).replace(tzinfo=None)
        return self.company_id._qms_local_day(moment)

    def _qms_remote(self, system):
        """The system's dossiers received in the period (by the agency's calendar): the list is
        asked a day wider on each side, since the contract's dates are UTC days."""
        try:
            rows = system._qms_adapter().fetch_dossiers(
                self.date_from - timedelta(days=1), self.date_to + timedelta(days=1)
            )
        except AdapterError as error:
            raise UserError(
                self.env._(
                    "The dossiers of %(system)s could not be read: %(error)s",
                    system=system.name,
                    error=str(error),
                )
            ) from error
        remote = {}
        for row in rows:
            day = self._qms_local_day(row.received_at)
            if day is None or self.date_from <= day <= self.date_to:
                remote[row.code] = row
        return remote

    def _qms_ours(self, system):
        """{dossier: its messages to `system`} for the dossiers of the period told to it."""
        start, end = self.env["qms.tthc.dossier"]._qms_utc_bounds(
            self.date_from, self.date_to, self.company_id
        )
        messages = (
            self.env["qms.tthc.outbox.message"]
            .sudo()
            .search(
                [
                    ("system_id", "=", system.id),
                    ("dossier_id.received_at", ">=", start),
                    ("dossier_id.received_at", "<", end),
                ],
                order="sequence",
            )
        )
        ours = {}
        for message in messages:
            ours.setdefault(message.dossier_id, message.browse())
            ours[message.dossier_id] |= message
        return ours

    def action_compare(self):
        """Read each system's list and compare it with ours, line by line."""
        self._qms_ensure_one()
        self._qms_check_period()
        systems = self._qms_systems()
        if not systems:
            raise UserError(
                self.env._("No connected system of this agency receives events to compare with.")
            )
        lines = []
        for system in systems:
            remote = self._qms_remote(system)
            ours = self._qms_ours(system)
            for dossier, messages in ours.items():
                lines.append(
                    self._qms_line_vals(system, dossier, messages, remote.pop(dossier.name, None))
                )
            extra = (
                self.env["qms.tthc.dossier"]
                .sudo()
                .search([("name", "in", list(remote)), ("company_id", "=", self.company_id.id)])
            )
            by_code = {dossier.name: dossier for dossier in extra}
            for code, row in sorted(remote.items()):
                lines.append(
                    {
                        "system_id": system.id,
                        "dossier_code": code,
                        "dossier_id": by_code.get(code, self.env["qms.tthc.dossier"]).id,
                        "status": "extra",
                        "their_state": row.state,
                        "their_sequences": ", ".join(map(str, row.sequences)),
                    }
                )
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [fields.Command.create(vals) for vals in lines],
                "compared_at": fields.Datetime.now(),
            }
        )
        return self._qms_reopen()

    def _qms_line_vals(self, system, dossier, messages, row):
        sent = messages.filtered(lambda m: m.state == "sent")
        unsent = messages.filtered(lambda m: m.state in ("pending", "failed"))
        vals = {
            "system_id": system.id,
            "dossier_id": dossier.id,
            "dossier_code": dossier.name,
            "our_state": dossier.state,
            "unsent_count": len(unsent),
        }
        if row is None:
            lost = sent
            vals["status"] = "missing"
        else:
            held = set(row.sequences)
            lost = sent.filtered(lambda m: m.sequence not in held)
            vals.update(
                their_state=row.state,
                their_sequences=", ".join(map(str, row.sequences)),
                status="different" if lost or row.state != dossier.state else "matching",
            )
        vals["lost_message_ids"] = [fields.Command.set(lost.ids)]
        return vals

    def _qms_reopen(self):
        return self._get_records_action()

    def action_resend_lost(self):
        """Re-send every event the systems lack (the same event ids), then compare later."""
        self._qms_ensure_one()
        self.line_ids.lost_message_ids.action_resend()
        return self._qms_reopen()

    # ------------------------------------------------------------------ Excel
    def action_export_xlsx(self):
        self._qms_ensure_one()
        if not self.compared_at:
            self.action_compare()
        name = f"doi-soat-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.xlsx"
        return self._qms_xlsx_download(self._qms_build_xlsx(), name)

    def _qms_build_xlsx(self):
        output = io.BytesIO()
        workbook = new_workbook(output)
        formats = self._qms_xlsx_formats(workbook)
        sheet = workbook.add_worksheet("Doi soat")
        Line = self.env["qms.tthc.reconciliation.line"]
        headers = [
            Line._fields[name]._description_string(self.env)
            for name in (
                "system_id",
                "dossier_code",
                "status",
                "our_state",
                "their_state",
                "their_sequences",
                "lost_sequences",
                "unsent_count",
            )
        ]
        title = self.env._(
            "Reconciliation with connected systems, %(start)s to %(end)s",
            start=self.date_from.strftime("%d/%m/%Y"),
            end=self.date_to.strftime("%d/%m/%Y"),
        )
        sheet.merge_range(0, 0, 0, len(headers) - 1, title, formats["title"])
        for col, header in enumerate(headers):
            sheet.write(2, col, header, formats["header"])
            sheet.set_column(col, col, 28 if col in (0, 1) else 16)
        states = dict(
            self.env["qms.tthc.dossier"]._fields["state"]._description_selection(self.env)
        )
        statuses = dict(Line._fields["status"]._description_selection(self.env))
        for row, line in enumerate(self.line_ids, start=3):
            values = [
                line.system_id.name or "",
                line.dossier_code or "",
                statuses.get(line.status, ""),
                states.get(line.our_state, line.our_state or ""),
                states.get(line.their_state, line.their_state or ""),
                line.their_sequences or "",
                line.lost_sequences or "",
                line.unsent_count,
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value, formats["cell"])
        sheet.freeze_panes(3, 0)
        workbook.close()
        return output.getvalue()
