from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


class RiskCommon(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Risk = cls.env["qms.risk"]
        cls.level_low = cls.env.ref("qms_iso9001.qms_risk_level_low")
        cls.level_medium = cls.env.ref("qms_iso9001.qms_risk_level_medium")
        cls.level_high = cls.env.ref("qms_iso9001.qms_risk_level_high")
        cls.level_critical = cls.env.ref("qms_iso9001.qms_risk_level_critical")
        cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Phạm Minh Tuấn",
                "department_id": cls.department_office.id,
                "user_id": cls.qms_user.id,
            }
        )

    @classmethod
    def _risk(cls, likelihood=1, impact=1, department=None, **vals):
        return cls.Risk.create(
            {
                "name": vals.pop("name", "Hồ sơ TTHC giải quyết quá hạn"),
                "department_id": (department or cls.department_unit).id,
                "likelihood": likelihood,
                "impact": impact,
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestRiskScoring(RiskCommon):
    def test_score_and_level_boundaries(self):
        """Each band edge lands in the band the agency configured (1-4, 5-9, 10-16, 17-25)."""
        expected = {
            (1, 1): self.level_low,
            (2, 2): self.level_low,
            (1, 5): self.level_medium,
            (3, 3): self.level_medium,
            (2, 5): self.level_high,
            (4, 4): self.level_high,
            (3, 5): self.level_high,
            (5, 4): self.level_critical,
            (5, 5): self.level_critical,
        }
        for (likelihood, impact), level in expected.items():
            risk = self._risk(likelihood, impact)
            self.assertEqual(risk.score, likelihood * impact)
            self.assertEqual(risk.level_id, level, f"{likelihood}x{impact}")
        risk = self._risk(4, 4)
        self.assertTrue(risk.requires_action)
        risk.impact = 1
        self.assertEqual(risk.level_id, self.level_low, "the level follows a re-rating")

    def test_residual_rating(self):
        risk = self._risk(5, 4, residual_likelihood=2, residual_impact=3)
        self.assertEqual(risk.level_id, self.level_critical)
        self.assertEqual(risk.residual_score, 6)
        self.assertEqual(risk.residual_level_id, self.level_medium)
        risk.write({"residual_likelihood": 0, "residual_impact": 0})
        self.assertFalse(risk.residual_level_id, "no residual rating, no residual level")
        with self.assertRaises(ValidationError):
            risk.write({"residual_likelihood": 2})

    def test_rating_outside_scale_refused(self):
        with self.assertRaises(ValidationError):
            self._risk(6, 1)
        with self.assertRaises(ValidationError):
            self._risk(0, 3)
        self.company.qms_risk_impact_max = 7
        self.assertEqual(self._risk(1, 7).score, 7)
        with self.assertRaises(ValidationError):
            self.company.qms_risk_impact_max = 4
        with self.assertRaises(ValidationError):
            self.company.qms_risk_likelihood_max = 1

    def test_scale_in_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.qms_risk_likelihood_max = 4
        settings.save().execute()
        self.assertEqual(self.company.qms_risk_likelihood_max, 4)
        with self.assertRaises(ValidationError):
            self._risk(5, 1)

    def test_level_ranges_must_tile(self):
        Level = self.env["qms.risk.level"]
        with self.assertRaises(ValidationError):
            Level.create({"name": "Overlap", "min_score": 20, "max_score": 30, "color": "#000"})
        with self.assertRaises(ValidationError):
            Level.create({"name": "Gap", "min_score": 27, "max_score": 30, "color": "#000"})
        extreme = Level.create(
            {"name": "Extreme", "min_score": 26, "max_score": 36, "color": "#000000"}
        )
        self.assertEqual(Level._level_for_score(30), extreme)
        with self.assertRaises(ValidationError):
            self.level_medium.min_score = 0

    def test_moving_a_boundary_moves_the_neighbour(self):
        risk = self._risk(2, 3)
        self.assertEqual(risk.level_id, self.level_medium)
        self.level_low.max_score = 6
        self.assertEqual(self.level_medium.min_score, 7)
        self.assertEqual(risk.level_id, self.level_low, "stored levels re-filed")
        self.level_high.min_score = 8
        self.assertEqual(self.level_medium.max_score, 7)
        self.assertEqual(self._risk(2, 4).level_id, self.level_high)

    def test_used_level_cannot_be_deleted(self):
        self._risk(5, 5)
        with self.assertRaises(UserError):
            self.level_critical.unlink()

    def test_exploit_is_for_opportunities(self):
        opportunity = self._risk(3, 4, risk_type="opportunity", treatment="exploit")
        self.assertEqual(opportunity.treatment, "exploit")
        with self.assertRaises(ValidationError):
            self._risk(3, 4, treatment="exploit")
        with self.assertRaises(ValidationError):
            opportunity.treatment = "reduce"
        with Form(self.Risk) as form:
            form.name = "Ứng dụng dịch vụ công trực tuyến toàn trình"
            form.department_id = self.department_unit
            form.treatment = "reduce"
            form.risk_type = "opportunity"
            self.assertEqual(form.treatment, "exploit")

    def test_risk_stems_from_a_context_issue(self):
        issue = self.env["qms.context.issue"].create(
            {"name": "Biến động nhân sự", "issue_type": "internal"}
        )
        risk = self._risk(4, 3, context_issue_id=issue.id)
        self.assertEqual(risk.context_issue_id, issue)
        found = self.Risk.search([("context_issue_id", "=", issue.id)])
        self.assertEqual(found, risk)

    def test_reference_and_first_review_date(self):
        risk = self._risk(2, 2, date_identified=date(2026, 3, 2))
        self.assertTrue(risk.code.startswith("RR-"))
        self.assertEqual(risk.date_review, date(2027, 3, 2))
        self.assertIn(risk.code, risk.display_name)


@tagged("post_install", "-at_install")
class TestRiskWorkflow(RiskCommon):
    def test_accepted_low_risk_goes_to_monitoring(self):
        risk = self._risk(2, 2, treatment="accept")
        risk.action_assess()
        risk.action_monitor()
        self.assertEqual(risk.state, "monitored")
        risk.action_close()
        self.assertEqual(risk.state, "closed")
        self.assertEqual(risk.date_closed, date.today())
        risk.with_user(self.qms_manager).action_reopen("Phát sinh sự cố mới")
        self.assertEqual(risk.state, "monitored")
        self.assertFalse(risk.date_closed)

    def test_treatment_needed_before_starting(self):
        risk = self._risk(2, 2)
        risk.action_assess()
        with self.assertRaises(UserError):
            risk.action_start_treatment()
        with self.assertRaises(UserError):
            risk.action_assess()

    def test_high_risk_reduced_needs_an_action(self):
        risk = self._risk(4, 4, treatment="reduce")
        risk.action_assess()
        with self.assertRaises(UserError):
            risk.action_start_treatment()
        with self.assertRaises(UserError):
            risk.action_monitor()
        self.assertEqual(risk.state, "assessed")
        # a medium risk (no action required) can be treated without one
        medium = self._risk(3, 3, treatment="reduce")
        medium.action_assess()
        medium.action_start_treatment()
        self.assertEqual(medium.state, "treating")

    def test_add_action_then_treat(self):
        risk = self._risk(4, 4, treatment="reduce", name="Mất dữ liệu hồ sơ điện tử")
        risk.action_assess()
        action = risk.action_add_action()
        self.assertEqual(action["res_model"], "qms.action")
        with Form(
            self.env["qms.action"].with_context(**action["context"]),
            view="qms_iso9001.qms_action_view_form",
        ) as form:
            form.name = "Sao lưu dữ liệu hằng tuần"
            form.date_deadline = date.today() + timedelta(days=30)
        qms_action = form.record
        self.assertEqual(qms_action.risk_id, risk)
        self.assertEqual(qms_action.department_id, self.department_unit)
        self.assertEqual(qms_action.action_type, "preventive")
        self.assertEqual(risk.action_count, 1)
        self.assertEqual(risk.action_open_count, 1)
        qms_action.state = "cancelled"
        with self.assertRaises(UserError):
            risk.action_start_treatment()
        qms_action.state = "open"
        risk.action_start_treatment()
        self.assertEqual(risk.state, "treating")
        risk.action_monitor()
        self.assertEqual(risk.state, "monitored")
        self.assertEqual(risk.action_view_actions()["domain"], [("risk_id", "=", risk.id)])

    def test_draft_with_actions_not_deleted(self):
        risk = self._risk(4, 4, treatment="reduce")
        self.env["qms.action"].create(
            {
                "name": "Bổ sung nhân lực",
                "risk_id": risk.id,
                "date_deadline": date.today(),
                "responsible_id": self.unit_officer.id,
            }
        )
        with self.assertRaises(UserError):
            risk.unlink()

    def test_assessed_risk_is_archived_not_deleted(self):
        draft = self._risk(1, 1)
        draft.unlink()
        self.assertFalse(draft.exists())
        risk = self._risk(1, 1)
        risk.action_assess()
        with self.assertRaises(UserError):
            risk.unlink()
        risk.action_archive()
        self.assertFalse(risk.active)
        self.assertTrue(risk.exists())


@tagged("post_install", "-at_install")
class TestRiskReview(RiskCommon):
    def test_cron_reminds_unit_officer_once(self):
        risk = self._risk(3, 3, treatment="accept")
        risk.action_assess()
        risk.date_review = date.today() - timedelta(days=1)
        activity_type = self.env.ref("qms_iso9001.mail_activity_type_qms_risk_review")
        self.Risk._cron_review_reminder()
        activities = risk.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.unit_officer, "the unit's ISO officer reviews")
        self.Risk._cron_review_reminder()
        self.assertEqual(
            len(risk.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)), 1
        )
        not_due = self._risk(3, 3, treatment="accept")
        not_due.action_assess()
        self.Risk._cron_review_reminder()
        self.assertFalse(not_due.activity_ids)

    def test_cron_falls_back_to_unit_head(self):
        self.department_office.manager_id = self.employee_director
        risk = self._risk(2, 2, department=self.department_office)
        risk.action_assess()
        risk.date_review = date.today()
        self.Risk._cron_review_reminder()
        self.assertEqual(risk.activity_ids.user_id, self.leader)

    def test_reviewed_records_in_chatter_and_moves_date(self):
        risk = self._risk(3, 3, treatment="accept")
        risk.action_assess()
        risk.date_review = date.today()
        self.Risk._cron_review_reminder()
        risk.with_user(self.unit_officer).action_mark_reviewed()
        self.assertEqual(risk.date_last_review, date.today())
        self.assertEqual(risk.date_review, date.today().replace(year=date.today().year + 1))
        self.assertFalse(risk.activity_ids, "the review activity is done")
        self.assertIn(risk.level_id.name, risk.message_ids[0].body)
        draft = self._risk(1, 1)
        with self.assertRaises(UserError):
            draft.action_mark_reviewed()


