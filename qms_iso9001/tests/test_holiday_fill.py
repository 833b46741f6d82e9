from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import Form, tagged

from .common import QmsCommon

HANOI = timedelta(hours=7)


@tagged("post_install", "-at_install")
class TestHolidayFill(QmsCommon):
    """Next year's public holidays arrive by themselves, and nobody is left unwarned."""

    def setUp(self):
        super().setUp()
        self.calendar = self.env.ref("qms_iso9001.resource_calendar_agency").copy(
            {"name": "Giờ hành chính Sở Xây dựng"}
        )
        self.calendar.global_leave_ids.unlink()  # a year without holidays to start from
        self.agency = self.env["res.company"].create(
            {"name": "Sở Xây dựng", "qms_calendar_id": self.calendar.id}
        )

    def _leaves(self, year):
        return self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("resource_id", "=", False),
                ("date_from", ">=", datetime(year - 1, 12, 31, 17, 0)),
                ("date_from", "<", datetime(year, 12, 31, 17, 0)),
            ]
        )

    def _days(self, year):
        return {(leave.date_from + HANOI).date() for leave in self._leaves(year)}

    def test_cron_fills_next_year_once(self):
        self.assertFalse(self._leaves(2027))
        filled = self.env["resource.calendar"]._qms_cron_fill_public_holidays(years=[2027])
        self.assertEqual(filled.get(self.calendar), [2027])
        days = self._days(2027)
        self.assertIn(date(2027, 1, 1), days)
        self.assertIn(date(2027, 9, 2), days)
        self.assertIn(date(2027, 2, 8), days)  # Tết Đinh Mùi
        count = len(self._leaves(2027))
        working_days = len(self.calendar.qms_working_day_ids)
        self.env["resource.calendar"]._qms_cron_fill_public_holidays(years=[2027])
        self.assertEqual(len(self._leaves(2027)), count)
        self.assertEqual(len(self.calendar.qms_working_day_ids), working_days)
        # New Year's Day 2027 (a Friday) is no longer a working day
        self.assertEqual(
            self.calendar._qms_add_working_time(datetime(2026, 12, 31, 10, 0), 1, "day"),
            datetime(2027, 1, 4, 4, 30),
        )

    def test_cron_keeps_what_the_admin_changed(self):
        self.env["resource.calendar"]._qms_cron_fill_public_holidays(years=[2027])
        leaves = self._leaves(2027).sorted("date_from")
        deleted_day = (leaves[0].date_from + HANOI).date()
        leaves[0].unlink()
        leaves[1].name = "Nghỉ Tết (theo thông báo của UBND tỉnh)"
        count = len(self._leaves(2027))
        self.env["resource.calendar"]._qms_cron_fill_public_holidays(years=[2027])
        self.assertEqual(len(self._leaves(2027)), count)
        self.assertNotIn(deleted_day, self._days(2027))
        self.assertEqual(leaves[1].name, "Nghỉ Tết (theo thông báo của UBND tỉnh)")

    def test_calendar_form_warns_until_filled(self):
        this_year, next_year = self.env["resource.calendar"]._qms_coming_years()
        form = Form(self.calendar.with_user(self.qms_manager))
        self.assertEqual(form.qms_missing_holiday_years, f"{this_year}, {next_year}")
        self.env["resource.calendar"]._qms_cron_fill_public_holidays()
        self.calendar.invalidate_recordset()
        form = Form(self.calendar.with_user(self.qms_manager))
        self.assertFalse(form.qms_missing_holiday_years)

    def test_scheduled_action_is_daily_and_active(self):
        cron = self.env.ref("qms_iso9001.ir_cron_qms_fill_public_holidays")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        cron.ir_actions_server_id.run()  # same transaction, unlike a triggered cron
        self.calendar.invalidate_recordset()
        self.assertFalse(self.calendar.qms_missing_holiday_years)

    def _warnings(self):
        return self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.qms_manager.partner_id.ids),
                ("body", "ilike", self.calendar.name),
            ]
        )

    def test_deadline_into_a_year_without_holidays_warns_managers_once(self):
        today = fields.Date.context_today(self.env["resource.calendar"])
        start = datetime(today.year, today.month, today.day, 2, 0)
        planner = self.calendar._qms_deadline_planner(today, today + timedelta(days=60))
        for hours in range(1, 40):
            planner.add(start, hours, "hour")
        self.calendar._qms_add_working_time(start, 3, "day")
        warnings = self._warnings()
        self.assertEqual(len(warnings), 1)
        self.assertIn(str(today.year), warnings.subject)
        self.assertNotIn(self.qms_user.partner_id, warnings.partner_ids)

    def test_no_warning_when_the_year_has_holidays(self):
        self.env["resource.calendar"]._qms_cron_fill_public_holidays()
        today = fields.Date.context_today(self.env["resource.calendar"])
        self.calendar._qms_add_working_time(
            datetime(today.year, today.month, today.day, 2, 0), 3, "day"
        )
        self.assertFalse(self._warnings())

    def test_holidays_are_named_in_the_agency_language(self):
        """The scheduled job has no language: a Vietnamese agency still gets Vietnamese names,
        an agency working in English English ones (issue 19)."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.agency.partner_id.lang = "vi_VN"
        self.env["resource.calendar"].with_context(lang="en_US")._qms_cron_fill_public_holidays(
            years=[2027]
        )
        names = {(leave.date_from + HANOI).date(): leave.name for leave in self._leaves(2027)}
        self.assertEqual(names[date(2027, 1, 1)], "Tết Dương lịch")
        self.assertEqual(names[date(2027, 9, 2)], "Quốc khánh")
        self.assertNotIn("New Year's Day", names.values())

        self.agency.partner_id.lang = "en_US"
        wizard = (
            self.env["qms.holiday.import"]
            .with_company(self.agency)
            .with_context(lang="vi_VN")
            .create({"year": 2028, "calendar_id": self.calendar.id})
        )
        names = {values["date_from"]: values["name"] for values in wizard._qms_proposed_days()}
        self.assertEqual(names[date(2028, 1, 1)], "New Year's Day", "the agency's, not the admin's")
