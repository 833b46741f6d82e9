import base64
import datetime
import io

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import QmsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl ships with the venv
    openpyxl = None

YEAR = 2025


class EmulationCommon(QmsCommon):
    """Hand-worked example (year 2025, judged on 31/12/2025).

    Criteria: documents reviewed on time (weight 40), documents read and understood (weight 60).
    - Văn phòng: 4 issued documents, 3 not overdue -> 75% -> 30 points; 10 read requests, 8
      confirmed -> 80% -> 48 points; total 78.00 / 100.
    - Phòng Hành chính tư pháp: 2 documents, both on time -> 100% -> 40 points; no read request
      -> "no data", left out; total scaled: 40 / 40 x 100 = 100.00.
    - Phòng Kiểm soát TTHC: nothing to count -> no data, no rank.
    Ranking: Hành chính tư pháp 1st, Văn phòng 2nd.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["qms.emulation.criterion"].search([]).active = False
        Criterion = cls.env["qms.emulation.criterion"]
        cls.criterion_documents = Criterion.create(
            {
                "name": "Tài liệu được rà soát đúng hạn",
                "metric": "documents_reviewed_on_time",
                "weight": 40,
                "sequence": 1,
            }
        )
        cls.criterion_ack = Criterion.create(
            {
                "name": "Tỷ lệ xác nhận đã đọc tài liệu",
                "metric": "acknowledgement_rate",
                "weight": 60,
                "sequence": 2,
            }
        )
        cls.department_empty = cls.env["hr.department"].create({"name": "Phòng Kiểm soát TTHC"})
        cls.type_procedure = cls.env.ref("qms_iso9001.document_type_business_procedure")
        office_revisions = [
            cls._issued_revision(cls.department_office, last_review)
            for last_review in ("2025-03-01", "2025-05-10", "2025-01-15", "2024-06-01")
        ]
        for last_review in ("2025-02-01", "2025-09-01"):
            cls._issued_revision(cls.department_unit, last_review)
        employees = cls.env["hr.employee"].create(
            [
                {"name": f"Công chức Văn phòng {index}", "department_id": cls.department_office.id}
                for index in range(5)
            ]
        )
        states = ["acknowledged"] * 8 + ["pending"] * 2
        values = []
        for index, (revision, employee) in enumerate(
            (revision, employee) for revision in office_revisions[:2] for employee in employees
        ):
            values.append(
                {
                    "revision_id": revision.id,
                    "employee_id": employee.id,
                    "user_id": cls.qms_user.id,
                    "department_id": cls.department_office.id,
                    "state": states[index],
                    "date_distributed": datetime.datetime(YEAR, 4, 1, 9, 0),
                }
            )
        # Cancelled requests and requests of another year are not counted.
        values.append(dict(values[0], employee_id=cls.employee_secretary.id, state="cancelled"))
        values.append(
            dict(
                values[0],
                employee_id=cls.employee_director.id,
                date_distributed=datetime.datetime(YEAR - 1, 12, 31, 9, 0),
            )
        )
        cls.env["qms.document.distribution"].create(values)

    @classmethod
    def _issued_revision(cls, department, last_review):
        document = cls.env["qms.document"].create(
            {
                "name": f"Quy trình {department.name} {last_review}",
                "type_id": cls.type_procedure.id,
                "department_id": department.id,
                "review_interval_months": 12,
            }
        )
        revision = cls.env["qms.document.revision"].create(
            {"document_id": document.id, "state": "issued", "effective_date": "2024-01-01"}
        )
        document.last_review_date = last_review
        return revision

    def _compute(self):
        return self.env["qms.emulation.score"]._qms_compute_year(YEAR, self.company)

    def _score(self, scores, department):
        return scores.filtered(lambda s: s.department_id == department)


@tagged("post_install", "-at_install")
class TestEmulationScore(EmulationCommon):
    """The figures of the hand-worked example, the ranking and its Excel export."""

    def test_scores_match_hand_worked_numbers(self):
        scores = self._compute()
        office = self._score(scores, self.department_office)
        unit = self._score(scores, self.department_unit)
        empty = self._score(scores, self.department_empty)

        documents, ack = office.line_ids.sorted("sequence")
        self.assertEqual((documents.achieved_count, documents.counted_count), (3, 4))
        self.assertAlmostEqual(documents.value, 75.0)
        self.assertAlmostEqual(documents.points, 30.0)
        self.assertEqual((ack.achieved_count, ack.counted_count), (8, 10))
        self.assertAlmostEqual(ack.points, 48.0)
        self.assertTrue(office.has_data)
        self.assertAlmostEqual(office.total_points, 78.0)
        self.assertAlmostEqual(office.max_points, 100.0)

        unit_ack = unit.line_ids.filtered(lambda line: line.criterion_id == self.criterion_ack)
        self.assertFalse(unit_ack.has_data)
        self.assertEqual(unit_ack.detail, "No data")
        self.assertAlmostEqual(unit.total_points, 100.0)

        self.assertEqual((unit.rank, office.rank), (1, 2))
        self.assertFalse(empty.has_data)
        self.assertEqual(empty.rank, 0)
        self.assertEqual(empty.result_display, "No data")

    def test_recompute_refreshes_instead_of_duplicating(self):
        first = self._compute()
        self.criterion_ack.weight = 20
        second = self._compute()
        self.assertEqual(first, second)
        office = self._score(second, self.department_office)
        self.assertEqual(len(office.line_ids), 2)
        # 30 + 16 = 46 points earned out of 60.
        self.assertAlmostEqual(office.total_points, 46.0)
        self.assertAlmostEqual(office.max_points, 60.0)

    def test_ties_share_a_rank(self):
        self.criterion_ack.active = False
        scores = self._compute()
        office = self._score(scores, self.department_office)
        unit = self._score(scores, self.department_unit)
        self.assertEqual((unit.rank, office.rank), (1, 2))
        twin = self.env["hr.department"].create({"name": "Phòng Phổ biến pháp luật"})
        self._issued_revision(twin, "2025-04-01")
        scores = self._compute()
        ranks = {score.department_id: score.rank for score in scores}
        self.assertEqual(ranks[self.department_unit], 1)
        self.assertEqual(ranks[twin], 1)
        self.assertEqual(ranks[self.department_office], 3)

    def test_missing_source_is_said(self):
        line = self.env["qms.emulation.score.line"].new(
            {"weight": 10, "achieved_count": 0, "counted_count": 0, "source_missing": True}
        )
        self.assertEqual(line.detail, "Source module not installed")

    def test_duplicate_score_is_refused_by_its_index(self):
        """The year is recomputed, never given a second score: the index says so (its message
        is what the web client shows, see TestUniqueRpc)."""
        self._compute()
        Score = self.env["qms.emulation.score"]
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            Score.create({"year": YEAR, "department_id": self.department_office.id})
        self.assertIn("recompute the year", Score._sql_error_to_message(caught.exception))

    def test_criterion_rules(self):
        with self.assertRaises(ValidationError):
            self.criterion_documents.weight = 0
        # a second active criterion of the same metric: refused by the index (its message is
        # what the web client shows, see TestUniqueRpc)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["qms.emulation.criterion"].create(
                {"name": "Trùng", "metric": "acknowledgement_rate", "weight": 10}
            )

    def test_metric_queries_do_not_grow_with_units(self):
        """Each metric is counted with a fixed number of grouped queries, whatever the units."""
        departments = self.env["hr.department"].search([])
        for criterion in self.criterion_documents | self.criterion_ack:
            criterion._qms_measure(departments, YEAR)
        self.env.invalidate_all()
        # 5 grouped queries, and 2 to read the agency's clock (its calendar's time zone)
        with self.assertQueryCount(7):
            self.criterion_documents._qms_measure(departments, YEAR)
            self.criterion_ack._qms_measure(departments, YEAR)
        more = self.env["hr.department"].create([{"name": f"Phòng {index}"} for index in range(10)])
        for department in more:
            self._issued_revision(department, "2025-06-01")
        departments |= more
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            counts = self.criterion_documents._qms_measure(departments, YEAR)
            self.criterion_ack._qms_measure(departments, YEAR)
        self.assertEqual(counts[more[0].id], (1, 1))

    def test_only_managers_compute(self):
        with self.assertRaises(AccessError):
            self.env["qms.emulation.score"].with_user(self.leader).action_compute_year(YEAR)
        scores = (
            self.env["qms.emulation.score"].with_user(self.qms_manager).action_compute_year(YEAR)
        )
        self.assertTrue(scores)
        # Every QMS user reads the ranking, nobody but managers changes it.
        ranking = (
            self.env["qms.emulation.score"].with_user(self.qms_user).search([("year", "=", YEAR)])
        )
        self.assertEqual(ranking, scores)
        with self.assertRaises(AccessError):
            ranking[:1].with_user(self.qms_user).write({"rank": 1})
        with self.assertRaises(UserError):
            ranking[:1].with_user(self.qms_manager).write({"rank": 99})

    def test_excel_export_reads_back(self):
        if openpyxl is None:
            self.skipTest("openpyxl is not installed")
        self._compute()
        wizard = self.env["qms.emulation.score.wizard"].create({"year": YEAR})
        action = wizard.action_export_xlsx()
        self.assertIn("diem_thi_dua_iso_2025.xlsx", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        ranking = book.worksheets[0]
        rows = list(ranking.iter_rows(min_row=5, values_only=True))
        self.assertEqual(rows[0][:2], (1, "Phòng Hành chính tư pháp"))
        self.assertEqual(rows[0][2], 40)
        self.assertEqual(rows[0][3], "Không có dữ liệu")
        self.assertEqual(rows[0][4], 100)
        self.assertEqual(rows[1][:5], (2, "Văn phòng", 30, 48, 78))
        empty_row = next(row for row in rows if row[1] == "Phòng Kiểm soát TTHC")
        self.assertEqual(empty_row[4], "Không có dữ liệu")
        detail = book.worksheets[1]
        detail_rows = list(detail.iter_rows(min_row=4, values_only=True))
        office_ack = next(
            row
            for row in detail_rows
            if row[0] == "Văn phòng" and row[1] == "Tỷ lệ xác nhận đã đọc tài liệu"
        )
        self.assertEqual(office_ack[2:7], (60, 8, 10, 80, 48))

    def test_export_without_scores_is_refused(self):
        wizard = self.env["qms.emulation.score.wizard"].create({"year": 2019})
        with self.assertRaises(UserError) as error:
            wizard.action_export_xlsx()
        self.assertIn("2019", str(error.exception))


@tagged("post_install", "-at_install")
class TestEmulationSources(QmsCommon):
    """Objectives and nonconformities counted per unit, checked by hand.

    Objectives 2025 (approved): Văn phòng's own objective has 3 targets: met, not met, not
    measured -> 1 of 2 measured -> 50%. The agency objective has a target assigned to Phòng Hành
    chính tư pháp, met -> 1 of 1 -> 100%.
    Plan 2025 tasks of Văn phòng: done on time, done late, open past its deadline, cancelled (not
    counted) -> 1 of 3 -> 25 x 1/3 = 8.33 points.
    Nonconformities due in 2025: Phòng Hành chính tư pháp has 4: closed before the deadline,
    closed late, open past the deadline, cancelled (not counted) -> 1 of 3 -> 33.3%.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["qms.emulation.criterion"].search([]).active = False
        cls.criterion_objectives = cls.env["qms.emulation.criterion"].create(
            {"name": "Mục tiêu đạt", "metric": "objectives_met", "weight": 30}
        )
        cls.criterion_ncs = cls.env["qms.emulation.criterion"].create(
            {"name": "SKPH khắc phục đúng hạn", "metric": "ncs_closed_on_time", "weight": 20}
        )
        cls.criterion_tasks = cls.env["qms.emulation.criterion"].create(
            {"name": "Nhiệm vụ đúng hạn", "metric": "plan_tasks_on_time", "weight": 25}
        )

    def _objective(self, department, targets):
        objective = self.env["qms.objective"].create(
            {
                "name": f"Mục tiêu chất lượng 2025 {department.name or ''}",
                "year": YEAR,
                "department_id": department.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": f"Mục tiêu {index}",
                            "indicator": "Tỷ lệ hồ sơ đúng hạn",
                            "target_value": 90,
                            "department_id": unit.id,
                        }
                    )
                    for index, (unit, _actual) in enumerate(targets)
                ],
            }
        )
        objective.state = "approved"
        self.env["qms.objective.measurement"].create(
            [
                {
                    "line_id": line.id,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                    "actual_value": actual,
                }
                for line, (_unit, actual) in zip(objective.line_ids, targets, strict=True)
                if actual is not None
            ]
        )
        return objective

    def test_objectives_met(self):
        no_unit = self.env["hr.department"]
        self._objective(no_unit, [(self.department_unit, 95)])
        self._objective(self.department_office, [(no_unit, 92), (no_unit, 70), (no_unit, None)])
        counts = self.criterion_objectives._qms_measure(
            self.department_office | self.department_unit, YEAR
        )
        self.assertEqual(counts[self.department_office.id], (1, 2))
        self.assertEqual(counts[self.department_unit.id], (1, 1))
        scores = self.env["qms.emulation.score"]._qms_compute_year(YEAR)
        office = scores.filtered(lambda s: s.department_id == self.department_office)
        # Only the objectives criterion has data: 30 x 50% = 15 points of 30, scaled to the
        # full weight 30 + 20 + 25 = 75: 15 / 30 x 75 = 37.5.
        self.assertAlmostEqual(office.line_ids[0].points, 15.0)
        self.assertAlmostEqual(office.max_points, 75.0)
        self.assertAlmostEqual(office.total_points, 37.5)

    def test_nonconformities_closed_on_time(self):
        def nonconformity(deadline, state="in_progress", closed=None):
            return self.env["qms.nonconformity"].create(
                {
                    "title": f"Trễ hạn {deadline}",
                    "description": "<p>Hồ sơ trả trễ.</p>",
                    "department_id": self.department_unit.id,
                    "date_detected": "2025-01-10",
                    "date_deadline": deadline,
                    "state": state,
                    "date_closed": closed,
                }
            )

        nonconformity("2025-03-31", "closed", "2025-03-20")
        nonconformity("2025-05-31", "closed", "2025-06-10")
        nonconformity("2025-08-31")
        nonconformity("2025-09-30", "cancelled")
        nonconformity("2026-01-31", "closed", "2026-01-05")  # due the next year
        counts = self.criterion_ncs._qms_measure(self.department_unit, YEAR)
        self.assertEqual(counts, {self.department_unit.id: (1, 3)})
        scores = self.env["qms.emulation.score"]._qms_compute_year(YEAR)
        unit = scores.filtered(lambda s: s.department_id == self.department_unit)
        line = unit.line_ids.filtered(lambda ln: ln.criterion_id == self.criterion_ncs)
        self.assertAlmostEqual(line.value, 33.3, places=1)
        self.assertEqual(line.detail, "1 of 3")
        self.assertAlmostEqual(line.points, 6.67)

    def test_plan_tasks_on_time(self):
        plan = self.env["qms.plan"].create({"name": "Kế hoạch ISO năm 2025", "year": YEAR})
        tasks = self.env["qms.plan.task"].create(
            [
                {
                    "plan_id": plan.id,
                    "name": name,
                    "department_id": self.department_office.id,
                    "date_deadline": deadline,
                }
                for name, deadline in (
                    ("Rà soát tài liệu", "2025-03-31"),
                    ("Đánh giá nội bộ", "2025-06-30"),
                    ("Họp xem xét của lãnh đạo", "2025-10-31"),
                    ("Khảo sát sự hài lòng", "2025-11-30"),
                )
            ]
        )
        plan.state = "approved"
        tasks[0].write({"state": "done", "date_done": "2025-03-25"})
        tasks[1].write({"state": "done", "date_done": "2025-07-15"})
        tasks[3].write({"state": "cancelled"})
        other_year = self.env["qms.plan"].create({"name": "Kế hoạch ISO năm 2024", "year": 2024})
        self.env["qms.plan.task"].create(
            {
                "plan_id": other_year.id,
                "name": "Việc năm trước",
                "department_id": self.department_office.id,
                "date_deadline": "2024-05-31",
            }
        )
        counts = self.criterion_tasks._qms_measure(self.department_office, YEAR)
        self.assertEqual(counts, {self.department_office.id: (1, 3)})
        scores = self.env["qms.emulation.score"]._qms_compute_year(YEAR)
        office = scores.filtered(lambda s: s.department_id == self.department_office)
        line = office.line_ids.filtered(lambda ln: ln.criterion_id == self.criterion_tasks)
        self.assertAlmostEqual(line.points, 8.33)


