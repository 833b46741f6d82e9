"""The one rule that dates a TTHC time limit: appointments, step deadlines, reminders.

Every deadline of the one-stop desk is computed by `compute_deadline`, on the agency's deadline
calendar (working hours, public holidays, swapped working days) loaded in a planner (see
`qms_iso9001.models.resource_calendar.QmsDeadlinePlanner`). Kinds of limit, as published:

- ``day`` (working days, "05 ngày làm việc"). Default reading, Civil Code 2015 Art. 147-148: the
  day of reception does not count; the limit ends at closing time of the N-th working day after
  it (a 3-day dossier received Monday morning is due Thursday at closing time). The agency may
  choose instead the reading of many provincial systems: N x (hours of a working day) working
  hours added to the reception moment (`res.company.qms_tthc_day_counting`). A fraction of a
  day ("0,5 ngày") is always read as working hours.
- ``hour`` (working hours, "04 giờ làm việc"): added to the reception moment within the
  working calendar (lunch breaks, nights, days off skipped).
- ``calendar_day`` ("30 ngày"): Civil Code Art. 147: counted from the day after the reception
  day, every day counting; Art. 148: the limit ends at the end of its last day, and when that
  day is a weekend day or a public holiday, at the end of the next working day. "The end of the
  day" is read as the closing time of the agency, which receives and returns results only
  during working hours.
- ``same_day`` ("trong ngày"): closing time of the day of reception (of the next working day
  when received on a day off or after closing time).
- ``immediate`` ("ngay"): the law gives no measure; the result is due by closing time of the
  day of reception, so that a dossier handled at the desk is never marked late within its day.
  No cut-off applies.
- ``unstated`` ("Không quy định", or text that could not be read): no deadline is invented.

The reception cut-off (e.g. "sau 15 giờ thì ngày làm việc tiếp theo") belongs to a procedure,
not to every procedure: a dossier received after it (15:00 itself is still in time) counts as
received at the opening of the next working day, and for a limit in days that next working day
is then the reception day, which does not count.
"""

from datetime import datetime, time, timedelta

import pytz

KINDS = [
    ("day", "Working Days"),
    ("hour", "Working Hours"),
    ("calendar_day", "Calendar Days"),
    ("same_day", "Same Day"),
    ("immediate", "Immediately"),
    ("unstated", "Not Stated"),
]
# kinds whose duration is a number the limit is measured in
KINDS_WITH_DURATION = ("day", "hour", "calendar_day")
# kinds a flow's steps cannot be checked against
KINDS_WITHOUT_CHECK = ("immediate", "unstated")
DAY_COUNTINGS = [
    ("civil_code", "Civil Code: the reception day does not count, ends at closing time"),
    ("hours", "Working hours: N x the hours of a working day from the reception moment"),
]


def _local_hour(planner, moment):
    aware = moment if moment.tzinfo else pytz.utc.localize(moment)
    local = aware.astimezone(planner.tz)
    return local.hour + local.minute / 60.0 + local.second / 3600.0


def counting_start(planner, moment, cutoff_hour=None):
    """When the limit starts for something received at ``moment`` (naive UTC): at once, or at
    the opening of the next working day when received after ``cutoff_hour`` (local time; None
    or False: the procedure has no cut-off)."""
    if cutoff_hour is None or cutoff_hour is False:
        return moment
    if _local_hour(planner, moment) <= cutoff_hour:
        return moment
    return planner.next_working_day_start(moment) or moment


def _local_day_moment(planner, day):
    """Noon of a local day as naive UTC: a moment that surely lies on that day."""
    aware = planner.tz.localize(datetime.combine(day, time(12, 0)))
    return aware.astimezone(pytz.utc).replace(tzinfo=None)


def _same_day(planner, start, _duration, _counting, _hours_per_day):
    return planner.end_of_working_day(start, 1)


def _working_hours(planner, start, duration, _counting, _hours_per_day):
    return planner.add(start, duration, "hour")


def _calendar_days(planner, start, duration, _counting, _hours_per_day):
    days = max(round(duration), 1)
    start_day = pytz.utc.localize(start).astimezone(planner.tz).date()
    # the N-th day after the reception day if it is worked, else the next working day
    day_before_last = start_day + timedelta(days=days - 1)
    return planner.end_of_working_day_after(_local_day_moment(planner, day_before_last), 1)


def _counts_whole_days(kind, duration, counting):
    """Whether a limit is read as whole working days (Civil Code), not as working hours."""
    return (
        kind == "day"
        and counting == "civil_code"
        and float(duration or 0).is_integer()
        and (duration or 0) >= 1
    )


