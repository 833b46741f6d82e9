import bisect
import logging
import math
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=pytz.utc)
# plan_days/plan_hours walk the calendar in 14-day windows; plan_days stops at a window edge
# when that edge cuts the first working interval of the last day, and we reproduce it.
_ODOO_WINDOW = 14 * 86400.0
_ODOO_HORIZON_DAYS = 1400


def _to_seconds(moment):
    """Seconds since the epoch; naive datetimes are UTC, as everywhere in the ORM."""
    if moment.tzinfo is None:
        moment = pytz.utc.localize(moment)
    return (moment - _EPOCH).total_seconds()


class QmsDeadlinePlanner:
    """Working intervals of one calendar over a date range, loaded once.

    Dating thousands of dossiers with ``resource.calendar.plan_days`` costs several queries and
    a full interval computation per dossier; here the intervals (attendances minus global
    leaves, plus swapped working days) are flattened into sorted arrays with running totals, so
    each deadline is two binary searches in pure Python.
    """

    def __init__(self, calendar, date_from, date_to):
        self.calendar = calendar
        self.tz = pytz.timezone(calendar.tz or "UTC")
        self.holiday_years = None  # years with public holidays, read at the first deadline
        # the agency's current year, and the span (seconds) of the last year checked for public
        # holidays: dating thousands of deadlines converts no date twice to check it
        self.this_year = datetime.now(self.tz).year
        self.checked_span = (0.0, 0.0)
        self._load(date_from, date_to)

    # ------------------------------------------------------------------ loading
    def _load(self, date_from, date_to):
        calendar = self.calendar
        start = pytz.utc.localize(
            datetime.combine(date_from - timedelta(days=1), datetime.min.time())
        )
        stop = pytz.utc.localize(datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        intervals = [
            (_to_seconds(begin), _to_seconds(end), begin.date())
            for begin, end, _meta in calendar._work_intervals_batch(start, stop)[False]
        ]
        worked_dates = {day for _begin, _end, day in intervals}
        for working_day in calendar._qms_working_days(start.date(), stop.date()):
            if working_day.date not in worked_dates:
                intervals.extend(working_day._qms_intervals())
        intervals = sorted(i for i in intervals if i[1] > i[0])
        self.date_from, self.date_to = date_from, date_to
        self.range_start, self.range_stop = _to_seconds(start), _to_seconds(stop)
        self.starts = [i[0] for i in intervals]
        self.dates = [i[2] for i in intervals]
        self.stops = [i[1] for i in intervals]
        self.cumulative = []  # worked seconds at the end of each interval
        self.day_rank = []  # rank of the interval's local date among worked dates
        self.first_of_rank = []  # index of the first interval of each worked date
        total, previous_day = 0.0, None
        for index, (begin, end, day) in enumerate(intervals):
            total += end - begin
            self.cumulative.append(total)
            if day != previous_day:
                self.first_of_rank.append(index)
                previous_day = day
            self.day_rank.append(len(self.first_of_rank) - 1)

    def _extend(self, start_seconds):
        """Deadlines past the loaded range reload a wider one instead of failing."""
        span = max((self.date_to - self.date_from).days, 60) * 2
        moment_day = datetime.fromtimestamp(start_seconds, pytz.utc).date()
        date_from = min(self.date_from, moment_day)
        date_to = max(self.date_to, moment_day) + timedelta(days=span)
        if (date_to - moment_day).days > _ODOO_HORIZON_DAYS * 2:
            return False
        self._load(date_from, date_to)
        return True

    # ------------------------------------------------------------------ planning
    def add(self, start, amount, unit="day"):
        """The moment ``amount`` working days or hours after ``start``, as plan_days/plan_hours
        (compute_leaves=True) would give it; naive in, naive (UTC) out; False when the calendar
        has no working time within Odoo's horizon."""
        if amount < 0:
            raise UserError(self.calendar.env._("A deadline cannot count working time backwards."))
        if unit not in ("day", "hour"):
            raise UserError(self.calendar.env._("Working time is counted in days or hours."))
        if unit == "day" and not amount:
            return start
        return self._locate(start, lambda moment: self._plan(moment, amount, unit))

    def _from_seconds(self, seconds, like):
        result = datetime.fromtimestamp(round(seconds), pytz.utc)
        return (
            result.replace(tzinfo=None) if like.tzinfo is None else result.astimezone(like.tzinfo)
        )

    def _locate(self, start, compute):
        """Run ``compute(seconds)`` (None: range too short), widening the range as needed."""
        moment = _to_seconds(start)
        while True:
            if moment < self.range_start and not self._extend(moment):
                return False
            result = compute(moment)
            if result is not None:
                if result is False:
                    return False
                self._check_holiday_year(result)
                return self._from_seconds(result, start)
            if not self._extend(moment):
                return False

    def end_of_working_day(self, start, days):
        """The end of the ``days``-th working day, the day of ``start`` counting as the first
        when ``start`` is before its end (a citizen's appointment is at closing time, not at
        the end of the morning as plan_days would have it)."""
        if days < 1:
            raise UserError(self.calendar.env._("Count at least one working day."))

        return self._locate(
            start,
            lambda moment: self._closing_of(bisect.bisect_right(self.stops, moment), days),
        )

    def end_of_working_day_after(self, start, days):
        """The closing time of the ``days``-th working day after the local day of ``start``:
        that day itself never counts, whatever the hour (Civil Code 2015 Art. 147: a limit in
        days starts the day after the event; Art. 148: it ends at the end of its last day,
        here the closing time of that working day)."""
        if days < 1:
            raise UserError(self.calendar.env._("Count at least one working day."))

        return self._locate(
            start,
            lambda moment: self._closing_of(
                bisect.bisect_right(self.dates, self._local_date_of(moment)), days
            ),
        )

    def _closing_of(self, first, days):
        """Closing time of the ``days``-th working day counted from the day of interval
        ``first`` (seconds), None when the loaded range is too short."""
        if first == len(self.stops):
            return None
        rank = self.day_rank[first] + int(days) - 1
        if rank + 1 >= len(self.first_of_rank):
            return None
        return self.stops[self.first_of_rank[rank + 1] - 1]

    def next_working_day_start(self, start):
        """The opening of the first working day after the local day of ``start``."""

        def compute(moment):
            index = bisect.bisect_right(self.dates, self._local_date_of(moment))
            return None if index == len(self.dates) else self.starts[index]

        return self._locate(start, compute)

    def counting_start(self, moment, cutoff_hour):
        """When a time limit starts for something received at ``moment``: at once, or at the
        opening of the next working day when received after ``cutoff_hour`` local time (the
        one-stop rule: a dossier received after 15:00 counts from the next working day)."""
        aware = moment if moment.tzinfo else pytz.utc.localize(moment)
        local = aware.astimezone(self.tz)
        if local.hour + local.minute / 60.0 + local.second / 3600.0 <= cutoff_hour:
            return moment
        return self.next_working_day_start(moment) or moment

    def _check_holiday_year(self, seconds):
        """A deadline in a year whose public holidays are not in the calendar would fall on a
        holiday without anyone knowing: warn the QMS managers. The years that have holidays
        are read once per planner, so many deadlines cost no more queries."""
        if self.checked_span[0] <= seconds < self.checked_span[1]:
            return
        year = self._local_date_of(seconds).year
        self.checked_span = (self._year_start(year), self._year_start(year + 1))
        if year < self.this_year:
            return
        if self.holiday_years is None:
            self.holiday_years = self.calendar._qms_years_with_holidays()
        if year not in self.holiday_years:
            self.holiday_years.add(year)  # one warning per planner and year
            self.calendar._qms_warn_missing_holidays(year)

    def _year_start(self, year):
        """Seconds of the local midnight opening ``year``."""
        return _to_seconds(self.tz.localize(datetime(year, 1, 1)))

    def is_working_day(self, moment):
        """Whether the local day of ``moment`` (naive UTC or aware) has working time on this
        calendar: not a weekend, a public holiday or a day off swapped for a worked Saturday."""
        seconds = _to_seconds(moment)
        day = self._local_date_of(seconds)
        if not (self.date_from <= day <= self.date_to):
            self._extend(seconds)
        return day in set(self.dates)

    def _local_date_of(self, seconds):
        return datetime.fromtimestamp(seconds, pytz.utc).astimezone(self.tz).date()

    def worked_hours(self, date_from, date_to):
        """Working hours between two moments on this calendar (0 when ``date_to`` is earlier)."""
        begin, end = _to_seconds(date_from), _to_seconds(date_to)
        if end <= begin:
            return 0.0
        while begin < self.range_start or end > self.range_stop:
            self._load(min(self.date_from, date_from.date()), max(self.date_to, date_to.date()))
        return (self._worked_at(end) - self._worked_at(begin)) / 3600.0

    def _worked_at(self, seconds):
        index = bisect.bisect_right(self.starts, seconds) - 1
        if index < 0:
            return 0.0
        return self.cumulative[index] - max(0.0, self.stops[index] - seconds)

    def _plan(self, moment, amount, unit):
        """Seconds of the deadline; None when the loaded range is too short."""
        first = bisect.bisect_right(self.stops, moment)
        if first == len(self.stops):
            return None if self.range_stop - moment < _ODOO_HORIZON_DAYS * 86400 else False
        if unit == "hour":
            return self._plan_hours(moment, first, amount * 3600.0)
        return self._plan_days(moment, first, math.ceil(amount))

    def _plan_hours(self, moment, first, seconds):
        begin = max(moment, self.starts[first])
        if not seconds:
            return begin
        worked_before = self.cumulative[first] - (self.stops[first] - begin)
        target = worked_before + seconds
        last = bisect.bisect_left(self.cumulative, target - 1e-6, lo=first)
        if last == len(self.cumulative):
            return None
        return self.stops[last] - (self.cumulative[last] - target)

    def _plan_days(self, moment, first, days):
        rank = self.day_rank[first] + days - 1
        if rank >= len(self.first_of_rank):
            return None
        last = max(self.first_of_rank[rank], first)
        begin, end = max(moment, self.starts[last]), self.stops[last]
        window_edge = moment + (math.floor((begin - moment) / _ODOO_WINDOW) + 1) * _ODOO_WINDOW
        return window_edge if begin < window_edge < end else end


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    qms_working_day_ids = fields.One2many(
        "qms.working.day",
        "calendar_id",
        string="Swapped Working Days",
        help="Weekend days worked in exchange for a day off next to a holiday (ngày làm bù).",
    )

    def _qms_works_on(self, weekday):
        """The attendances (lunch breaks and section lines left out) of a weekday, 0 = Monday."""
        self.ensure_one()
        return self.attendance_ids.filtered(
            lambda a: a.dayofweek == str(weekday) and a.day_period != "lunch" and not a.display_type
        )

    def _qms_working_days(self, date_from, date_to):
        self.ensure_one()
        return self.env["qms.working.day"].search(
            [
                ("calendar_id", "=", self.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )

    def _qms_deadline_planner(self, date_from, date_to):
        """One load of working time between two dates for many deadlines (see the planner)."""
        self.ensure_one()
        return QmsDeadlinePlanner(self, date_from, date_to)

    @api.model
    def _qms_planner_range(self, start, amount, unit):
        """A range wide enough for most single deadlines: weekends and Tết included."""
        days = amount if unit == "day" else amount / 4.0
        return start.date() - timedelta(days=1), start.date() + timedelta(days=int(days * 2) + 30)

    def _qms_add_working_time(self, start, amount, unit="day"):
        """The one way QMS deadlines are dated: `amount` working days or hours after `start`
        on this calendar, its public holidays and its swapped working days.

        The answers are Odoo's (plan_days/plan_hours with compute_leaves=True) so that a date
        shown by Odoo's own screens never disagrees: the N-th day ends at the end of its first
        working period after `start` (11:30 on a whole day), and hours that run out exactly at
        a break end at the break. Many deadlines at once: use `_qms_deadline_planner`."""
        self.ensure_one()
        date_from, date_to = self._qms_planner_range(start, amount, unit)
        return self._qms_deadline_planner(date_from, date_to).add(start, amount, unit)

    # ------------------------------------------------------------------ public holidays by year
    qms_missing_holiday_years = fields.Char(
        string="Years Without Public Holidays",
        compute="_compute_qms_missing_holiday_years",
        help="This year or the next has no public holiday in this calendar: deadlines falling "
        "in it would count holidays as working days.",
    )

    @api.depends_context("tz")
    def _compute_qms_missing_holiday_years(self):
        years = self._qms_coming_years()
        for calendar in self:
            if not calendar.id:
                calendar.qms_missing_holiday_years = False
                continue
            with_holidays = calendar._qms_years_with_holidays()
            missing = [str(year) for year in years if year not in with_holidays]
            calendar.qms_missing_holiday_years = ", ".join(missing) or False

    @api.model
    def _qms_coming_years(self):
        """The current year and the next: the years deadlines are computed into."""
        year = fields.Date.context_today(self).year
        return [year, year + 1]

    def _qms_years_with_holidays(self):
        """Local years in which this calendar has at least one public holiday (global leave).

        One query; a leave across New Year counts for both years."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_read(
                [("calendar_id", "=", self.id), ("resource_id", "=", False)],
                ["date_from", "date_to"],
            )
        )
        years = set()
        for leave in leaves:
            first = pytz.utc.localize(leave["date_from"]).astimezone(tz).year
            last = pytz.utc.localize(leave["date_to"]).astimezone(tz).year
            years.update(range(first, last + 1))
        return years

    def _qms_warn_missing_holidays(self, year):
        """Tell the QMS managers once per calendar and year (remembered in a system parameter,
        whose cached read costs no query) that a deadline fell in a year without holidays."""
        self.ensure_one()
        parameters = self.env["ir.config_parameter"].sudo()
        key = f"qms_iso9001.missing_holidays_warned.{self.id}.{year}"
        if parameters.get_param(key):
            return
        _logger.warning(
            "Deadline computed into %s, a year without public holidays in calendar %s (id %s)",
            year,
            self.name,
            self.id,
        )
        parameters.set_param(key, fields.Datetime.to_string(fields.Datetime.now()))
        managers = (
            self.env.ref("qms_iso9001.group_qms_manager")
            .sudo()
            .all_user_ids.filtered(lambda user: user.active and not user.share)
        )
        managers -= self.env.ref("base.user_root")
        if self.company_id:
            managers = managers.filtered(lambda user: self.company_id in user.company_ids)
        if not managers:
            return
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=managers.partner_id.ids,
            subject=self.env._("Public holidays of %(year)s missing", year=year),
            body=self.env._(
                "A deadline was computed into %(year)s, but the working calendar %(calendar)s "
                "has no public holiday in that year: holidays count as working days. Import "
                "them under QMS > Configuration > Working Time > Import Public Holidays, then "
                "check the deadlines already dated.",
                year=year,
                calendar=self.name,
            ),
        )

    @api.model
    def _qms_cron_fill_public_holidays(self, years=None):
        """Fill the public holidays (and swapped working days) of the current and next year into
        each agency's deadline calendar, through the import wizard's own proposal and import.

        A year that already has at least one public holiday in a calendar is left as the admin
        left it: a day deleted or moved by hand is never put back and nothing is removed, so
        the action can run every day."""
        years = years or self._qms_coming_years()
        companies = self.env["res.company"].sudo().search([])
        # each calendar is filled as its (first) agency: the days are named in its language
        agency_of = {}
        for company in companies:
            agency_of.setdefault(company._qms_deadline_calendar(), company)
        filled = {}
        for agency_calendar, company in agency_of.items():
            calendar = agency_calendar.sudo().with_company(company)
            with_holidays = calendar._qms_years_with_holidays()
            for year in years:
                if year not in with_holidays and calendar._qms_fill_public_holidays(year):
                    filled.setdefault(calendar, []).append(year)
        return filled

    def _qms_fill_public_holidays(self, year):
        """The wizard's proposed days, ticked ones only, imported without a preview; False when
        the `holidays` package knows no day for that year."""
        self.ensure_one()
        wizard = self.env["qms.holiday.import"].create({"year": year, "calendar_id": self.id})
        proposed = [values for values in wizard._qms_proposed_days() if values["selected"]]
        if not proposed:
            return False
        wizard.line_ids = [fields.Command.create(values) for values in proposed]
        wizard.action_import()
        _logger.info("Public holidays of %s filled into calendar %s", year, self.name)
        return True
