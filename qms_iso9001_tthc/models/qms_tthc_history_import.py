import base64
import io
from datetime import datetime, time, timedelta

import openpyxl
import psycopg2
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import LazyTranslate

from odoo.addons.qms_iso9001.db_refusals import refusal_message
from odoo.addons.qms_iso9001.lifecycle import MANAGER, transition

from ..history_columns import (
    CHANNEL_WORDS,
    DOSSIER_TARGETS,
    END_OF_DAY_TARGETS,
    LAYOUTS,
    MOMENT_TARGETS,
    REQUIRED_TARGETS,
    STATUS_WORDS,
    cell_text,
    guess_target,
    header_key,
    read_local_moment,
    read_words,
)
from .qms_tthc_dossier import EARLIEST_RECEPTION, OPEN_STATES, RECEPTION_CLOCK_SKEW

_lt = LazyTranslate(__name__)

HEADER_SCAN_ROWS = 15
MAX_ROWS = 20000
LATEST_AHEAD = timedelta(days=400)
FILE_ROW = 0  # the result line of a problem of the whole file
CLOSED_WITHOUT_RESULT = ("refused", "withdrawn")
LINE_STATUSES = [
    ("ok", "Ready"),
    ("skipped", "Already Imported"),
    ("error", "Error"),
    ("imported", "Imported"),
]


class FileProblem(Exception):
    """The whole file cannot be read with its mapping: one result line says why."""


