import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestDocumentChangeRequest(QmsCommon):
    """A civil servant proposes to amend an issued document (phiếu đề nghị sửa đổi tài liệu);
    the ISO officer of the owning unit accepts it (and the next revision is drafted from it) or
    refuses it with a reason; the request is done when that revision is issued."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        Employee.create(
            {
                "name": "Cán bộ ISO",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        Employee.create(
            {
                "name": "Chuyên viên",
                "department_id": cls.department_office.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.office_officer = cls._create_qms_user(
            "qms_office_officer", "qms_iso9001.group_qms_unit_officer"
        )
        Employee.create(
            {
                "name": "Cán bộ ISO Văn phòng",
                "department_id": cls.department_office.id,
                "user_id": cls.office_officer.id,
            }
        )
        cls.document = cls.env["qms.document"].create(
            {
                "name": "Quy trình chứng thực",
                "type_id": cls.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": cls.department_unit.id,
            }
        )
        cls.issued = cls.env["qms.document.revision"].create({"document_id": cls.document.id})
        # attached to the revision, as an upload through the form is
        cls.issued.main_attachment_id = cls.env["ir.attachment"].create(
            {
                "name": "quy_trinh.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 test"),
                "mimetype": "application/pdf",
                "res_model": "qms.document.revision",
                "res_id": cls.issued.id,
            }
        )
        cls.issued.sudo().write({"state": "approved", "date_approved": "2026-01-05 08:00:00"})
        cls.issued.action_issue()
        cls.Request = cls.env["qms.document.change.request"]

    def _request(self, user=None, **values):
        """A request made through the form, as the civil servant would."""
        Request = self.Request.with_user(user or self.qms_user)
        with Form(Request.with_context(default_document_id=self.document.id)) as form:
            form.section = values.get("section", "Mục 5.2")
            form.proposed_change = values.get("proposed_change", "Bổ sung bước kiểm tra bản sao.")
            form.reason = values.get("reason", "Quy định mới của NĐ 118/2025/NĐ-CP.")
        return form.record

    def _submitted(self):
        request = self._request()
        request.action_submit()
        return request

    def test_civil_servant_creates_and_submits(self):
        action = self.document.with_user(self.qms_user).action_request_change()
        self.assertEqual(action["context"]["default_document_id"], self.document.id)
        request = self._request()
        self.assertEqual(request.requester_id, self.qms_user)
        self.assertEqual(request.department_id, self.department_office)
        self.assertEqual(request.document_department_id, self.department_unit)
        self.assertEqual(request.state, "draft")
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertTrue(request.date_submitted)
        # the unit's ISO officer is asked to decide, not the officer of another unit
        activity_users = request.sudo().activity_ids.user_id
        self.assertIn(self.unit_officer, activity_users)
        self.assertNotIn(self.office_officer, activity_users)
        # the document counts it for its officer and for the requester
        self.assertEqual(self.document.with_user(self.unit_officer).change_request_open_count, 1)
        self.assertEqual(self.document.with_user(self.qms_user).change_request_open_count, 1)
        # nothing can be changed once sent
        with self.assertRaises(UserError):
            request.with_user(self.qms_user).write({"reason": "Khác"})

    def test_only_an_issued_document_can_be_amended(self):
        draft = self.env["qms.document"].create(
            {
                "name": "Quy trình mới",
                "type_id": self.document.type_id.id,
                "department_id": self.department_unit.id,
            }
        )
        with self.assertRaises(UserError):
            draft.with_user(self.qms_user).action_request_change()

    def test_civil_servant_cannot_decide(self):
        request = self._submitted()
        as_user = request.with_user(self.qms_user)
        with self.assertRaises(AccessError):
            as_user.action_accept()
        with self.assertRaises(AccessError):
            as_user.action_refuse("Không cần.")
        for vals in ({"state": "accepted"}, {"refusal_reason": "x"}, {"decided_by_id": 1}):
            with self.assertRaises(UserError):
                as_user.write(vals)
        self.assertEqual(request.state, "submitted")
        # nor can someone else submit a draft that is not theirs
        draft = self._request()
        with self.assertRaises(AccessError):
            draft.with_user(self.unit_officer).action_submit()
        # and a requester cannot be set on somebody else's behalf
        with self.assertRaises(UserError):
            self.Request.with_user(self.qms_user).create(
                {
                    "document_id": self.document.id,
                    "requester_id": self.unit_officer.id,
                    "section": "1",
                    "proposed_change": "x",
                    "reason": "y",
                }
            )

    def test_unit_officer_accepts_and_a_revision_is_drafted(self):
        request = self._submitted()
        action = request.with_user(self.unit_officer).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decided_by_id, self.unit_officer)
        revision = request.sudo().revision_id.with_env(self.env)
        self.assertTrue(revision)
        self.assertEqual(action["res_id"], revision.id)
        self.assertEqual(revision.state, "draft")
        self.assertEqual(revision.document_id, self.document)
        self.assertEqual(revision.issue_number, 2)
        self.assertEqual(revision.change_ids.section, "Mục 5.2")
        # the officer's activity is closed, the requester is told
        activities = request.sudo().activity_ids
        self.assertEqual(activities.user_id, self.qms_user)
        # a second request accepted while the revision is drafted joins the same revision
        second = self._submitted()
        second.with_user(self.unit_officer).action_accept()
        self.assertEqual(second.revision_id, revision)
        self.assertEqual(len(revision.change_ids), 2)
        # issuing the revision closes both requests
        revision.main_attachment_id = self.issued.main_attachment_id.copy()
        revision.sudo().write({"state": "approved", "date_approved": "2026-02-01 08:00:00"})
        revision.action_issue()
        self.assertEqual((request | second).mapped("state"), ["done", "done"])

    def test_deleting_the_drafted_revision_returns_the_request_to_its_deciders(self):
        request = self._submitted()
        request.with_user(self.unit_officer).action_accept()
        revision = request.sudo().revision_id
        revision.with_user(self.unit_officer).unlink()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.revision_id)
        self.assertFalse(request.decided_by_id)
        self.assertIn(self.unit_officer, request.sudo().activity_ids.user_id)
        self.assertIn("was deleted before its issue", request.sudo().message_ids[0].body)
        # accepted again, it drafts a new revision carrying the change
        request.with_user(self.unit_officer).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.sudo().revision_id.change_ids.section, "Mục 5.2")
        # a refused request keeps its decision when an unrelated draft is deleted
        refused = self._submitted()
        refused.with_user(self.unit_officer).action_refuse("Trùng nội dung.")
        request.sudo().revision_id.with_user(self.unit_officer).unlink()
        self.assertEqual(refused.state, "refused")
        self.assertEqual(request.state, "submitted")

    def test_officer_of_another_unit_cannot_decide_or_read(self):
        request = self._submitted()
        as_other = request.with_user(self.office_officer)
        self.assertFalse(as_other.has_access("read"))
        with self.assertRaises(AccessError):
            as_other.action_accept()
        self.assertEqual(request.state, "submitted")

    def test_refusal_needs_a_reason(self):
        request = self._submitted()
        as_officer = request.with_user(self.unit_officer)
        with self.assertRaises(UserError):
            as_officer.action_refuse("  ")
        self.assertEqual(request.state, "submitted")
        as_officer.action_refuse("Nội dung đã có ở mục 6.")
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.refusal_reason, "Nội dung đã có ở mục 6.")
        self.assertFalse(request.revision_id)
        self.assertEqual(request.sudo().activity_ids.user_id, self.qms_user)
        # the standing office may refuse too, through the reason wizard
        other = self._submitted()
        action = other.with_user(self.qms_manager).action_open_refuse_wizard()
        wizard = (
            self.env["qms.reason.wizard"]
            .with_user(self.qms_manager)
            .with_context(**action["context"])
            .create({"reason": "Không phù hợp."})
        )
        wizard.action_confirm()
        self.assertEqual(other.state, "refused")

    def test_another_agency_cannot_read(self):
        request = self._submitted()
        other_company = self.env["res.company"].create({"name": "Sở Tư pháp (khác)"})
        foreign = self._create_qms_user("qms_foreign_manager", "qms_iso9001.group_qms_manager")
        foreign.write({"company_ids": [(6, 0, other_company.ids)], "company_id": other_company.id})
        self.assertFalse(request.with_user(foreign).has_access("read"))
        self.assertFalse(self.Request.with_user(foreign).search([("id", "=", request.id)]))
        # a colleague of the same unit does not read another's request either
        colleague = self._create_qms_user("qms_colleague", "qms_iso9001.group_qms_user")
        self.assertFalse(request.with_user(colleague).has_access("read"))

    def test_submitted_requests_are_not_deleted(self):
        request = self._submitted()
        with self.assertRaises(UserError):
            request.with_user(self.qms_user).unlink()
        with self.assertRaises(UserError):
            request.with_user(self.qms_manager).unlink()
        draft = self._request()
        draft.with_user(self.qms_user).unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestDocumentChangeRequestRpc(HttpCase):
    """The refusals hold over JSON-RPC, where no button is hidden, whatever the context says."""

    def _rpc(self, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/qms.document.change.request/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "qms.document.change.request",
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json().get("error", {}).get("data", {}).get("name")

    def test_a_civil_servant_cannot_decide_over_json_rpc(self):
        clerk = new_test_user(
            self.env, login="rpc_clerk", password="rpc_clerk", groups="qms_iso9001.group_qms_user"
        )
        unit = self.env["hr.department"].create({"name": "Phòng RPC"})
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình RPC",
                "type_id": self.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": unit.id,
            }
        )
        revision = self.env["qms.document.revision"].create({"document_id": document.id})
        revision.main_attachment_id = self.env["ir.attachment"].create(
            {
                "name": "rpc.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 rpc"),
                "res_model": "qms.document.revision",
                "res_id": revision.id,
            }
        )
        revision.sudo().write({"state": "approved", "date_approved": "2026-01-05 08:00:00"})
        revision.action_issue()
        request = (
            self.env["qms.document.change.request"]
            .with_user(clerk)
            .create(
                {
                    "document_id": document.id,
                    "section": "1",
                    "proposed_change": "Bổ sung",
                    "reason": "Quy định mới",
                }
            )
        )
        request.with_user(clerk).action_submit()
        self.authenticate("rpc_clerk", "rpc_clerk")
        # the keys a hand-made call could try: none opens the door
        context = {
            "context": {"qms_workflow": True, "tracking_disable": True, "active_test": False}
        }
        refused = {
            "action_accept": self._rpc("action_accept", [request.ids], context),
            "action_refuse": self._rpc("action_refuse", [request.ids], {"reason": "x", **context}),
            "action_open_refuse_wizard": self._rpc(
                "action_open_refuse_wizard", [request.ids], context
            ),
            "write state": self._rpc("write", [request.ids, {"state": "accepted"}], context),
            "unlink": self._rpc("unlink", [request.ids], context),
        }
        for call, error in refused.items():
            self.assertIn(error, ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"), call)
        request.invalidate_recordset()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.revision_id)
        # the form mirrors it: the clerk is shown neither Accept nor Refuse
        arch = (
            self.env["qms.document.change.request"]
            .with_user(clerk)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn('name="action_accept"', arch)
        self.assertNotIn('name="action_open_refuse_wizard"', arch)
        self.assertIn('name="action_submit"', arch)
