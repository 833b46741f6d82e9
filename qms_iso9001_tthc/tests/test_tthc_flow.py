from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_tthc import TthcCommon

BALANCED_STEPS = [
    ("Tiếp nhận hồ sơ tại Bộ phận Một cửa", 4, "hour", ("direct",)),
    ("Tiếp nhận hồ sơ trực tuyến", 2, "hour", ("online",)),
    ("Công chức tư pháp - hộ tịch thẩm định", 2, "day", ("direct", "online")),
    ("Lãnh đạo ký", 0.5, "day", ("direct",)),
    ("Lãnh đạo ký số", 2, "hour", ("online",)),
]


@tagged("post_install", "-at_install")
class TestTthcFlow(TthcCommon):
    def test_steps_must_add_up_per_filing_method(self):
        """Direct: 3 days = 24 h; online: 2 days = 16 h, with 8 working hours a day."""
        flow = self._flow(steps=BALANCED_STEPS)
        self.assertEqual(
            flow._qms_time_balance(),
            {"direct": (24.0, 24.0, 0.0), "online": (16.0, 20.0, 4.0)},
        )
        self.assertFalse(flow.is_time_balanced)
        self.assertIn("4 h", flow.time_balance)
        with self.assertRaises(UserError):
            flow.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(flow.state, "draft")
        flow.step_ids.filtered(lambda s: s.name == "Công chức tư pháp - hộ tịch thẩm định").write(
            {"for_online": False}
        )
        flow.step_ids.create(
            {
                "flow_id": flow.id,
                "sequence": 3,
                "name": "Thẩm định hồ sơ trực tuyến",
                "duration": 12,
                "duration_unit": "hour",
                "for_direct": False,
                "for_postal": False,
            }
        )
        self.assertEqual(flow._qms_time_balance()["online"], (16.0, 16.0, 0.0))
        self.assertTrue(flow.is_time_balanced)
        self._approve(flow)
        self.assertEqual(flow.state, "approved")
        self.assertEqual(self.procedure._qms_current_flow(), flow)

    def test_hours_per_day_follow_the_company_calendar(self):
        flow = self._flow(
            steps=[("Xử lý", 21, "hour", ("direct",)), ("Xử lý", 2, "day", ("online",))]
        )
        self.assertFalse(flow.is_time_balanced)
        self.env.company._qms_deadline_calendar().hours_per_day = 7.0
        flow.invalidate_recordset(["time_balance", "is_time_balanced"])
        self.assertEqual(
            flow._qms_time_balance(), {"direct": (21.0, 21.0, 0.0), "online": (14.0, 14.0, 0.0)}
        )
        self.assertTrue(flow.is_time_balanced)

    def test_same_day_procedure_in_hours(self):
        procedure = self.env["qms.tthc.procedure"].create(
            {
                "code": "1.001193",
                "name": "Đăng ký khai sinh",
                "field_id": self.field_civil.id,
                "department_id": self.department_unit.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 4, "unit": "hour"}),
                    Command.create({"filing_method": "postal", "duration": 1, "unit": "day"}),
                ],
            }
        )
        flow = self._flow(
            procedure,
            [
                ("Tiếp nhận", 0.5, "hour", ("direct",)),
                ("Thẩm định", 2.5, "hour", ("direct", "postal")),
                ("Ký", 1, "hour", ("direct", "postal")),
                ("Chờ bưu chính chuyển hồ sơ", 0.5, "day", ("postal",)),
            ],
        )
        self.assertEqual(
            flow._qms_time_balance(), {"direct": (4.0, 4.0, 0.0), "postal": (8.0, 7.5, -0.5)}
        )
        self.assertIn("0.5 h", flow.time_balance)
        self.assertFalse(flow.is_time_balanced)

    def test_difference_is_shown_while_editing(self):
        form = Form(self.env["qms.tthc.flow"].with_user(self.unit_officer))
        form.procedure_id = self.procedure
        with form.step_ids.new() as step:
            step.name = "Thẩm định"
            step.duration = 2
            step.duration_unit = "day"
        self.assertFalse(form.is_time_balanced)
        self.assertIn("8 h", form.time_balance)
        with form.step_ids.new() as step:
            step.name = "Ký và trả kết quả tại một cửa"
            step.duration = 8
            step.duration_unit = "hour"
            step.for_online = False
        self.assertTrue(form.is_time_balanced, form.time_balance)
        flow = form.save()
        self.assertEqual(flow.version, 1)

    def test_new_version_keeps_the_flow_a_dossier_started_with(self):
        """A dossier stores the flow returned by _qms_current_flow() at reception; that flow
        stays readable and unchanged when a new version is approved."""
        v1 = self._approve(
            self._flow(
                steps=[
                    ("Tiếp nhận", 4, "hour", ("direct",)),
                    ("Thẩm định", 2, "day", ("direct", "online")),
                    ("Ký", 4, "hour", ("direct",)),
                ]
            )
        )
        self.assertEqual(self.procedure.current_flow_id, v1)
        dossier_flow = self.procedure._qms_current_flow()
        steps_v1 = dossier_flow.step_ids.read(["name", "duration", "duration_unit"])
        action = v1.with_user(self.unit_officer).action_new_version()
        v2 = self.env["qms.tthc.flow"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state), (2, "draft"))
        self.assertEqual(v2.step_ids.mapped("name"), v1.step_ids.mapped("name"))
        with self.assertRaises(UserError):
            v1.with_user(self.unit_officer).action_new_version()
        v2.step_ids.filtered(lambda s: s.name == "Tiếp nhận").duration = 8
        v2.step_ids.filtered(lambda s: s.name == "Thẩm định").duration = 1.5
        v2.step_ids.filtered(lambda s: s.name == "Ký").for_online = True
        self._approve(v2)
        self.assertEqual(self.procedure._qms_current_flow(), v2)
        self.assertEqual(v1.state, "superseded")
        self.assertEqual(dossier_flow, v1)
        self.assertEqual(
            dossier_flow.with_user(self.handler).step_ids.read(
                ["name", "duration", "duration_unit"]
            ),
            steps_v1,
        )
        # frozen for everybody, the standing office included
        v1_manager = v1.with_user(self.qms_manager)
        with self.assertRaises(UserError):
            v1_manager.step_ids[0].duration = 1
        with self.assertRaises(UserError):
            v1_manager.step_ids[0].unlink()
        with self.assertRaises(UserError):
            v1_manager.write({"step_ids": [Command.create({"name": "Thêm", "duration": 1})]})
        with self.assertRaises(UserError):
            v1_manager.step_ids.create({"flow_id": v1.id, "name": "Thêm", "duration": 1})
        with self.assertRaises(UserError):
            v1_manager.unlink()
        self.assertEqual(v1.step_ids.read(["name", "duration", "duration_unit"]), steps_v1)

    def test_rejected_flow_returns_to_draft_and_approval_rechecks_time(self):
        flow = self._flow(
            steps=[("Xử lý", 3, "day", ("direct",)), ("Xử lý", 2, "day", ("online",))]
        )
        flow.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(flow.state, "to_approve")
        with self.assertRaises(UserError):
            flow.step_ids[0].with_user(self.qms_manager).duration = 1
        flow.with_user(self.leader).action_reject_with_reason("Thiếu bước chuyển hồ sơ")
        self.assertEqual(flow.state, "draft")
        flow.with_user(self.unit_officer).action_submit_for_approval()
        self.procedure.processing_time_ids.filtered(
            lambda t: t.filing_method == "direct"
        ).duration = 2
        with self.assertRaises(UserError):
            flow.with_user(self.leader).action_approve()
        self.assertEqual(flow.state, "to_approve")
        self.assertFalse(self.procedure.current_flow_id)
