import base64

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import QmsCommon
from .guide_screenshots import DOCS_IMG, GuideScreenshotMixin, as_guide_user, load_vietnamese


@tagged("post_install", "-at_install")
class TestGuideScreenshots(GuideScreenshotMixin, HttpCase, QmsCommon):
    """The screens of docs/huong-dan-su-dung.md, in Vietnamese: a procedure drafted by the
    unit's ISO officer, approved by its head, issued by the standing office and read by the
    unit's staff, each role's tour capturing the screens the guide shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.department_unit.qms_code = "HCTP"
        cls.env["hr.employee"].create(
            {
                "name": "Phạm Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.department_unit.manager_id = cls.employee_director  # the leader's employee
        cls.env["hr.employee"].create(
            {
                "name": "Lê Văn Bình",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        for user, name in (
            (cls.unit_officer, "Phạm Thị Hoa"),
            (cls.leader, "Trần Văn Hùng"),
            (cls.qms_manager, "Nguyễn Thị Lan"),
            (cls.qms_user, "Lê Văn Bình"),
        ):
            as_guide_user(user, name)
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
        # drafted by the unit's ISO officer, as in life: the forms show them as the drafter
        officer_env = cls.env(user=cls.unit_officer)
        cls.document = officer_env["qms.document"].create(
            {
                "name": "Quy trình chứng thực bản sao",
                "type_id": cls.env.ref("qms_iso9001.document_type_tthc_procedure").id,
                "department_id": cls.department_unit.id,
                "distribution_department_ids": [(6, 0, cls.department_unit.ids)],
            }
        )
        cls.revision = officer_env["qms.document.revision"].create(
            {
                "document_id": cls.document.id,
                "main_file": base64.b64encode(b"%PDF-1.4 quy trinh"),
                "main_file_name": "QT.01-HCTP.pdf",
            }
        )
        # the holidays screen shows this year's days, filled as the daily scheduled action does
        cls.env.company._qms_deadline_calendar()._qms_fill_public_holidays(
            fields.Date.context_today(cls.env.user).year
        )
        cls.document = cls.document.with_env(cls.env)
        cls.revision = cls.revision.with_env(cls.env)

    def _tour(self, tour_name, login, expected):
        saved = self.start_guide_tour(tour_name, login=login)
        self.assertEqual(saved, expected)
        for name in expected:
            self.assertGreater((DOCS_IMG / f"{name}.png").stat().st_size, 10_000, name)

    def test_guide_document_roles(self):
        """Draft and submit, approve, issue, read and propose a change: each step is a
        screenshot of the guide, and the procedure really moves through its states."""
        self._tour(
            "qms_guide_officer_tour",
            "qms_officer",
            [
                "can-bo-iso-danh-sach-tai-lieu",
                "can-bo-iso-tai-lieu",
                "can-bo-iso-du-thao",
                "can-bo-iso-trinh-duyet",
                "can-bo-iso-muc-tieu",
                "can-bo-iso-rui-ro",
            ],
        )
        self.assertEqual(self.revision.state, "to_approve")
        self._tour(
            "qms_guide_leader_tour",
            "qms_leader",
            [
                "lanh-dao-can-phe-duyet",
                "lanh-dao-ban-du-thao",
                "lanh-dao-y-kien-phe-duyet",
                "lanh-dao-da-phe-duyet",
                "lanh-dao-xem-xet-cua-lanh-dao",
            ],
        )
        self.assertEqual(self.revision.state, "approved")
        self._tour(
            "qms_guide_office_tour",
            "qms_manager",
            [
                "van-phong-ban-hanh",
                "van-phong-da-ban-hanh",
                "van-phong-quy-trinh-phe-duyet",
                "van-phong-ke-hoach",
                "van-phong-cong-bo",
                "van-phong-bao-cao",
                "quan-tri-ngay-nghi-le",
            ],
        )
        self.assertEqual(self.revision.state, "issued")
        self._tour(
            "qms_guide_user_tour",
            "qms_user",
            [
                "cong-chuc-tai-lieu-can-doc",
                "cong-chuc-de-xuat-sua-doi",
                "cong-chuc-phieu-khong-phu-hop",
            ],
        )
        line = self.revision.distribution_ids.filtered(lambda d: d.user_id == self.qms_user)
        self.assertTrue(line.date_acknowledged)
