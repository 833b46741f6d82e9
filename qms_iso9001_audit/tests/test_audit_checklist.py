from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditChecklist(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template_documents = cls._create_template(
            "Kiểm soát tài liệu",
            [
                (cls.clause["7.5.3"], "Tài liệu sử dụng có phải bản hiện hành?"),
                (cls.clause["7.5.3"], "Tài liệu lỗi thời đã được thu hồi?"),
            ],
        )
        cls.template_service = cls._create_template(
            "Giải quyết TTHC",
            [(cls.clause["8.5.1"], "Hồ sơ được giải quyết đúng hạn?")],
        )
        cls.audit = cls._create_audit()
        cls._add_schedule(cls.audit)

    def test_checklist_from_two_templates(self):
        self.audit.checklist_template_ids = self.template_documents | self.template_service
        self.audit.action_load_checklist()
        lines = self.audit.checklist_line_ids
        # Every question of both templates for each of the two audited units.
        self.assertEqual(len(lines), 6)
        self.assertEqual(lines.template_id, self.template_documents | self.template_service)
        unit_lines = lines.filtered(lambda line: line.department_id == self.department_unit)
        self.assertEqual(len(unit_lines), 3)
        self.assertEqual(unit_lines.auditor_id, self.auditor, "auditor taken from the schedule")
        legal_lines = lines - unit_lines
        self.assertEqual(legal_lines.auditor_id, self.lead_auditor)
        self.assertEqual(
            sorted(line.clause_id.code for line in unit_lines), ["7.5.3", "7.5.3", "8.5.1"]
        )
        # Loading again does not duplicate questions.
        self.audit.action_load_checklist()
        self.assertEqual(len(self.audit.checklist_line_ids), 6)
        self.assertEqual(self.audit.checklist_line_count, 6)
        self.assertEqual(self.audit.checklist_done_count, 0)

    def test_load_needs_a_template(self):
        with self.assertRaises(UserError):
            self.audit.action_load_checklist()
        self.assertFalse(self.audit.checklist_line_ids)

    def test_result_buttons_and_lock_after_report(self):
        self.audit.checklist_template_ids = self.template_service
        self.audit.action_load_checklist()
        line = self.audit.checklist_line_ids[0].with_user(self.auditor2_user)
        with self.assertRaises(UserError):
            line.action_set_major()  # answers are given during the audit, not before
        self.assertFalse(line.result)
        self.audit.state = "in_progress"
        line.action_set_major()
        self.assertEqual(line.result, "major")
        line.action_set_conform()
        self.assertEqual(line.result, "conform")
        self.audit.state = "reported"
        with self.assertRaises(UserError):
            line.action_set_minor()
        with self.assertRaises(UserError):
            line.write({"result": "minor"})
        self.assertEqual(line.result, "conform")

    def test_new_template_version_keeps_used_questions(self):
        self.audit.checklist_template_ids = self.template_service
        self.audit.action_load_checklist()
        action = self.template_service.action_new_version()
        new_version = self.env["qms.audit.checklist.template"].browse(action["res_id"])
        self.assertEqual(new_version.version, 2)
        self.assertEqual(new_version.previous_id, self.template_service)
        self.assertFalse(self.template_service.active)
        self.assertEqual(len(new_version.line_ids), 1)
        new_version.line_ids = [
            Command.create({"question": "Có niêm yết TTHC công khai?", "clause_id": False})
        ]
        self.assertEqual(self.audit.checklist_line_ids.template_id, self.template_service)
        self.assertEqual(len(self.audit.checklist_line_ids), 2)