class QmsTthcHistoryImport(models.Model):
    """Import of the dossier histories an agency's desk recorded on another system (the
    province's TTHC information system), from that system's Excel export.

    The standing office uploads the file and names the source system; the mapping of its
    columns remembered for the agency and that system is proposed, or guessed from the headers
    ("Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả"...) and remembered. "Check" reads every row
    and lists what is wrong with each (procedure not found by its national code, unreadable
    dates, unknown units or officers, a dossier imported before, a result dated before the
    reception...). "Import" checks again and creates the dossiers with their hand-overs all or
    nothing: one row in error and nothing is imported. The record then stays as the evidence
    of where the imported dossiers came from: it is never deleted nor changed.
    """

    _name = "qms.tthc.history.import"
    _description = "TTHC Dossier History Import"
    _inherit = ["mail.thread", "qms.lifecycle.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _qms_workflow_fields = (
        "line_ids",
        "dossier_ids",
        "checked_at",
        "imported_at",
        "imported_by_id",
    )
    _qms_editable_fields = {"checked": (), "imported": ()}
    # imported ones are the origin of dossiers: kept for ever
    _qms_deletable_states = ("draft", "checked")

    name = fields.Char(compute="_compute_name", store=True)
    file_data = fields.Binary(string="Excel File", required=True, attachment=True)
    file_name = fields.Char()
    source_system = fields.Char(
        required=True,
        help="The system that exported the file; its column mapping is remembered for the "
        "agency under this name.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    mapping_id = fields.Many2one(
        "qms.tthc.import.mapping",
        string="Column Mapping",
        compute="_compute_mapping_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        help="Proposed from the mapping remembered for the agency and the source system; when "
        "there is none, the check guesses one from the headers of the file and remembers it.",
    )
    layout = fields.Selection(
        LAYOUTS,
        compute="_compute_layout",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    is_skip_imported = fields.Boolean(
        string="Skip Dossiers Already Imported",
        help="Exports of consecutive periods overlap: ticked, a dossier imported before is "
        "skipped; unticked, it is an error and nothing is imported.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("checked", "Checked"), ("imported", "Imported")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "qms.tthc.history.import.line", "import_id", string="Rows", readonly=True
    )
    dossier_ids = fields.One2many(
        "qms.tthc.dossier", "history_import_id", string="Dossiers", readonly=True
    )
    checked_at = fields.Datetime(string="Checked On", readonly=True, copy=False)
    imported_at = fields.Datetime(string="Imported On", readonly=True, copy=False)
    imported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    row_count = fields.Integer(string="Rows Read", compute="_compute_counts")
    error_count = fields.Integer(string="Rows in Error", compute="_compute_counts")
    skipped_count = fields.Integer(string="Rows Skipped", compute="_compute_counts")
    dossier_count = fields.Integer(string="Dossiers Imported", compute="_compute_counts")

    # ------------------------------------------------------------------ computes
    @api.depends("source_system", "file_name")
    def _compute_name(self):
        for record in self:
            record.name = " - ".join(filter(None, [record.source_system, record.file_name])) or "/"

    @api.depends("source_system", "company_id")
    def _compute_mapping_id(self):
        Mapping = self.env["qms.tthc.import.mapping"]
        for record in self:
            if record.state not in ("draft", False):
                continue
            remembered = Mapping._qms_remembered(record.company_id, record.source_system)
            if remembered:
                record.mapping_id = remembered
            elif record.mapping_id.company_id != record.company_id:
                record.mapping_id = False

    @api.depends("mapping_id")
    def _compute_layout(self):
        for record in self:
            record.layout = record.mapping_id.layout or record.layout or "dossier"

    @api.depends("line_ids.status", "dossier_ids")
    def _compute_counts(self):
        for record in self:
            lines = record.line_ids.filtered(lambda line: line.row_number != FILE_ROW)
            statuses = record.line_ids.mapped("status")
            record.row_count = len(lines)
            record.error_count = statuses.count("error")
            record.skipped_count = statuses.count("skipped")
            record.dossier_count = len(record.dossier_ids)

    # ------------------------------------------------------------------ transitions
    @transition(("draft", "checked"), groups=(MANAGER,), label=_lt("Check"))
    def action_check(self):
        """Read every row and record what is wrong with each; nothing is imported."""
        self._qms_ensure_one()
        lines, _groups, mapping = self._qms_analyse()
        values = {
            "line_ids": [Command.clear()] + [Command.create(line) for line in lines],
            "state": "checked",
            "checked_at": fields.Datetime.now(),
        }
        if mapping != self.mapping_id:
            values.update(mapping_id=mapping.id, layout=mapping.layout)
        self._qms_set(values)
        return True

    @transition(("checked",), groups=(MANAGER,), label=_lt("Import"))
    def action_import(self):
        """Check again (the catalogue or the dossiers may have changed since), then create the
        dossiers and their hand-overs, all or nothing: any row in error and nothing is
        imported, the rows in error are listed."""
        self._qms_ensure_one()
        lines, groups, _mapping = self._qms_analyse()
        errors = [line for line in lines if line["status"] == "error"]
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported. Correct these rows and check again:\n%(rows)s",
                    rows="\n".join(
                        self.env._(
                            "Row %(row)s: %(errors)s",
                            row=line["row_number"],
                            errors=line["message"],
                        )
                        for line in errors[:50]
                    ),
                )
            )
        to_create = [group for group in groups if group.get("vals")]
        if not to_create:
            raise UserError(self.env._("The file holds no dossier to import."))
        Dossier = self.env["qms.tthc.dossier"]
        applicants = {}
        vals_list = []
        for group in to_create:
            vals = dict(group["vals"])
            vals["applicant_id"] = self._qms_applicant(vals.pop("_applicant"), applicants).id
            vals_list.append(vals)
        try:
            with self.env.cr.savepoint():
                dossiers = Dossier._qms_create_imported(vals_list)
                self.env.flush_all()
        except (psycopg2.Error, ValidationError) as error:
            self.env.invalidate_all()
            raise UserError(
                self.env._(
                    "Nothing was imported: the dossiers were refused: %(error)s",
                    error=refusal_message(self.env, error),
                )
            ) from error
        by_row = {
            row: dossier.id
            for group, dossier in zip(to_create, dossiers, strict=True)
            for row in group["rows"]
        }
        for line in lines:
            if line["row_number"] in by_row:
                line.update(status="imported", dossier_id=by_row[line["row_number"]])
        self._qms_set(
            {
                "line_ids": [Command.clear()] + [Command.create(line) for line in lines],
                "state": "imported",
                "imported_at": fields.Datetime.now(),
                "imported_by_id": self.env.uid,
            }
        )
        self.message_post(
            body=self.env._(
                "%(count)s dossier(s) imported from %(system)s.",
                count=len(dossiers),
                system=self.source_system,
            )
        )
        return True

    @transition(("checked",), groups=(MANAGER,), label=_lt("Back to Draft"))
    def action_reset_to_draft(self):
        """To upload a corrected file or change the mapping; the results of the check go."""
        self._qms_set({"line_ids": [Command.clear()], "state": "draft", "checked_at": False})
        return True

    def action_view_dossiers(self):
        self._qms_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qms_iso9001_tthc.action_qms_tthc_dossier"
        )
        action["domain"] = [("history_import_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    # ------------------------------------------------------------------ reading the file
    def _qms_analyse(self):
        """(result line values, dossier groups, mapping): every row read and checked. A
        problem of the whole file (unreadable, no header, a mapped column missing) is one
        result line of row 0."""
        self.ensure_one()
        mapping = self.mapping_id
        try:
            headers, rows = self._qms_read_file(mapping)
            if not mapping:
                mapping = self._qms_remember_mapping(headers)
            columns = self._qms_columns(mapping, headers)
        except FileProblem as problem:
            line = {"row_number": FILE_ROW, "status": "error", "message": str(problem)}
            return [line], [], mapping
        context = self._qms_context()
        parsed = [self._qms_parse_row(number, row, columns, context) for number, row in rows]
        groups = self._qms_group(parsed)
        self._qms_check_groups(groups, context)
        lines = [
            {
                "row_number": row["row"],
                "external_code": row["text"].get("external_code") or False,
                "procedure_code": row["text"].get("procedure_code") or False,
                "applicant": row["text"].get("applicant") or False,
                "received_at": row["moments"].get("received_at") or False,
                "status": "error" if row["errors"] else row.get("status", "ok"),
                "message": "; ".join(row["errors"]) or row.get("note") or False,
            }
            for row in parsed
        ]
        if not lines:
            lines = [
                {
                    "row_number": FILE_ROW,
                    "status": "error",
                    "message": self.env._("The file has no row under its header."),
                }
            ]
        return lines, groups, mapping

    def _qms_read_file(self, mapping):
        """(headers, [(row number, cells)] of the non-empty rows below them) of the first
        sheet: the header row is the one of the first rows naming the most known or mapped
        columns."""
        try:
            content = base64.b64decode(self.with_context(bin_size=False).file_data or b"")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
            workbook.close()
        except Exception as error:  # any unreadable upload means the same to the user
            raise FileProblem(
                self.env._(
                    "The file cannot be read as an Excel (.xlsx) file: %(error)s",
                    error=str(error)[:200],
                )
            ) from error
        mapped = {header_key(line.column) for line in mapping.line_ids}
        best, best_score = None, 1
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            score = sum(
                1
                for cell in row
                if isinstance(cell, str) and (guess_target(cell) or header_key(cell) in mapped)
            )
            if score > best_score:
                best, best_score = index, score
        if best is None:
            raise FileProblem(
                self.env._(
                    'No header row naming the columns ("Mã hồ sơ", "Mã thủ tục", "Ngày tiếp '
                    'nhận"...) was found in the first rows of the first sheet.'
                )
            )
        data = [
            (number, row)
            for number, row in enumerate(rows[best + 1 :], start=best + 2)
            if any(cell not in (None, "") for cell in row)
        ]
        if len(data) > MAX_ROWS:
            raise FileProblem(
                self.env._(
                    "The file has %(count)s rows: import at most %(max)s at a time.",
                    count=len(data),
                    max=MAX_ROWS,
                )
            )
        headers = [cell_text(cell) for cell in rows[best]]
        return headers, data

    def _qms_remember_mapping(self, headers):
        """The mapping guessed from the headers, remembered for the agency and the system."""
        Mapping = self.env["qms.tthc.import.mapping"]
        remembered = Mapping._qms_remembered(self.company_id, self.source_system)
        if remembered:
            return remembered
        return Mapping.create(
            {
                "name": self.source_system.strip(),
                "company_id": self.company_id.id,
                "layout": self.layout,
                "line_ids": [
                    Command.create(dict(line, sequence=index))
                    for index, line in enumerate(Mapping._qms_guess_lines(headers))
                ],
            }
        )

    def _qms_columns(self, mapping, headers):
        columns, missing = mapping._qms_columns(headers)
        if missing:
            raise FileProblem(
                self.env._(
                    "The columns %(columns)s of the mapping %(mapping)s are not in the file.",
                    columns=", ".join(f'"{column}"' for column in missing),
                    mapping=mapping.display_name,
                )
            )
        required = list(REQUIRED_TARGETS)
        if self.layout == "handover":
            required.append("external_code")
        labels = self._qms_target_labels()
        unmapped = [target for target in required if target not in columns]
        if unmapped:
            raise FileProblem(
                self.env._(
                    "No column of the file is mapped to %(values)s: complete the mapping "
                    "%(mapping)s and check again.",
                    values=", ".join(labels[target] for target in unmapped),
                    mapping=mapping.display_name,
                )
            )
        return columns

    def _qms_target_labels(self):
        """{target: label} in the user's language (the labels of the mapping's selection)."""
        field = self.env["qms.tthc.import.mapping.line"]._fields["target"]
        return dict(field._description_selection(self.env))

    # ------------------------------------------------------------------ one row
    def _qms_context(self):
        """What the rows are checked against, loaded once: the agency's procedures by code,
        its clock, and caches of the officers, units and applicants named."""
        company = self.company_id
        Procedure = self.env["qms.tthc.procedure"].sudo().with_context(active_test=False)
        procedures = Procedure.search([("company_id", "=", company.id), ("code", "!=", False)])
        by_code, by_base = {}, {}
        for procedure in procedures:
            by_code[procedure.code] = procedure
            by_base.setdefault(procedure.code[:8], procedure)
        return {
            "company": company,
            "tz": pytz.timezone(self.env["qms.tthc.dossier"]._qms_tz_name(company)),
            "now": fields.Datetime.now(),
            "by_code": by_code,
            "by_base": by_base,
            "users": {},
            "departments": {},
        }

    def _qms_parse_row(self, number, row, columns, context):  # noqa: PLR0912
        """{row, text, moments, errors, records...} of one row of the file."""
        text, moments, errors = {}, {}, []
        labels = self._qms_target_labels()
        for target, column in columns.items():
            value = row[column] if column < len(row) else None
            text[target] = cell_text(value)
            if target in MOMENT_TARGETS and text[target]:
                moment = self._qms_moment(value, target, context)
                if moment is None:
                    errors.append(
                        self.env._(
                            "%(column)s %(value)s is not a date (dd/mm/yyyy, with the time if "
                            "known)",
                            column=labels[target],
                            value=text[target][:40],
                        )
                    )
                else:
                    moments[target] = moment
        parsed = {"row": number, "text": text, "moments": moments, "errors": errors}
        if text.get("procedure_code"):
            parsed["procedure"] = self._qms_find_procedure(text["procedure_code"], context)
            if not parsed["procedure"]:
                errors.append(
                    self.env._(
                        "no procedure of the agency has the national code %(code)s",
                        code=text["procedure_code"][:40],
                    )
                )
        if text.get("channel"):
            parsed["channel"] = read_words(text["channel"], CHANNEL_WORDS)
            if not parsed["channel"]:
                errors.append(
                    self.env._("unknown channel %(channel)s", channel=text["channel"][:40])
                )
        if text.get("status"):
            parsed["state"] = read_words(text["status"], STATUS_WORDS)
            if not parsed["state"]:
                errors.append(self.env._("unknown status %(status)s", status=text["status"][:40]))
        if text.get("user"):
            parsed["user"] = self._qms_find_user(text["user"], context)
            if not parsed["user"]:
                errors.append(
                    self.env._(
                        "no single user of the agency is named %(user)s", user=text["user"][:60]
                    )
                )
        if text.get("department"):
            parsed["department"] = self._qms_find_department(text["department"], context)
            if not parsed["department"]:
                errors.append(
                    self.env._(
                        "no single unit of the agency is named %(unit)s",
                        unit=text["department"][:60],
                    )
                )
        start, done = moments.get("step_start"), moments.get("step_done")
        if start and done and done < start:
            errors.append(self.env._("the step is handed on before it was taken"))
        return parsed

    def _qms_moment(self, value, target, context):
        """The naive UTC moment of a cell read in the agency's time zone: a day alone is its
        start, or its end for a deadline (a dossier due on a day is on time all that day)."""
        read = read_local_moment(value)
        if read is None:
            return None
        moment, day_only = read
        if day_only and target in END_OF_DAY_TARGETS:
            moment = datetime.combine(moment.date(), time(23, 59, 59))
        # a history holds no date beyond the year to come: further is a typing mistake
        if not (EARLIEST_RECEPTION <= moment <= context["now"] + LATEST_AHEAD):
            return None
        return context["tz"].localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    def _qms_find_procedure(self, code, context):
        """By its national code as the catalogue holds it, else by the national part of it (a
        file may print "1.000593" where the catalogue has "1.000593.000.00.00.H37")."""
        Procedure = self.env["qms.tthc.procedure"]
        normalized = Procedure._qms_normalize_code(code)
        found = context["by_code"].get(normalized)
        if found is None and Procedure._qms_is_valid_code(normalized):
            found = context["by_base"].get(normalized[:8])
        return found

    def _qms_find_user(self, name, context):
        cache = context["users"]
        if name not in cache:
            users = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        "|",
                        ("name", "=ilike", name),
                        ("login", "=ilike", name),
                        ("company_ids", "in", context["company"].ids),
                        ("share", "=", False),
                    ],
                    limit=2,
                )
            )
            cache[name] = users if len(users) == 1 else None
        return cache[name]

    def _qms_find_department(self, name, context):
        cache = context["departments"]
        if name not in cache:
            departments = (
                self.env["hr.department"]
                .sudo()
                .search(
                    [
                        "|",
                        ("name", "=ilike", name),
                        ("complete_name", "=ilike", name),
                        ("company_id", "in", [context["company"].id, False]),
                    ],
                    limit=2,
                )
            )
            cache[name] = departments if len(departments) == 1 else None
        return cache[name]

    # ------------------------------------------------------------------ dossiers
    def _qms_group(self, parsed):
        """The rows of each dossier: one row each, or the rows sharing a dossier code."""
        groups, by_code = [], {}
        for row in parsed:
            code = row["text"].get("external_code", "")
            if self.layout == "handover":
                if not code:
                    row["errors"].append(self.env._("no dossier code"))
                    continue
                key = header_key(code) or code
                if key not in by_code:
                    by_code[key] = {"rows": [], "parsed": []}
                    groups.append(by_code[key])
                by_code[key]["rows"].append(row["row"])
                by_code[key]["parsed"].append(row)
            else:
                groups.append({"rows": [row["row"]], "parsed": [row]})
        return groups

    def _qms_check_groups(self, groups, context):  # noqa: PLR0912
        """Check each dossier as a whole and prepare the values of those without error."""
        labels = self._qms_target_labels()
        codes = [
            group["parsed"][0]["text"].get("external_code")
            for group in groups
            if group["parsed"][0]["text"].get("external_code")
        ]
        known = self._qms_known_codes(codes)
        moments = [
            moment
            for group in groups
            for row in group["parsed"]
            for moment in row["moments"].values()
        ]
        if moments:
            calendar = self.env["qms.tthc.dossier"].with_company(self.company_id)._qms_calendar()
            context["planner"] = calendar._qms_deadline_planner(
                min(moments).date() - timedelta(days=2), max(moments).date() + timedelta(days=60)
            )
        seen = {}
        for group in groups:
            rows = group["parsed"]
            first = rows[0]
            # the dossier's values are the same on all its rows
            merged = {"text": {}, "moments": {}}
            for row in rows:
                for target in DOSSIER_TARGETS:
                    value = row["moments"].get(target) or row["text"].get(target)
                    if not value:
                        continue
                    kept = merged["moments"].get(target) or merged["text"].get(target)
                    if kept and kept != value:
                        row["errors"].append(
                            self.env._(
                                "%(column)s differs from row %(row)s of the same dossier",
                                column=labels[target],
                                row=first["row"],
                            )
                        )
                    elif not kept:
                        merged["text"][target] = row["text"].get(target)
                        if target in row["moments"]:
                            merged["moments"][target] = row["moments"][target]
                        for key in ("procedure", "channel", "state"):
                            if key in row and key not in merged:
                                merged[key] = row[key]
            code = first["text"].get("external_code")
            if code:
                if code in seen and self.layout == "dossier":
                    first["errors"].append(
                        self.env._(
                            "the dossier code %(code)s is repeated: see row %(row)s",
                            code=code,
                            row=seen[code],
                        )
                    )
                    continue
                seen.setdefault(code, first["row"])
                if code in known:
                    if self.is_skip_imported:
                        for row in rows:
                            row["status"] = "skipped"
                            row["note"] = known[code]
                        continue
                    first["errors"].append(known[code])
                    continue
            missing = [
                labels[target]
                for target in REQUIRED_TARGETS
                if not (merged["moments"].get(target) or merged["text"].get(target))
            ]
            if missing:
                first["errors"].append(self.env._("no %(values)s", values=", ".join(missing)))
            if any(row["errors"] for row in rows):
                continue
            group["vals"] = self._qms_dossier_vals(group, merged, context)

    def _qms_known_codes(self, codes):
        """{code: why it cannot be imported again} among `codes`: a dossier of the agency
        imported with that external code, or any dossier already bearing it as its code."""
        if not codes:
            return {}
        Dossier = self.env["qms.tthc.dossier"].sudo().with_context(active_test=False)
        known = {}
        for dossier in Dossier.search(
            [
                ("company_id", "=", self.company_id.id),
                ("external_code", "in", codes),
            ]
        ):
            known[dossier.external_code] = self.env._(
                "the dossier %(code)s was already imported (%(import)s)",
                code=dossier.external_code,
                **{"import": dossier.history_import_id.display_name or "-"},
            )
        for dossier in Dossier.search([("name", "in", codes)]):
            known.setdefault(
                dossier.name,
                self.env._("a dossier with the code %(code)s already exists", code=dossier.name),
            )
        return known

    def _qms_dossier_vals(self, group, merged, context):  # noqa: PLR0912, PLR0915
        """The values of one imported dossier, or None with the errors on its rows."""
        rows = group["parsed"]
        first = rows[0]
        errors = first["errors"]
        moments = merged["moments"]
        company = context["company"]
        procedure = merged.get("procedure")
        channel = merged.get("channel") or "direct"
        received = moments["received_at"]
        appointment = moments.get("appointment_date")
        returned = moments.get("returned_at")
        resolved = moments.get("resolved_at") or returned
        now = context["now"]
        if received > now + RECEPTION_CLOCK_SKEW:
            errors.append(self.env._("received in the future"))
        if appointment and appointment < received:
            errors.append(self.env._("the appointment date is before the reception"))
        if resolved and resolved < received:
            errors.append(self.env._("the result is dated before the reception"))
        if returned and resolved and returned < resolved:
            errors.append(self.env._("the result is returned before it was ready"))
        if any(moment > now + RECEPTION_CLOCK_SKEW for moment in (resolved, returned) if moment):
            errors.append(self.env._("the result is dated in the future"))
        state = merged.get("state") or (
            "returned" if returned else "resolved" if resolved else "in_progress"
        )
        if state in ("resolved", "returned") and not resolved:
            errors.append(self.env._("resolved, but the date of the result is not given"))
        if state == "returned" and not returned:
            returned = resolved
        closed_at = resolved or max(
            (row["moments"].get("step_done") for row in rows if row["moments"].get("step_done")),
            default=None,
        )
        if state in CLOSED_WITHOUT_RESULT and not closed_at:
            errors.append(self.env._("closed without a result, but no closing date is given"))
        if errors:
            return None
        Dossier = self.env["qms.tthc.dossier"].sudo().with_company(company)
        probe = Dossier.new(
            {"procedure_id": procedure.id, "channel": channel, "company_id": company.id}
        )
        if not appointment:
            try:
                _start, appointment = probe._qms_appointment(received, self._qms_planner(context))
            except UserError as error:
                errors.append(error.args[0])
                return None
        probe.appointment_date = appointment
        flow = procedure.sudo().current_flow_id
        flow_steps = flow.step_ids.filtered(lambda step: step[f"for_{channel}"])
        steps = self._qms_step_vals(
            rows, probe, flow_steps, (state, received, closed_at), self._qms_planner(context)
        )
        if steps is None:
            return None
        vals = {
            "name": first["text"].get("external_code") or "/",
            "external_code": first["text"].get("external_code") or False,
            "history_import_id": self.id,
            "company_id": company.id,
            "procedure_id": procedure.id,
            # the contact is found or created at the import, never by a check
            "_applicant": merged["text"]["applicant"],
            "channel": channel,
            "received_at": received,
            "received_by_id": (first.get("user") or self.env.user).id,
            "counting_start": received,
            "appointment_date": appointment,
            "flow_id": flow.id if flow else False,
            "state": state,
            "step_ids": [Command.create(step) for step in steps],
        }
        if state in ("resolved", "returned"):
            hours = self._qms_planner(context).worked_hours(received, resolved)
            vals.update(
                resolved_at=resolved,
                timeliness=probe._qms_timeliness(resolved, appointment),
                processing_days=hours / probe._qms_hours_per_day(),
            )
            if state == "returned":
                vals["returned_at"] = returned
        elif state == "refused":
            vals.update(
                refused_at=closed_at,
                refusal_reason=self.env._("Refused on %(system)s.", system=self.source_system),
            )
        elif state == "withdrawn":
            vals.update(
                withdrawn_at=closed_at,
                withdrawal_reason=self.env._("Withdrawn on %(system)s.", system=self.source_system),
            )
        return vals

    def _qms_planner(self, context):
        """One load of the agency's working time for every date of the file (a planner per
        dossier would cost queries per row)."""
        return context["planner"]

    def _qms_step_vals(self, rows, probe, flow_steps, dossier, planner):
        """The hand-overs of the dossier: one per row in the per-hand-over layout, one from the
        reception to the result otherwise; a step's result compares its hand-on moment with its
        deadline, as at the desk. None when a row cannot give its step (errors on the row).
        `dossier` is (state, reception, closing moment) of the dossier."""
        state, received, closed_at = dossier
        closed = state not in OPEN_STATES
        ordered = sorted(
            rows, key=lambda row: (row["moments"].get("step_start") or received, row["row"])
        )
        steps = []
        previous_done = received
        for index, row in enumerate(ordered):
            last = index == len(ordered) - 1
            moments = row["moments"]
            start = moments.get("step_start") or previous_done
            if start < received:
                row["errors"].append(self.env._("the step is taken before the reception"))
                return None
            done = moments.get("step_done")
            if not done and not last:
                following = ordered[index + 1]["moments"].get("step_start")
                done = following
                if not done:
                    row["errors"].append(
                        self.env._("the step is followed by another but has no hand-on date")
                    )
                    return None
            if not done and last and closed:
                done = closed_at
            # one row per dossier: one step from the reception to the result, no flow step
            # unless the file names it
            flow_step = (
                self._qms_match_flow_step(row, index, flow_steps)
                if self.layout == "handover" or row["text"].get("step_name")
                else flow_steps.browse()
            )
            deadline = moments.get("step_deadline")
            if not deadline and flow_step:
                deadline = probe._qms_step_deadline(flow_step, start, planner)
            if not deadline and len(ordered) == 1:
                deadline = probe.appointment_date
            if done and last and state in (*CLOSED_WITHOUT_RESULT, "supplement"):
                step_state, result = "interrupted", False
            elif done:
                step_state = "done"
                result = probe._qms_timeliness(done, deadline) if deadline else "on_time"
            else:
                step_state, result = "open", False
            department = row.get("department") or flow_step.department_id
            if not department and len(ordered) == 1:
                department = probe.procedure_id.department_id
            steps.append(
                {
                    "name": row["text"].get("step_name")
                    or flow_step.name
                    or self.env._("Handling (imported)"),
                    "flow_step_id": flow_step.id or False,
                    "department_id": department.id if department else False,
                    "user_id": row["user"].id if row.get("user") else False,
                    "date_start": start,
                    "deadline": deadline or False,
                    "date_done": done or False,
                    "result": result,
                    "state": step_state,
                    "note": self.env._("Imported from %(system)s.", system=self.source_system),
                }
            )
            previous_done = done or start
        return steps

    @staticmethod
    def _qms_match_flow_step(row, index, flow_steps):
        """The step of the flow in force named like the row's step, else the one at its place
        when the file names no step."""
        if not flow_steps:
            return flow_steps
        name = header_key(row["text"].get("step_name"))
        if name:
            return flow_steps.filtered(lambda step: header_key(step.name) == name)[:1]
        return flow_steps[index] if index < len(flow_steps) else flow_steps.browse()

    def _qms_applicant(self, name, cache):
        """The contact named as the applicant, created when the agency has none by that name."""
        if name not in cache:
            Partner = self.env["res.partner"].sudo()
            partner = Partner.search(
                [("name", "=ilike", name), ("company_id", "in", [self.company_id.id, False])],
                limit=1,
            )
            cache[name] = partner or Partner.create(
                {"name": name[:200], "company_id": self.company_id.id}
            )
        return cache[name]
