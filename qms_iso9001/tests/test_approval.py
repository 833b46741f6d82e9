import ast
import base64
from datetime import date, datetime

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, freeze_time, tagged

from .common import QmsCommon

PDF = base64.b64encode(b"%PDF-1.4 procedure")


class ApprovalCommon(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_unit.parent_id = cls.department_office
        cls.department_office.manager_id = cls.employee_director
        cls.reviewer_1 = cls._create_qms_user("qms_reviewer_1", "qms_iso9001.group_qms_user")
        cls.reviewer_2 = cls._create_qms_user("qms_reviewer_2", "qms_iso9001.group_qms_user")
        cls.employee_officer = cls.env["hr.employee"].create(
            {
                "name": "Lê Thị Hoa",
                "department_id": cls.department_unit.id,
                "user_id": cls.unit_officer.id,
            }
        )
        cls.revision_model = cls.env["ir.model"]._get("qms.document.revision")
        cls.env["qms.approval.route"].search([]).active = False
        cls.route = cls._create_route(
            "Business procedures",
            [
                {
                    "name": "Review",
                    "approver_type": "users",
                    "user_ids": [Command.set((cls.reviewer_1 | cls.reviewer_2).ids)],
                },
                {"name": "Approval", "approver_type": "department_manager"},
            ],
            is_default=True,
        )
        cls.revision = cls._create_revision()

    @classmethod
    def _create_route(cls, name, steps, **values):
        return cls.env["qms.approval.route"].create(
            {
                "name": name,
                "model_id": cls.revision_model.id,
                "step_ids": [
                    Command.create({"sequence": index, **step}) for index, step in enumerate(steps)
                ],
                **values,
            }
        )

    @classmethod
    def _create_revision(cls, department=None):
        document = cls.env["qms.document"].create(
            {
                "name": "Quy trình tiếp nhận hồ sơ",
                "type_id": cls.env.ref("qms_iso9001.document_type_business_procedure").id,
                "department_id": (department or cls.department_unit).id,
            }
        )
        attachment = cls.env["ir.attachment"].create({"name": "qt.pdf", "datas": PDF})
        return cls.env["qms.document.revision"].create(
            {
                "document_id": document.id,
                "main_attachment_id": attachment.id,
                "drafter_id": cls.unit_officer.id,
            }
        )

    def _submit(self, revision=None):
        revision = (revision or self.revision).with_user(self.unit_officer)
        revision.action_submit_for_approval()
        return revision

    def _activity_users(self, record):
        return record.sudo().activity_ids.user_id

    def _chatter(self, record):
        return " ".join(record.sudo().message_ids.mapped("body"))

    def _reject(self, user, reason, record=None):
        record = (record or self.revision).with_user(user)
        action = record.action_reject()
        wizard = Form(
            self.env["qms.approval.wizard"].with_user(user).with_context(**action["context"])
        )
        if reason:
            wizard.comment = reason
        return wizard.save().action_confirm()


@tagged("post_install", "-at_install")
class TestApproval(ApprovalCommon):
    def test_two_step_flow_until_approved(self):
        revision = self._submit()
        self.assertEqual(revision.state, "to_approve")
        self.assertTrue(revision.date_submitted)
        self.assertEqual(revision.approval_state, "pending")
        request = revision.sudo().approval_request_id
        self.assertEqual(request.requester_id, self.unit_officer)
        self.assertEqual(request.current_step_id.name, "Review")
        self.assertEqual(request.current_step_id.approver_ids, self.reviewer_1 | self.reviewer_2)
        self.assertEqual(self._activity_users(revision), self.reviewer_1 | self.reviewer_2)
        self.assertTrue(revision.with_user(self.reviewer_1).can_approve)
        # an approver reads what they must decide; a user with nothing to decide does not
        revision.with_user(self.reviewer_1).check_access("read")
        with self.assertRaises(AccessError):
            revision.with_user(self.qms_user).check_access("read")
        self.assertFalse(revision.with_user(self.leader).can_approve)

        revision.with_user(self.reviewer_1).action_approve("Đạt yêu cầu")
        self.assertEqual(request.current_step_id.name, "Approval")
        # the unit has no manager: its parent's manager (the director) decides
        self.assertEqual(request.current_step_id.approver_ids, self.leader)
        self.assertEqual(self._activity_users(revision), self.leader)
        self.assertIn("Đạt yêu cầu", self._chatter(revision))
        self.assertIn(self.reviewer_1.name, self._chatter(revision))
        self.assertEqual(revision.state, "to_approve")

        revision.with_user(self.leader).action_approve()
        self.assertEqual(revision.state, "approved")
        self.assertEqual(revision.approval_state, "approved")
        self.assertEqual(request.state, "approved")
        self.assertEqual(revision.approver_id, self.leader)
        self.assertEqual(revision.reviewer_ids, self.reviewer_1)
        self.assertTrue(revision.date_approved)
        self.assertFalse(revision.sudo().activity_ids)
        self.assertEqual(request.decision_ids.mapped("user_id"), self.reviewer_1 | self.leader)

    def test_department_manager_walks_up_past_the_requester(self):
        self.department_unit.manager_id = self.employee_officer  # the requester heads the unit
        revision = self._submit()
        revision.with_user(self.reviewer_2).action_approve()
        step = revision.sudo().approval_request_id.current_step_id
        self.assertEqual(step.approver_ids, self.leader)
        # a manager who is not the requester decides for their own unit
        other = self._create_qms_user("qms_unit_head", "qms_iso9001.group_qms_user")
        head = self.env["hr.employee"].create({"name": "Phạm Minh", "user_id": other.id})
        self.department_unit.manager_id = head
        revision.with_user(self.unit_officer).action_recall()
        self._submit().with_user(self.reviewer_2).action_approve()
        self.assertEqual(revision.sudo().approval_request_id.current_step_id.approver_ids, other)

    def test_reject_needs_a_reason_and_returns_to_draft(self):
        revision = self._submit()
        with self.assertRaisesRegex(UserError, "reason"):
            revision.with_user(self.reviewer_1).action_reject_with_reason("  ")
        with self.assertRaises(AssertionError):  # the form refuses an empty reason too
            self._reject(self.reviewer_1, "")
        self.assertEqual(revision.state, "to_approve")

        self._reject(self.reviewer_1, "Thiếu lưu đồ quy trình")
        self.assertEqual(revision.state, "draft")
        self.assertEqual(revision.approval_state, "rejected")
        request = revision.sudo().approval_request_id
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_ids.comment, "Thiếu lưu đồ quy trình")
        self.assertIn("Thiếu lưu đồ quy trình", self._chatter(revision))
        self.assertFalse(revision.sudo().activity_ids)
        # the other approver cannot decide any more
        with self.assertRaises(UserError):
            revision.with_user(self.reviewer_2).action_approve()
        # corrected, it can be submitted again: a new request starts
        self._submit()
        self.assertNotEqual(revision.sudo().approval_request_id, request)
        self.assertEqual(len(revision.sudo().approval_request_ids), 2)

    def test_recall_by_the_submitter_only(self):
        revision = self._submit()
        with self.assertRaises(AccessError):
            revision.with_user(self.reviewer_1).action_recall()
        self.assertEqual(revision.state, "to_approve")
        revision.with_user(self.unit_officer).action_recall()
        self.assertEqual(revision.state, "draft")
        self.assertEqual(revision.approval_state, "none")
        self.assertEqual(revision.sudo().approval_request_ids.state, "cancelled")
        self.assertFalse(revision.sudo().activity_ids)
        with self.assertRaises(UserError):
            revision.with_user(self.unit_officer).action_recall()

    def test_wrong_approver_refused_and_steps_not_skipped(self):
        revision = self._submit()
        # the director decides step 2, not step 1
        with self.assertRaises(AccessError):
            revision.with_user(self.leader).action_approve()
        with self.assertRaises(AccessError):
            revision.with_user(self.qms_user).action_reject_with_reason("Không đồng ý")
        self.assertEqual(revision.sudo().approval_request_id.current_step_id.name, "Review")
        self.assertFalse(revision.sudo().approval_request_id.decision_ids)
        revision.with_user(self.reviewer_1).action_approve()
        # the reviewer has decided step 1 and is no approver of step 2
        with self.assertRaises(AccessError):
            revision.with_user(self.reviewer_1).action_approve()
        revision.with_user(self.leader).action_approve()
        self.assertEqual(revision.state, "approved")

    def test_requester_is_excluded(self):
        self.route.step_ids[0].user_ids = self.unit_officer | self.reviewer_1
        revision = self._submit()
        step = revision.sudo().approval_request_id.current_step_id
        self.assertEqual(step.approver_ids, self.reviewer_1)
        with self.assertRaises(AccessError):
            revision.with_user(self.unit_officer).action_approve()
        revision.with_user(self.unit_officer).action_recall()

        self.route.step_ids[0].user_ids = self.unit_officer
        with (
            self.assertRaisesRegex(UserError, "Nobody can decide the step Review"),
            self.env.cr.savepoint(),
        ):
            self._submit()
        self.assertEqual(revision.state, "draft")

        self.route.step_ids[0].allow_self_approval = True
        self._submit()
        revision.with_user(self.unit_officer).action_approve()
        self.assertEqual(revision.sudo().approval_request_id.current_step_id.name, "Approval")

    def test_group_and_qms_role_approvers(self):
        Step = self.env["qms.approval.route.step"]
        requester = self.unit_officer
        group_step = Step.new(
            {
                "name": "Leaders",
                "approver_type": "group",
                "group_id": self.env.ref("qms_iso9001.group_qms_leader").id,
            }
        )
        leaders = group_step._qms_resolve_approvers(self.revision, requester)
        self.assertLessEqual(self.leader | self.qms_manager, leaders)  # managers are leaders too
        self.assertNotIn(self.qms_user, leaders)
        self.assertNotIn(requester, leaders)
        # committee head: the user of the head of the committee in force
        self.env["qms.steering.committee"].create(
            {
                "name": "Ban chỉ đạo ISO",
                "decision_number": "42/QĐ-STP",
                "decision_date": date(2026, 1, 5),
                "signer_id": self.employee_director.id,
                "state": "active",
                "member_ids": [
                    Command.create({"employee_id": self.employee_director.id, "role": "head"})
                ],
            }
        )
        head_step = Step.new(
            {"name": "Ký ban hành", "approver_type": "qms_role", "qms_role": "committee_head"}
        )
        self.assertEqual(head_step._qms_resolve_approvers(self.revision, requester), self.leader)
        # standing office: the manager of the company's ISO standing unit
        office_step = Step.new(
            {"name": "Thẩm định", "approver_type": "qms_role", "qms_role": "standing_office"}
        )
        with self.assertRaisesRegex(UserError, "Nobody can decide"):
            office_step._qms_resolve_approvers(self.revision, requester)
        self.company.qms_standing_department_id = self.department_office
        self.assertEqual(office_step._qms_resolve_approvers(self.revision, requester), self.leader)

    def test_submit_needs_write_access(self):
        with self.assertRaises(AccessError):
            self.revision.with_user(self.reviewer_1).action_submit_for_approval()
        self.assertEqual(self.revision.state, "draft")
        self._submit()
        self.assertEqual(self.revision.state, "to_approve")

    def test_rule_all_needs_everyone(self):
        self.route.step_ids[0].rule = "all"
        revision = self._submit()
        inbox = self.env["qms.approval.request.step"]
        revision.with_user(self.reviewer_1).action_approve()
        step = revision.sudo().approval_request_id.current_step_id
        self.assertEqual(step.name, "Review")
        self.assertEqual(self._activity_users(revision), self.reviewer_2)
        self.assertFalse(inbox.with_user(self.reviewer_1).search([("is_waiting_on_me", "=", True)]))
        self.assertEqual(
            inbox.with_user(self.reviewer_2).search([("is_waiting_on_me", "=", True)]), step
        )
        with self.assertRaises(AccessError):  # no second vote
            revision.with_user(self.reviewer_1).action_approve()
        revision.with_user(self.reviewer_2).action_approve()
        self.assertEqual(revision.sudo().approval_request_id.current_step_id.name, "Approval")

    def test_deadline_in_working_days_skips_weekend_and_holiday(self):
        calendar = self.env["resource.calendar"].create(
            {"name": "Giờ hành chính", "tz": "Asia/Ho_Chi_Minh"}
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nghỉ bù",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 11, 22, 17, 0),  # Monday 23 in Hanoi
                "date_to": datetime(2026, 11, 23, 16, 59, 59),
            }
        )
        self.company.qms_calendar_id = calendar
        self.route.step_ids[0].deadline_days = 2
        with freeze_time("2026-11-20 03:00:00"):  # a Friday
            revision = self._submit()
        step = revision.sudo().approval_request_id.current_step_id
        self.assertEqual(step.date_deadline, date(2026, 11, 25))  # Tuesday, Wednesday
        self.assertEqual(
            set(revision.sudo().activity_ids.mapped("date_deadline")), {date(2026, 11, 25)}
        )
        # the second step has no deadline
        revision.with_user(self.reviewer_1).action_approve()
        self.assertFalse(revision.sudo().approval_request_id.current_step_id.date_deadline)

    def test_delegation(self):
        delegate = self._create_qms_user("qms_deputy", "qms_iso9001.group_qms_user")
        revision = self._submit()
        with self.assertRaises(AccessError):
            revision.with_user(delegate).action_approve()
        delegation = (
            self.env["qms.approval.delegation"]
            .with_user(self.leader)
            .create(
                {"delegate_id": delegate.id, "date_to": date.today(), "date_from": date.today()}
            )
        )
        self.assertEqual(delegation.user_id, self.leader)
        revision.with_user(self.reviewer_1).action_approve()
        inbox = self.env["qms.approval.request.step"].with_user(delegate)
        self.assertEqual(
            inbox.search([("is_waiting_on_me", "=", True)]),
            revision.sudo().approval_request_id.current_step_id,
        )
        self.assertTrue(revision.with_user(delegate).can_approve)
        revision.with_user(delegate).action_approve("Đồng ý")
        self.assertEqual(revision.state, "approved")
        decision = revision.sudo().approval_request_id.decision_ids[-1]
        self.assertEqual((decision.user_id, decision.on_behalf_of_id), (delegate, self.leader))
        self.assertEqual(revision.approver_id, self.leader)
        self.assertIn(f"{delegate.name} for {self.leader.name}", self._chatter(revision))

        # an expired delegation gives no right
        delegation.sudo().write({"date_from": date(2020, 1, 1), "date_to": date(2020, 1, 31)})
        revision.sudo().state = "draft"
        self._submit().with_user(self.reviewer_1).action_approve()
        with self.assertRaises(AccessError):
            revision.with_user(delegate).action_approve()

    def test_delegation_cannot_be_to_oneself(self):
        with self.assertRaises(ValidationError):
            self.env["qms.approval.delegation"].create(
                {"user_id": self.leader.id, "delegate_id": self.leader.id, "date_to": date.today()}
            )

    def test_route_without_steps_refused(self):
        Route = self.env["qms.approval.route"]
        with self.assertRaisesRegex(ValidationError, "has no step"):
            Route.create({"name": "Empty", "model_id": self.revision_model.id})
        draft_route = Route.create(
            {"name": "Being set up", "model_id": self.revision_model.id, "active": False}
        )
        with self.assertRaisesRegex(ValidationError, "has no step"):
            draft_route.active = True
        with self.assertRaisesRegex(ValidationError, "Say who decides"):
            self.route.step_ids[0].user_ids = False
        with self.assertRaisesRegex(ValidationError, "has no step"):
            self.route.step_ids = [Command.clear()]
        with self.assertRaises(ValidationError):  # only models with an approval chain
            Route.create(
                {
                    "name": "Partners",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "step_ids": [Command.create({"name": "Review", "user_ids": [self.leader.id]})],
                }
            )

    def test_route_selection_specific_beats_default(self):
        unit_route = self._create_route(
            "Unit procedures",
            [{"name": "Unit review", "user_ids": [Command.set(self.reviewer_2.ids)]}],
            department_ids=[Command.set(self.department_unit.ids)],
        )
        kind_route = self._create_route(
            "Guidelines",
            [{"name": "Guideline review", "user_ids": [Command.set(self.leader.ids)]}],
            domain="[('type_id.kind', '=', 'guideline')]",
        )
        Route = self.env["qms.approval.route"]
        self.assertEqual(Route._qms_find_route(self.revision), unit_route)
        office_revision = self._create_revision(self.department_office)
        self.assertEqual(Route._qms_find_route(office_revision), self.route)
        self.assertNotEqual(Route._qms_find_route(office_revision), kind_route)
        # a sub-unit of a route's unit uses it too
        team = self.env["hr.department"].create(
            {"name": "Tổ một cửa", "parent_id": self.department_unit.id}
        )
        self.assertEqual(Route._qms_find_route(self._create_revision(team)), unit_route)
        revision = self._submit()
        self.assertEqual(revision.sudo().approval_request_id.route_id, unit_route)
        # without any route, submitting says so
        (Route.search([])).active = False
        with self.assertRaisesRegex(UserError, "No approval route"):
            office_revision.with_user(self.qms_manager).action_submit_for_approval()

    def test_who_sees_requests(self):
        revision = self._submit()
        request = revision.sudo().approval_request_id
        Request = self.env["qms.approval.request"]
        for user in (self.unit_officer, self.reviewer_1, self.qms_manager):
            self.assertEqual(Request.with_user(user).search([("id", "=", request.id)]), request)
            request.with_user(user).read(["name", "state"])
        self.assertFalse(Request.with_user(self.qms_user).search([("id", "=", request.id)]))
        with self.assertRaises(AccessError):
            request.with_user(self.qms_user).read(["name"])
        with self.assertRaises(AccessError):
            request.with_user(self.reviewer_1).write({"state": "approved"})
        self.assertEqual(
            self.env["qms.approval.decision"].with_user(self.qms_user).search_count([]), 0
        )

    def test_inbox_menu_and_open_record(self):
        menu = self.env.ref("qms_iso9001.menu_qms_to_approve")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.qms_user)._visible_menu_ids())
        revision = self._submit()
        action = self.env.ref("qms_iso9001.qms_approval_inbox_action")
        Step = self.env["qms.approval.request.step"].with_user(self.reviewer_1)
        domain = ast.literal_eval(action.domain)
        steps = Step.search(domain)
        self.assertEqual(steps.mapped("reference"), [revision.display_name])
        self.assertFalse(Step.with_user(self.leader).search(domain))
        opened = steps.action_open_record()
        self.assertEqual((opened["res_model"], opened["res_id"]), (revision._name, revision.id))

    def test_inbox_query_count_independent_of_volume(self):
        revision = self.revision
        Request = self.env["qms.approval.request"].sudo()

        def make(count):
            Request.create(
                [
                    {
                        "name": f"QT.{n:03d}/TEST",
                        "res_model": revision._name,
                        "res_model_id": self.revision_model.id,
                        "res_id": revision.id,
                        "requester_id": self.unit_officer.id,
                        "step_ids": [
                            Command.create(
                                {
                                    "name": "Review",
                                    "state": "pending",
                                    "date_deadline": date(2026, 1, n % 28 + 1),
                                    "approver_ids": [Command.set(self.reviewer_1.ids)],
                                }
                            )
                        ],
                    }
                    for n in range(count)
                ]
            )

        Step = self.env["qms.approval.request.step"].with_user(self.reviewer_1)
        spec = {
            "reference": {},
            "res_model_id": {"fields": {"display_name": {}}},
            "name": {},
            "requester_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "date_deadline": {},
            "state": {},
        }

        def open_inbox():
            self.env.invalidate_all()
            count_before = self.env.cr.sql_log_count
            result = Step.web_search_read([("is_waiting_on_me", "=", True)], spec, limit=None)
            return result["length"], self.env.cr.sql_log_count - count_before

        make(20)
        self.env.flush_all()
        open_inbox()  # warm the caches (rules, access, fields)
        length_20, queries_20 = open_inbox()
        make(180)
        self.env.flush_all()
        open_inbox()
        length_200, queries_200 = open_inbox()
        self.assertEqual((length_20, length_200), (20, 200))
        self.assertEqual(queries_20, queries_200)
        with self.assertQueryCount(queries_200):
            self.env.invalidate_all()
            Step.web_search_read([("is_waiting_on_me", "=", True)], spec, limit=None)
        self.assertLessEqual(queries_200, 12)


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(TransactionCase):
    """Two approvers click at once on two real database connections: one decision only."""

    def test_concurrent_approvals_decide_the_step_once(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            group = env.ref("qms_iso9001.group_qms_user")
            users = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"Concurrent approver {n}",
                            "login": f"qms_concurrent_{n}",
                            "group_ids": [Command.set(group.ids)],
                        }
                        for n in (1, 2)
                    ]
                )
            )
            department = env["hr.department"].create({"name": "Concurrency test unit"})
            route = env["qms.approval.route"].create(
                {
                    "name": "Concurrency test route",
                    "model_id": env["ir.model"]._get_id("qms.document.revision"),
                    "department_ids": [Command.set(department.ids)],
                    "sequence": -100,
                    "step_ids": [
                        Command.create({"name": "Approval", "user_ids": [Command.set(users.ids)]})
                    ],
                }
            )
            document = env["qms.document"].create(
                {
                    "name": "Concurrency test",
                    "code": "QT.CONCURRENCY/TEST",
                    "type_id": env.ref("qms_iso9001.document_type_business_procedure").id,
                    "department_id": department.id,
                }
            )
            attachment = env["ir.attachment"].create({"name": "c.pdf", "datas": PDF})
            revision = env["qms.document.revision"].create(
                {"document_id": document.id, "main_attachment_id": attachment.id}
            )
            revision.action_submit_for_approval()
            ids = {
                "users": users.ids,
                "department": department.id,
                "route": route.id,
                "document": document.id,
                "attachment": attachment.id,
                "revision": revision.id,
                "partners": users.partner_id.ids,
            }
            cr.commit()  # pylint: disable=invalid-commit
        try:
            self._race(ids)
        finally:
            self._clean(ids)

    def _race(self, ids):
        registry = self.registry
        with registry.cursor() as cr_a, registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, ids["users"][0], {})
            env_b = api.Environment(cr_b, ids["users"][1], {})
            revision_a = env_a["qms.document.revision"].browse(ids["revision"])
            revision_b = env_b["qms.document.revision"].browse(ids["revision"])
            self.assertTrue(revision_b.can_approve)  # B's snapshot: the step is pending
            revision_a.action_approve("A")
            env_a.flush_all()
            with self.assertRaisesRegex(UserError, "being decided by someone else"):
                revision_b.action_approve("B")
            cr_a.commit()  # pylint: disable=invalid-commit
            with self.assertRaisesRegex(UserError, "already been decided"):
                revision_b.action_approve("B")
            cr_b.rollback()
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            revision = env["qms.document.revision"].browse(ids["revision"])
            request = revision.approval_request_id
            self.assertEqual(revision.state, "approved")
            self.assertEqual(request.decision_ids.mapped("comment"), ["A"])
            self.assertEqual(revision.approver_id.id, ids["users"][0])

    def _clean(self, ids):
        with self.registry.cursor() as cr:
            revision = ids["revision"]
            cr.execute(
                "DELETE FROM qms_approval_request WHERE res_model = 'qms.document.revision' "
                "AND res_id = %s",
                [revision],
            )
            for model, res_id in (
                ("qms.document.revision", revision),
                ("qms.document", ids["document"]),
            ):
                cr.execute(
                    "DELETE FROM mail_activity WHERE res_model = %s AND res_id = %s",
                    [model, res_id],
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
                    [model, res_id],
                )
                cr.execute(
                    "DELETE FROM mail_message WHERE model = %s AND res_id = %s", [model, res_id]
                )
            cr.execute("DELETE FROM qms_document_revision WHERE id = %s", [revision])
            cr.execute("DELETE FROM qms_document WHERE id = %s", [ids["document"]])
            cr.execute("DELETE FROM qms_approval_route WHERE id = %s", [ids["route"]])
            cr.execute("DELETE FROM ir_attachment WHERE id = %s", [ids["attachment"]])
            cr.execute("DELETE FROM hr_department WHERE id = %s", [ids["department"]])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["res.users"].browse(ids["users"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            cr.commit()  # pylint: disable=invalid-commit
