from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditHooks(AuditCommon):
    """What the audits feed into the core: the periodic report, the management review and the
    emulation score.

    Year 2026 (hand-worked):
    - Round 1 (11-12/05, closed) on both units: unit major NC (form closed on time), unit minor
      NC (form open, overdue), legal minor NC (form closed on time), legal observation, legal
      opportunity for improvement.
    - Round 2 (05-06/10, reported) on the unit: minor NC (form closed late).
    - Not counted: the 2025 round (major NC, form open), a cancelled round, an inspection by the
      supervising body (not an internal audit) and an approved plan not carried out yet.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit, legal = cls.department_unit, cls.department_legal
        # findings are raised while the audits are reported; they are closed below
        cls.audit_first = cls._create_audit(state="reported")
        cls.audit_second = cls._create_audit(
            name="Đánh giá đợt 2/2026 <b>bổ sung</b>",
            date_start="2026-10-05",
            date_end="2026-10-06",
            department_ids=[Command.set(unit.ids)],
            state="reported",
        )
        cls.audit_last_year = cls._create_audit(
            name="Đánh giá nội bộ năm 2025",
            date_start="2025-11-10",
            date_end="2025-11-11",
            state="reported",
        )
        cls.audit_cancelled = cls._create_audit(
            name="Đánh giá đột xuất (hủy)", date_start="2026-06-01", date_end="2026-06-01"
        )
        cls.audit_cancelled.action_cancel("Trùng đợt kiểm tra của Sở")
        cls.inspection = cls._create_audit(
            name="Kiểm tra của Sở Khoa học và Công nghệ",
            audit_type="inspection",
            date_start="2026-07-14",
            date_end="2026-07-14",
            state="reported",
        )
        cls.audit_planned = cls._create_audit(
            name="Đánh giá đợt 3/2026",
            date_start="2026-12-07",
            date_end="2026-12-08",
            state="approved",
        )
        cls.nc_unit_major = cls._finding_with_form(
            cls.audit_first, unit, "major", "2026-06-30", "2026-06-20"
        )
        cls.nc_unit_minor = cls._finding_with_form(cls.audit_first, unit, "minor", "2026-07-15")
        cls.nc_legal_minor = cls._finding_with_form(
            cls.audit_first, legal, "minor", "2026-08-31", "2026-08-30"
        )
        cls._finding(cls.audit_first, legal, "observation")
        cls._finding(cls.audit_first, legal, "improvement")
        cls.nc_second = cls._finding_with_form(
            cls.audit_second, unit, "minor", "2026-10-31", "2026-11-05"
        )
        cls.nc_last_year = cls._finding_with_form(cls.audit_last_year, unit, "major", "2025-12-15")
        (cls.audit_first | cls.audit_last_year).write({"state": "closed"})
        # A nonconformity that does not come from an audit does not count as one.
        cls.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ chứng thực trả quá hạn",
                "description": "<p>Trả kết quả trễ 2 ngày.</p>",
                "department_id": unit.id,
                "date_detected": "2026-03-02",
                "source": "monitoring",
                "date_deadline": "2026-03-31",
            }
        ).write({"state": "closed", "date_closed": "2026-03-20"})

    @classmethod
    def _finding(cls, audit, department, result):
        return cls.env["qms.audit.finding"].create(
            {
                "audit_id": audit.id,
                "department_id": department.id,
                "result": result,
                "description": f"Phát hiện {result} tại {department.name}",
            }
        )

    @classmethod
    def _finding_with_form(cls, audit, department, result, deadline, closed_on=None):
        finding = cls._finding(audit, department, result)
        finding.action_raise_nonconformity()
        values = {"date_deadline": deadline}
        if closed_on:
            values.update(state="closed", date_closed=closed_on)
        finding.nonconformity_id.write(values)
        return finding.nonconformity_id

    # ------------------------------------------------------------------ periodic report
    def _report_figures(self, **values):
        report = self.env["qms.report"].create({"report_type": "year", "year": 2026, **values})
        # figures are computed once the period's cut-off (14/12) has passed
        with freeze_time("2026-12-20"):
            report.action_compute_figures()
        return {line.code: line for line in report.line_ids}

    def test_report_counts_the_internal_audits_of_the_period(self):
        figures = self._report_figures()
        expected = {
            "audits_done": 2,
            "audit_units": 2,
            "audit_findings_major": 1,
            "audit_findings_minor": 3,
            "audit_observations": 1,
            "audit_improvements": 1,
            "audit_ncs_raised": 4,
            "audit_ncs_closed": 3,
        }
        self.assertEqual(
            {code: figures[code].value_integer for code in expected},
            expected,
            "neither the 2025 round, the cancelled one, the inspection nor the plan count",
        )
        audits_done = figures["audits_done"]
        self.assertTrue(audits_done.is_available)
        self.assertFalse(audits_done.note)
        # the core's neutral line is replaced, not kept beside the addon's figures
        self.assertNotIn(
            "Not recorded in this system.", audits_done.report_id.line_ids.mapped("note")
        )
        self.assertEqual(audits_done.section, "maintaining")
        self.assertEqual(audits_done.value_display, "2")

        # The first half-year only holds round 1; a cancelled form is no longer counted.
        self.nc_unit_minor.action_cancel("Trùng với phiếu của đợt trước")
        figures = self._report_figures(report_type="half_year", half="1")
        self.assertEqual(figures["audits_done"].value_integer, 1)
        self.assertEqual(figures["audit_units"].value_integer, 2)
        self.assertEqual(figures["audit_findings_minor"].value_integer, 2)
        self.assertEqual(figures["audit_ncs_raised"].value_integer, 2)
        self.assertEqual(figures["audit_ncs_closed"].value_integer, 2)

    def test_report_audit_figures_cost_does_not_grow(self):
        report = self.env["qms.report"].create({"report_type": "year", "year": 2026})
        report._qms_audit_figures()
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            report._qms_audit_figures()
        for index in range(3):
            audit = self._create_audit(name=f"Đánh giá chuyên đề {index}", state="reported")
            self._finding(audit, self.department_unit, "observation")
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            figures = {figure["code"]: figure for figure in report._qms_audit_figures()}
        self.assertEqual(figures["audits_done"]["value_integer"], 5)
        self.assertEqual(figures["audit_observations"]["value_integer"], 4)

    # ------------------------------------------------------------------ management review
    def test_management_review_summarises_the_audits(self):
        review = self.env["qms.management.review"].create(
            {
                "name": "Họp xem xét của lãnh đạo năm 2026",
                "date": "2026-12-20",
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "chair_id": self.employee_director.id,
            }
        )
        review.with_user(self.qms_manager).action_gather_inputs()
        # the core has no audit section: the addon's hook adds it, once
        section = review.input_ids.filtered(lambda line: line.code == "audit_results")
        self.assertEqual(len(section), 1, "the audit addon adds the audit results section")
        self.assertEqual(section.name, "Internal audit results")
        content = str(section.content)
        self.assertIn(
            "3 audits carried out in the period: 1 major NCs, 3 minor NCs, 1 observations and 1 "
            "opportunities for improvement; 4 nonconformity forms raised, 3 closed.",
            content,
        )
        self.assertIn(self.audit_first.name, content)
        self.assertIn(self.inspection.name, content)
        self.assertIn("Phòng Hành chính tư pháp, Phòng Xây dựng và kiểm tra văn bản", content)
        self.assertIn("<td>2/3</td>", content, "round 1: 2 of its 3 forms closed")
        self.assertIn("<td>1/1</td>", content)
        # User content is escaped, not interpreted.
        self.assertIn("Đánh giá đợt 2/2026 &lt;b&gt;bổ sung&lt;/b&gt;", content)
        self.assertNotIn("<b>bổ sung</b>", content)
        for absent in (self.audit_last_year, self.audit_cancelled, self.audit_planned):
            self.assertNotIn(absent.name, content)
        self.assertIn("1 audits planned in the period have not been carried out yet.", content)

        empty = self.env["qms.management.review"].create(
            {
                "name": "Họp xem xét của lãnh đạo năm 2024",
                "date": "2024-12-20",
                "date_from": "2024-01-01",
                "date_to": "2024-12-15",
                "chair_id": self.employee_director.id,
            }
        )
        empty.action_gather_inputs()
        content = str(empty.input_ids.filtered(lambda line: line.code == "audit_results").content)
        self.assertIn("No audit was carried out in the period.", content)

    # ------------------------------------------------------------------ emulation
    def test_emulation_audit_ncs_closed_on_time(self):
        """Unit: 3 audit forms due in 2026 (on time, open past its deadline, closed late) -> 1/3;
        the late dossier NC and the 2025 form are not counted. Legal: 1/1. Office: no data."""
        self.env["qms.emulation.criterion"].search([]).active = False
        criterion = self.env["qms.emulation.criterion"].create(
            {
                "name": "Khắc phục sự không phù hợp sau đánh giá đúng hạn",
                "metric": "audit_ncs_closed_on_time",
                "weight": 100,
            }
        )
        departments = self.department_unit | self.department_legal | self.department_office
        self.assertEqual(
            criterion._qms_measure(departments, 2026),
            {self.department_unit.id: (1, 3), self.department_legal.id: (1, 1)},
        )
        # 2025: only the form of the 2025 round, still open past its deadline.
        self.assertEqual(
            criterion._qms_measure(departments, 2025), {self.department_unit.id: (0, 1)}
        )
        scores = self.env["qms.emulation.score"]._qms_compute_year(2026)
        unit_score = scores.filtered(lambda score: score.department_id == self.department_unit)
        line = unit_score.line_ids
        self.assertEqual((line.achieved_count, line.counted_count), (1, 3))
        self.assertAlmostEqual(line.points, 33.33, places=2)
