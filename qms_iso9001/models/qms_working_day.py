from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.date_utils import float_to_time

from .resource_calendar import _to_seconds

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class QmsWorkingDay(models.Model):
    """A weekend day worked to make up for a day off next to a holiday (ngày làm bù).

    Odoo's calendars can take days off but not add a working day outside the week pattern, so
    the deadline planner adds these explicitly, with the hours of an ordinary weekday.
    """

    _name = "qms.working.day"
    _description = "Swapped Working Day"
    _order = "date desc"

    name = fields.Char(string="Reason", required=True)
    date = fields.Date(required=True, help="The weekend day that is worked.")
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    worked_as = fields.Selection(
        WEEKDAYS,
        string="Hours Of",
        required=True,
        default="0",
        help="The weekday whose working hours apply on this day.",
    )
    replaced_date = fields.Date(
        string="Replaces Day Off",
        help="The day off this working day makes up for, for the record.",
    )

    _calendar_date_unique = models.UniqueIndex("(calendar_id, date)")

    @api.constrains("date", "calendar_id")
    def _check_date(self):
        for day in self:
            if (
                self.search_count(
                    [("calendar_id", "=", day.calendar_id.id), ("date", "=", day.date)]
                )
                > 1
            ):
                raise ValidationError(
                    self.env._(
                        "%(date)s is already a swapped working day of %(calendar)s.",
                        date=day.date.strftime("%d/%m/%Y"),
                        calendar=day.calendar_id.name,
                    )
                )
            if day.calendar_id._qms_works_on(day.date.weekday()):
                raise ValidationError(
                    self.env._(
                        "%(date)s is already a working day in %(calendar)s: only a day off "
                        "can be made a swapped working day.",
                        date=day.date.strftime("%d/%m/%Y"),
                        calendar=day.calendar_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (
                vals.get("calendar_id")
                and vals.get("date")
                and self.search_count(
                    [("calendar_id", "=", vals["calendar_id"]), ("date", "=", vals["date"])]
                )
            ):
                raise ValidationError(
                    self.env._("This day is already a swapped working day of the calendar.")
                )
        return super().create(vals_list)

    def _qms_intervals(self):
        """Working intervals of this day as (start, stop, local date), seconds since epoch."""
        self.ensure_one()
        tz = pytz.timezone(self.calendar_id.tz or "UTC")
        intervals = []
        for attendance in self.calendar_id._qms_works_on(int(self.worked_as)):
            begin = tz.localize(datetime.combine(self.date, float_to_time(attendance.hour_from)))
            end = tz.localize(datetime.combine(self.date, float_to_time(attendance.hour_to)))
            intervals.append((_to_seconds(begin), _to_seconds(end), self.date))
        return intervals