@tagged("post_install", "-at_install")
class TestRiskSecurity(RiskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risk_unit = cls._risk(3, 4, name="Mất dữ liệu hồ sơ điện tử")
        cls.risk_office = cls._risk(
            2, 3, department=cls.department_office, name="Thiếu nhân lực bộ phận một cửa"
        )

    def test_unit_officer_keeps_own_unit_only(self):
        Risk = self.Risk.with_user(self.unit_officer)
        self.assertEqual(
            Risk.search([("id", "in", (self.risk_unit | self.risk_office).ids)]), self.risk_unit
        )
        self.risk_unit.with_user(self.unit_officer).write({"cause": "Máy chủ cũ"})
        self.assertEqual(self.risk_unit.cause, "Máy chủ cũ")
        new = Risk.create(
            {"name": "Sai sót khi nhập liệu", "department_id": self.department_unit.id}
        )
        self.assertTrue(new.code)
        with self.assertRaises(AccessError):
            self.risk_office.with_user(self.unit_officer).read(["name"])
        with self.assertRaises(AccessError):
            self.risk_office.with_user(self.unit_officer).write({"cause": "x"})
        with self.assertRaises(AccessError):
            Risk.create({"name": "Khác đơn vị", "department_id": self.department_office.id})

    def test_user_reads_own_unit_but_cannot_edit(self):
        risk = self.risk_office.with_user(self.qms_user)
        self.assertEqual(risk.name, "Thiếu nhân lực bộ phận một cửa")
        with self.assertRaises(AccessError):
            risk.write({"cause": "x"})
        with self.assertRaises(AccessError):
            self.risk_unit.with_user(self.qms_user).read(["name"])

    def test_leader_reads_all_standing_office_manages_all(self):
        both = self.risk_unit | self.risk_office
        self.assertEqual(self.Risk.with_user(self.leader).search([("id", "in", both.ids)]), both)
        with self.assertRaises(AccessError):
            self.risk_unit.with_user(self.leader).write({"cause": "x"})
        self.assertEqual(
            self.Risk.with_user(self.qms_manager).search([("id", "in", both.ids)]), both
        )
        self.risk_office.with_user(self.qms_manager).write({"treatment": "accept"})
        self.assertEqual(self.risk_office.treatment, "accept")

    def test_levels_configured_by_managers_only(self):
        with self.assertRaises(AccessError):
            self.level_low.with_user(self.unit_officer).write({"color": "#000000"})
        self.level_low.with_user(self.qms_manager).write({"color": "#00ff00"})
        self.assertEqual(self.level_low.with_user(self.qms_user).color, "#00ff00")


@tagged("post_install", "-at_install")
class TestRiskLifecycle(RiskCommon):
    """Risks move through assessment, treatment, monitoring and closing only by their actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_office = cls._create_qms_user(
            "qms_officer_office", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Thị Mai",
                "department_id": cls.department_office.id,
                "user_id": cls.officer_office.id,
            }
        )
        cls.user_unit = cls._create_qms_user("qms_user_unit", "qms_iso9001.group_qms_user")
        cls.env["hr.employee"].create(
            {
                "name": "Phan Văn Bình",
                "department_id": cls.department_unit.id,
                "user_id": cls.user_unit.id,
            }
        )

    def test_workflow_fields_are_not_written(self):
        risk = self._risk(3, 3, treatment="accept")
        forged = {
            "score": 1,
            "level_id": self.level_low.id,
            "residual_score": 1,
            "residual_level_id": self.level_low.id,
            "state": "closed",
            "date_closed": "2026-01-01",
            "code": "RR-9999",
            "date_review": "2099-12-31",
            "date_last_review": "2026-01-01",
            "review_reminded_date": "2026-01-01",
        }
        for user in (self.unit_officer, self.qms_manager):
            for name, value in forged.items():
                with self.assertRaisesRegex(UserError, "only through its actions"):
                    risk.with_user(user).write({name: value})
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.Risk.with_user(self.unit_officer).create(
                {"name": "Rủi ro", "department_id": self.department_unit.id, "state": "closed"}
            )
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.Risk.with_user(self.unit_officer).create(
                {"name": "Rủi ro", "department_id": self.department_unit.id, "code": "RR-1"}
            )
        self.assertEqual(risk.state, "draft")
        self.assertEqual((risk.score, risk.level_id), (9, self.level_medium))
        self.assertTrue(risk.code.startswith("RR-"))
        self.assertFalse(risk.date_closed)

    def test_transitions_need_the_unit_officer_or_the_standing_office(self):
        risk = self._risk(3, 3, treatment="accept")
        for user in (self.user_unit, self.leader, self.officer_office):
            for method in ("action_assess", "action_close", "action_mark_reviewed"):
                with self.assertRaises(AccessError):
                    getattr(risk.with_user(user), method)()
        self.assertEqual(risk.state, "draft")
        risk.with_user(self.unit_officer).action_assess()
        with self.assertRaises(AccessError):
            risk.with_user(self.user_unit).action_monitor()
        risk.with_user(self.unit_officer).action_monitor()
        risk.with_user(self.unit_officer).action_mark_reviewed()
        office = self._risk(2, 2, department=self.department_office, treatment="accept")
        office.with_user(self.qms_manager).action_assess()
        office.with_user(self.qms_manager).action_close()
        self.assertEqual((risk.state, office.state), ("monitored", "closed"))

    def test_rating_is_frozen_once_treated(self):
        risk = self._risk(3, 3, treatment="reduce")
        officer = risk.with_user(self.unit_officer)
        officer.action_assess()
        officer.write({"likelihood": 2})
        officer.action_start_treatment()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            officer.write({"likelihood": 1, "impact": 1})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            officer.write({"date_identified": "2020-01-01"})
        officer.write({"residual_likelihood": 1, "residual_impact": 2})
        self.assertEqual((risk.likelihood, risk.impact, risk.score), (2, 3, 6))
        self.assertEqual(risk.residual_score, 2)

    def test_closed_risk_is_kept_and_reopened_with_a_reason(self):
        risk = self._risk(2, 2, treatment="accept")
        risk.with_user(self.unit_officer).action_assess()
        risk.with_user(self.unit_officer).action_close()
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                risk.with_user(user).write({"cause": "Sửa lại sau khi đóng"})
            with self.assertRaisesRegex(UserError, "only through its actions"):
                risk.with_user(user).write({"state": "draft", "date_closed": False})
            with self.assertRaises(UserError):
                risk.with_user(user).unlink()
            with self.assertRaises(UserError):
                risk.with_user(user).action_reset_draft()
        with self.assertRaises(AccessError):
            risk.with_user(self.unit_officer).action_reopen("Tái diễn")
        with self.assertRaisesRegex(UserError, "reason"):
            risk.with_user(self.qms_manager).action_reopen("")
        self.assertEqual(risk.state, "closed")
        self.assertTrue(risk.date_closed)
        risk.with_user(self.qms_manager).action_archive()
        self.assertFalse(risk.active)
        risk.with_user(self.qms_manager).action_unarchive()
        risk.with_user(self.qms_manager).action_reopen("Sự cố mất dữ liệu tái diễn")
        self.assertEqual(risk.state, "monitored")
        self.assertFalse(risk.date_closed)
        self.assertTrue(any("Sự cố mất dữ liệu tái diễn" in m.body for m in risk.message_ids))

    def test_level_boundaries_have_no_bypass(self):
        manager_level = self.level_low.with_user(self.qms_manager)
        with self.assertRaises(ValidationError):
            manager_level.with_context(qms_risk_level_neighbour=True).write({"min_score": 3})
        with self.assertRaises(ValidationError):
            manager_level.with_context(qms_risk_level_neighbour=True).write({"max_score": 0})
        for bad in ("5", None, 4.5, True):
            with self.assertRaises(ValidationError):
                manager_level.write({"max_score": bad})
        self.assertEqual((self.level_low.min_score, self.level_low.max_score), (1, 4))
        self.assertEqual(self.level_medium.min_score, 5)
        manager_level.write({"max_score": 5})
        self.assertEqual(self.level_medium.min_score, 6, "the neighbour moved with it")