@tagged("post_install", "-at_install")
class TestEmulationLifecycle(EmulationCommon):
    """Scores are computed by the standing office, confirmed by a leader, then kept."""

    def test_scores_are_never_written_by_hand(self):
        scores = self._compute()
        office = self._score(scores, self.department_office)
        line = office.line_ids[:1]
        forged = {
            "total_points": 100.0,
            "rank": 1,
            "has_data": False,
            "max_points": 50.0,
            "date_computed": "2025-01-01 00:00:00",
            "department_id": self.department_unit.id,
            "year": 2024,
            "state": "confirmed",
            "confirmed_by_id": self.leader.id,
        }
        for name, value in forged.items():
            with self.assertRaisesRegex(UserError, "only through its actions"):
                office.with_user(self.qms_manager).write({name: value})
        for name, value in {
            "achieved_count": 9,
            "counted_count": 9,
            "weight": 100,
            "points": 40.0,
            "value": 100.0,
        }.items():
            with self.assertRaisesRegex(UserError, "only through its actions"):
                line.with_user(self.qms_manager).write({name: value})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.emulation.score"].with_user(self.qms_manager).create(
                {"year": 2024, "department_id": self.department_office.id}
            )
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.emulation.score.line"].with_user(self.qms_manager).create(
                {
                    "score_id": office.id,
                    "criterion_id": self.criterion_ack.id,
                    "achieved_count": 10,
                    "counted_count": 10,
                }
            )
        self.assertAlmostEqual(office.total_points, 78.0)
        self.assertEqual(office.rank, 2)
        self.assertEqual(len(office.line_ids), 2)

    def test_a_leader_confirms_the_whole_year_and_it_is_kept(self):
        scores = self._compute()
        office = self._score(scores, self.department_office)
        with self.assertRaisesRegex(UserError, "not possible"):
            office.with_user(self.qms_manager).action_open_reopen_wizard()
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaises(AccessError):
                office.with_user(user).action_confirm()
        office.with_user(self.leader).action_confirm()
        self.assertEqual(set(scores.mapped("state")), {"confirmed"}, "every unit of the year")
        self.assertEqual(scores.confirmed_by_id, self.leader)
        self.assertTrue(all(scores.mapped("date_confirmed")))
        Score = self.env["qms.emulation.score"].with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "confirmed"):
            Score.action_compute_year(YEAR, self.company.id)
        with self.assertRaises(UserError):
            office.with_user(self.qms_manager).action_recompute()
        with self.assertRaises(UserError):
            office.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            office.line_ids.with_user(self.qms_manager).unlink()
        with self.assertRaises(AccessError):
            office.with_user(self.leader).action_reopen("Đơn vị khiếu nại")
        # the Reopen button's form is refused to the leader as the transition is
        with self.assertRaises(AccessError):
            office.with_user(self.leader).action_open_reopen_wizard()
        wizard = office.with_user(self.qms_manager).action_open_reopen_wizard()
        self.assertEqual(wizard["context"]["default_method"], "action_reopen")
        with self.assertRaisesRegex(UserError, "reason"):
            office.with_user(self.qms_manager).action_reopen(" ")
        self.assertAlmostEqual(office.total_points, 78.0)
        self.assertEqual(len(office.line_ids), 2)
        office.with_user(self.qms_manager).action_reopen("Văn phòng bổ sung số liệu tài liệu")
        self.assertEqual(set(scores.mapped("state")), {"draft"})
        self.assertTrue(
            any("Văn phòng bổ sung số liệu tài liệu" in m.body for m in office.message_ids)
        )
        Score.action_compute_year(YEAR, self.company.id)

    def test_compute_checks_its_arguments(self):
        Score = self.env["qms.emulation.score"]
        with self.assertRaises(AccessError):
            Score.with_user(self.leader).action_compute_year(YEAR)
        manager = Score.with_user(self.qms_manager)
        for year in ("2025", 1, 99999, None, True, 2025.5):
            with self.assertRaises(UserError):
                manager.action_compute_year(year)
        for company_id in ("1", [1], True):
            with self.assertRaises(UserError):
                manager.action_compute_year(YEAR, company_id)
        other = self.env["res.company"].create({"name": "Sở Nội vụ"})
        with self.assertRaises(AccessError):
            manager.action_compute_year(YEAR, other.id)
        self.assertTrue(manager.action_compute_year(YEAR, self.company.id))
