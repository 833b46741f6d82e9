from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestManagementReviewUi(HttpCase, QmsCommon):
    """The ISO standing office prepares the minutes and computes the emulation scores."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qms_manager.password = "qms_manager"
        cls.env["qms.approval.route"].create(
            {
                "name": "Biên bản xem xét của lãnh đạo",
                "model_id": cls.env["ir.model"]._get("qms.management.review").id,
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )
        cls.review = cls.env["qms.management.review"].create(
            {
                "name": "Họp xem xét của lãnh đạo năm 2025",
                "date": "2025-12-20",
                "date_from": "2025-01-01",
                "date_to": "2025-12-15",
                "chair_id": cls.employee_director.id,
                "secretary_id": cls.employee_secretary.id,
            }
        )

    def test_prepare_and_submit_the_minutes(self):
        self.start_tour("/odoo", "qms_management_review_tour", login="qms_manager")
        self.assertEqual(self.review.state, "to_approve")
        self.assertEqual(len(self.review.input_ids), 13)

    def test_compute_the_emulation_scores(self):
        self.start_tour("/odoo", "qms_emulation_score_tour", login="qms_manager")
        scores = self.env["qms.emulation.score"].search([("year", "=", 2025)])
        self.assertIn(self.department_office, scores.department_id)
