import re
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..deadline import KINDS, KINDS_WITH_DURATION, budget_hours

FILING_METHODS = [("direct", "Direct"), ("online", "Online"), ("postal", "Postal")]
# The longest limit a procedure may state: two years (of working or calendar days, or their
# working hours). Longer is a typing error, and a deadline that far cannot be dated: the
# planner loads twice the limit's days and the calendar stops at Odoo's horizon.
MAX_DURATION = {"day": 730, "calendar_day": 730, "hour": 730 * 8}
# Labels used in the provinces' files, matched on text without diacritics.
METHOD_WORDS = {"direct": "truc tiep", "online": "truc tuyen", "postal": "buu chinh"}
METHOD_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính"}
UNIT_LABELS = {"day": "ngày làm việc", "hour": "giờ làm việc", "calendar_day": "ngày"}
# Published wording of the kinds without a number.
KIND_TEXTS = {"same_day": "Trong ngày", "immediate": "Ngay", "unstated": "Không quy định"}
# Limits published in words (text without diacritics), in the order they are tried.
WORD_KINDS = [
    (r"khong (quy dinh|co|ap dung)( thoi han)?", "unstated"),
    (r"(ngay )?trong (ngay|ngay lam viec)\b.*", "same_day"),
    (r"(giai quyet |tra ket qua )?ngay( sau khi .*| khi .*)?", "immediate"),
]
# "sau 15 giờ", "sau 15h30", "sau 15:00", "sau 15 giờ 30 phút" (text without diacritics)
CUTOFF_PATTERN = re.compile(r"\bsau (\d{1,2})(?:\s*(?:gio|h|:)\s*(\d{1,2})?)(?:\s*phut)?")
DEFAULT_HOURS_PER_DAY = 8.0
# Words published before the number: a bullet, "Trong thời hạn", "Trong vòng", "Tối đa",
# "Không quá" (text without diacritics), in any combination.
LIMIT_PREFIX = re.compile(
    r"(?:[+\-\u2013\u2022*]\s*)?"
    r"(?:(?:trong )?thoi han(?: giai quyet)?(?: la)? |trong vong |toi da |khong qua |chua qua )*"
)
# What may follow the limit: where it counts from, the case it is for, the time it leaves out,
# or a longer limit for a special case ("trường hợp cần xác minh ...").
LIMIT_TAIL = re.compile(r"(ke tu|tinh tu|sau khi|tu ngay|tu khi|truong hop|doi voi|khong ke)\b")
# A segment giving the limit of a special case only, after the general one.
SPECIAL_CASE = re.compile(r"[+\-\u2013\u2022*\s]*(truong hop|neu)\b")


