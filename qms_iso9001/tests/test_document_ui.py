import base64

from odoo.tests import HttpCase, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestDocumentUi(HttpCase, QmsCommon):
    """Drafting, approving, issuing and acknowledging a procedure, each by its own role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_unit.qms_code = "HCTP"
        cls.env["hr.employee"].create(
            {
                "name": "Cán bộ ISO",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.department_unit.manager_id = cls.employee_director  # the leader's employee
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        for user, password in (
            (cls.unit_officer, "officer_pw"),
            (cls.leader, "leader_pw"),
            (cls.qms_manager, "manager_pw"),
            (cls.qms_user, "user_pw"),
        ):
            user.password = password
        cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt tài liệu",
                "model_id": cls.env["ir.model"]._get_id("qms.document.revision"),
                "is_default": True,
                "step_ids": [
                    (
                        0,
                        0,
                        {"name": "Trưởng phòng phê duyệt", "approver_type": "department_manager"},
                    )
                ],
            }
        )
        cls.document = cls.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực bản sao",
                "type_id": cls.env.ref("qms_iso9001.document_type_tthc_procedure").id,
                "department_id": cls.department_unit.id,
                "distribution_department_ids": [(6, 0, cls.department_unit.ids)],
            }
        )
        cls.revision = cls.env["qms.document.revision"].create(
            {
                "document_id": cls.document.id,
                "main_file": base64.b64encode(b"%PDF-1.4 quy trinh"),
                "main_file_name": "QT.01-HCTP.pdf",
            }
        )

    def test_draft_approve_issue_acknowledge(self):
        self.start_tour("/odoo", "qms_document_submit_tour", login="qms_officer")
        self.assertEqual(self.revision.state, "to_approve")
        self.start_tour("/odoo", "qms_document_approve_tour", login="qms_leader")
        self.assertEqual(self.revision.state, "approved")
        self.start_tour("/odoo", "qms_document_issue_tour", login="qms_manager")
        self.assertEqual(self.revision.state, "issued")
        self.assertEqual(self.document.current_revision_id, self.revision)
        line = self.revision.distribution_ids.filtered(lambda d: d.user_id == self.qms_user)
        self.assertTrue(line, "the unit's staff must read the new procedure")
        self.assertFalse(line.date_acknowledged)
        self.start_tour("/odoo", "qms_document_acknowledge_tour", login="qms_user")
        self.assertTrue(line.date_acknowledged)
