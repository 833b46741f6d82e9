from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_management_review import ManagementReviewCommon


def answer_survey(env, survey, levels, when):
    """A completed participation answering the rated questions with `levels` in order."""
    questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
    lines = [
        Command.create(
            {
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": question.suggested_answer_ids.filtered(
                    lambda a, level=level: a.qms_satisfaction_level == level
                ).id,
            }
        )
        for question, level in zip(questions, levels, strict=False)
    ]
    return env["survey.user_input"].create(
        {
            "survey_id": survey.id,
            "state": "done",
            "end_datetime": when,
            "user_input_line_ids": lines,
        }
    )


@tagged("post_install", "-at_install")
class TestReviewInputs(ManagementReviewCommon):
    """Every input of clause 9.3.2 in the minutes, customer satisfaction (c1) and external
    providers (c7) included, each figure shown against the previous review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("qms_iso9001.survey_satisfaction_template")
        cls.provider = cls.env["qms.external.provider"].create(
            {
                "partner_id": cls.env["res.partner"].create({"name": "Bưu điện tỉnh"}).id,
                "kind": "postal",
            }
        )

    def _campaign(self, year, levels_list):
        campaign = self.env["qms.satisfaction.survey"].create(
            {
                "name": f"Khảo sát sự hài lòng năm {year}",
                "survey_id": self.template.id,
                "date_from": f"{year}-01-01",
                "date_to": f"{year}-12-15",
            }
        )
        for levels in levels_list:
            answer_survey(self.env, self.template, levels, f"{year}-05-10 09:00:00")
        campaign.action_open()
        return campaign

    def _decided_evaluation(self, day, result, score):
        evaluation = self.env["qms.external.provider.evaluation"].create(
            {"provider_id": self.provider.id, "date": day, "decision_note": "Cam kết khắc phục"}
        )
        evaluation.line_ids.score = score
        evaluation.action_submit()
        getattr(evaluation.with_user(self.leader), f"action_decide_{result}")()
        return evaluation

    def test_every_input_of_9_3_2_is_gathered(self):
        self.review.with_user(self.qms_manager).action_gather_inputs()
        codes = self.review.input_ids.mapped("code")
        for code in (
            "previous_actions",
            "context_changes",
            "satisfaction",
            "objectives",
            "nonconformities",
            "monitoring",
            "external_providers",
            "resources",
            "risks",
            "improvement",
        ):
            self.assertIn(code, codes)
        self.assertLess(codes.index("satisfaction"), codes.index("objectives"))
        # every section brings figures the next review compares with
        figures = self.review.figure_data
        sections = {figure["section"] for figure in figures.values()}
        self.assertEqual(sections, set(codes))
        self.assertIsNone(figures["previous_decisions_done"]["value"])
        self.assertIn(
            "No customer satisfaction survey covers the period",
            str(self._section(self.review, "satisfaction").content),
        )
        self.assertIn(
            "No external provider was evaluated",
            str(self._section(self.review, "external_providers").content),
        )

    def test_satisfaction_and_providers_with_trends(self):
        self._campaign(2025, [["satisfied"] * 4, ["not_satisfied"] * 4])
        self._decided_evaluation("2025-03-01", "conditional", "3")
        self._approve(self.review)
        self.assertEqual(self.review.figure_data["satisfaction_rate"]["value"], 50.0)
        self.assertEqual(self.review.figure_data["providers_conditional"]["value"], 1)

        self._campaign(2026, [["satisfied"] * 4, ["satisfied"] * 3 + ["acceptable"]])
        self._decided_evaluation("2026-03-01", "rejected", "2")
        review = self._create_review(
            name="Họp xem xét của lãnh đạo năm 2026",
            date="2026-12-20",
            date_from="2026-01-01",
            date_to="2026-12-15",
        )
        review.action_gather_inputs()
        satisfaction = str(self._section(review, "satisfaction").content)
        self.assertIn("Khảo sát sự hài lòng năm 2026", satisfaction)
        self.assertNotIn("năm 2025", satisfaction)
        self.assertIn("100.0%", satisfaction)
        # the trend: this review, the previous one, the change
        self.assertIn("Trend against the previous review", satisfaction)
        self.assertIn("Previous review (2025-12-20)", satisfaction)
        self.assertIn("<td>100.0%</td><td>50.0%</td><td>+50.0</td>", satisfaction)
        providers = str(self._section(review, "external_providers").content)
        self.assertIn("Bưu điện tỉnh", providers)
        self.assertIn("Rejected", providers)
        self.assertIn("<td>Rejected</td><td>1</td><td>0</td><td>+1</td>", providers)
        self.assertIn("<td>Approved with conditions</td><td>0</td><td>1</td><td>-1</td>", providers)

    def test_first_review_has_nothing_to_compare_with(self):
        self._campaign(2025, [["satisfied"] * 4])
        self.review.with_user(self.qms_manager).action_gather_inputs()
        satisfaction = str(self._section(self.review, "satisfaction").content)
        self.assertIn("<td>100.0%</td><td>-</td><td>new</td>", satisfaction)

    def test_figures_are_the_system_s(self):
        self.review.with_user(self.qms_manager).action_gather_inputs()
        with self.assertRaisesRegex(UserError, "change only through its actions"):
            self.review.with_user(self.qms_manager).figure_data = {"satisfaction_rate": {}}
        with self.assertRaises(AccessError):
            self.review.with_user(self.leader).action_gather_inputs()
        with self.assertRaises(AccessError):
            self.review.with_user(self.unit_officer).action_gather_inputs()

    def test_feedback_received_answered_and_overdue(self):
        Feedback = self.env["qms.feedback"]
        base = {
            "partner_name": "Nguyễn Văn An",
            "contact_phone": "0912 345 678",
            "description": "Kết quả trả chậm so với giấy hẹn.",
            "kind": "complaint",
            "channel": "desk",
        }
        answered = Feedback._qms_receive({**base, "date_received": "2025-03-03 09:00:00"})
        answered.with_user(self.qms_manager).action_answer("Đơn vị đã rút kinh nghiệm.")
        Feedback._qms_receive({**base, "kind": "feedback", "date_received": "2025-04-01 09:00:00"})
        Feedback._qms_receive({**base, "date_received": "2026-01-05 09:00:00"})
        self.review.with_user(self.qms_manager).action_gather_inputs()
        content = str(self._section(self.review, "satisfaction").content)
        self.assertIn("Complaints and feedback received in the period: 2 (1 complaints)", content)
        figures = self.review.figure_data
        self.assertEqual(figures["feedback_received"]["value"], 2)
        self.assertEqual(figures["feedback_answered"]["value"], 1)
        # answered today, months after its limit; the other never answered
        self.assertEqual(figures["feedback_overdue"]["value"], 2)
        self.assertIn("<td>Complaints and feedback received</td><td>2</td><td>-</td>", content)
