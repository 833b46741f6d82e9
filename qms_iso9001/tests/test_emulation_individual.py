import base64
import datetime
import io

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..lifecycle import LEADER
from .common import QmsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl ships with the venv
    openpyxl = None

YEAR = 2025


def _moment(day, hour=9):
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))


class IndividualEmulationCommon(QmsCommon):
    """Hand-worked example (year 2025, judged on 31/12/2025; reading time: 3 days).

    Criteria: documents read on time (civil servants only, weight 40), ISO plan tasks done on
    time (both, 30), NC actions closed on time (both, 30), quality objectives met (units only,
    20: never in a civil servant's score).

    Nguyễn Thị Lan (Văn phòng, user `qms_user`):
    - read requests of 2025: read after 1 day (on time), read after 5 days (late), still
      pending since June (counted, missed); a cancelled one and one of 2024 are not counted
      -> 1 of 3 -> 40 x 1/3 = 13.33 points;
    - plan tasks assigned to her: one done on time, one done late, one cancelled (not counted)
      -> 1 of 2 -> 15 points;
    - NC actions she is responsible for: one done before its deadline; one due in 2026 (not
      counted) -> 1 of 1 -> 30 points; total 58.33 / 100.
    Phạm Minh Tuấn (Văn phòng): one read request read on time (40), one task done on time
    (30), no NC action -> left out, scaled: 70 / 70 x 100 = 100.00.
    Võ Đức Thành, head of Phòng Hành chính tư pháp, and Đỗ Văn Hải of that unit: no data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_ack_reminder_days = 3
        cls.env["qms.emulation.criterion"].search([]).active = False
        Criterion = cls.env["qms.emulation.criterion"]
        cls.criterion_reading = Criterion.create(
            {
                "name": "Đọc, xác nhận tài liệu đúng hạn",
                "metric": "acknowledgement_rate",
                "applies_to": "individual",
                "weight": 40,
                "sequence": 1,
            }
        )
        cls.criterion_tasks = Criterion.create(
            {
                "name": "Nhiệm vụ kế hoạch ISO hoàn thành đúng hạn",
                "metric": "plan_tasks_on_time",
                "applies_to": "both",
                "weight": 30,
                "sequence": 2,
            }
        )
        cls.criterion_actions = Criterion.create(
            {
                "name": "Hành động khắc phục hoàn thành đúng hạn",
                "metric": "ncs_closed_on_time",
                "applies_to": "both",
                "weight": 30,
                "sequence": 3,
            }
        )
        cls.criterion_objectives = Criterion.create(
            {
                "name": "Mục tiêu chất lượng đạt",
                "metric": "objectives_met",
                "applies_to": "unit",
                "weight": 20,
                "sequence": 4,
            }
        )
        cls.colleague = cls._create_qms_user("qms_colleague", "qms_iso9001.group_qms_user")
        cls.head = cls._create_qms_user("qms_head", "qms_iso9001.group_qms_user")
        cls.employee_lan = cls.employee_secretary
        cls.employee_lan.user_id = cls.qms_user
        cls.employee_tuan = cls.env["hr.employee"].create(
            {
                "name": "Phạm Minh Tuấn",
                "department_id": cls.department_office.id,
                "user_id": cls.colleague.id,
            }
        )
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Lê Thu Hà",
                "department_id": cls.department_office.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.employee_head = cls.employee_member
        cls.employee_head.user_id = cls.head
        cls.department_unit.manager_id = cls.employee_head
        cls.employee_hai = cls.env["hr.employee"].create(
            {"name": "Đỗ Văn Hải", "department_id": cls.department_unit.id}
        )
        revisions = [cls._issued_revision(index) for index in range(6)]
        Distribution = cls.env["qms.document.distribution"]

        def read_request(revision, employee, distributed, state="pending", read=None):
            return Distribution.create(
                {
                    "revision_id": revision.id,
                    "employee_id": employee.id,
                    "user_id": employee.user_id.id,
                    "department_id": employee.department_id.id,
                    "state": state,
                    "date_distributed": distributed,
                    "date_acknowledged": read,
                }
            )

        lan = cls.employee_lan
        cls.read_on_time = read_request(
            revisions[0], lan, _moment("2025-03-03"), "acknowledged", _moment("2025-03-04")
        )
        cls.read_late = read_request(
            revisions[1], lan, _moment("2025-04-01"), "acknowledged", _moment("2025-04-06")
        )
        cls.read_pending = read_request(revisions[2], lan, _moment("2025-06-02"))
        cls.read_cancelled = read_request(revisions[3], lan, _moment("2025-07-01"), "cancelled")
        cls.read_last_year = read_request(
            revisions[4], lan, _moment("2024-12-30"), "acknowledged", _moment("2024-12-31")
        )
        cls.read_tuan = read_request(
            revisions[0],
            cls.employee_tuan,
            _moment("2025-03-03"),
            "acknowledged",
            _moment("2025-03-05"),
        )

        plan = cls.env["qms.plan"].create({"name": "Kế hoạch ISO năm 2025", "year": YEAR})
        tasks = cls.env["qms.plan.task"].create(
            [
                {
                    "plan_id": plan.id,
                    "name": name,
                    "department_id": cls.department_office.id,
                    "user_id": user.id,
                    "date_deadline": deadline,
                }
                for name, user, deadline in (
                    ("Rà soát quy trình văn thư", cls.qms_user, "2025-03-31"),
                    ("Cập nhật danh mục hồ sơ", cls.qms_user, "2025-06-30"),
                    ("Khảo sát sự hài lòng", cls.qms_user, "2025-09-30"),
                    ("Chuẩn bị họp xem xét của lãnh đạo", cls.colleague, "2025-10-31"),
                )
            ]
        )
        plan.state = "approved"
        tasks[0].write({"state": "done", "date_done": "2025-03-25"})
        tasks[1].write({"state": "done", "date_done": "2025-07-15"})
        tasks[2].write({"state": "cancelled"})
        tasks[3].write({"state": "done", "date_done": "2025-10-20"})
        cls.task_on_time, cls.task_late, cls.task_cancelled, cls.task_tuan = tasks

        nonconformity = cls.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ lưu thiếu phiếu kiểm soát",
                "description": "<p>Thiếu phiếu kiểm soát quá trình.</p>",
                "department_id": cls.department_office.id,
                "date_detected": "2025-02-10",
                "date_deadline": "2025-05-31",
            }
        )
        cls.action_on_time, cls.action_next_year = cls.env["qms.action"].create(
            [
                {
                    "name": "Bổ sung phiếu kiểm soát",
                    "nonconformity_id": nonconformity.id,
                    "department_id": cls.department_office.id,
                    "responsible_id": cls.qms_user.id,
                    "date_deadline": "2025-04-30",
                    "state": "done",
                    "date_done": "2025-04-20",
                },
                {
                    "name": "Đào tạo lại quy trình lưu trữ",
                    "nonconformity_id": nonconformity.id,
                    "department_id": cls.department_office.id,
                    "responsible_id": cls.qms_user.id,
                    "date_deadline": "2026-01-31",
                },
            ]
        )

    @classmethod
    def _issued_revision(cls, index):
        document = cls.env["qms.document"].create(
            {
                "name": f"Quy trình cá nhân {index}",
                "type_id": cls.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": cls.department_office.id,
            }
        )
        return cls.env["qms.document.revision"].create(
            {"document_id": document.id, "state": "issued", "effective_date": "2025-01-01"}
        )

    def _compute(self):
        return self.env["qms.emulation.individual.score"]._qms_compute_year(YEAR, self.company)

    def _score(self, scores, employee):
        return scores.filtered(lambda score: score.employee_id == employee)

    def _line(self, score, criterion):
        return score.line_ids.filtered(lambda line: line.criterion_id == criterion)


@tagged("post_install", "-at_install")
class TestIndividualEmulationScore(IndividualEmulationCommon):
    """The figures of the hand-worked example and their evidence."""

    def test_scores_match_hand_worked_numbers(self):
        scores = self._compute()
        lan = self._score(scores, self.employee_lan)
        tuan = self._score(scores, self.employee_tuan)
        self.assertEqual(
            lan.line_ids.criterion_id,
            self.criterion_reading | self.criterion_tasks | self.criterion_actions,
            "a criterion for units only is not in a civil servant's score",
        )
        reading = self._line(lan, self.criterion_reading)
        self.assertEqual((reading.achieved_count, reading.counted_count), (1, 3))
        self.assertAlmostEqual(reading.points, 13.33)
        self.assertEqual(reading.detail, "1 of 3")
        tasks = self._line(lan, self.criterion_tasks)
        self.assertEqual((tasks.achieved_count, tasks.counted_count), (1, 2))
        self.assertAlmostEqual(tasks.points, 15.0)
        actions = self._line(lan, self.criterion_actions)
        self.assertEqual((actions.achieved_count, actions.counted_count), (1, 1))
        self.assertAlmostEqual(lan.total_points, 58.33)
        self.assertAlmostEqual(lan.max_points, 100.0)
        self.assertEqual(lan.result_display, "58.33 / 100.00")
        self.assertEqual(lan.department_id, self.department_office)

        self.assertFalse(self._line(tuan, self.criterion_actions).has_data)
        self.assertAlmostEqual(tuan.total_points, 100.0)
        for employee in (self.employee_head, self.employee_hai):
            score = self._score(scores, employee)
            self.assertFalse(score.has_data)
            self.assertEqual(score.result_display, "No data")

    def test_units_do_not_count_individual_only_criteria(self):
        scores = self.env["qms.emulation.score"]._qms_compute_year(YEAR, self.company)
        self.assertEqual(
            scores.line_ids.criterion_id,
            self.criterion_tasks | self.criterion_actions | self.criterion_objectives,
        )

    def test_evidence_opens_exactly_the_counted_records(self):
        scores = self._compute()
        lan = self._score(scores, self.employee_lan)
        with Form(lan.with_user(self.qms_user)) as form:
            self.assertEqual(form.result_display, "58.33 / 100.00")
            self.assertEqual(len(form.line_ids), 3)
        expected = {
            self.criterion_reading: (
                self.read_on_time | self.read_late | self.read_pending,
                self.read_on_time,
            ),
            self.criterion_tasks: (self.task_on_time | self.task_late, self.task_on_time),
            self.criterion_actions: (self.action_on_time, self.action_on_time),
        }
        for criterion, (counted, achieved) in expected.items():
            line = self._line(lan, criterion).with_user(self.qms_user)
            for method, records in (
                ("action_open_evidence", counted),
                ("action_open_evidence_achieved", achieved),
            ):
                with self.subTest(criterion=criterion.name, button=method):
                    action = getattr(line, method)()
                    self.assertEqual(action["res_model"], records._name)
                    opened = (
                        self.env[action["res_model"]]
                        .with_user(self.qms_user)
                        .with_context(**action["context"])
                        .search(action["domain"])
                    )
                    self.assertEqual(opened, records)
                    self.assertEqual(
                        len(opened),
                        line.achieved_count if "achieved" in method else line.counted_count,
                    )

    def test_evidence_is_kept_when_the_records_change_after_confirmation(self):
        scores = self._compute()
        scores[:1].with_user(self.leader).action_confirm()
        self.read_pending.sudo()._qms_set(
            {"state": "acknowledged", "date_acknowledged": _moment("2025-12-01")}
        )
        reading = self._line(self._score(scores, self.employee_lan), self.criterion_reading)
        action = reading.action_open_evidence()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            self.read_on_time | self.read_late | self.read_pending,
        )
        self.assertEqual((reading.achieved_count, reading.counted_count), (1, 3))

    def test_criterion_for_civil_servants_needs_a_personal_measure(self):
        with self.assertRaisesRegex(ValidationError, "units only"):
            self.criterion_objectives.applies_to = "both"
        with self.assertRaisesRegex(ValidationError, "units only"):
            self.env["qms.emulation.criterion"].create(
                {
                    "name": "Mục tiêu cá nhân",
                    "metric": "objectives_met",
                    "applies_to": "individual",
                    "weight": 10,
                    "active": False,
                }
            )
        self.criterion_tasks.applies_to = "unit"
        scores = self._compute()
        self.assertNotIn(self.criterion_tasks, scores.line_ids.criterion_id)

    def test_no_criterion_for_civil_servants_is_said(self):
        (self.criterion_reading | self.criterion_tasks | self.criterion_actions).write(
            {"applies_to": "unit"}
        )
        self.criterion_reading.active = False
        with self.assertRaisesRegex(UserError, "civil servants"):
            self._compute()

    def test_measuring_does_not_grow_with_people(self):
        """Each metric reads its records in a fixed number of queries, whatever the number of
        civil servants."""
        criteria = self.criterion_reading | self.criterion_tasks | self.criterion_actions
        employees = self.employee_lan | self.employee_tuan
        self.env.flush_all()
        self.env.invalidate_all()
        # 8 grouped queries, and 1 to read the agency's clock (its calendar's time zone)
        with self.assertQueryCount(9):
            for criterion in criteria:
                criterion._qms_measure_individuals(employees, YEAR)
        more = self.env["hr.employee"].create(
            [
                {
                    "name": f"Công chức {index}",
                    "department_id": self.department_office.id,
                    "user_id": self._create_qms_user(
                        f"qms_servant_{index}", "qms_iso9001.group_qms_user"
                    ).id,
                }
                for index in range(8)
            ]
        )
        revision = self._issued_revision(99)
        self.env["qms.document.distribution"].create(
            [
                {
                    "revision_id": revision.id,
                    "employee_id": employee.id,
                    "user_id": employee.user_id.id,
                    "department_id": employee.department_id.id,
                    "date_distributed": _moment("2025-05-05"),
                }
                for employee in more
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            for criterion in criteria:
                criterion._qms_measure_individuals(employees | more, YEAR)
        _model, counts = self.criterion_reading._qms_measure_individuals(employees | more, YEAR)
        self.assertEqual(len(counts[more[0].id][1]), 1)

    def test_wizard_computes_civil_servants(self):
        wizard = (
            self.env["qms.emulation.score.wizard"]
            .with_user(self.qms_manager)
            .create({"year": YEAR, "scope": "individual"})
        )
        action = wizard.action_compute()
        self.assertEqual(action["res_model"], "qms.emulation.individual.score")
        scores = self.env["qms.emulation.individual.score"].search(action["domain"])
        self.assertIn(self.employee_lan, scores.employee_id)
        self.assertFalse(
            self.env["qms.emulation.score"].search(
                [("year", "=", YEAR), ("department_id", "=", self.department_office.id)]
            ),
            "computing civil servants leaves the units' scores alone",
        )
        list_action = scores[:1].with_user(self.qms_manager).action_open_compute_wizard()
        self.assertEqual(list_action["context"], {"default_scope": "individual"})

    def test_excel_export_of_civil_servants_reads_back(self):
        if openpyxl is None:
            self.skipTest("openpyxl is not installed")
        self._compute()
        wizard = (
            self.env["qms.emulation.score.wizard"]
            .with_user(self.leader)
            .create({"year": YEAR, "scope": "individual"})
        )
        action = wizard.action_export_xlsx()
        self.assertIn("diem_thi_dua_iso_ca_nhan_2025.xlsx", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        rows = list(book.worksheets[0].iter_rows(min_row=5, values_only=True))
        lan = next(row for row in rows if row[1] == "Nguyễn Thị Lan")
        self.assertEqual(lan[0], "Văn phòng")
        self.assertEqual(lan[2:7], ("13.33 (1/3)", "15.00 (1/2)", "30.00 (1/1)", 58.33, 100))
        hai = next(row for row in rows if row[1] == "Đỗ Văn Hải")
        self.assertEqual(hai[5], "Không có dữ liệu")


@tagged("post_install", "-at_install")
class TestIndividualEmulationAccess(IndividualEmulationCommon):
    """Who reads whose score: the person, the unit's head and ISO officer, leaders and the
    standing office; never another agency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scores = cls.env["qms.emulation.individual.score"]._qms_compute_year(YEAR, cls.company)

    def _visible(self, user):
        return self.env["qms.emulation.individual.score"].with_user(user).search([])

    def test_a_civil_servant_reads_only_their_own(self):
        lan = self._score(self.scores, self.employee_lan)
        tuan = self._score(self.scores, self.employee_tuan)
        self.assertEqual(self._visible(self.qms_user), lan)
        self.assertEqual(self._visible(self.colleague), tuan)
        with self.assertRaises(AccessError):
            tuan.with_user(self.qms_user).read(["total_points"])
        with self.assertRaises(AccessError):
            tuan.line_ids[:1].with_user(self.qms_user).action_open_evidence()
        lines = self.env["qms.emulation.individual.score.line"].with_user(self.qms_user)
        self.assertEqual(lines.search([]), lan.line_ids)

    def test_the_unit_head_and_officer_read_their_units(self):
        unit_scores = self.scores.filtered(lambda s: s.department_id == self.department_unit)
        office_scores = self.scores.filtered(lambda s: s.department_id == self.department_office)
        self.assertEqual(len(unit_scores), 2)
        self.assertEqual(self._visible(self.head), unit_scores)
        self.assertEqual(self._visible(self.unit_officer), office_scores)
        lines = self.env["qms.emulation.individual.score.line"]
        self.assertEqual(lines.with_user(self.head).search([]), unit_scores.line_ids)

    def test_leaders_and_standing_office_read_the_agency(self):
        self.assertEqual(self._visible(self.leader), self.scores)
        self.assertEqual(self._visible(self.qms_manager), self.scores)

    def test_another_agency_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Sở Nội vụ tỉnh khác"})
        outsider = self.env["res.users"].create(
            {
                "name": "Cán bộ Sở khác",
                "login": "qms_outsider",
                "group_ids": [Command.set(self.env.ref("qms_iso9001.group_qms_manager").ids)],
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
            }
        )
        self.assertFalse(self._visible(outsider))
        with self.assertRaises(AccessError):
            self.scores[:1].with_user(outsider).read(["total_points"])
        with self.assertRaises(AccessError):
            self.env["qms.emulation.individual.score"].with_user(outsider).action_compute_year(
                YEAR, self.company.id
            )


