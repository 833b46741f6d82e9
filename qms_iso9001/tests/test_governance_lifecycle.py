"""Issue 13 in the quality policy: published only after approval, by the standing office, and
kept as it was once published. Each abuse is played as the user would (`with_user`)."""

import base64

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_governance import GovernanceCommon


@tagged("post_install", "-at_install")
class TestPolicyLifecycle(GovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["qms.policy"]
        cls.env["qms.approval.route"].search([("model_id.model", "=", "qms.policy")]).active = False
        cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt chính sách chất lượng",
                "model_id": cls.env["ir.model"]._get("qms.policy").id,
                "is_default": True,
                "step_ids": [
                    fields.Command.create(
                        {
                            "name": "Giám đốc phê duyệt",
                            "approver_type": "users",
                            "user_ids": [fields.Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )

    def _draft(self):
        return self.Policy.with_user(self.qms_manager).create(
            {
                "statement": "<p>Công khai, minh bạch, đúng hẹn.</p>",
                "signer_id": self.employee_director.id,
            }
        )

    def _approved(self):
        policy = self._draft()
        policy.with_user(self.qms_manager).action_submit_for_approval()
        policy.with_user(self.leader).action_approve()
        self.assertEqual(policy.state, "approved")
        return policy

    def _snapshot(self, policy):
        policy.invalidate_recordset()
        return policy.read(
            [
                "state",
                "version",
                "approver_id",
                "date_approved",
                "date_published",
                "revision_id",
                "previous_id",
                "statement",
                "name",
            ]
        )[0]

    def test_workflow_fields_refused_to_the_standing_office(self):
        policy = self._draft()
        before = self._snapshot(policy)
        manager = policy.with_user(self.qms_manager)
        for vals in (
            {"state": "published"},
            {"state": "approved", "approver_id": self.leader.id},
            {"date_approved": "2026-01-05 08:00:00"},
            {"date_published": "2026-01-05 08:00:00"},
            {"version": 99},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "only through"):
                manager.write(vals)
        self.assertEqual(self._snapshot(policy), before)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.Policy.with_user(self.qms_manager).create(
                {"statement": "<p>x</p>", "state": "published", "version": 7}
            )

    def test_published_only_after_approval_by_the_standing_office(self):
        policy = self._draft()
        with self.assertRaisesRegex(UserError, "is not possible"):
            policy.with_user(self.qms_manager).action_publish()
        policy.with_user(self.qms_manager).action_submit_for_approval()
        with self.assertRaisesRegex(UserError, "is not possible"):
            policy.with_user(self.qms_manager).action_publish()
        policy.with_user(self.leader).action_approve()
        for user in (self.qms_user, self.unit_officer, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                policy.with_user(user).action_publish()
        self.assertEqual(policy.state, "approved")
        self.assertFalse(policy.revision_id)
        policy.with_user(self.qms_manager).action_publish()
        self.assertEqual(policy.state, "published")
        self.assertEqual(policy.revision_id.approver_id, self.leader)

    def test_submitted_by_the_standing_office(self):
        policy = self._draft()
        for user in (self.unit_officer, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                policy.with_user(user).action_submit_for_approval()
        self.assertEqual(policy.state, "draft")

    def test_approved_text_frozen_signed_scan_may_be_attached(self):
        policy = self._approved()
        manager = policy.with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            manager.write({"statement": "<p>Sửa sau khi duyệt</p>"})
        scan = (
            self.env["ir.attachment"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": "chinh_sach_da_ky.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 da ky"),
                    "res_model": "qms.policy",
                    "res_id": policy.id,
                }
            )
        )
        manager.signed_attachment_id = scan
        manager.action_publish()
        self.assertEqual(policy.revision_id.main_attachment_id.raw, b"%PDF-1.4 da ky")

    def test_published_and_superseded_never_edited_or_deleted(self):
        first = self._approved()
        first.with_user(self.qms_manager).action_publish()
        action = first.with_user(self.qms_manager).action_new_version()
        second = self.Policy.browse(action["res_id"])
        second.with_user(self.qms_manager).action_submit_for_approval()
        second.with_user(self.leader).action_approve()
        second.with_user(self.qms_manager).action_publish()
        self.assertEqual((first.state, second.state), ("superseded", "published"))
        for policy in (first, second):
            before = self._snapshot(policy)
            manager = policy.with_user(self.qms_manager)
            for vals in (
                {"statement": "<p>Viết lại</p>"},
                {"name": "Chính sách khác"},
                {"signed_attachment_id": False},
                {"state": "draft"},
                {"revision_id": False},
            ):
                with self.subTest(policy=policy.version, vals=vals), self.assertRaises(UserError):
                    manager.write(vals)
            with self.assertRaisesRegex(UserError, "never deleted"):
                manager.unlink()
            with self.assertRaises(AccessError):
                policy.with_user(self.qms_user).unlink()
            self.assertEqual(self._snapshot(policy), before)

    def test_new_version_by_the_standing_office_only(self):
        policy = self._approved()
        policy.with_user(self.qms_manager).action_publish()
        count = self.Policy.search_count([])
        for user in (self.qms_user, self.unit_officer, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                policy.with_user(user).action_new_version()
        self.assertEqual(self.Policy.search_count([]), count)
        with self.assertRaises(UserError):  # several at once over RPC: a message, no crash
            (policy | self._draft()).with_user(self.qms_manager).action_view_distribution()

    def test_bad_values_refused(self):
        policy = self._draft().with_user(self.qms_manager)
        for vals in (
            {"date_effective": "không rõ"},
            {"signer_id": "giám đốc"},
            {"statement": 12},
            {"company_id": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                policy.write(vals)
