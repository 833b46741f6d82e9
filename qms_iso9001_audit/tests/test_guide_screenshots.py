from odoo.tests import HttpCase, tagged

from odoo.addons.qms_iso9001.tests.guide_screenshots import (
    DOCS_IMG,
    GuideScreenshotMixin,
    as_guide_user,
    load_vietnamese,
)

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestGuideScreenshots(GuideScreenshotMixin, HttpCase, AuditCommon):
    """The internal-audit screens of docs/huong-dan-su-dung.md, in Vietnamese: the standing
    office's programme and audits, then an auditor answering the checklist and raising the
    nonconformity of a finding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        for user, name in (
            (cls.qms_manager, "Nguyễn Thị Lan"),
            (cls.auditor2_user, "Lê Minh Tuấn"),
        ):
            as_guide_user(user, name)
        cls.audit = cls._create_audit()
        cls._add_schedule(cls.audit)
        cls.audit.checklist_template_ids = cls._create_template(
            "Kiểm soát tài liệu",
            [
                (cls.clause["7.5.3"], "Tài liệu sử dụng có phải bản hiện hành?"),
                (cls.clause["8.5.1"], "Hồ sơ TTHC có được giải quyết đúng hạn?"),
            ],
        )
        cls.audit.action_load_checklist()
        cls.audit.state = "in_progress"

    def _tour(self, tour_name, login, expected):
        self.assertEqual(self.start_guide_tour(tour_name, login=login), expected)
        for name in expected:
            self.assertGreater((DOCS_IMG / f"{name}.png").stat().st_size, 10_000, name)

    def test_guide_audit_roles(self):
        """The programme and audits of the standing office, the auditor's checklist, finding
        and nonconformity, each a screenshot of the guide."""
        self._tour(
            "qms_guide_audit_office_tour",
            "qms_manager",
            ["van-phong-chuong-trinh-danh-gia", "van-phong-cuoc-danh-gia"],
        )
        self._tour(
            "qms_guide_auditor_tour",
            "auditor_two",
            [
                "danh-gia-vien-ke-hoach",
                "danh-gia-vien-checklist",
                "danh-gia-vien-phat-hien",
                "danh-gia-vien-phieu-khong-phu-hop",
            ],
        )
        finding = self.audit.checklist_line_ids.filtered("result").finding_ids
        self.assertEqual(len(finding), 1)
        self.assertEqual(finding.nonconformity_id.source, "internal_audit")
