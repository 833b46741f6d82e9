from odoo.tests import HttpCase, tagged

from .test_plan import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanUi(HttpCase, PlanCommon):
    def test_assignee_reports_task_done(self):
        plan = self._create_plan()
        self._approve(plan)
        self.qms_user.password = "qms_user_pw"
        self.start_tour("/odoo", "qms_plan_task_done_tour", login="qms_user")
        task = plan.task_ids.filtered(lambda t: t.user_id == self.qms_user)
        self.assertEqual(task.state, "done")
        self.assertEqual(task.progress, 100.0)
