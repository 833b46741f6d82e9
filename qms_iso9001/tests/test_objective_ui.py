from odoo.tests import HttpCase, tagged

from .test_objective import ObjectiveCommon


@tagged("post_install", "-at_install")
class TestObjectiveUi(HttpCase, ObjectiveCommon):
    def test_officer_drafts_and_director_approves(self):
        self.unit_officer.password = "qms_officer_pw"
        self.leader.password = "qms_leader_pw"
        self.start_tour("/odoo", "qms_objective_draft_tour", login="qms_officer")
        objective = self.env["qms.objective"].search(
            [("department_id", "=", self.department_unit.id), ("year", "=", 2026)]
        )
        self.assertEqual(objective.state, "to_approve")
        self.assertEqual(objective.parent_id, self.agency)
        self.assertEqual(objective.line_ids.target_value, 99)
        self.assertEqual(objective.line_ids.department_id, self.department_unit)
        self.start_tour("/odoo", "qms_objective_approve_tour", login="qms_leader")
        self.assertEqual(objective.state, "approved")
        self.assertEqual(objective.approver_id, self.leader)
