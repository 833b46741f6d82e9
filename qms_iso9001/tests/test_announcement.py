import base64
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import QmsCommon

PDF = base64.b64encode(b"%PDF-1.4 quy trinh")


@tagged("post_install", "-at_install")
class TestAnnouncement(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_name = "Sở Tư pháp tỉnh Quảng Trị"
        # The scope is the agency's: start from a clean slate for these tests.
        cls.env["qms.document"].search([("company_id", "=", cls.company.id)]).active = False
        cls.manual = cls._create_document("Sổ tay chất lượng", "quality_manual", "TA.STCL")
        cls.control = cls._create_document("Quy trình kiểm soát tài liệu", "system", "TA.QT.01")
        cls.certification = cls._create_document(
            "Quy trình chứng thực bản sao", "business", "TA.QT.02"
        )
        for document in cls.manual | cls.control | cls.certification:
            cls._issue(document)
        cls.decree = cls._create_document("Nghị định 23/2015/NĐ-CP", "external", "NĐ23")
        cls._issue(cls.decree)
        cls.not_issued = cls._create_document("Quy trình tiếp công dân", "business", "TA.QT.09")

    @classmethod
    def _create_document(cls, name, kind, code):
        types = {
            "quality_manual": "qms_iso9001.document_type_quality_manual",
            "system": "qms_iso9001.document_type_system_procedure",
            "business": "qms_iso9001.document_type_business_procedure",
            "external": "qms_iso9001.document_type_external",
        }
        return cls.env["qms.document"].create(
            {
                "name": name,
                "code": code,
                "type_id": cls.env.ref(types[kind]).id,
                "department_id": cls.department_office.id,
            }
        )

    @classmethod
    def _issue(cls, document, withdrawal=False):
        attachment = cls.env["ir.attachment"].create({"name": "qt.pdf", "datas": PDF})
        revision = cls.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "main_attachment_id": attachment.id,
                "state": "approved",
                "is_withdrawal": withdrawal,
            }
        )
        revision.action_issue()
        return revision

    def _announce(self, number="15/QĐ-STP", **values):
        announcement = self.env["qms.announcement"].create(
            {
                "name": number,
                "date_decision": "2026-03-02",
                "signer_id": self.employee_director.id,
                "signer_title": "Giám đốc",
                "place": "Quảng Trị",
                "activity_scope": "chứng thực, hộ tịch",
                **values,
            }
        )
        announcement.action_announce()
        return announcement

    def test_candidates_are_the_issued_internal_documents(self):
        candidates = self.env["qms.announcement"]._qms_scope_candidates()
        self.assertEqual({item["code"] for item in candidates}, {"TA.STCL", "TA.QT.01", "TA.QT.02"})
        item = next(i for i in candidates if i["code"] == "TA.QT.02")
        self.assertEqual(item["res_model"], "qms.document")
        self.assertEqual(item["res_id"], self.certification.id)
        self.assertEqual(item["revision_label"], "1")

    def test_announce_freezes_scope(self):
        announcement = self._announce()
        self.assertEqual(announcement.state, "announced")
        self.assertEqual(
            set(announcement.scope_line_ids.mapped("code")), {"TA.STCL", "TA.QT.01", "TA.QT.02"}
        )
        self.assertFalse(announcement.scope_changed)
        with self.assertRaises(UserError):
            announcement.write({"activity_scope": "hộ tịch"})
        with self.assertRaises(UserError):
            announcement.unlink()
        announcement.write({"date_posted": "2026-03-05", "date_notified": "2026-03-06"})
        self.assertEqual(str(announcement.date_posted), "2026-03-05")
        self._issue(self.not_issued)
        line = announcement.scope_line_ids.filtered(lambda scope: scope.code == "TA.QT.02")
        self.assertEqual(line.revision_label, "1", "frozen lines do not follow the document")

    def test_announce_needs_the_decision_details(self):
        announcement = self.env["qms.announcement"].create({"activity_scope": "chứng thực"})
        with self.assertRaises(UserError):
            announcement.action_announce()
        self.assertEqual(announcement.state, "draft")
        self.assertFalse(announcement.scope_line_ids)

    def test_duplicate_decision_number(self):
        self._announce()
        with self.assertRaises(ValidationError):
            self.env["qms.announcement"].create({"name": "15/QĐ-STP"})

    def test_scope_changes_and_reannouncement(self):
        first = self._announce()
        new_procedure = self.not_issued
        self._issue(new_procedure)
        self._issue(self.control)
        self._issue(self.certification, withdrawal=True)
        first.invalidate_recordset()
        self.assertTrue(first.scope_changed)
        self.assertEqual(
            (first.change_added_count, first.change_removed_count, first.change_revised_count),
            (1, 1, 1),
        )
        self.assertIn("TA.QT.09", first.scope_change_html)

        action = first.action_reannounce()
        draft = self.env["qms.announcement"].browse(action["res_id"])
        self.assertEqual(draft.previous_id, first)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.activity_scope, first.activity_scope)
        self.assertEqual(
            (draft.change_added_count, draft.change_removed_count, draft.change_revised_count),
            (1, 1, 1),
        )
        self.assertEqual(first.action_reannounce()["res_id"], draft.id, "one draft at a time")

        draft.write(
            {
                "name": "48/QĐ-STP",
                "date_decision": "2026-09-10",
                "signer_id": self.employee_director.id,
            }
        )
        draft.action_announce()
        self.assertEqual(first.state, "superseded")
        self.assertEqual(draft.state, "announced")
        self.assertEqual(
            set(draft.scope_line_ids.mapped("code")), {"TA.STCL", "TA.QT.01", "TA.QT.09"}
        )
        revised = draft.scope_line_ids.filtered(lambda scope: scope.code == "TA.QT.01")
        self.assertEqual(revised.revision_label, "2")
        self.assertFalse(draft.scope_changed)
        self.assertFalse(first.scope_changed, "a superseded decision no longer flags changes")
        with self.assertRaises(UserError):
            first.action_reannounce()

    def test_scope_hook_can_be_extended(self):
        """Other addons (TTHC procedures) append items to the candidates."""
        Announcement = type(self.env["qms.announcement"])
        original = Announcement._qms_scope_candidates

        def with_procedure(record):
            procedure = {
                "res_model": "res.partner",
                "res_id": self.env.user.partner_id.id,
                "code": "1.000593",
                "name": "Chứng thực bản sao từ bản chính",
                "revision_label": "1",
                "category": "Thủ tục hành chính",
                "sequence": 99,
            }
            return [*original(record), procedure]

        with patch.object(Announcement, "_qms_scope_candidates", with_procedure):
            announcement = self._announce()
            line = announcement.scope_line_ids.filtered(lambda scope: scope.code == "1.000593")
            self.assertEqual(line.category, "Thủ tục hành chính")
            self.assertFalse(announcement.scope_changed)
        announcement.invalidate_recordset()
        self.assertEqual(announcement.change_removed_count, 1)

    def test_printed_decision(self):
        first = self._announce()
        self._issue(self.not_issued)
        action = first.action_reannounce()
        second = self.env["qms.announcement"].browse(action["res_id"])
        second.write(
            {
                "name": "48/QĐ-STP",
                "date_decision": "2026-09-10",
                "signer_id": self.employee_director.id,
                "supervising_body": "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
            }
        )
        second.action_announce()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "qms_iso9001.report_qms_announcement", second.ids
        )
        html = html.decode()
        for expected in (
            "48/QĐ-STP",
            "Sở Tư pháp tỉnh Quảng Trị",
            "TCVN ISO 9001:2015",
            "19/2014/QĐ-TTg",
            "chứng thực, hộ tịch",
            "15/QĐ-STP",
            "Quy trình tiếp công dân",
            "TA.QT.09",
            "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
            "Trần Văn Hùng",
            "Quảng Trị, ",
        ):
            self.assertIn(expected, html)
        self.assertEqual(html.count("o_qms_announcement_scope"), 1)


