import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestProcessList(QmsCommon):
    """The proposed process list: approved by the leaders before drafting, followed to issue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": "Cán bộ ISO phòng",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.process_list = cls.env["qms.process.list"].create(
            {
                "name": "Danh mục quy trình dự kiến năm 2026",
                "year": 2026,
                "department_id": cls.department_office.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Quy trình chứng thực bản sao từ bản chính",
                            "kind": "tthc",
                            "department_id": cls.department_unit.id,
                            "justification": "TTHC thuộc thẩm quyền của Sở.",
                            "legal_basis": "Nghị định 23/2015/NĐ-CP",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Quy trình kiểm soát tài liệu",
                            "kind": "system",
                            "department_id": cls.department_office.id,
                            "justification": "Yêu cầu 7.5 của TCVN ISO 9001:2015.",
                        }
                    ),
                ],
            }
        )
        cls.line = cls.process_list.line_ids[0]

    def _approve(self):
        self.process_list.with_user(self.qms_manager).action_submit_for_approval()
        self.process_list.with_user(self.leader).action_approve()

    def test_units_draft_only_once_the_list_is_approved(self):
        with self.assertRaises(UserError):
            self.line.with_user(self.unit_officer).action_start_drafting()
        self.assertFalse(self.line.document_id)
        self._approve()
        self.assertEqual(self.process_list.state, "approved")
        self.assertEqual(self.process_list.approver_id, self.leader)
        self.line.with_user(self.unit_officer).action_start_drafting()
        document = self.line.document_id
        self.assertEqual(document.name, "Quy trình chứng thực bản sao từ bản chính")
        self.assertEqual(document.type_id, self.env.ref("qms_iso9001.document_type_tthc_procedure"))
        self.assertEqual(document.department_id, self.department_unit)
        self.assertEqual(self.line.status, "drafting")

    def test_the_list_follows_each_process_to_its_issue(self):
        self._approve()
        self.line.with_user(self.qms_manager).action_start_drafting()
        revision = self.env["qms.document.revision"].create(
            {"document_id": self.line.document_id.id}
        )
        revision.main_attachment_id = self.env["ir.attachment"].create(
            {"name": "qt.pdf", "datas": base64.b64encode(b"%PDF-1.4 qt")}
        )
        revision.sudo().write({"state": "approved", "date_approved": "2026-03-02 08:00:00"})
        revision.action_issue()
        self.assertEqual(self.line.status, "issued")
        self.assertEqual(self.process_list.issued_count, 1)
        self.assertEqual(self.process_list.progress, 50.0)

    def test_only_the_drafting_units_officer_or_the_standing_office_starts(self):
        self._approve()
        office_line = self.process_list.line_ids[1]
        with self.assertRaises(AccessError):
            office_line.with_user(self.unit_officer).action_start_drafting()
        with self.assertRaises(AccessError):
            self.line.with_user(self.qms_user).action_start_drafting()
        self.assertFalse(office_line.document_id | self.line.document_id)
        office_line.with_user(self.qms_manager).action_start_drafting()
        self.assertTrue(office_line.document_id)

    def test_an_approved_list_is_frozen_until_revised(self):
        with self.assertRaises(UserError):
            self.env["qms.process.list"].create({"name": "Trống", "year": 2026}).with_user(
                self.qms_manager
            ).action_submit_for_approval()
        self._approve()
        with self.assertRaises(UserError):
            self.line.with_user(self.qms_manager).write({"name": "Đổi tên"})
        with self.assertRaises(AccessError):
            self.process_list.with_user(self.leader).action_revise("Luật thay đổi")
        self.process_list.with_user(self.qms_manager).action_revise("Nghị định mới thay thế")
        self.assertEqual(self.process_list.state, "draft")
        self.line.with_user(self.qms_manager).write({"legal_basis": "Nghị định 07/2025/NĐ-CP"})
        self.assertEqual(self.line.legal_basis, "Nghị định 07/2025/NĐ-CP")

    def test_civil_servants_do_not_see_a_list_being_drawn_up(self):
        lists = self.env["qms.process.list"].with_user(self.qms_user)
        self.assertFalse(lists.search([("id", "=", self.process_list.id)]))
        self._approve()
        self.assertEqual(lists.search([("id", "=", self.process_list.id)]), self.process_list)
