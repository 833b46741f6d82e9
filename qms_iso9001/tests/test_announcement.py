import base64
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .announcement_fixtures import make_agency_ready
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
        cls.policy, cls.review = make_agency_ready(cls.env, cls.company, cls.employee_director)

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
        announcement = self._draft(number, **values)
        announcement.action_announce()
        return announcement

    def _draft(self, number="15/QĐ-STP", **values):
        """A draft decision prepared by the standing office."""
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
                    **values,
                }
            )
        )

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
        self.assertEqual(announcement.announced_by_id, self.qms_manager)
        self.assertTrue(announcement.date_announced)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            announcement.write({"activity_scope": "hộ tịch"})
        with self.assertRaises(UserError):
            announcement.unlink()
        self.assertEqual(announcement.activity_scope, "chứng thực, hộ tịch")
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
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.env["qms.announcement"].create({"name": "15/QĐ-STP"})
        self.assertEqual(
            caught.exception.diag.constraint_name, "qms_announcement_decision_number_uniq"
        )

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

    # ------------------------------------------------------------------ lifecycle (issue 13)
    def test_no_announcement_by_plain_write(self):
        """Writing the state, the superseded decision or who recorded it is refused, even to the
        standing office: the scope would not be frozen nor the decision in force superseded."""
        in_force = self._announce()
        draft = self._draft("16/QĐ-STP")
        for values in (
            {"state": "announced"},
            {"state": "superseded"},
            {"previous_id": in_force.id},
            {"announced_by_id": self.leader.id},
            {"date_announced": "2020-01-01 08:00:00"},
        ):
            with self.assertRaisesRegex(UserError, "only through its actions"):
                draft.write(values)
        with self.assertRaisesRegex(UserError, "only through its actions"):
            in_force.with_user(self.qms_manager).write({"state": "superseded"})
        draft.invalidate_recordset()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.previous_id or draft.announced_by_id or draft.date_announced)
        self.assertFalse(draft.scope_line_ids)
        self.assertEqual(in_force.state, "announced")
        # nor by creating it announced, or as the re-announcement of another decision
        for values in ({"state": "announced"}, {"previous_id": in_force.id}):
            with self.assertRaisesRegex(UserError, "set by its actions"):
                self.env["qms.announcement"].with_user(self.qms_manager).create(
                    {"name": "17/QĐ-STP", **values}
                )
        self.assertFalse(self.env["qms.announcement"].search([("name", "=", "17/QĐ-STP")]))
        # no context key opens the door
        with self.assertRaises(UserError):
            draft.with_context(qms_announcement_workflow=True, tracking_disable=True).write(
                {"state": "announced"}
            )

    def test_announced_decision_is_frozen_and_kept(self):
        announcement = self._announce(supervising_body="Sở Khoa học và Công nghệ")
        as_manager = announcement.with_user(self.qms_manager)
        for values in (
            {"name": "99/QĐ-STP"},
            {"date_decision": "2026-01-01"},
            {"signer_id": self.employee_member.id},
            {"signer_title": "Phó Giám đốc"},
            {"legal_basis": "Căn cứ khác"},
            {"supervising_body": "Bộ Khoa học và Công nghệ"},
        ):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                as_manager.write(values)
        with self.assertRaisesRegex(UserError, "only through its actions"):
            as_manager.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "kept, never deleted"):
            as_manager.unlink()
        announcement.invalidate_recordset()
        self.assertEqual(
            (announcement.name, str(announcement.date_decision), announcement.signer_id),
            ("15/QĐ-STP", "2026-03-02", self.employee_director),
        )
        self.assertEqual(announcement.supervising_body, "Sở Khoa học và Công nghệ")
        self.assertEqual(announcement.state, "announced")
        # what the rules still ask for once it is signed: posting and notifying
        as_manager.write(
            {
                "date_posted": "2026-03-05",
                "portal_url": "https://sotuphap.quangtri.gov.vn",
                "date_notified": "2026-03-06",
                "notification_reference": "45/STP-VP",
            }
        )
        with self.assertRaises(ValidationError):
            as_manager.date_posted = "2026-03-01"  # before the decision
        self.assertEqual(str(announcement.date_posted), "2026-03-05")
        # superseded: nothing changes any more, and it is still kept
        self._issue(self.not_issued)
        draft = self.env["qms.announcement"].browse(as_manager.action_reannounce()["res_id"])
        draft.with_user(self.qms_manager).write(
            {"name": "48/QĐ-STP", "date_decision": "2026-09-10"}
        )
        draft.with_user(self.qms_manager).action_announce()
        self.assertEqual(announcement.state, "superseded")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_manager.write({"notification_reference": "46/STP-VP"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            as_manager.write({"state": "announced"})
        with self.assertRaises(UserError):
            as_manager.unlink()
        with self.assertRaises(UserError):
            draft.with_user(self.qms_manager).unlink()
        self.assertTrue((announcement | draft).exists())

    def test_scope_is_written_by_the_actions_only(self):
        announcement = self._announce()
        line = announcement.scope_line_ids[:1]
        draft = self._draft("16/QĐ-STP")
        draft.action_refresh_scope()
        self.assertEqual(len(draft.scope_line_ids), 3)
        Scope = self.env["qms.announcement.scope"].with_user(self.qms_manager)
        for target in (announcement, draft):
            with self.assertRaisesRegex(UserError, "never edited by hand"):
                Scope.create(
                    {
                        "announcement_id": target.id,
                        "res_model": "qms.document",
                        "res_id": self.not_issued.id,
                        "name": "Quy trình chưa ban hành",
                    }
                )
            with self.assertRaisesRegex(UserError, "never edited by hand"):
                target.scope_line_ids[:1].with_user(self.qms_manager).write({"revision_label": "9"})
            with self.assertRaisesRegex(UserError, "never edited by hand"):
                target.scope_line_ids[:1].with_user(self.qms_manager).unlink()
        # nor through the decision itself
        with self.assertRaisesRegex(UserError, "only through its actions"):
            draft.write({"scope_line_ids": [Command.unlink(draft.scope_line_ids[:1].id)]})
        self.assertEqual(line.revision_label, "1")
        self.assertEqual(len(announcement.scope_line_ids), 3)
        self.assertEqual(len(draft.scope_line_ids), 3)
        # a deleted draft takes its scope with it
        scope = draft.scope_line_ids
        draft.unlink()
        self.assertFalse(scope.exists())

    def test_announcing_is_the_standing_office_transition(self):
        announcement = self._announce()
        draft = self._draft("16/QĐ-STP")
        # a QMS user reads the decision in force but neither announces nor re-announces
        for user in (self.qms_user, self.leader, self.unit_officer):
            with self.assertRaises(AccessError):
                announcement.with_user(user).action_reannounce()
            with self.assertRaises(AccessError):
                draft.with_user(user).action_announce()
            with self.assertRaises(AccessError):
                draft.with_user(user).action_refresh_scope()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(
            self.env["qms.announcement"].search([("previous_id", "=", announcement.id)])
        )
        # a decision is announced once; a re-announcement starts from the one in force
        with self.assertRaises(UserError):
            announcement.action_announce()
        with self.assertRaises(UserError):
            draft.action_reannounce()
        # a fresh draft announced while a re-announcement is prepared supersedes what is in force
        self._issue(self.not_issued)
        reannouncement = self.env["qms.announcement"].browse(
            announcement.action_reannounce()["res_id"]
        )
        self.assertEqual(reannouncement.previous_id, announcement)
        draft.action_announce()
        self.assertEqual(announcement.state, "superseded")
        self.assertEqual(draft.previous_id, announcement)
        reannouncement.write({"name": "17/QĐ-STP", "date_decision": "2026-10-01"})
        reannouncement.action_announce()
        self.assertEqual(draft.state, "superseded")
        self.assertEqual(reannouncement.previous_id, draft)
        self.assertEqual(
            self.env["qms.announcement"].search_count(
                [("state", "=", "announced"), ("company_id", "=", self.company.id)]
            ),
            1,
        )


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
        make_agency_ready(self.env, self.company, self.employee_director, self.department_office)
        draft.with_user(self.qms_manager).write(
            {"date_decision": "2026-03-02", "signer_id": self.employee_director.id}
        )
        draft.with_user(self.qms_manager).action_announce()
        self.assertEqual(draft.with_user(self.qms_user).read(["name"])[0]["name"], "20/QĐ-STP")
        self.assertEqual(len(draft.with_user(self.qms_user).scope_line_ids), 2)
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).write({"date_posted": "2026-03-05"})
