import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .announcement_fixtures import issue_document, make_agency_ready
from .common import QmsCommon

SYSTEM = "qms_iso9001.document_type_system_procedure"
BUSINESS = "qms_iso9001.document_type_business_procedure"
FORM = "qms_iso9001.document_type_form"


@tagged("post_install", "-at_install")
class TestAnnouncementReadiness(QmsCommon):
    """Announcing needs the system built, applied, reviewed and free of major NCs, or the head's
    recorded override; only a change of scope asks for a re-announcement (issue 17)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_name = "Sở Tư pháp tỉnh Quảng Trị"
        cls.company.qms_governing_body = "Ủy ban nhân dân tỉnh Quảng Trị"
        cls.env["qms.document"].search([("company_id", "=", cls.company.id)]).active = False
        cls._clear_conditions(cls.env)
        cls.procedure = issue_document(
            cls.env, "Quy trình kiểm soát tài liệu", "RD.QT.01", SYSTEM, cls.department_office
        )
        cls.form = issue_document(cls.env, "Phiếu đề nghị", "RD.BM.01", FORM, cls.department_office)

    @staticmethod
    def _clear_conditions(env):
        """Whatever the demo data holds, the agency starts with no condition met."""
        env["qms.policy"].search([("state", "=", "published")]).write({"state": "superseded"})
        env["qms.management.review"].search([("state", "=", "approved")]).write({"state": "draft"})

    def _draft(self, number="30/QĐ-STP"):
        return (
            self.env["qms.announcement"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": number,
                    "date_decision": "2026-03-02",
                    "signer_id": self.employee_director.id,
                    "signer_title": "Giám đốc",
                    "place": "Quảng Trị",
                    "activity_scope": "chứng thực, hộ tịch",
                }
            )
        )

    def _lines(self, announcement):
        return {line.key: line for line in announcement.readiness_line_ids}

    def _ready(self):
        return make_agency_ready(self.env, self.company, self.employee_director)

    # ------------------------------------------------------------------ checklist
    def test_checklist_shows_each_condition_with_its_evidence(self):
        draft = self._draft()
        draft.action_check_readiness()
        lines = self._lines(draft)
        self.assertTrue({"documents", "management_review", "major_nc"} <= set(lines))
        self.assertFalse(lines["management_review"].is_met)
        self.assertTrue(lines["major_nc"].is_met)
        self.assertFalse(draft.readiness_complete)
        self.assertTrue(draft.readiness_date)
        # the evidence opens the records behind the condition, with the user's rights
        action = lines["documents"].with_user(self.qms_manager).action_open_evidence()
        self.assertEqual(action["res_model"], "qms.document")
        found = self.env["qms.document"].with_user(self.qms_manager).search(action["domain"])
        self.assertIn(self.procedure, found)
        self.assertNotIn(self.form, found)
        nc = self.env["qms.nonconformity"].create(
            {
                "title": "Hồ sơ trả quá hạn",
                "source": "monitoring",
                "description": "<p>Trả kết quả quá hạn 3 ngày</p>",
                "department_id": self.department_office.id,
                "severity": "major",
            }
        )
        self._ready()
        draft.action_check_readiness()
        lines = self._lines(draft)
        self.assertTrue(lines["management_review"].is_met)
        self.assertFalse(lines["major_nc"].is_met)
        action = lines["major_nc"].action_open_evidence()
        self.assertEqual(self.env["qms.nonconformity"].search(action["domain"]), nc)
        nc.sudo().write({"state": "closed"})
        draft.action_check_readiness()
        self.assertTrue(draft.readiness_complete)
        # nobody writes the checklist by hand
        with self.assertRaisesRegex(UserError, "never edited by hand"):
            draft.readiness_line_ids[:1].with_user(self.qms_manager).write({"is_met": True})
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).action_check_readiness()

    def test_announcing_is_refused_with_a_condition_missing(self):
        draft = self._draft()
        with self.assertRaisesRegex(UserError, "cannot be announced yet"):
            draft.action_announce()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.scope_line_ids)
        self._ready()
        draft.action_announce()
        self.assertEqual(draft.state, "announced")
        self.assertTrue(draft.readiness_complete, "the checklist is kept with the decision")
        self.assertEqual(draft.department_ids, self.department_office)

    def test_head_override_is_recorded(self):
        draft = self._draft()
        draft.action_check_readiness()
        for user in (self.qms_user, self.unit_officer):
            with self.assertRaises(AccessError):
                draft.with_user(user).action_override_readiness("Cấp bách")
        # the standing office does not override its own check
        with self.assertRaisesRegex(UserError, "does not override its own check"):
            draft.with_user(self.qms_manager).action_override_readiness("Cấp bách")
        with self.assertRaisesRegex(UserError, "Give the reason"):
            draft.with_user(self.leader).action_override_readiness("  ")
        self.assertFalse(draft.override_by_id)
        # nor can it be written directly
        with self.assertRaisesRegex(UserError, "only through its actions"):
            draft.with_user(self.qms_manager).write({"override_reason": "Tự cho phép"})
        action = draft.with_user(self.leader).action_open_override_wizard()
        wizard = (
            self.env["qms.reason.wizard"]
            .with_user(self.leader)
            .with_context(**action["context"])
            .create({"reason": "Kế hoạch của UBND tỉnh yêu cầu công bố trước 31/3"})
        )
        wizard.action_confirm()
        self.assertEqual(draft.override_by_id, self.leader)
        self.assertIn("management_review", draft.override_keys)
        self.assertIn("31/3", draft.override_reason)
        self.assertTrue(draft.override_date)
        self.assertTrue(
            any("31/3" in message.body for message in draft.message_ids),
            "the reason is in the chatter",
        )
        draft.action_announce()
        self.assertEqual(draft.state, "announced")
        self.assertIn(self.leader.name, draft.message_ids[0].body)
        # once announced, the override is history
        with self.assertRaises(UserError):
            draft.with_user(self.leader).action_override_readiness("Lần nữa")

    def test_override_covers_only_what_was_missing(self):
        draft = self._draft()
        draft.with_user(self.leader).action_override_readiness("Chưa họp xem xét")
        self.assertIn("management_review", draft.override_keys)
        self.assertNotIn("major_nc", draft.override_keys)
        self.env["qms.nonconformity"].create(
            {
                "title": "Mất hồ sơ",
                "source": "monitoring",
                "description": "<p>Thất lạc hồ sơ của công dân</p>",
                "department_id": self.department_office.id,
                "severity": "major",
            }
        )
        with self.assertRaisesRegex(UserError, "No major nonconformity"):
            draft.action_announce()
        self.assertEqual(draft.state, "draft")

    def test_nothing_to_override_when_ready(self):
        self._ready()
        with self.assertRaisesRegex(UserError, "nothing to override"):
            self._draft().with_user(self.leader).action_override_readiness("Không cần")

    # ------------------------------------------------------------------ scope changes
    def test_only_a_change_of_scope_asks_for_a_reannouncement(self):
        self._ready()
        announcement = self._draft()
        announcement.action_announce()
        self.assertFalse(announcement.scope_changed or announcement.annex_changed)
        # a new issue of a procedure, a new form: the annex, not the scope
        issue_document(self.env, "Mẫu sổ theo dõi", "RD.BM.02", FORM, self.department_office)
        self.env["qms.document.revision"].create(
            {
                "document_id": self.procedure.id,
                "main_attachment_id": self.env["ir.attachment"]
                .create({"name": "v2.pdf", "datas": "JVBERi0="})
                .id,
                "state": "approved",
            }
        ).action_issue()
        announcement.invalidate_recordset()
        self.assertFalse(announcement.scope_changed)
        self.assertTrue(announcement.annex_changed)
        with self.assertRaises(AccessError):
            announcement.with_user(self.qms_user).action_update_annex()
        announcement.with_user(self.qms_manager).action_update_annex()
        self.assertIn("RD.BM.02", announcement.scope_line_ids.mapped("code"))
        line = announcement.scope_line_ids.filtered(lambda scope: scope.code == "RD.QT.01")
        self.assertEqual(line.revision_label, "2")
        self.assertFalse(announcement.annex_changed)
        self.assertIn("RD.BM.02", announcement.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "up to date"):
            announcement.action_update_annex()
        # a procedure of another unit: an activity and a unit added
        issue_document(self.env, "Quy trình hộ tịch", "RD.QT.05", BUSINESS, self.department_unit)
        announcement.invalidate_recordset()
        self.assertTrue(announcement.scope_changed)
        self.assertIn(self.department_unit.name, announcement.scope_change_html)
        with self.assertRaisesRegex(UserError, "prepare a re-announcement"):
            announcement.action_update_annex()
        draft = self.env["qms.announcement"].browse(announcement.action_reannounce()["res_id"])
        draft.write({"name": "31/QĐ-STP", "date_decision": "2026-06-01"})
        draft.action_announce()
        self.assertEqual(draft.department_ids, self.department_office | self.department_unit)
        self.assertFalse(draft.scope_changed)

    # ------------------------------------------------------------------ exclusions, print
    def test_exclusions_printed_in_the_annex(self):
        self._ready()
        draft = self._draft()
        Exclusion = self.env["qms.announcement.exclusion"].with_user(self.qms_manager)
        with self.assertRaises(ValidationError):
            Exclusion.create(
                {"announcement_id": draft.id, "clause_code": "8.3 và 8.4", "justification": "x"}
            )
        with self.assertRaises(ValidationError):
            Exclusion.create(
                {"announcement_id": draft.id, "clause_code": "3.1", "justification": "x"}
            )
        with self.assertRaises(AccessError):
            self.env["qms.announcement.exclusion"].with_user(self.unit_officer).create(
                {"announcement_id": draft.id, "clause_code": "8.3", "justification": "x"}
            )
        design = Exclusion.create(
            {
                "announcement_id": draft.id,
                "clause_code": "8.3",
                "clause_title": "Thiết kế và phát triển sản phẩm và dịch vụ",
                "justification": "Dịch vụ hành chính công do pháp luật quy định, cơ quan không "
                "thiết kế dịch vụ.",
            }
        )
        draft.action_announce()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            design.with_user(self.qms_manager).write({"justification": "Khác"})
        with self.assertRaisesRegex(UserError, "no longer change"):
            Exclusion.create(
                {"announcement_id": draft.id, "clause_code": "7.1.5", "justification": "Không đo"}
            )
        with self.assertRaises(UserError):
            design.with_user(self.qms_manager).unlink()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("qms_iso9001.report_qms_announcement", draft.ids)[0]
            .decode()
        )
        for expected in (
            "Ủy ban nhân dân tỉnh Quảng Trị",
            "Sở Tư pháp tỉnh Quảng Trị",
            "30/QĐ-STP",
            "Quảng Trị, ",
            "19/2014/QĐ-TTg",
            "26/2014/TT-BKHCN",
            "o_qms_form_reference",
            "o_qms_announcement_exclusions",
            "Thiết kế và phát triển sản phẩm và dịch vụ",
            "cơ quan không thiết kế dịch vụ",
            "Văn phòng",
        ):
            self.assertIn(expected, html)
        # the governing body is printed above the agency
        self.assertLess(html.index("Ủy ban nhân dân tỉnh Quảng Trị"), html.index("Sở Tư pháp"))
        reference = html[html.index("o_qms_form_reference") :][:300]
        self.assertIn("26/2014/TT-BKHCN", reference)
        self.assertNotIn("19/2014", reference, "the form is the circular's, not the decision's")
        # the re-announcement starts from the same exclusions, as a draft of its own
        draft_two = self.env["qms.announcement"].browse(draft.action_reannounce()["res_id"])
        self.assertEqual(draft_two.exclusion_ids.mapped("clause_code"), ["8.3"])
        self.assertNotEqual(draft_two.exclusion_ids, design)


@tagged("post_install", "-at_install")
class TestAnnouncementReadinessRpc(HttpCase):
    """The refusal holds over JSON-RPC, where no button is hidden."""

    def test_announce_refused_over_json_rpc(self):
        manager = new_test_user(
            self.env,
            login="rpc_qms_manager",
            password="rpc_qms_manager",
            groups="qms_iso9001.group_qms_manager",
        )
        TestAnnouncementReadiness._clear_conditions(self.env)
        draft = (
            self.env["qms.announcement"]
            .with_user(manager)
            .create({"name": "77/QĐ-RPC", "date_decision": "2026-03-02"})
        )
        draft.signer_id = self.env["hr.employee"].create({"name": "Giám đốc RPC"})
        self.authenticate("rpc_qms_manager", "rpc_qms_manager")
        response = self.url_open(
            "/web/dataset/call_kw/qms.announcement/action_announce",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "qms.announcement",
                        "method": "action_announce",
                        "args": [draft.ids],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn("cannot be announced yet", error["message"])
        draft.invalidate_recordset()
        self.assertEqual(draft.state, "draft")
