from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import freeze_time, tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcMeasures(TthcCommon):
    """What the core measures from the dossiers: quality objectives, emulation, management review
    and periodic report. The agency works on Vietnam time (UTC+7).

    Dossiers (hand-worked; resolved dates are local):
    - unit:   A early 10/03/2026, B on time 20/05/2026, C late 15/06/2026,
              D on time 01/09/2026 and already returned, H in progress and overdue;
    - team (a sub-unit of the unit): E late 01/04/2026;
    - other unit: F on time 01/01/2026 00:30 (31/12/2025 in UTC), archived,
              G early 31/12/2025 23:30, I just received, J refused.
    Received in 2026: A, B, C, D, E, H, I, J (F and G in December 2025).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().tz = "Asia/Ho_Chi_Minh"
        cls.department_team = cls.env["hr.department"].create(
            {"name": "Tổ Một cửa", "parent_id": cls.department_unit.id}
        )
        cls.department_other = cls.env["hr.department"].create({"name": "Phòng Tư pháp"})
        cls.procedure_team = cls._procedure("2.000635", "Cấp bản sao trích lục hộ tịch", "team")
        cls.procedure_other = cls._procedure("2.000815", "Chứng thực bản sao", "other")
        cls._approved_flow(
            cls.procedure,
            [
                ("Tiếp nhận hồ sơ", 1, "day", ("direct", "online")),
                ("Thẩm định hồ sơ", 2, "day", ("direct",)),
                ("Thẩm định hồ sơ trực tuyến", 1, "day", ("online",)),
            ],
        )
        for procedure in (cls.procedure_team, cls.procedure_other):
            cls._approved_flow(procedure, [("Tiếp nhận và giải quyết", 1, "day", ("direct",))])
        cls.applicant = cls.env["res.partner"].create(
            {"name": "Nguyễn Văn An", "phone": "0905123456", "qms_id_number": "045090001234"}
        )
        unit, team, other = cls.procedure, cls.procedure_team, cls.procedure_other
        # (procedure, received, state, resolved (UTC), timeliness)
        cls.dossier_a = cls._dossier(
            unit, "2026-03-02 02:00", "resolved", "2026-03-10 03:00", "early"
        )
        cls.dossier_b = cls._dossier(
            unit, "2026-05-11 02:00", "resolved", "2026-05-20 03:00", "on_time"
        )
        cls.dossier_c = cls._dossier(
            unit, "2026-06-01 02:00", "resolved", "2026-06-15 03:00", "late"
        )
        cls.dossier_d = cls._dossier(
            unit, "2026-08-20 02:00", "returned", "2026-09-01 03:00", "on_time"
        )
        cls.dossier_e = cls._dossier(
            team, "2026-03-20 02:00", "resolved", "2026-04-01 03:00", "late"
        )
        cls.dossier_f = cls._dossier(
            other, "2025-12-25 02:00", "resolved", "2025-12-31 17:30", "on_time"
        )
        cls.dossier_f.active = False
        cls.dossier_g = cls._dossier(
            other, "2025-12-20 02:00", "resolved", "2025-12-31 16:30", "early"
        )
        cls.dossier_h = cls._dossier(unit, "2026-10-01 02:00", "in_progress")
        cls.dossier_i = cls._dossier(other, "2026-11-02 02:00", "received")
        # H is overdue by its appointment date; I, just received, is not due yet whenever the
        # tests run (overdue is compared with the clock)
        cls.dossier_i.appointment_date = fields.Datetime.now() + timedelta(days=3)
        cls.dossier_j = cls._dossier(other, "2026-04-04 02:00", "refused")
        for detected, state in (
            ("2026-06-16", "open"),
            ("2026-07-01", "cancelled"),
            ("2025-12-31", "open"),
        ):
            nc = cls.env["qms.nonconformity"].create(
                {
                    "title": "Hồ sơ giải quyết quá hạn",
                    "description": "<p>Trả kết quả trễ hẹn.</p>",
                    "department_id": cls.department_unit.id,
                    "date_detected": detected,
                    "source": "late_dossier",
                }
            )
            if state == "cancelled":
                nc.action_cancel("Trùng với phiếu đã lập")

    @classmethod
    def _procedure(cls, code, name, unit):
        department = cls.department_team if unit == "team" else cls.department_other
        return cls.env["qms.tthc.procedure"].create(
            {
                "code": code,
                "name": name,
                "field_id": cls.field_cert.id,
                "level": "commune",
                "department_id": department.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 1, "unit": "day"})
                ],
            }
        )

    @classmethod
    def _approved_flow(cls, procedure, steps):
        flow = cls._flow(procedure, steps)
        flow.with_user(cls.qms_manager).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()
        return flow

    @classmethod
    def _dossier(cls, procedure, received_at, state, resolved_at=False, timeliness=False):
        dossier = cls.env["qms.tthc.dossier"].create(
            {
                "procedure_id": procedure.id,
                "applicant_id": cls.applicant.id,
                "channel": "direct",
                "received_at": received_at,
            }
        )
        # The workflow is tested with the dossiers; here only its outcome matters.
        dossier.write(
            {
                "state": state,
                "resolved_at": resolved_at,
                "timeliness": timeliness,
            }
        )
        return dossier

    # ------------------------------------------------------------------ quality objectives
    def _objective_line(self, department=None, source="tthc_on_time_rate"):
        objective = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng năm 2026",
                "year": 2026,
                "department_id": department and department.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Giải quyết hồ sơ TTHC đúng hạn",
                            "indicator": "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
                            "target_value": 98,
                            "frequency": "quarterly",
                            "indicator_source": source,
                            "responsible_id": self.qms_user.id,
                        }
                    )
                ],
            }
        )
        return objective.line_ids

    def test_objective_on_time_rate_of_the_agency(self):
        line = self._objective_line()
        self.assertTrue(line._qms_is_automatic())
        year = (date(2026, 1, 1), date(2026, 12, 31))
        # A, B, D, F on time out of A-F; G was resolved in 2025 (local time), F in 2026.
        self.assertEqual(line._qms_compute_indicator_value(*year), 66.67)
        self.assertEqual(
            line._qms_compute_indicator_value(date(2026, 1, 1), date(2026, 3, 31)), 100
        )
        self.assertEqual(
            line._qms_compute_indicator_value(date(2026, 4, 1), date(2026, 6, 30)), 33.33
        )
        self.assertEqual(
            line._qms_compute_indicator_value(date(2025, 1, 1), date(2025, 12, 31)), 100
        )
        self.assertIsNone(
            line._qms_compute_indicator_value(date(2026, 10, 1), date(2026, 12, 31)),
            "nothing resolved yet in the last quarter: no value rather than 0%",
        )
        manual = self._objective_line(self.department_other, source="manual")
        self.assertIsNone(manual._qms_compute_indicator_value(*year))

    def test_objective_on_time_rate_of_a_unit(self):
        year = (date(2026, 1, 1), date(2026, 12, 31))
        unit_line = self._objective_line(self.department_unit)
        # The unit and its team: A, B, D on time out of A-E.
        self.assertEqual(unit_line._qms_compute_indicator_value(*year), 60.0)
        other_line = self._objective_line(self.department_other)
        self.assertEqual(other_line._qms_compute_indicator_value(*year), 100.0)
        office_line = self._objective_line(self.department_office)
        self.assertIsNone(office_line._qms_compute_indicator_value(*year))

    def test_objective_measured_from_the_dossiers(self):
        self.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt mục tiêu chất lượng",
                "model_id": self.env["ir.model"]._get("qms.objective").id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(self.leader.ids)],
                        }
                    )
                ],
            }
        )
        line = self._objective_line(self.department_unit)
        line.objective_id.sudo().action_submit_for_approval()
        line.objective_id.with_user(self.leader).action_approve()
        self.assertEqual(line.objective_id.state, "approved")
        measurement = line._qms_measure(date(2026, 4, 1), date(2026, 6, 30))
        self.assertTrue(measurement.is_automatic)
        self.assertAlmostEqual(measurement.actual_value, 33.33, places=2)  # B of B, C, E
        self.assertEqual(line.actual_value, measurement.actual_value)
        self.assertIn(line.achievement, ("at_risk", "not_met"), "33% is far from the 98% target")

    # ------------------------------------------------------------------ emulation
    def test_emulation_on_time_per_unit(self):
        self.env["qms.emulation.criterion"].search([]).active = False
        criterion = self.env["qms.emulation.criterion"].create(
            {"name": "Giải quyết hồ sơ TTHC đúng hạn", "metric": "tthc_on_time", "weight": 100}
        )
        departments = (
            self.department_unit
            | self.department_team
            | self.department_other
            | self.department_office
        )
        self.assertEqual(
            criterion._qms_measure(departments, 2026),
            {
                self.department_unit.id: (3, 4),
                self.department_team.id: (0, 1),
                self.department_other.id: (1, 1),
            },
            "each dossier counts for its unit in charge; refused and open ones do not count",
        )
        self.assertEqual(
            criterion._qms_measure(departments, 2025), {self.department_other.id: (1, 1)}
        )
        self.assertEqual(criterion._qms_measure(self.department_office, 2026), {})
        scores = self.env["qms.emulation.score"]._qms_compute_year(2026)
        unit_line = scores.filtered(lambda s: s.department_id == self.department_unit).line_ids
        self.assertEqual((unit_line.achieved_count, unit_line.counted_count), (3, 4))
        self.assertAlmostEqual(unit_line.points, 75.0, places=2)

    # ------------------------------------------------------------------ management review
    def _review(self, date_from, date_to):
        review = self.env["qms.management.review"].create(
            {
                "name": "Họp xem xét của lãnh đạo",
                "date": date_to,
                "date_from": date_from,
                "date_to": date_to,
                "chair_id": self.employee_director.id,
                "secretary_id": self.employee_secretary.id,
            }
        )
        review.with_user(self.qms_manager).action_gather_inputs()
        return review

    def _tthc_input(self, review):
        return str(review.input_ids.filtered(lambda line: line.code == "tthc_performance").content)

    def test_review_shows_the_dossiers_of_the_period(self):
        content = self._tthc_input(self._review("2026-01-01", "2026-12-31"))
        self.assertIn("<td>Total</td>", content, "the catalogue part is still there")
        self.assertIn(
            "<td>8</td><td>6</td><td>1</td><td>3</td><td>2</td><td>66.7%</td><td>1</td><td>1</td>",
            content,
            "received, resolved, early, on time, late, rate, overdue, late-dossier NCs",
        )
        content = self._tthc_input(self._review("2026-01-01", "2026-06-30"))
        # received A, B, C, E, J; resolved A, B, C, E, F; H is received after the period.
        self.assertIn(
            "<td>5</td><td>5</td><td>1</td><td>2</td><td>2</td><td>60.0%</td><td>0</td><td>1</td>",
            content,
        )
        content = self._tthc_input(self._review("2024-01-01", "2024-12-31"))
        self.assertIn("No administrative dossier was received or resolved in the period.", content)

    def test_review_dossier_figures_cost_does_not_grow(self):
        review = self._review("2026-01-01", "2026-12-31")
        review._qms_tthc_dossiers_part()
        self.env.invalidate_all()
        # the review, the company's calendar and its time zone, then four counts
        with self.assertQueryCount(7):
            review._qms_tthc_dossiers_part()
        for received in ("2026-02-02 02:00", "2026-02-03 02:00", "2026-02-04 02:00"):
            self._dossier(self.procedure, received, "resolved", "2026-02-10 03:00", "on_time")
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            part = review._qms_tthc_dossiers_part()
        html = str(review._qms_render_parts([part]))
        self.assertIn("<td>11</td><td>9</td><td>1</td><td>6</td><td>2</td><td>77.8%</td>", html)

    # ------------------------------------------------------------------ periodic report
    def _report_figures(self, **values):
        report = self.env["qms.report"].create({"report_type": "year", "year": 2026, **values})
        # figures are computed once the period's cut-off (14/12) has passed
        with freeze_time("2026-12-20"):
            report.action_compute_figures()
        return {line.code: line for line in report.line_ids}

    def test_report_dossier_figures(self):
        figures = self._report_figures()
        # the reporting year runs from the cut-off: 15/12/2025 to 14/12/2026, so the dossiers
        # received on 20 and 25 December 2025 (and the one resolved on the 31st) count in it
        expected = {
            "tthc_received": 10,
            "tthc_resolved": 7,
            "tthc_resolved_early": 2,
            "tthc_resolved_on_time": 3,
            "tthc_resolved_late": 2,
        }
        self.assertEqual({code: figures[code].value_integer for code in expected}, expected)
        rate = figures["tthc_on_time_rate"]
        self.assertEqual((rate.value_type, rate.value_display), ("rate", "71.4%"))
        self.assertEqual(figures["tthc_received"].section, "building")

        # first six months: 15/12/2025 to 14/06/2026 (the dossier resolved on 15/06 is not in)
        half = self._report_figures(report_type="half_year", half="1")
        self.assertEqual(half["tthc_received"].value_integer, 7)
        self.assertEqual(half["tthc_resolved"].value_integer, 5)
        self.assertEqual(half["tthc_on_time_rate"].value_display, "80.0%")

        empty = self._report_figures(year=2024)
        self.assertEqual(empty["tthc_resolved"].value_integer, 0)
        self.assertEqual(empty["tthc_on_time_rate"].value_display, "0.0%")

    def test_report_dossier_figures_cost_does_not_grow(self):
        report = self.env["qms.report"].create({"report_type": "year", "year": 2026})
        report._qms_figures_tthc_dossiers()
        self.env.invalidate_all()
        # the report, the company's calendar and its time zone, then two counts
        with self.assertQueryCount(5):
            report._qms_figures_tthc_dossiers()
        for received in ("2026-02-02 02:00", "2026-02-03 02:00"):
            self._dossier(self.procedure, received, "resolved", "2026-02-10 03:00", "late")
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            figures = {f["code"]: f for f in report._qms_figures_tthc_dossiers()}
        self.assertEqual(figures["tthc_resolved_late"]["value_integer"], 4)
        # 5 early or on time of 9 resolved in the reporting year (from 15/12/2025)
        self.assertEqual(figures["tthc_on_time_rate"]["value_float"], 55.6)
