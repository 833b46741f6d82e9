import base64

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .test_approval import ApprovalCommon

PDF = base64.b64encode(b"%PDF-1.4 lifecycle")


@tagged("post_install", "-at_install")
class TestLifecycle(ApprovalCommon):
    """The guard shared by every controlled record, shown on document revisions."""

    def test_rights_are_checked_before_the_state(self):
        draft = self.revision
        with self.assertRaises(AccessError):  # not "only an approved revision...": who first
            draft.with_user(self.unit_officer).action_issue()
        with self.assertRaisesRegex(UserError, "not possible for .* which is Draft"):
            draft.with_user(self.qms_manager).action_issue()
        self.assertEqual(draft.state, "draft")

    def test_create_accepts_the_initial_state_only(self):
        Revision = self.env["qms.document.revision"].with_user(self.unit_officer)
        document = self.revision.document_id
        for forged in (
            {"state": "issued"},
            {"state": "approved"},
            {"approver_id": self.leader.id},
            {"date_issued": "2020-01-01 08:00:00"},
            {"is_withdrawal": True},
        ):
            with self.assertRaises(UserError):
                Revision.create({"document_id": document.id, **forged})
        self.assertEqual(len(document.revision_ids), 1)
        created = Revision.create({"document_id": document.id, "state": "draft"})
        self.assertEqual(created.state, "draft")

    def test_an_unchanged_workflow_value_sent_back_is_accepted(self):
        revision = self.revision.with_user(self.unit_officer)
        revision.write({"state": "draft", "revision_date": "2026-05-04"})
        self.assertEqual(str(revision.revision_date), "2026-05-04")

    def test_no_context_key_grants_anything(self):
        revision = self.revision.with_user(self.unit_officer).with_context(
            qms_dossier_workflow=True,
            qms_flow_approval=True,
            qms_report_compute=True,
            qms_lifecycle_bypass=True,
            install_mode=True,
            module="qms_iso9001",
        )
        with self.assertRaises(UserError):
            revision.write({"state": "issued"})
        self.assertEqual(self.revision.state, "draft")

    def test_transition_on_a_missing_record(self):
        ghost = self.env["qms.document.revision"].with_user(self.qms_manager).browse(987654)
        with self.assertRaises(MissingError):
            ghost.action_issue()

    def test_archiving_a_controlled_record_is_the_standing_offices(self):
        document = self.revision.document_id
        with self.assertRaises(AccessError):
            document.with_user(self.unit_officer).action_archive()
        self.assertTrue(document.active)
        document.with_user(self.qms_manager).action_archive()
        self.assertFalse(document.active)

    def test_reason_wizard_runs_declared_transitions_only(self):
        Wizard = self.env["qms.reason.wizard"].with_user(self.qms_manager)
        for method in ("unlink", "write", "_qms_set", "sudo", "action_view_distribution"):
            with self.assertRaises(ValidationError):
                Wizard.create(
                    {
                        "res_model": "qms.document.revision",
                        "res_ids": self.revision.ids,
                        "method": method,
                        "reason": "x",
                    }
                )
        with self.assertRaises(ValidationError):
            Wizard.create(
                {"res_model": "no.such.model", "res_ids": [1], "method": "x", "reason": "x"}
            )

    def test_declared_transitions_are_read_from_the_methods(self):
        transitions = self.env["qms.document.revision"]._qms_transitions()
        self.assertEqual(transitions["action_issue"].states, ("approved",))
        self.assertEqual(transitions["action_issue"].groups, ("qms_iso9001.group_qms_manager",))
        self.assertEqual(transitions["action_approve"].role, "_qms_is_current_approver")
        self.assertIn("action_submit_for_approval", transitions)
        self.assertIn("approver_id", self.env["qms.document.revision"]._qms_all_workflow_fields())

    def test_amendment_lines_follow_their_revision(self):
        change = self.env["qms.document.change"].create(
            {"revision_id": self.revision.id, "section": "5.2", "description": "Sửa bước 3"}
        )
        other_unit_officer = self._create_qms_user(
            "qms_officer_office", "qms_iso9001.group_qms_unit_officer"
        )
        self.env["hr.employee"].create(
            {
                "name": "Cán bộ văn phòng",
                "department_id": self.department_office.id,
                "user_id": other_unit_officer.id,
            }
        )
        self.department_unit.parent_id = False
        for user in (self.qms_user, other_unit_officer):
            Change = self.env["qms.document.change"].with_user(user)
            self.assertFalse(Change.search([("id", "=", change.id)]))
            with self.assertRaises(AccessError):
                change.with_user(user).read(["description"])
        self.assertEqual(change.with_user(self.unit_officer).description, "Sửa bước 3")
        self._submit()
        with self.assertRaises(AccessError):
            change.with_user(self.unit_officer).write({"description": "Sửa sau khi trình"})
        with self.assertRaisesRegex(UserError, "frozen"):
            change.with_user(self.qms_manager).write({"description": "Sửa sau khi trình"})
        self.assertEqual(change.description, "Sửa bước 3")
