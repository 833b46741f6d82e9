from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditSecurity(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audit = cls._create_audit()
        cls._add_schedule(cls.audit)
        cls.audit.state = "in_progress"
        cls.other_audit = cls._create_audit(
            name="Đánh giá Văn phòng",
            department_ids=[Command.set(cls.department_office.ids)],
            lead_auditor_id=cls.other_auditor.id,
            auditor_ids=[Command.clear()],
            state="in_progress",
        )
        Finding = cls.env["qms.audit.finding"]
        cls.unit_finding = Finding.create(
            {
                "audit_id": cls.audit.id,
                "department_id": cls.department_unit.id,
                "result": "minor",
                "description": "Sổ theo dõi hồ sơ ghi chép không đầy đủ.",
            }
        )
        cls.legal_finding = Finding.create(
            {
                "audit_id": cls.audit.id,
                "department_id": cls.department_legal.id,
                "result": "observation",
                "description": "Chưa cập nhật danh mục tài liệu bên ngoài.",
            }
        )

    def test_auditors_see_the_audits_they_are_on(self):
        Audit = self.env["qms.audit"].with_user(self.auditor2_user)
        self.assertEqual(Audit.search([]), self.audit)
        self.audit.with_user(self.auditor2_user).summary = "<p>Đạt yêu cầu</p>"
        with self.assertRaises(AccessError):
            self.other_audit.with_user(self.auditor2_user).read(["name"])
        with self.assertRaises(AccessError):
            self.other_audit.with_user(self.auditor2_user).write({"summary": "<p>x</p>"})
        self.assertEqual(
            self.env["qms.audit.finding"].with_user(self.auditor2_user).search([]),
            self.unit_finding | self.legal_finding,
        )
        # Hoàng Văn Nam leads the office audit and reads his own unit's audit, without
        # being able to change it.
        self.assertEqual(
            self.env["qms.audit"].with_user(self.other_auditor_user).search([]),
            self.other_audit | self.audit,
        )
        with self.assertRaises(AccessError):
            self.audit.with_user(self.other_auditor_user).write({"summary": "<p>x</p>"})

    def test_auditors_do_not_plan_audits(self):
        with self.assertRaises(AccessError):
            self._create_audit(name="Đợt 3").with_user(self.auditor_user).unlink()
        with self.assertRaises(AccessError):
            self.env["qms.audit"].with_user(self.auditor_user).create(
                {
                    "name": "Đợt tự lập",
                    "date_start": "2026-06-01",
                    "date_end": "2026-06-01",
                    "department_ids": [Command.set(self.department_unit.ids)],
                    "lead_auditor_id": self.lead_auditor.id,
                }
            )
        audit = (
            self.env["qms.audit"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": "Đợt do Văn phòng lập",
                    "date_start": "2026-06-01",
                    "date_end": "2026-06-01",
                    "department_ids": [Command.set(self.department_unit.ids)],
                    "lead_auditor_id": self.lead_auditor.id,
                }
            )
        )
        self.assertTrue(audit)

    def test_audited_units_see_their_findings_only(self):
        Finding = self.env["qms.audit.finding"].with_user(self.qms_user)
        self.assertEqual(Finding.search([]), self.unit_finding)
        with self.assertRaises(AccessError):
            self.legal_finding.with_user(self.qms_user).read(["description"])
        with self.assertRaises(AccessError):
            self.unit_finding.with_user(self.qms_user).write({"description": "sửa"})
        # The unit reads its audit (read-only) once the plan is approved.
        self.assertEqual(self.env["qms.audit"].with_user(self.qms_user).search([]), self.audit)
        with self.assertRaises(AccessError):
            self.audit.with_user(self.qms_user).write({"summary": "<p>x</p>"})
        # The audit form opens for the unit: its questions and slots only, read-only.
        self.audit.checklist_template_ids = self._create_template(
            "Mẫu", [(self.clause["7.5.3"], "Tài liệu có kiểm soát?")]
        )
        self.audit.action_load_checklist()
        audit_as_unit = self.audit.with_user(self.qms_user)
        audit_as_unit.invalidate_recordset()
        self.assertEqual(audit_as_unit.checklist_line_ids.department_id, self.department_unit)
        self.assertEqual(audit_as_unit.schedule_line_ids.department_id, self.department_unit)
        with self.assertRaises(AccessError):
            audit_as_unit.checklist_line_ids.evidence = "sửa"

    def test_standing_office_and_leaders_see_all(self):
        everything = self.audit | self.other_audit
        self.assertEqual(
            self.env["qms.audit"].with_user(self.qms_manager).search([]) & everything, everything
        )
        self.assertEqual(
            self.env["qms.audit"].with_user(self.leader).search([]) & everything, everything
        )
        with self.assertRaises(AccessError):
            self.audit.with_user(self.leader).write({"summary": "<p>x</p>"})
        self.other_audit.with_user(self.qms_manager).summary = "<p>Đã xem</p>"
        self.assertEqual(
            self.env["qms.audit.finding"]
            .with_user(self.qms_manager)
            .search_count([("audit_id", "=", self.audit.id)]),
            2,
        )

    def test_clauses_are_read_only(self):
        clause = self.clause["7.5"].with_user(self.qms_manager)
        self.assertEqual(clause.name_vi, "Thông tin dạng văn bản")
        self.assertEqual(clause.child_ids.mapped("code"), ["7.5.1", "7.5.2", "7.5.3"])
        with self.assertRaises(AccessError):
            clause.name_vi = "Tài liệu"
        with self.assertRaises(AccessError):
            self.env["qms.iso.clause"].with_user(self.qms_manager).create(
                {"code": "11", "name": "New", "name_vi": "Mới"}
            )
        self.assertEqual(self.env["qms.iso.clause"].search_count([]), 89)
