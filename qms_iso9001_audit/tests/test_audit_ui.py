from odoo.tests import HttpCase, tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditUi(HttpCase, AuditCommon):
    browser_size = "375x667"
    touch_enabled = True

    def test_fill_checklist_and_raise_nonconformity(self):
        audit = self._create_audit()
        self._add_schedule(audit)
        audit.checklist_template_ids = self._create_template(
            "Kiểm soát tài liệu",
            [(self.clause["7.5.3"], "Tài liệu sử dụng có phải bản hiện hành?")],
        )
        audit.action_load_checklist()
        audit.state = "in_progress"
        self.start_tour(
            f"/odoo/action-qms_iso9001_audit.action_qms_audit/{audit.id}",
            "qms_audit_checklist_tour",
            login="auditor_two",
        )
        answered = audit.checklist_line_ids.filtered("result")
        self.assertEqual(len(answered), 1)
        self.assertEqual(answered.result, "minor")
        self.assertEqual(answered.evidence, "03 hồ sơ dùng mẫu phiếu cũ")
        finding = answered.finding_ids
        self.assertEqual(len(finding), 1)
        self.assertEqual(finding.nonconformity_id.source, "internal_audit")
        self.assertEqual(finding.nonconformity_id.res_id, finding.id)
