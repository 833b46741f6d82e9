"""One agency clock: every period the QMS counts is cut at the agency's midnight.

The agency works on Hanoi time (UTC+7), the time zone of its deadline calendar. Its midnight is
17:00 UTC the day before, so the first seven hours of each local day are the end of the UTC day
before: cutting periods by UTC days moved what happened between 00:00 and 07:00 on the first day
of a period into the period before, and what happened then on the day after a period into it.
Each test places records at 23:30 on the last day of a period (counted), at 00:30 on its first
day (counted) and at 00:30 on the day after it (not counted).
"""

from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .test_emulation import YEAR, EmulationCommon
from .test_management_review import ManagementReviewCommon
from .test_report import ReportCommon

HANOI = "Asia/Ho_Chi_Minh"


@tagged("post_install", "-at_install")
class TestAgencyClock(ManagementReviewCommon):
    """The review of 2025 covers 1 January - 15 December (Hanoi days)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._qms_deadline_calendar().tz = HANOI
        # 23:30 on the last day, 00:30 on the first day, 00:30 on the day after (Hanoi)
        cls.last_evening = datetime(2025, 12, 15, 16, 30)
        cls.first_night = datetime(2024, 12, 31, 17, 30)
        cls.day_after = datetime(2025, 12, 15, 17, 30)

    def test_local_day_and_day_bounds(self):
        company = self.company
        self.assertEqual(company._qms_tz_name(), HANOI)
        self.assertEqual(company._qms_local_day(self.last_evening), date(2025, 12, 15))
        self.assertEqual(company._qms_local_day(self.first_night), date(2025, 1, 1))
        self.assertEqual(company._qms_local_day(self.day_after), date(2025, 12, 16))
        self.assertEqual(
            company._qms_day_bounds(date(2025, 1, 1), date(2025, 12, 15)),
            (datetime(2024, 12, 31, 17, 0), datetime(2025, 12, 15, 17, 0)),
        )
        # the review's bounds of a Datetime field are the agency's days
        self.assertEqual(
            self.review._qms_period_domain("create_date", True),
            [
                ("create_date", ">=", datetime(2024, 12, 31, 17, 0)),
                ("create_date", "<", datetime(2025, 12, 15, 17, 0)),
            ],
        )

    def test_nonconformity_detected_on_the_agency_day(self):
        NC = self.env["qms.nonconformity"]
        values = {
            "title": "Hồ sơ trả kết quả quá hạn",
            "description": "<p>Hồ sơ chứng thực trả trễ.</p>",
            "department_id": self.department_unit.id,
            "source": "complaint",
        }
        created = NC
        for moment in (self.last_evening, self.first_night, self.day_after):
            with freeze_time(moment):
                created |= NC.create(values)
        last, first, after = created
        self.assertEqual(last.date_detected, date(2025, 12, 15))
        self.assertEqual(first.date_detected, date(2025, 1, 1))
        self.assertEqual(after.date_detected, date(2025, 12, 16))
        counted = NC.search(
            [("id", "in", created.ids), *self.review._qms_period_domain("date_detected")]
        )
        self.assertEqual(counted, last | first)

    def test_feedback_received_late_on_the_last_day_counts_in_the_period(self):
        Feedback = self.env["qms.feedback"]
        base = {
            "partner_name": "Nguyễn Văn An",
            "contact_phone": "0912 345 678",
            "description": "Kết quả trả chậm so với giấy hẹn.",
            "kind": "complaint",
            "channel": "desk",
        }
        for moment in (self.last_evening, self.first_night, self.day_after):
            Feedback._qms_receive({**base, "date_received": moment})
        counts = Feedback._qms_counts(self.company, date(2025, 1, 1), date(2025, 12, 15))
        self.assertEqual(counts["received"], 2)
        self.assertEqual(self.review._qms_feedback_counts()["received"], 2)

    def test_agency_language(self):
        """One language for what the agency writes: its own, else Vietnamese, else the
        caller's; the announcement decision is printed in it."""
        self.company.partner_id.lang = "en_US"
        self.assertEqual(self.company._qms_agency_lang(), "en_US")
        self.env["res.lang"]._activate_lang("vi_VN")
        self.company.partner_id.lang = False
        self.assertEqual(self.company.with_context(lang="en_US")._qms_agency_lang(), "vi_VN")
        announcement = self.env["qms.announcement"].new({"company_id": self.company.id})
        self.assertEqual(announcement._qms_report_lang(), "vi_VN")
        self.company.partner_id.lang = "vi_VN"
        self.assertEqual(self.company._qms_agency_lang(), "vi_VN")


@tagged("post_install", "-at_install")
class TestAgencyClockReport(ReportCommon):
    """The report of 2024 covers 15/12/2023 - 14/12/2024 (the default cut-off, Hanoi days)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._qms_deadline_calendar().tz = HANOI

    def test_documents_issued_late_on_the_last_day_count_in_the_period(self):
        report = self._create_report()
        self.assertEqual(
            (report.date_from, report.date_to), (date(2023, 12, 15), date(2024, 12, 14))
        )
        report.action_compute_figures()
        before = self._figures(report)["documents_issued"].value_integer
        procedure = self.env.ref("qms_iso9001.document_type_business_procedure")
        for name, moment in (
            ("Quy trình tiếp nhận hồ sơ", "2024-12-14 16:30:00"),  # 23:30 on the last day
            ("Quy trình trả kết quả", "2023-12-14 17:30:00"),  # 00:30 on the first day
            ("Quy trình lưu trữ", "2024-12-14 17:30:00"),  # 00:30 on the day after
        ):
            self._issue(self._create_document(name, procedure), moment)
        report.action_compute_figures()
        self.assertEqual(self._figures(report)["documents_issued"].value_integer, before + 2)
        self.assertEqual(
            report._qms_period_datetimes(),
            (datetime(2023, 12, 14, 17, 0), datetime(2024, 12, 14, 17, 0)),
        )


@tagged("post_install", "-at_install")
class TestAgencyClockEmulation(EmulationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._qms_deadline_calendar().tz = HANOI

    def test_read_requests_sent_late_on_the_last_day_count_in_the_year(self):
        revision = self._issued_revision(self.department_empty, "2025-06-01")
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Công chức Kiểm soát TTHC {index}",
                    "department_id": self.department_empty.id,
                }
                for index in range(3)
            ]
        )
        self.env["qms.document.distribution"].create(
            [
                {
                    "revision_id": revision.id,
                    "employee_id": employee.id,
                    "user_id": self.qms_user.id,
                    "department_id": self.department_empty.id,
                    "state": state,
                    "date_distributed": moment,
                }
                for employee, (state, moment) in zip(
                    employees,
                    (
                        ("acknowledged", datetime(YEAR, 12, 31, 16, 30)),  # 23:30 on 31/12
                        ("pending", datetime(YEAR - 1, 12, 31, 17, 30)),  # 00:30 on 1/1
                        ("acknowledged", datetime(YEAR, 12, 31, 17, 30)),  # 00:30, next 1/1
                    ),
                    strict=True,
                )
            ]
        )
        counts = self.criterion_ack._qms_measure(self.department_empty, YEAR)
        self.assertEqual(counts[self.department_empty.id], (1, 2))