def plain_text(text):
    """Lowercase text without Vietnamese diacritics, for matching labels and headers."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip().lower()


def format_number(value):
    return f"{value:g}".replace(".", ",")


class QmsTthcProcessingTime(models.Model):
    """The legal processing time of a procedure for one filing method, of the kind published.

    Provinces publish different limits per filing method (e.g. 5 working days at the desk, 3 when
    filed online), in working days, working hours, calendar days, "trong ngày", "ngay", or not at
    all ("Không quy định"). The kind is kept as published (`unit`): how the limit is counted is
    in `odoo.addons.qms_iso9001_tthc.deadline`. Text that could not be read is kept as published,
    flagged, and gives no deadline. A flow must fit each limit that can be measured.
    """

    _name = "qms.tthc.processing.time"
    _inherit = ["qms.tthc.procedure.part.mixin"]
    _description = "TTHC Processing Time"
    _order = "procedure_id, filing_method"

    procedure_id = fields.Many2one(
        "qms.tthc.procedure", required=True, ondelete="cascade", index=True
    )
    filing_method = fields.Selection(FILING_METHODS, required=True, default="direct")
    duration = fields.Float(
        digits=(6, 2),
        default=0.0,
        help="The number of days or hours; none for the same-day, immediate and not stated kinds.",
    )
    unit = fields.Selection(
        KINDS,
        string="Kind",
        required=True,
        default="day",
        help="How the limit is counted. Working days: by default the reception day does not "
        "count and the limit ends at closing time of the N-th working day after it (Civil Code "
        "2015 Art. 147-148). Calendar days: every day counts; a limit ending on a day off ends "
        "at closing time of the next working day. Same day: closing time of the reception day. "
        "Not stated: no appointment date is given.",
    )
    text = fields.Char(
        string="Published Text", help="The limit as published, e.g. 05 ngày làm việc."
    )
    is_unreadable = fields.Boolean(
        string="To Review",
        help="The published text could not be read: it is kept as it is and gives no "
        "appointment date until the limit is entered.",
    )
    company_id = fields.Many2one(related="procedure_id.company_id", store=True, index=True)

    _method_uniq = models.Constraint(
        "UNIQUE(procedure_id, filing_method)",
        "A procedure has one processing time per filing method.",
    )
    _duration_positive = models.Constraint(
        "CHECK(duration >= 0)", "The processing time cannot be negative."
    )

    @api.constrains("duration", "unit", "filing_method", "procedure_id")
    def _check_duration_and_method(self):
        """Checked in Python so the user reads why, rather than the database's refusal."""
        if any(line.unit in KINDS_WITH_DURATION and line.duration <= 0 for line in self):
            raise ValidationError(self.env._("The processing time must be greater than zero."))
        if any(line.duration < 0 for line in self):
            raise ValidationError(self.env._("The processing time cannot be negative."))
        if any(line.duration > MAX_DURATION.get(line.unit, line.duration) for line in self):
            raise ValidationError(
                self.env._(
                    "A processing time is at most two years (730 days, or 5,840 working hours): "
                    "check the figure typed."
                )
            )
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
            amount = f"{line.duration:g} " if line.unit in KINDS_WITH_DURATION else ""
            line.display_name = (
                f"{methods.get(line.filing_method, '')}: {amount}{units.get(line.unit, '')}"
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
        """Working hours of the limit, for the check of a flow's steps; None when it cannot be
        measured (immediately, not stated, or unreadable): see `budget_hours`."""
        self.ensure_one()
        if self.is_unreadable:
            return None
        return budget_hours(self.unit, self.duration, hours_per_day)

    # ------------------------------------------------------------------ text of the files
    @api.model
    def _qms_parse_text(self, text):
        """Read "Thời hạn giải quyết" as published, into {method: (duration, kind)}.

        Accepted: "05 ngày làm việc" (day), also after "Trong thời hạn", "Tối đa không quá",
        "Không quá" or a bullet, "04 giờ làm việc" (hour), "30 ngày" (calendar_day;
        a fraction such as "0,5 ngày" is half a working day), "Trong ngày" / "Ngay trong ngày"
        (same_day, duration 0), "Ngay" (immediate), "Không quy định" (unstated), with words
        after the number ("kể từ ngày nhận đủ hồ sơ hợp lệ"), and segments per method separated
        by ";" or new lines, e.g. "Trực tiếp: 5 ngày làm việc; Trực tuyến, bưu chính: 3 ngày
        làm việc". A time without method applies to every method. The general limit is read;
        a longer one for a special case ("trường hợp cần xác minh thì không quá 10 ngày"), in
        the same sentence or a segment of its own, is left in the published text. The cut-off
        clause ("sau 15 giờ thì trong ngày làm việc tiếp theo") is read by `_qms_parse_cutoff`
        and skipped here.
        Returns None when the text cannot be read.
        """
        result = {}
        segments = []
        # a ";" inside brackets separates what the limit leaves out, not two limits
        text = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(";", ","), text or "")
        for segment in re.split(r"[;\n]+", text):
            plain = plain_text(segment)
            cutoff = CUTOFF_PATTERN.search(plain)
            if cutoff:
                # "Trong ngày, sau 15 giờ thì ...": the limit before the clause, if any
                plain = plain[: cutoff.start()].strip(" ,.-")
                if not self._qms_parse_duration(plain.rpartition(":")[2]):
                    continue
            if plain:
                segments.append(plain)
        if not segments:
            return None
        general = [seg for seg in segments if not SPECIAL_CASE.match(seg)]
        for segment in general or segments:
            label, _sep, value = segment.rpartition(":")
            methods = [m for m, word in METHOD_WORDS.items() if word in label]
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
        """(duration, kind) of one published limit, None when unreadable."""
        plain = plain_text(text).strip(" .,")
        for pattern, kind in WORD_KINDS:
            if re.fullmatch(pattern, plain):
                return (0.0, kind)
        plain = plain[LIMIT_PREFIX.match(plain).end() :]
        match = re.match(r"(\d+(?:[.,]\d+)?)\s*(ngay|gio)( lam viec)?\b(.*)", plain)
        tail = match and match.group(4).strip(" ,.()")
        if not match or (tail and not LIMIT_TAIL.match(tail)):
            return None
        duration = float(match.group(1).replace(",", "."))
        if duration <= 0:
            return None
        if match.group(2) == "gio":
            kind = "hour"
        elif match.group(3) or not duration.is_integer():
            kind = "day"
        else:
            kind = "calendar_day"
        return (duration, kind)

    @api.model
    def _qms_parse_cutoff(self, text):
        """The reception cut-off a published limit carries ("sau 15 giờ thì ngày làm việc
        tiếp theo": 15.0), None when it names none."""
        match = CUTOFF_PATTERN.search(plain_text(text))
        if not match:
            return None
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            return None
        return hour + minute / 60.0

    @api.model
    def _qms_format_one(self, line):
        if line.unit in KIND_TEXTS:
            return KIND_TEXTS[line.unit]
        return f"{format_number(line.duration)} {UNIT_LABELS[line.unit]}"

    @api.model
    def _qms_format_text(self, lines):
        """The published text of `lines`, readable back by `_qms_parse_text`; a text that could
        not be read is given back as published."""
        if not lines:
            return ""
        unreadable = lines.filtered("is_unreadable")
        if unreadable and unreadable[0].text:
            return unreadable[0].text
        values = {(line.duration, line.unit) for line in lines}
        if len(values) == 1 and len(lines) == len(FILING_METHODS):
            return self._qms_format_one(lines[0])
        return "; ".join(
            f"{METHOD_LABELS[line.filing_method]}: {self._qms_format_one(line)}"
            for line in lines.sorted(
                lambda t: [m for m, _l in FILING_METHODS].index(t.filing_method)
            )
        )
