from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcSecurity(TthcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_unit = cls.env["hr.department"].create({"name": "Phòng Tài nguyên và Môi trường"})
        cls.other_officer = cls._create_qms_user(
            "tthc_other_officer", "qms_iso9001.group_qms_unit_officer"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Phan Văn Minh",
                "department_id": cls.other_unit.id,
                "user_id": cls.other_officer.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Thị Thu",
                "department_id": cls.department_unit.id,
                "user_id": cls.handler.id,
            }
        )
        cls.draft_flow = cls._flow(
            steps=[("Xử lý", 3, "day", ("direct",)), ("Xử lý", 2, "day", ("online",))]
        )

    def test_managers_maintain_the_catalogue_others_read_it(self):
        Procedure = self.env["qms.tthc.procedure"]
        values = {"code": "1.000656", "name": "Đăng ký khai tử", "field_id": self.field_civil.id}
        created = Procedure.with_user(self.qms_manager).create(values)
        self.assertEqual(created.create_uid, self.qms_manager)
        created.with_user(self.qms_manager).name = "Đăng ký khai tử (sửa đổi)"
        for user in (self.handler, self.one_stop, self.qms_user, self.unit_officer, self.leader):
            with self.subTest(user=user.login):
                self.assertEqual(
                    created.with_user(user).read(["name"])[0]["name"], "Đăng ký khai tử (sửa đổi)"
                )
                self.assertTrue(created.with_user(user).fee_display)
                with self.assertRaises(AccessError):
                    created.with_user(user).write({"name": "Khác"})
                with self.assertRaises(AccessError):
                    Procedure.with_user(user).create(dict(values, code="1.000657"))
                with self.assertRaises(AccessError):
                    self.env["qms.tthc.field"].with_user(user).create({"name": "Đất đai"})
                with self.assertRaises(AccessError):
                    self.env["qms.tthc.import"].with_user(user).create({"file_data": b"x"})
        self.assertTrue(
            self.env["qms.tthc.import"].with_user(self.qms_manager).create({"file_data": b"x"})
        )

    def test_units_see_their_own_draft_flows_only(self):
        Flow = self.env["qms.tthc.flow"]
        self.assertIn(self.draft_flow, Flow.with_user(self.unit_officer).search([]))
        self.assertIn(self.draft_flow, Flow.with_user(self.handler).search([]))
        self.draft_flow.with_user(self.unit_officer).note = "Sửa lời chứng"
        self.draft_flow.step_ids[0].with_user(self.unit_officer).name = "Thẩm định hồ sơ"
        for user in (self.other_officer, self.one_stop, self.leader):
            with self.subTest(user=user.login):
                self.assertNotIn(self.draft_flow, Flow.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.draft_flow.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.draft_flow.step_ids[0].with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.draft_flow.with_user(self.other_officer).note = "Không được sửa"
        with self.assertRaises(AccessError):
            Flow.with_user(self.other_officer).create({"procedure_id": self.procedure.id})
        self.assertIn(self.draft_flow, Flow.with_user(self.qms_manager).search([]))

    def test_approved_flows_are_read_by_everybody_and_edited_by_nobody(self):
        self._approve(self.draft_flow)
        for user in (self.other_officer, self.one_stop, self.handler, self.qms_user, self.leader):
            with self.subTest(user=user.login):
                flow = self.draft_flow.with_user(user)
                self.assertEqual(flow.read(["state"])[0]["state"], "approved")
                self.assertEqual(len(flow.step_ids), 2)
                self.assertEqual(
                    self.procedure.with_user(user)._qms_current_flow(), self.draft_flow
                )
                with self.assertRaises(AccessError):
                    flow.write({"note": "Sửa"})
        with self.assertRaises(AccessError):
            self.draft_flow.with_user(self.unit_officer).write({"note": "Sửa"})

    def test_leader_reads_flows_submitted_for_approval(self):
        self.assertNotIn(
            self.draft_flow, self.env["qms.tthc.flow"].with_user(self.leader).search([])
        )
        self.draft_flow.with_user(self.unit_officer).action_submit_for_approval()
        self.assertTrue(self.draft_flow.with_user(self.leader).can_approve)
        self.assertIn(self.draft_flow, self.env["qms.tthc.flow"].with_user(self.leader).search([]))
        with self.assertRaises(AccessError):
            self.draft_flow.with_user(self.leader).write({"note": "Sửa"})

    def test_other_company_catalogue_is_hidden(self):
        other = self.env["res.company"].create({"name": "UBND xã Cam Lộ"})
        field = self.env["qms.tthc.field"].create({"name": "Hộ tịch", "company_id": other.id})
        self.assertNotIn(field, self.env["qms.tthc.field"].with_user(self.qms_manager).search([]))
        self.assertIn(
            self.field_civil, self.env["qms.tthc.field"].with_user(self.qms_manager).search([])
        )