def _working_days(planner, start, duration, counting, hours_per_day):
    if _counts_whole_days("day", duration, counting):
        return planner.end_of_working_day_after(start, int(duration))
    return planner.add(start, duration * hours_per_day, "hour")


RULES = {
    "same_day": _same_day,
    "hour": _working_hours,
    "calendar_day": _calendar_days,
    "day": _working_days,
}


def compute_deadline(
    planner, moment, kind, duration, *, cutoff_hour=None, counting="civil_code", hours_per_day=8.0
):
    """(counting start, deadline) of a limit of ``kind`` and ``duration`` for something
    received (or handed over) at ``moment``, naive UTC; the deadline is False when the limit is
    not stated, or when the calendar has no working time to date it (see the module doc)."""
    if kind == "immediate":
        return moment, planner.end_of_working_day(moment, 1)
    start = counting_start(planner, moment, cutoff_hour)
    rule = RULES.get(kind)
    if not rule:
        return start, False
    return start, rule(planner, start, duration or 0.0, counting, hours_per_day)


def budget_hours(kind, duration, hours_per_day):
    """Working hours a limit or a step stands for, to check that a flow's steps add up to the
    legal time; None when it cannot be measured (immediately, not stated). A working day counts
    `hours_per_day` hours, a same-day limit one working day, and calendar days the working days
    of as many days of an ordinary week (30 days: 4 weeks and 2 days, 22 working days): the
    holidays of the year a dossier will come in are not known when its flow is drafted."""
    if kind == "day":
        return duration * hours_per_day
    if kind == "hour":
        return duration
    if kind == "same_day":
        return hours_per_day
    if kind == "calendar_day":
        days = round(duration)
        return (days // 7 * 5 + min(days % 7, 5)) * hours_per_day
    return None


def working_hours_later(planner, moment, hours):
    """``hours`` working hours after ``moment`` (one working day before an appointment, for
    apologies and their reminders); False when the calendar cannot say."""
    return planner.add(moment, hours, "hour")


def _local_date(planner, moment):
    aware = moment if moment.tzinfo else pytz.utc.localize(moment)
    return aware.astimezone(planner.tz).date()


def working_days_between(planner, after, until):
    """Working days whose local date is later than the day of ``after`` and not later than the
    day of ``until`` (naive UTC moments): the whole days of a limit still ahead."""
    if until <= after:
        return 0
    planner.worked_hours(after, until)  # loads the range the days are read from
    first, last = _local_date(planner, after), _local_date(planner, until)
    return len({day for day in planner.dates if first < day <= last})


def resume_deadline(
    planner,
    kind,
    duration,
    deadline,
    *,
    paused_at,
    resumed_at,
    cutoff_hour=None,
    counting="civil_code",
    hours_per_day=8.0,
):
    """(counting start, deadline) of a limit that was paused at ``paused_at`` and resumes at
    ``resumed_at`` (a supplement during handling): the time already spent counts, and what was
    left of the limit is counted again from the resumption by `compute_deadline`'s rule.

    What was left is measured in the limit's own unit: for working days read by the Civil Code,
    the working days after the day of the pause up to the deadline's day (the day of the pause
    was being spent; the day of the resumption does not count, as a reception day); for
    calendar days, the days from the day of the pause to the deadline's day; otherwise the
    working hours from the pause to the deadline. A same-day or immediate limit starts again.
    Nothing left (the limit had run out when it paused): due at the resumption itself.
    ``deadline`` False (no limit stated): none is invented."""
    if not deadline:
        return counting_start(planner, resumed_at, cutoff_hour), False
    if kind in ("same_day", "immediate"):
        return compute_deadline(planner, resumed_at, kind, 0, cutoff_hour=cutoff_hour)
    if _counts_whole_days(kind, duration, counting):
        left, left_kind = working_days_between(planner, paused_at, deadline), "day"
    elif kind == "calendar_day":
        left = (_local_date(planner, deadline) - _local_date(planner, paused_at)).days
        left_kind = "calendar_day"
    else:
        left, left_kind = planner.worked_hours(paused_at, deadline), "hour"
    if left <= 0:
        return resumed_at, resumed_at
    return compute_deadline(
        planner,
        resumed_at,
        left_kind,
        left,
        cutoff_hour=cutoff_hour,
        counting=counting,
        hours_per_day=hours_per_day,
    )