@tagged("post_install", "-at_install")
class TestIndividualEmulationLifecycle(IndividualEmulationCommon):
    """Computed by the standing office, confirmed by a leader, then kept."""

    def test_only_the_standing_office_computes(self):
        Score = self.env["qms.emulation.individual.score"]
        for user in (self.qms_user, self.unit_officer, self.leader):
            with self.assertRaises(AccessError):
                Score.with_user(user).action_compute_year(YEAR)
        for year in ("2025", 1999, None, True):
            with self.assertRaises(UserError):
                Score.with_user(self.qms_manager).action_compute_year(year)
        scores = Score.with_user(self.qms_manager).action_compute_year(YEAR, self.company.id)
        self.assertIn(self.employee_lan, scores.employee_id)
        again = Score.with_user(self.qms_manager).action_compute_year(YEAR, self.company.id)
        self.assertEqual(again, scores, "recomputing refreshes, never duplicates")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            Score.create({"year": YEAR, "employee_id": self.employee_lan.id})
        self.assertIn("recompute the year", Score._sql_error_to_message(caught.exception))

    def test_scores_are_never_written_by_hand(self):
        lan = self._score(self._compute(), self.employee_lan)
        line = lan.line_ids[:1]
        for name, value in {
            "total_points": 100.0,
            "has_data": False,
            "department_id": self.department_unit.id,
            "state": "confirmed",
        }.items():
            with self.assertRaisesRegex(UserError, "only through its actions"):
                lan.with_user(self.qms_manager).write({name: value})
        for name, value in {
            "achieved_count": 3,
            "evidence_ids": [self.read_cancelled.id],
            "evidence_model": "res.partner",
        }.items():
            with self.assertRaisesRegex(UserError, "only through its actions"):
                line.with_user(self.qms_manager).write({name: value})
        with self.assertRaises(AccessError):
            line.with_user(self.unit_officer).write({"achieved_count": 3})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.env["qms.emulation.individual.score.line"].with_user(self.qms_manager).create(
                {
                    "score_id": lan.id,
                    "criterion_id": self.criterion_reading.id,
                    "evidence_ids": [self.read_cancelled.id],
                }
            )
        self.assertAlmostEqual(lan.total_points, 58.33)

    def test_a_leader_confirms_the_year_and_it_is_kept(self):
        scores = self._compute()
        lan = self._score(scores, self.employee_lan)
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaises(AccessError):
                lan.with_user(user).action_confirm()
        lan.with_user(self.leader).action_confirm()
        self.assertEqual(set(scores.mapped("state")), {"confirmed"}, "every civil servant")
        self.assertEqual(scores.confirmed_by_id, self.leader)
        Score = self.env["qms.emulation.individual.score"].with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "confirmed"):
            Score.action_compute_year(YEAR, self.company.id)
        with self.assertRaises(UserError):
            lan.with_user(self.qms_manager).action_recompute()
        with self.assertRaises(UserError):
            lan.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            lan.line_ids.with_user(self.qms_manager).unlink()
        with self.assertRaises(AccessError):
            lan.with_user(self.leader).action_reopen("Công chức khiếu nại")
        with self.assertRaises(AccessError):
            lan.with_user(self.leader).action_open_reopen_wizard()
        with self.assertRaisesRegex(UserError, "reason"):
            lan.with_user(self.qms_manager).action_reopen(" ")
        lan.with_user(self.qms_manager).action_reopen("Bà Lan bổ sung xác nhận đọc tài liệu")
        self.assertEqual(set(scores.mapped("state")), {"draft"})
        self.assertTrue(
            any("Bà Lan bổ sung xác nhận đọc tài liệu" in m.body for m in lan.message_ids)
        )
        Score.action_compute_year(YEAR, self.company.id)

    def test_both_kinds_of_score_offer_the_same_steps(self):
        """Units and civil servants are scored by one shared model: each still shows the same
        buttons to the same groups, only the computation is named after what it scores."""
        tables = {
            name: {
                method: (spec.states, spec.groups, spec.access, str(spec.label))
                for method, spec in self.env[name]._qms_transitions().items()
            }
            for name in ("qms.emulation.score", "qms.emulation.individual.score")
        }
        units, people = tables["qms.emulation.score"], tables["qms.emulation.individual.score"]
        self.assertEqual(
            set(units),
            {"action_compute_year", "action_recompute", "action_confirm", "action_reopen"},
        )
        self.assertEqual(set(people), set(units))
        self.assertEqual(units["action_compute_year"][3], "Compute Scores")
        self.assertEqual(people["action_compute_year"][3], "Compute Individual Scores")
        for method in ("action_recompute", "action_confirm", "action_reopen"):
            self.assertEqual(people[method], units[method], method)
        self.assertEqual(units["action_confirm"][:3], (("draft",), (LEADER,), "read"))
        lan = self._score(self._compute(), self.employee_lan)
        self.assertEqual(
            lan._qms_available_actions(),
            ["Compute Individual Scores", "Confirm Results", "Recompute"],
        )