@tagged("post_install", "-at_install")
class TestAnnouncementSecurity(QmsCommon):
    def test_drafts_are_the_standing_office_work(self):
        draft = (
            self.env["qms.announcement"].with_user(self.qms_manager).create({"name": "20/QĐ-STP"})
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["qms.announcement"].with_user(self.unit_officer).create({"name": "21/QĐ"})
        with self.assertRaises(AccessError):
            draft.with_user(self.leader).write({"activity_scope": "hộ tịch"})
        self.env["qms.document"].search([]).active = False
        document = self.env["qms.document"].create(
            {
                "name": "Sổ tay chất lượng",
                "code": "STCL-SEC",
                "type_id": self.env.ref("qms_iso9001.document_type_quality_manual").id,
                "department_id": self.department_office.id,
            }
        )
        self.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "main_attachment_id": self.env["ir.attachment"]
                .create({"name": "stcl.pdf", "datas": PDF})
                .id,
                "state": "approved",
            }
        ).action_issue()
        draft.with_user(self.qms_manager).write(
            {"date_decision": "2026-03-02", "signer_id": self.employee_director.id}
        )
        draft.with_user(self.qms_manager).action_announce()
        self.assertEqual(draft.with_user(self.qms_user).read(["name"])[0]["name"], "20/QĐ-STP")
        self.assertEqual(len(draft.with_user(self.qms_user).scope_line_ids), 1)
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).write({"date_posted": "2026-03-05"})
