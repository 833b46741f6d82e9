import re
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import ValidationError

FILING_METHODS = [("direct", "Direct"), ("online", "Online"), ("postal", "Postal")]
# Labels used in the provinces' files, matched on text without diacritics.
METHOD_WORDS = {"direct": "truc tiep", "online": "truc tuyen", "postal": "buu chinh"}
METHOD_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính"}
UNIT_LABELS = {"day": "ngày làm việc", "hour": "giờ làm việc"}
DEFAULT_HOURS_PER_DAY = 8.0


def plain_text(text):
    """Lowercase text without Vietnamese diacritics, for matching labels and headers."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip().lower()


def format_number(value):
    return f"{value:g}".replace(".", ",")


class QmsTthcProcessingTime(models.Model):
    """The legal processing time of a procedure for one filing method.

    Provinces publish different limits per filing method (e.g. 5 working days at the desk, 3 when
    filed online); same-day procedures are given in working hours. A flow must fit each of them.
    """

    _name = "qms.tthc.processing.time"
    _description = "TTHC Processing Time"
    _order = "procedure_id, filing_method"

    procedure_id = fields.Many2one(
        "qms.tthc.procedure", required=True, ondelete="cascade", index=True
    )
    filing_method = fields.Selection(FILING_METHODS, required=True, default="direct")
    duration = fields.Float(required=True, digits=(6, 2))
    unit = fields.Selection(
        [("day", "Working Days"), ("hour", "Working Hours")], required=True, default="day"
    )
    company_id = fields.Many2one(related="procedure_id.company_id", store=True, index=True)

    _method_uniq = models.Constraint(
        "UNIQUE(procedure_id, filing_method)",
        "A procedure has one processing time per filing method.",
    )
    _duration_positive = models.Constraint(
        "CHECK(duration > 0)", "The processing time must be greater than zero."
    )

    @api.constrains("duration", "filing_method", "procedure_id")
    def _check_duration_and_method(self):
        """Checked in Python so the user reads why, rather than the database's refusal."""
        if any(line.duration <= 0 for line in self):
            raise ValidationError(self.env._("The processing time must be greater than zero."))
        for procedure in self.procedure_id:
            methods = procedure.processing_time_ids.mapped("filing_method")
            if len(methods) != len(set(methods)):
                raise ValidationError(
                    self.env._(
                        "%(code)s has two processing times for the same filing method.",
                        code=procedure.code,
                    )
                )

    @api.depends("filing_method", "duration", "unit")
    def _compute_display_name(self):
        methods = dict(self._fields["filing_method"]._description_selection(self.env))
        units = dict(self._fields["unit"]._description_selection(self.env))
        for line in self:
            line.display_name = (
                f"{methods.get(line.filing_method, '')}: {line.duration:g} "
                f"{units.get(line.unit, '')}"
            )

    # ------------------------------------------------------------------ flows out of date
    @api.model_create_multi
    def create(self, vals_list):
        times = super().create(vals_list)
        times.procedure_id._qms_legal_time_changed()
        return times

    def write(self, vals):
        procedures = self.procedure_id
        result = super().write(vals)
        (procedures | self.procedure_id)._qms_legal_time_changed()
        return result

    def unlink(self):
        procedures = self.procedure_id
        result = super().unlink()
        procedures.exists()._qms_legal_time_changed()
        return result

    def _qms_hours(self, hours_per_day):
        """Working hours of the limit; a working day counts `hours_per_day` hours."""
        self.ensure_one()
        return self.duration * (hours_per_day if self.unit == "day" else 1.0)

    # ------------------------------------------------------------------ text of the files
    @api.model
    def _qms_parse_text(self, text):
        """Read "Thời hạn giải quyết" as published, into {method: (duration, unit)}.

        Accepted: "05 ngày làm việc", "04 giờ làm việc", "Trong ngày" (1 working day), and
        segments per method separated by ";" or new lines, e.g. "Trực tiếp: 5 ngày làm việc;
        Trực tuyến, bưu chính: 3 ngày làm việc". A time without method applies to every method.
        Returns None when the text cannot be read.
        """
        result = {}
        segments = [s for s in re.split(r"[;\n]+", text or "") if s.strip()]
        if not segments:
            return None
        for segment in segments:
            label, _sep, value = segment.rpartition(":")
            methods = [m for m, word in METHOD_WORDS.items() if word in plain_text(label)]
            if label.strip() and not methods:
                return None
            parsed = self._qms_parse_duration(value)
            if not parsed:
                return None
            for method in methods or METHOD_WORDS:
                result.setdefault(method, parsed)
        return result

    @api.model
    def _qms_parse_duration(self, text):
        plain = plain_text(text)
        if re.fullmatch(r"(ngay )?trong (ngay|ngay lam viec)", plain):
            return (1.0, "day")
        match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(ngay|gio)(?: lam viec)?\.?", plain)
        if not match:
            return None
        duration = float(match.group(1).replace(",", "."))
        if duration <= 0:
            return None
        return (duration, "day" if match.group(2) == "ngay" else "hour")

    @api.model
    def _qms_format_text(self, lines):
        """The published text of `lines`, readable back by `_qms_parse_text`."""
        if not lines:
            return ""
        values = {(line.duration, line.unit) for line in lines}
        if len(values) == 1 and len(lines) == len(FILING_METHODS):
            duration, unit = values.pop()
            return f"{format_number(duration)} {UNIT_LABELS[unit]}"
        return "; ".join(
            f"{METHOD_LABELS[line.filing_method]}: {format_number(line.duration)} "
            f"{UNIT_LABELS[line.unit]}"
            for line in lines.sorted(
                lambda t: [m for m, _l in FILING_METHODS].index(t.filing_method)
            )
        )
