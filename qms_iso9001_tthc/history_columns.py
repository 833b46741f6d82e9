"""The columns of the dossier histories exported by the provinces' TTHC systems (issue 15).

Each system names its columns its own way; an agency maps them once per source system (see
`qms.tthc.import.mapping`). These are the targets a column can feed, the headers the systems
are known to print for each (matched without diacritics, case or punctuation), and the readers
of the cells that are the same whatever the system: dates and moments, channels and states.
"""

import datetime
import re

from openpyxl.utils.datetime import from_excel

from .models.qms_tthc_processing_time import plain_text

# (target, label, known headers without diacritics)
TARGETS = [
    ("external_code", "Dossier Code", ("ma ho so", "so ho so", "ma so ho so", "so bien nhan")),
    ("procedure_code", "Procedure Code", ("ma thu tuc", "ma tthc", "ma thu tuc hanh chinh")),
    (
        "applicant",
        "Applicant",
        ("nguoi nop", "chu ho so", "ten nguoi nop", "nguoi nop ho so", "to chuc ca nhan"),
    ),
    ("received_at", "Received On", ("ngay tiep nhan", "thoi gian tiep nhan", "ngay nhan ho so")),
    (
        "appointment_date",
        "Appointment Date",
        ("ngay hen tra", "ngay hen tra ket qua", "han tra ket qua"),
    ),
    (
        "resolved_at",
        "Resolved On",
        ("ngay co ket qua", "ngay giai quyet xong", "ngay ket thuc xu ly"),
    ),
    ("returned_at", "Returned On", ("ngay tra ket qua", "ngay da tra ket qua")),
    ("channel", "Channel", ("hinh thuc nop", "hinh thuc tiep nhan", "kenh tiep nhan")),
    ("status", "Status", ("trang thai", "tinh trang", "trang thai ho so")),
    ("step_name", "Step", ("buoc xu ly", "ten buoc", "cong viec", "buoc")),
    ("user", "Officer", ("can bo xu ly", "nguoi xu ly", "can bo")),
    ("department", "Unit", ("don vi", "don vi xu ly", "phong ban", "co quan xu ly")),
    ("step_start", "Step Taken On", ("ngay nhan buoc", "thoi diem nhan", "ngay bat dau")),
    ("step_deadline", "Step Deadline", ("han xu ly", "han buoc", "han xu ly buoc")),
    ("step_done", "Step Handed On", ("ngay chuyen", "thoi diem chuyen", "ngay hoan thanh")),
]
TARGET_SELECTION = [(target, label) for target, label, _headers in TARGETS]
# Read once per dossier, from every row of it in the per-hand-over layout (they must agree).
DOSSIER_TARGETS = (
    "procedure_code",
    "applicant",
    "received_at",
    "appointment_date",
    "resolved_at",
    "returned_at",
    "channel",
    "status",
)
STEP_TARGETS = ("step_name", "user", "department", "step_start", "step_deadline", "step_done")
REQUIRED_TARGETS = ("procedure_code", "applicant", "received_at")
MOMENT_TARGETS = (
    "received_at",
    "appointment_date",
    "resolved_at",
    "returned_at",
    "step_start",
    "step_deadline",
    "step_done",
)
# A deadline given as a day lasts the whole day; any other moment given as a day is its start.
END_OF_DAY_TARGETS = ("appointment_date", "step_deadline")
LAYOUTS = [("dossier", "One Row per Dossier"), ("handover", "One Row per Hand-over")]

CHANNEL_WORDS = [
    ("online", ("truc tuyen", "online", "dich vu cong", "dvc")),
    ("postal", ("buu chinh", "buu dien", "postal")),
    ("direct", ("truc tiep", "direct", "mot cua", "tai quay")),
]
# Words of the states as the systems print them, tried in this order.
STATUS_WORDS = [
    ("refused", ("tu choi", "khong giai quyet", "khong tiep nhan")),
    ("withdrawn", ("rut", "dung xu ly", "huy")),
    ("supplement", ("bo sung",)),
    ("returned", ("da tra", "tra ket qua", "hoan tra")),
    ("resolved", ("co ket qua", "da giai quyet", "hoan thanh", "da xu ly")),
    ("in_progress", ("dang xu ly", "dang giai quyet", "cho xu ly", "da tiep nhan", "tiep nhan")),
]
MOMENT_PATTERNS = [
    # 12/03/2025, 12-03-2025, 12.03.2025 with an optional time after or before
    re.compile(
        r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
        r"(?:[ T,]+(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
    ),
    re.compile(
        r"^(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?[ ,]+"
        r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"
    ),
    re.compile(
        r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
        r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
    ),
]
# Excel serial numbers of plausible days (1954..2173): anything else is no date.
EXCEL_SERIALS = (20000, 100000)


def header_key(text):
    """A header as compared with the known ones: no diacritics, case or punctuation."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", plain_text(str(text or ""))).split())


def guess_target(header):
    """The target a header names, or None."""
    key = header_key(header)
    if not key:
        return None
    for target, _label, headers in TARGETS:
        if key in headers:
            return target
    return None


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_local_moment(value):  # noqa: PLR0911
    """(local naive datetime, whether only the day was given) of a cell, or None when it holds
    no readable moment: an Excel date, an Excel serial number, or text written dd/mm/yyyy with
    an optional time (before or after), or yyyy-mm-dd."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime.datetime):
        day_only = value.time() == datetime.time.min
        return value.replace(tzinfo=None, microsecond=0), day_only
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time.min), True
    if isinstance(value, int | float):
        if not (EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]):
            return None
        moment = from_excel(value)
        if not isinstance(moment, datetime.datetime):
            return None
        moment = moment.replace(microsecond=0)
        return moment, moment.time() == datetime.time.min
    text = " ".join(str(value or "").split())
    for pattern in MOMENT_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        try:
            moment = datetime.datetime(
                int(parts["y"]),
                int(parts["m"]),
                int(parts["d"]),
                int(parts["H"] or 0),
                int(parts["M"] or 0),
                int(parts["S"] or 0),
            )
        except ValueError:
            return None
        return moment, parts["H"] is None
    return None


def read_words(text, table):
    """The key of the first entry of `table` whose words appear in `text`, or None."""
    plain = header_key(text)
    if not plain:
        return None
    padded = f" {plain} "
    for key, words in table:
        if any(f" {word} " in padded for word in words):
            return key
    return None
