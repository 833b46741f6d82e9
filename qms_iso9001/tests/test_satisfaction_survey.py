from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(QmsCommon):
    """Customer satisfaction (ISO 9001 clause 9.1.2) measured with the Surveys app: campaigns,
    results counted from the completed answers, the objective indicator and who sees what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Văn An",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.template = cls.env.ref("qms_iso9001.survey_satisfaction_template")
        cls.Campaign = cls.env["qms.satisfaction.survey"]

    def _campaign(self, survey=None, department=None, **values):
        return self.Campaign.with_user(self.qms_manager).create(
            {
                "name": "Khảo sát sự hài lòng 6 tháng đầu năm 2026",
                "survey_id": (survey or self.template).id,
                "department_id": (department or self.department_unit).id,
                "date_from": "2026-01-01",
                "date_to": "2026-06-30",
                **values,
            }
        )

    def _answer(self, levels, when="2026-03-15 09:00:00", state="done", test=False, survey=None):
        """One participation answering the rated questions with the given levels in order."""
        survey = survey or self.template
        questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        lines = []
        for question, level in zip(questions, levels, strict=False):
            answer = question.suggested_answer_ids.filtered(
                lambda a, level=level: a.qms_satisfaction_level == level
            )
            lines.append(
                Command.create(
                    {
                        "question_id": question.id,
                        "answer_type": "suggestion",
                        "suggested_answer_id": answer.id,
                    }
                )
            )
        return self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "state": state,
                "test_entry": test,
                "end_datetime": when,
                "user_input_line_ids": lines,
            }
        )

    def test_template_uses_the_three_levels(self):
        levels = self.template.question_ids.suggested_answer_ids.mapped("qms_satisfaction_level")
        self.assertEqual(set(levels), {"satisfied", "acceptable", "not_satisfied"})
        self.assertEqual(len(self.template.question_ids.filtered(lambda q: q.constr_mandatory)), 4)

    def test_results_count_completed_answers_of_the_period(self):
        campaign = self._campaign()
        self._answer(["satisfied"] * 4)
        self._answer(["satisfied", "satisfied", "acceptable", "not_satisfied"])
        # not counted: a test entry, an unfinished one, one after the period
        self._answer(["not_satisfied"] * 4, test=True)
        self._answer(["not_satisfied"] * 4, state="in_progress")
        self._answer(["not_satisfied"] * 4, when="2026-07-01 08:00:00")
        campaign.action_open()
        self.assertEqual(campaign.state, "open")
        self.assertEqual(campaign.participant_count, 2)
        self.assertEqual(campaign.rated_count, 8)
        self.assertEqual(
            (campaign.satisfied_count, campaign.acceptable_count, campaign.not_satisfied_count),
            (6, 1, 1),
        )
        self.assertEqual(campaign.satisfaction_rate, 87.5)
        # more answers arrive (this one at 23:30 on the last day, Hanoi time); closing counts
        # them once more and freezes the figures
        self._answer(["satisfied"] * 4, when="2026-06-30 16:30:00")
        campaign.action_close()
        self.assertEqual(campaign.participant_count, 3)
        self.assertAlmostEqual(campaign.satisfaction_rate, 91.67)
        self._answer(["not_satisfied"] * 4, when="2026-06-30 21:00:00")
        with self.assertRaisesRegex(UserError, "not possible"):
            campaign.action_refresh_results()
        with self.assertRaisesRegex(UserError, "change only through its actions"):
            campaign.satisfaction_rate = 100.0
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            campaign.date_to = "2026-12-31"
        campaign.note = "<p>Thời gian giải quyết cần cải thiện.</p>"
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            campaign.unlink()

    def test_open_needs_rated_answers_and_the_standing_office(self):
        bare = self.env["survey.survey"].create(
            {
                "title": "Phiếu không có mức hài lòng",
                "question_and_page_ids": [
                    Command.create({"title": "Ý kiến", "question_type": "text_box"})
                ],
            }
        )
        campaign = self._campaign(survey=bare)
        with self.assertRaisesRegex(UserError, "counts as satisfied"):
            campaign.action_open()
        ok = self._campaign(date_from="2026-07-01", date_to="2026-12-31")
        with self.assertRaises(AccessError):
            ok.with_user(self.unit_officer).action_open()
        with self.assertRaises(AccessError):
            self.Campaign.with_user(self.unit_officer).create(
                {
                    "name": "Khảo sát",
                    "survey_id": self.template.id,
                    "date_from": "2027-01-01",
                    "date_to": "2027-06-30",
                }
            )
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self._campaign(date_from="2028-01-01", date_to="2028-06-30", participant_count=5)

    def test_one_campaign_per_questionnaire_and_period(self):
        self._campaign()
        later = self._campaign(date_from="2026-07-01", date_to="2026-12-31")
        self.assertEqual(later.state, "draft")
        with self.assertRaisesRegex(ValidationError, "overlapping period"):
            self._campaign(date_from="2026-06-01", date_to="2026-12-31")

    def test_period_must_not_end_before_it_starts(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._campaign(date_from="2027-06-01", date_to="2027-01-01")

    def test_units_see_their_opened_surveys_and_no_other_drafts(self):
        mine = self._campaign()
        office = self._campaign(
            department=self.department_office, date_from="2026-07-01", date_to="2026-12-31"
        )
        ids = (mine | office).ids
        self.assertEqual(
            self.Campaign.with_user(self.unit_officer).search([("id", "in", ids)]), mine
        )
        self.assertFalse(self.Campaign.with_user(self.qms_user).search([("id", "in", ids)]))
        self.assertFalse(self.Campaign.with_user(self.leader).search([("id", "in", ids)]))
        mine.action_open()
        self.assertEqual(self.Campaign.with_user(self.qms_user).search([("id", "in", ids)]), mine)
        self.assertEqual(self.Campaign.with_user(self.leader).search([("id", "in", ids)]), mine)
        with self.assertRaises(AccessError):
            mine.with_user(self.unit_officer).write({"note": "<p>Sửa</p>"})

    def test_satisfaction_rate_measures_an_objective(self):
        campaign = self._campaign()
        self._answer(["satisfied", "satisfied", "satisfied", "not_satisfied"])
        campaign.action_open()
        objective = self.env["qms.objective"].create(
            {
                "name": "Mục tiêu chất lượng 2026",
                "year": 2026,
                "department_id": self.department_unit.id,
            }
        )
        line = self.env["qms.objective.line"].create(
            {
                "objective_id": objective.id,
                "name": "Nâng cao sự hài lòng của tổ chức, công dân",
                "indicator": "Tỷ lệ hài lòng",
                "target_value": 90.0,
                "frequency": "half_yearly",
                "indicator_source": "satisfaction_rate",
            }
        )
        self.assertEqual(
            line._qms_compute_indicator_value(date(2026, 1, 1), date(2026, 6, 30)), 75.0
        )
        # another unit's objective counts only its own surveys
        other = self.env["qms.objective"].create(
            {"name": "Mục tiêu Văn phòng", "year": 2026, "department_id": self.department_office.id}
        )
        other_line = line.copy({"objective_id": other.id})
        self.assertIsNone(
            other_line._qms_compute_indicator_value(date(2026, 1, 1), date(2026, 6, 30))
        )
        self.assertIsNone(line._qms_compute_indicator_value(date(2025, 1, 1), date(2025, 6, 30)))
        objective.write({"state": "approved"})
        measurement = line._qms_measure(date(2026, 1, 1), date(2026, 6, 30))
        self.assertEqual(measurement.actual_value, 75.0)
        self.assertNotEqual(line.achievement, "met")

    def test_form_plans_a_campaign(self):
        with Form(self.Campaign.with_user(self.qms_manager)) as form:
            form.name = "Khảo sát thủ tục cấp phiếu lý lịch tư pháp"
            form.survey_id = self.template
            form.service = "Cấp Phiếu lý lịch tư pháp"
            form.audience = "citizens"
            form.date_from = date(2026, 9, 1)
            form.date_to = date(2026, 9, 30)
        campaign = form.record
        self.assertEqual(campaign.state, "draft")
        self.assertEqual(campaign.survey_title, self.template.title)
        self.assertEqual(campaign.company_id, self.env.company)
