from datetime import datetime, time

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class QmsHolidayImport(models.TransientModel):
    """Fill a year's public holidays of a deadline calendar from the `holidays` package.

    The package follows the Labour Code and the government's yearly swap decisions, but late
    decisions (e.g. an extra Tết day) come after its release, so the admin checks a preview and
    fixes it before anything is written.
    """

    _name = "qms.holiday.import"
    _description = "Import Public Holidays"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        default=lambda self: self.env.company._qms_deadline_calendar(),
    )
    line_ids = fields.One2many("qms.holiday.import.line", "wizard_id", string="Days")

    @api.onchange("year", "calendar_id")
    def _onchange_year(self):
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(values) for values in self._qms_proposed_days()
        ]

    def _qms_proposed_days(self):
        """Holidays (observed days included) and swapped working weekend days of the year."""
        if not self.year or not 1995 <= self.year <= 2100 or not self.calendar_id:
            return []
        # The days are shared by the agency: named in its language, not the admin's (the
        # scheduled job fills each calendar as the agency using it).
        lang = self.env.company._qms_agency_lang()
        language = "vi" if lang.startswith("vi") else "en_US"
        calendar_days = holidays.country_holidays("VN", years=self.year, language=language)
        worked_weekdays = set(
            self.calendar_id.attendance_ids.filtered(
                lambda a: a.day_period != "lunch" and not a.display_type
            ).mapped("dayofweek")
        )
        proposed = [
            {
                "kind": "holiday",
                "name": name,
                "date_from": day,
                "date_to": day,
                "selected": str(day.weekday()) in worked_weekdays,
            }
            for day, name in sorted(calendar_days.items())
        ]
        proposed += [
            {
                "kind": "working_day",
                "name": self.with_context(lang=lang).env._("Swapped working day"),
                "date_from": day,
                "date_to": day,
                "selected": True,
            }
            for day in sorted(calendar_days.weekend_workdays)
            if day.year == self.year
        ]
        return sorted(proposed, key=lambda values: values["date_from"])

    def action_import(self):
        self.ensure_one()
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Tick at least one day to import."))
        for line in lines:
            line._qms_check()
        leaves = lines.filtered(lambda line: line.kind == "holiday")._qms_create_leaves()
        working_days = lines.filtered(
            lambda line: line.kind == "working_day"
        )._qms_create_working_days()
        message = self.env._(
            "%(leaves)s public holiday(s) and %(days)s swapped working day(s) added to "
            "%(calendar)s.",
            leaves=len(leaves),
            days=len(working_days),
            calendar=self.calendar_id.name,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class QmsHolidayImportLine(models.TransientModel):
    _name = "qms.holiday.import.line"
    _description = "Public Holiday To Import"
    _order = "date_from, id"

    wizard_id = fields.Many2one("qms.holiday.import", required=True, ondelete="cascade")
    selected = fields.Boolean(string="Import", default=True)
    kind = fields.Selection(
        [("holiday", "Day off"), ("working_day", "Swapped working day")],
        required=True,
        default="holiday",
    )
    name = fields.Char(required=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)

    def _qms_check(self):
        for line in self:
            if line.date_to < line.date_from:
                raise UserError(
                    self.env._("'%(name)s' ends before it starts: check its dates.", name=line.name)
                )
            if line.kind == "working_day" and line.date_to != line.date_from:
                raise UserError(
                    self.env._(
                        "A swapped working day is a single day: '%(name)s' spans several.",
                        name=line.name,
                    )
                )

    def _qms_utc_bounds(self, calendar):
        """A whole local day (or range) as the naive UTC datetimes leaves are stored in."""
        tz = pytz.timezone(calendar.tz or "UTC")
        begin = tz.localize(datetime.combine(self.date_from, time.min))
        end = tz.localize(datetime.combine(self.date_to, time.max.replace(microsecond=0)))
        return (
            begin.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _qms_create_leaves(self):
        """Global leaves of the calendar; a period already there is skipped, so re-running the
        import for a year adds only what is missing."""
        leaves = self.env["resource.calendar.leaves"]
        for line in self:
            calendar = line.wizard_id.calendar_id
            date_from, date_to = line._qms_utc_bounds(calendar)
            if leaves.search_count(
                [
                    ("calendar_id", "=", calendar.id),
                    ("resource_id", "=", False),
                    ("date_from", "<=", date_from),
                    ("date_to", ">=", date_to),
                ]
            ):
                continue
            leaves |= leaves.create(
                {
                    "name": line.name,
                    "calendar_id": calendar.id,
                    "company_id": calendar.company_id.id or self.env.company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "time_type": "leave",
                }
            )
        return leaves

    def _qms_create_working_days(self):
        working_days = self.env["qms.working.day"]
        for line in self:
            calendar = line.wizard_id.calendar_id
            if working_days.search_count(
                [("calendar_id", "=", calendar.id), ("date", "=", line.date_from)]
            ):
                continue
            working_days |= working_days.create(
                {
                    "name": line.name,
                    "calendar_id": calendar.id,
                    "date": line.date_from,
                    "replaced_date": line._qms_replaced_day(),
                }
            )
        return working_days

    def _qms_replaced_day(self):
        """The day off the package moved for this working day, when it says so."""
        spellings = {self.date_from.strftime(fmt) for fmt in ("%d/%m/%Y", "%m/%d/%Y")}
        for holiday in self.wizard_id.line_ids.filtered(lambda line: line.kind == "holiday"):
            if any(spelling in holiday.name for spelling in spellings):
                return holiday.date_from
        return False
