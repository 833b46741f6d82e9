from datetime import date
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.qms_iso9001.models.qms_objective_line import QmsObjectiveLine

from .common import QmsCommon


class ObjectiveCommon(QmsCommon):
    """An agency objective and a unit objective for 2026, approved by the director."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_unit.parent_id = cls.department_office
        cls.department_office.manager_id = cls.employee_director
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.employee_staff = cls.env["hr.employee"].create(
            {
                "name": "Phan Văn Nam",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.department_other = cls.env["hr.department"].create(
            {"name": "Phòng Bổ trợ tư pháp", "parent_id": cls.department_office.id}
        )
        cls.other_officer = cls._create_qms_user(
            "qms_other_officer", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Minh Quân",
                "department_id": cls.department_other.id,
                "user_id": cls.other_officer.id,
            }
        )
        cls.env["qms.approval.route"].search([]).active = False
        cls.route = cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt mục tiêu chất lượng",
                "model_id": cls.env["ir.model"]._get("qms.objective").id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )
        cls.agency = cls.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng năm 2026",
                "year": 2026,
                "line_ids": [
                    Command.create(cls._line_vals("Hồ sơ đúng hạn", ">=", 98)),
                    Command.create(cls._line_vals("Quy trình được rà soát", "=", 100, "yearly")),
                    Command.create(cls._line_vals("Phản ánh về thái độ", "<=", 0, uom="phản ánh")),
                ],
            }
        )
        cls.on_time, cls.reviewed, cls.complaints = cls.agency.line_ids

    @classmethod
    def _line_vals(cls, indicator, operator, target, frequency="quarterly", uom="%"):
        return {
            "name": f"Mục tiêu: {indicator}",
            "indicator": indicator,
            "target_operator": operator,
            "target_value": target,
            "uom": uom,
            "frequency": frequency,
            "department_id": cls.department_unit.id,
            "responsible_id": cls.qms_user.id,
        }

    def _approve(self, objective):
        objective.sudo().action_submit_for_approval()
        objective.with_user(self.leader).action_approve()
        self.assertEqual(objective.state, "approved")

    def _measure(self, line, date_from, date_to, value):
        return self.env["qms.objective.measurement"].create(
            {"line_id": line.id, "date_from": date_from, "date_to": date_to, "actual_value": value}
        )


@tagged("post_install", "-at_install")
class TestObjective(ObjectiveCommon):
    def test_approval_flow(self):
        unit = (
            self.env["qms.objective"]
            .with_user(self.unit_officer)
            .create(
                {
                    "name": "Mục tiêu của phòng",
                    "year": 2026,
                    "department_id": self.department_unit.id,
                }
            )
        )
        self.assertEqual(unit.parent_id, self.agency, "unit objectives roll up under the agency's")
        with self.assertRaises(UserError):  # nothing to approve yet
            unit.action_submit_for_approval()
        unit.line_ids = [Command.create(self._line_vals("Phiếu LLTP đúng hạn", ">=", 99))]
        unit.action_submit_for_approval()
        self.assertEqual(unit.state, "to_approve")
        self.assertFalse(unit.can_approve)
        with self.assertRaises(UserError):  # submitted: frozen for the drafter
            unit.name = "Đổi tên"
        # rejected: back to draft, then approved on the second try
        unit.with_user(self.leader).action_reject_with_reason("Chỉ tiêu quá thấp")
        self.assertEqual(unit.state, "draft")
        unit.line_ids.target_value = 99.5
        unit.action_submit_for_approval()
        unit.with_user(self.leader).action_approve()
        self.assertEqual(unit.state, "approved")
        self.assertEqual(unit.approver_id, self.leader)
        with self.assertRaises(UserError):
            unit.line_ids.with_user(self.unit_officer).target_value = 90
        with self.assertRaises(UserError):
            unit.with_user(self.unit_officer).unlink()

    def test_form_defaults_from_objective(self):
        with Form(self.env["qms.objective"].with_user(self.unit_officer)) as objective_form:
            objective_form.name = "Mục tiêu chất lượng năm 2027 của phòng"
            objective_form.year = 2027
            objective_form.department_id = self.department_unit
            with objective_form.line_ids.new() as line_form:
                line_form.name = "Giải quyết hồ sơ đúng hạn"
                line_form.indicator = "Tỷ lệ hồ sơ đúng hạn"
                line_form.target_value = 99
                self.assertEqual(line_form.department_id, self.department_unit)
                self.assertEqual(line_form.date_deadline, date(2027, 12, 31))
                self.assertEqual(line_form.target_operator, ">=")
        objective = objective_form.record
        self.assertEqual(objective.line_ids.frequency, "quarterly")
        self.assertEqual(objective.line_ids.next_measurement_date, date(2027, 3, 31))

    def test_new_objective_title_before_its_name(self):
        """The breadcrumb of a new objective names it as new, never "False"."""
        objective = self.env["qms.objective"].with_user(self.unit_officer).new({"year": 2027})
        self.assertEqual(objective.display_name, "New quality objective (Agency, 2027)")

    def test_no_route_refused(self):
        self.route.active = False
        with self.assertRaises(UserError):
            self.agency.action_submit_for_approval()
        self.assertEqual(self.agency.state, "draft")

    @freeze_time("2026-05-15")
    def test_achievement_operators(self):
        self._approve(self.agency)
        for line in self.agency.line_ids:
            self.assertEqual(line.achievement, "pending", "no measurement yet")
        self.assertEqual(self.agency.achievement, "pending")
        # ">= 98": 98 exactly meets it, 97.99 does not (interim: at risk)
        measurement = self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 98)
        self.assertEqual(self.on_time.achievement, "met")
        self.assertTrue(measurement.is_met)
        measurement.actual_value = 97.99
        self.assertEqual(self.on_time.achievement, "at_risk")
        self.assertFalse(measurement.is_met)
        # "= 100 %": 99.9 is not 100
        self._measure(self.reviewed, date(2026, 1, 1), date(2026, 4, 30), 99.9)
        self.assertEqual(self.reviewed.achievement, "at_risk")
        # "<= 0": one complaint misses it, none meets it
        complaint = self._measure(self.complaints, date(2026, 1, 1), date(2026, 3, 31), 1)
        self.assertEqual(self.complaints.achievement, "at_risk")
        complaint.actual_value = 0
        self.assertEqual(self.complaints.achievement, "met")
        self.assertEqual(self.agency.achievement, "at_risk")
        self.assertEqual(self.agency.line_met_count, 1)
        self.assertAlmostEqual(self.agency.achievement_rate, 33.3, places=1)
        # the latest measurement decides
        self._measure(self.on_time, date(2026, 4, 1), date(2026, 4, 30), 99)
        self.assertEqual(self.on_time.achievement, "met")
        self.assertEqual(self.on_time.actual_value, 99)

    def test_final_miss_is_not_met(self):
        self._approve(self.agency)
        with freeze_time("2026-12-20"):
            self._measure(self.reviewed, date(2026, 1, 1), date(2026, 12, 31), 95)
            self.assertEqual(self.reviewed.achievement, "not_met", "last period: no catching up")
            self._measure(self.on_time, date(2026, 10, 1), date(2026, 11, 30), 97)
            self.assertEqual(self.on_time.achievement, "at_risk")
        self.assertEqual(self.agency.achievement, "not_met")
        with freeze_time("2027-01-02"):
            self.env["qms.objective.line"]._cron_measurement_reminders()
            self.assertEqual(self.on_time.achievement, "not_met", "deadline passed")
        self.assertEqual(self.agency.line_not_met_count, 2)

    @freeze_time("2026-05-15")
    def test_rollup_of_unit_objectives(self):
        unit = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu của phòng",
                "year": 2026,
                "department_id": self.department_unit.id,
                "line_ids": [
                    Command.create(self._line_vals("Phiếu LLTP đúng hạn", ">=", 99)),
                    Command.create(self._line_vals("Văn bản bị trả lại", "<=", 2, uom="văn bản")),
                ],
            }
        )
        self.assertEqual(unit.parent_id, self.agency)
        self.assertEqual(self.agency.line_count, 5, "3 agency lines + 2 unit lines")
        self._approve(self.agency)
        self._approve(unit)
        self._measure(unit.line_ids[0], date(2026, 1, 1), date(2026, 3, 31), 99.5)
        self._measure(unit.line_ids[1], date(2026, 1, 1), date(2026, 3, 31), 2)
        self.assertEqual(unit.achievement, "met")
        self.assertEqual(unit.achievement_rate, 100)
        self.assertEqual(self.agency.line_met_count, 2)
        self.assertEqual(self.agency.line_pending_count, 3)
        self.assertEqual(self.agency.achievement, "pending")
        self.assertAlmostEqual(self.agency.achievement_rate, 40)
        self._measure(unit.line_ids[1], date(2026, 4, 1), date(2026, 4, 30), 3)
        self.assertEqual(self.agency.achievement, "at_risk", "a unit's miss shows on the agency")
        # a cancelled unit objective no longer counts
        unit.action_cancel("Phòng sáp nhập vào Văn phòng Sở")
        self.assertEqual(self.agency.line_count, 3)

    def test_scope_and_year_rules(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.env["qms.objective"].create({"name": "Trùng", "year": 2026})
        self.assertEqual(
            caught.exception.diag.constraint_name, "qms_objective_one_per_scope_and_year"
        )
        unit = self.env["qms.objective"].create(
            {"name": "Phòng", "year": 2026, "department_id": self.department_unit.id}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["qms.objective"].create(
                {"name": "Phòng 2", "year": 2026, "department_id": self.department_unit.id}
            )
        agency_2027 = self.env["qms.objective"].create({"name": "Năm 2027", "year": 2027})
        with self.assertRaises(ValidationError):
            unit.parent_id = agency_2027  # a 2026 unit objective under the 2027 agency's
        with self.assertRaises(ValidationError):
            self.agency.parent_id = unit
        unit.year = 2027  # moving it to another year re-links it to that year's agency objectives
        self.assertEqual(unit.parent_id, agency_2027)
        with self.assertRaises(ValidationError):
            self.env["qms.objective.line"].create(
                {
                    **self._line_vals("Sai năm", ">=", 1),
                    "objective_id": unit.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )

    def test_unit_objectives_drafted_first_are_adopted(self):
        unit = self.env["qms.objective"].create(
            {"name": "Phòng", "year": 2028, "department_id": self.department_unit.id}
        )
        self.assertFalse(unit.parent_id)
        agency = self.env["qms.objective"].create({"name": "Cơ quan", "year": 2028})
        self.assertEqual(unit.parent_id, agency)
        self.assertEqual(agency.child_ids, unit)

    def test_measurement_rules(self):
        with self.assertRaises(UserError):  # draft objectives are not measured
            self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 99)
        self._approve(self.agency)
        with self.assertRaises(ValidationError):
            self._measure(self.on_time, date(2026, 3, 31), date(2026, 1, 1), 99)
        with self.assertRaises(ValidationError):
            self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), -1)
        self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 99)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 97)
        self.assertIn(
            "correct that measurement instead",
            self.env["qms.objective.measurement"]._sql_error_to_message(caught.exception),
        )
        self.assertEqual(self.on_time.measurement_count, 1)

    def test_next_measurement_date(self):
        self.assertEqual(self.on_time.next_measurement_date, date(2026, 3, 31))
        self.assertEqual(self.reviewed.next_measurement_date, date(2026, 12, 31))
        self._approve(self.agency)
        self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 99)
        self.assertEqual(self.on_time.next_measurement_date, date(2026, 6, 30))
        self.assertEqual(self.on_time.target_display, "≥ 98 %")
        self.assertEqual(self.complaints.target_display, "≤ 0 phản ánh")
        self.on_time.sudo().frequency = "monthly"
        self.assertEqual(self.on_time.next_measurement_date, date(2026, 1, 31))

    def test_reminder_before_due(self):
        self._approve(self.agency)
        Line = self.env["qms.objective.line"]
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_objective_measure")
        with freeze_time("2026-03-23"):  # 8 days before 31/03
            Line._cron_measurement_reminders()
        self.assertFalse(self.on_time.activity_ids)
        with freeze_time("2026-03-24"):
            Line._cron_measurement_reminders()
            Line._cron_measurement_reminders()  # once per due date
        activity = self.on_time.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, activity_type)
        self.assertEqual(activity.user_id, self.qms_user)
        self.assertEqual(activity.date_deadline, date(2026, 3, 31))
        # the responsible person records the value: the to-do is done
        self.env["qms.objective.measurement"].with_user(self.qms_user).create(
            {
                "line_id": self.on_time.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 3, 31),
                "actual_value": 98.5,
            }
        )
        self.assertFalse(self.on_time.activity_ids)
        self.company.qms_objective_reminder_days = 30
        with freeze_time("2026-06-01"):
            Line._cron_measurement_reminders()
        self.assertEqual(self.on_time.activity_ids.date_deadline, date(2026, 6, 30))

    def test_indicator_source_hook(self):
        self._approve(self.agency)
        with self.assertRaises(UserError):  # manual: nothing to compute
            self.on_time.action_measure_now()
        self.assertIsNone(
            self.on_time._qms_compute_indicator_value(date(2026, 1, 1), date(2026, 3, 31))
        )
        periods = []

        def fake_value(line, date_from, date_to):
            periods.append((date_from, date_to))
            return 97.5 if line == self.on_time else None

        with (
            patch.object(QmsObjectiveLine, "_qms_compute_indicator_value", fake_value),
            patch.object(QmsObjectiveLine, "_qms_is_automatic", lambda line: line == self.on_time),
        ):
            with freeze_time("2026-07-10"):
                self.env["qms.objective.line"]._cron_measurement_reminders()
                # Q1 and Q2 are over: measured automatically; Q3 is not over yet
                self.assertEqual(
                    sorted(self.on_time.measurement_ids.mapped("date_to")),
                    [date(2026, 3, 31), date(2026, 6, 30)],
                )
                self.assertTrue(all(self.on_time.measurement_ids.mapped("is_automatic")))
                self.assertEqual(self.on_time.achievement, "at_risk")
                self.on_time.action_measure_now()
            self.assertEqual(periods[-1], (date(2026, 7, 1), date(2026, 7, 10)))
            self.assertEqual(len(self.on_time.measurement_ids), 3)
            with freeze_time("2026-07-20"):
                self.on_time.action_measure_now()  # refreshes the same period
            self.assertEqual(len(self.on_time.measurement_ids), 3)
            self.assertEqual(self.on_time.last_measurement_date, date(2026, 7, 20))

    def test_year_end_evaluation_and_report(self):
        self._approve(self.agency)
        with freeze_time("2026-12-31"):
            self._measure(self.on_time, date(2026, 10, 1), date(2026, 12, 31), 98.7)
            self._measure(self.reviewed, date(2026, 1, 1), date(2026, 12, 31), 90)
        self.assertEqual(self.reviewed.achievement, "not_met")
        with self.assertRaises(UserError):  # officers do not evaluate
            self.agency.with_user(self.unit_officer).action_evaluate()
        agency = self.agency.with_user(self.leader)
        with self.assertRaises(UserError):  # the cause of the miss is required
            agency.action_evaluate()
        self.reviewed.with_user(self.leader).cause_not_met = "Chưa rà soát kịp 2 quy trình mới"
        agency.evaluation = "<p>Cơ bản hoàn thành mục tiêu năm 2026.</p>"
        agency.action_evaluate()
        self.assertEqual(self.agency.state, "evaluated")
        self.assertEqual(self.agency.evaluator_id, self.leader)
        with self.assertRaises(UserError):  # evaluated: measurements are frozen
            self.reviewed.measurement_ids.with_user(self.qms_manager).actual_value = 100
        with self.assertRaises(UserError):  # and so is the evaluation
            self.reviewed.with_user(self.leader).cause_not_met = "Sửa lại"
        with self.assertRaises(UserError):
            self.agency.with_user(self.qms_manager).action_cancel("Hủy")
        self.assertEqual(self.reviewed.measurement_ids.actual_value, 90)
        self.assertEqual(self.reviewed.cause_not_met, "Chưa rà soát kịp 2 quy trình mới")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("qms_iso9001.report_qms_objective", self.agency.ids)[0]
            .decode()
        )
        for text in (
            "Hồ sơ đúng hạn",
            "≥ 98 %",
            "= 100 %",
            "Chưa rà soát kịp 2 quy trình mới",
            "Cơ bản hoàn thành",
            "Qms Leader",
            "2026",
        ):
            self.assertIn(text, html)

    def test_copy_to_next_year(self):
        self._approve(self.agency)
        self._measure(self.on_time, date(2026, 1, 1), date(2026, 3, 31), 99)
        action = self.agency.action_copy_to_next_year()
        new = self.env["qms.objective"].browse(action["res_id"])
        self.assertEqual(
            (new.year, new.state, new.name), (2027, "draft", "Mục tiêu chất lượng năm 2027")
        )
        self.assertEqual(new.line_ids.mapped("indicator"), self.agency.line_ids.mapped("indicator"))
        self.assertFalse(new.line_ids.measurement_ids)
        self.assertEqual(set(new.line_ids.mapped("date_deadline")), {date(2027, 12, 31)})
        with self.assertRaises(UserError):
            self.agency.action_copy_to_next_year()

    def test_unlink(self):
        unit = self.env["qms.objective"].create(
            {"name": "Phòng", "year": 2026, "department_id": self.department_unit.id}
        )
        with self.assertRaises(UserError):  # the unit objectives roll up into it
            self.agency.unlink()
        unit.unlink()
        self._approve(self.agency)
        with self.assertRaises(UserError):
            self.agency.with_user(self.qms_manager).unlink()
        self.agency.action_cancel("Trùng với mục tiêu đã ban hành")
        with self.assertRaises(UserError):  # cancelled after approval: kept as a record
            self.agency.with_user(self.qms_manager).unlink()
        self.agency.action_reset_to_draft("Lập lại từ đầu")
        self.agency.with_user(self.qms_manager).unlink()  # a draft again, never measured
        self.assertFalse(self.on_time.exists())


@tagged("post_install", "-at_install")
class TestObjectiveSecurity(ObjectiveCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env["qms.objective"].create(
            {
                "name": "Mục tiêu của Phòng Hành chính tư pháp",
                "year": 2026,
                "department_id": cls.department_unit.id,
                "line_ids": [Command.create(cls._line_vals("Phiếu LLTP đúng hạn", ">=", 99))],
            }
        )

    def test_officers_see_their_unit_drafts_only(self):
        Objective = self.env["qms.objective"]
        self.assertIn(self.unit, Objective.with_user(self.unit_officer).search([]))
        self.assertNotIn(self.unit, Objective.with_user(self.other_officer).search([]))
        with self.assertRaises(AccessError):
            self.unit.with_user(self.other_officer).read(["name"])
        # the agency's draft is the standing office's: units see it once approved
        self.assertNotIn(self.agency, Objective.with_user(self.other_officer).search([]))
        self._approve(self.agency)
        self.assertIn(self.agency, Objective.with_user(self.other_officer).search([]))
        self.assertIn(self.agency, Objective.with_user(self.qms_user).search([]))

    def test_a_user_asked_to_approve_reads_the_objectives(self):
        self.route.step_ids.user_ids = self.other_officer
        with self.assertRaises(AccessError):
            self.agency.with_user(self.other_officer).read(["name"])
        self.agency.sudo().action_submit_for_approval()
        self.agency.with_user(self.other_officer).read(["name"])
        self.agency.line_ids.with_user(self.other_officer).read(["indicator"])
        self.agency.with_user(self.other_officer).action_approve()
        self.assertEqual(self.agency.state, "approved")

    def test_officers_draft_for_their_unit_only(self):
        Objective = self.env["qms.objective"]
        self.unit.with_user(self.unit_officer).name = "Mục tiêu năm 2026 của phòng"
        with self.assertRaises(AccessError):
            self.unit.with_user(self.other_officer).name = "Không được"
        with self.assertRaises(AccessError):
            Objective.with_user(self.other_officer).create(
                {"name": "Không được", "year": 2027, "department_id": self.department_unit.id}
            )
        with self.assertRaises(AccessError):  # the agency's are drafted by the standing office
            self.agency.with_user(self.unit_officer).name = "Không được"
        with self.assertRaises(AccessError):  # plain users do not draft objectives
            Objective.with_user(self.qms_user).create(
                {"name": "Không được", "year": 2027, "department_id": self.department_unit.id}
            )
        with self.assertRaises(AccessError):
            self.unit.line_ids.with_user(self.other_officer).write({"target_value": 50})

    def test_measurements_by_responsible_person(self):
        self._approve(self.agency)
        Measurement = self.env["qms.objective.measurement"]
        vals = {
            "line_id": self.on_time.id,
            "date_from": date(2026, 1, 1),
            "date_to": date(2026, 3, 31),
            "actual_value": 99,
        }
        measurement = Measurement.with_user(self.qms_user).create(vals)
        self.assertEqual(self.on_time.actual_value, 99)
        self.on_time.sudo().responsible_id = self.leader
        with self.assertRaises(AccessError):  # no longer theirs to record
            Measurement.with_user(self.qms_user).create(
                {**vals, "date_from": date(2026, 4, 1), "date_to": date(2026, 6, 30)}
            )
        with self.assertRaises(AccessError):
            measurement.with_user(self.qms_user).actual_value = 100
        with self.assertRaises(AccessError):  # another unit's officer
            Measurement.with_user(self.other_officer).create(
                {**vals, "date_from": date(2026, 4, 1), "date_to": date(2026, 6, 30)}
            )
        # the officer of the responsible unit may record it
        Measurement.with_user(self.unit_officer).create(
            {**vals, "date_from": date(2026, 4, 1), "date_to": date(2026, 6, 30)}
        )
        self.assertEqual(self.on_time.measurement_count, 2)

    def test_leader_evaluates_manager_manages(self):
        self._approve(self.unit)
        self.assertIn(self.unit, self.env["qms.objective"].with_user(self.leader).search([]))
        self.unit.line_ids.with_user(self.leader).evaluation = "Đạt"
        with self.assertRaises(UserError):  # officers do not write the evaluation
            self.unit.line_ids.with_user(self.unit_officer).evaluation = "Tự đánh giá"
        with self.assertRaises(AccessError):  # leaders do not create objectives
            self.env["qms.objective"].with_user(self.leader).create({"name": "X", "year": 2030})
        self.env["qms.objective"].with_user(self.qms_manager).create({"name": "X", "year": 2030})

    @freeze_time("2026-05-15")
    def test_rollup_does_not_degrade_with_lines(self):
        """Recording a value recomputes the roll-up in the same number of queries whether the
        objectives hold one target or a dozen."""
        big = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu của Phòng Bổ trợ tư pháp",
                "year": 2026,
                "department_id": self.department_other.id,
                "line_ids": [
                    Command.create(self._line_vals(f"Chỉ tiêu {index}", ">=", 90))
                    for index in range(12)
                ],
            }
        )
        for objective in (self.agency, self.unit, big):
            self._approve(objective)

        def queries(line, month):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._measure(line, date(2026, month, 1), date(2026, month, 20), 95)
            self.env.flush_all()
            return self.cr.sql_log_count - start

        queries(self.on_time, 1)  # warm-up: caches of the first measurement
        small_count = queries(self.unit.line_ids, 2)
        big_count = queries(big.line_ids[0], 2)
        self.assertLessEqual(big_count, small_count + 1, "12 targets cost what one does")
        self.assertEqual(self.agency.line_count, 3 + 1 + 12)
        self.assertEqual((self.agency.line_met_count, self.agency.line_at_risk_count), (1, 2))
        action = self.agency.action_view_measurements()
        measurements = self.env["qms.objective.measurement"].search(action["domain"])
        self.assertEqual(len(measurements), 3, "the agency sees its units' measurements too")
