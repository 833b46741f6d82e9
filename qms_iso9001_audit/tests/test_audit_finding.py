from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditFinding(AuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audit = cls._create_audit()
        cls._add_schedule(cls.audit)
        cls.audit.checklist_template_ids = cls._create_template(
            "Kiểm soát tài liệu",
            [(cls.clause["7.5.3"], "Tài liệu sử dụng có phải bản hiện hành?")],
        )
        cls.audit.action_load_checklist()
        cls.audit.state = "in_progress"
        cls.line = cls.audit.checklist_line_ids.filtered(
            lambda line: line.department_id == cls.department_unit
        )

    def _finding_from_line(self):
        self.line.write({"result": "minor", "evidence": "03 hồ sơ dùng mẫu phiếu cũ"})
        action = self.line.with_user(self.auditor2_user).action_create_finding()
        return self.env["qms.audit.finding"].browse(action["res_id"])

    def test_finding_from_checklist_line_once(self):
        with self.assertRaises(UserError):
            self.line.action_create_finding()
        finding = self._finding_from_line()
        self.assertEqual(finding.checklist_line_id, self.line)
        self.assertEqual(finding.department_id, self.department_unit)
        self.assertEqual(finding.clause_id, self.clause["7.5.3"])
        self.assertEqual(finding.evidence, "03 hồ sơ dùng mẫu phiếu cũ")
        self.assertTrue(finding.name.startswith("PH-"))
        again = self.line.action_create_finding()
        self.assertEqual(again["res_id"], finding.id)
        self.assertEqual(len(self.audit.finding_ids), 1)

    def test_finding_raises_nonconformity_once_linked_both_ways(self):
        finding = self._finding_from_line().with_user(self.auditor2_user)
        action = finding.action_raise_nonconformity()
        nonconformity = finding.nonconformity_id
        self.assertEqual(action["res_id"], nonconformity.id)
        self.assertEqual(nonconformity.source, "internal_audit")
        self.assertEqual(nonconformity.res_model, "qms.audit.finding")
        self.assertEqual(nonconformity.res_id, finding.id)
        self.assertEqual(nonconformity._qms_source_record(), finding)
        self.assertEqual(nonconformity.clause, "7.5.3")
        self.assertEqual(nonconformity.department_id, self.department_unit)
        self.assertEqual(nonconformity.severity, "minor")
        self.assertEqual(nonconformity.detected_by_id, self.auditor2_user)
        # A second click opens the same form.
        second = finding.action_raise_nonconformity()
        self.assertEqual(second["res_id"], nonconformity.id)
        self.assertEqual(
            self.env["qms.nonconformity"].search_count(
                [("res_model", "=", "qms.audit.finding"), ("res_id", "=", finding.id)]
            ),
            1,
        )
        self.assertEqual(self.audit.nonconformity_count, 1)
        with self.assertRaises(UserError):
            finding.result = "major"
        with self.assertRaises(UserError):
            finding.sudo().unlink()
        self.assertEqual(finding.result, "minor")

    def test_observation_does_not_raise_nonconformity(self):
        finding = self.env["qms.audit.finding"].create(
            {
                "audit_id": self.audit.id,
                "department_id": self.department_legal.id,
                "result": "improvement",
                "description": "Nên khảo sát sự hài lòng bằng phiếu điện tử.",
            }
        )
        with self.assertRaises(UserError):
            finding.action_raise_nonconformity()
        self.assertFalse(finding.nonconformity_id)

    def test_audit_closes_when_its_nonconformities_are_closed(self):
        finding = self._finding_from_line()
        finding.action_raise_nonconformity()
        free = self.env["qms.audit.finding"].create(
            {
                "audit_id": self.audit.id,
                "department_id": self.department_legal.id,
                "result": "minor",
                "description": "Sổ theo dõi hồ sơ ghi chép không đầy đủ.",
            }
        )
        self.audit.state = "reported"
        as_lead = self.audit.with_user(self.auditor_user)
        # The lead auditor counts the unit's forms without being able to read them.
        self.assertEqual(as_lead.open_nonconformity_count, 1)
        with self.assertRaises(UserError):
            as_lead.action_close()
        self.assertEqual(self.audit.state, "reported")
        finding.nonconformity_id.state = "closed"
        with self.assertRaises(UserError):
            as_lead.action_close()
        free.with_user(self.auditor_user).action_accept("Đơn vị đã bổ sung sổ theo dõi ngay.")
        self.assertTrue(free.is_accepted)
        self.assertEqual(free.accepted_by_id, self.auditor_user)
        as_lead.action_close()
        self.assertEqual(self.audit.state, "closed")
        self.assertTrue(self.audit.date_closed)
