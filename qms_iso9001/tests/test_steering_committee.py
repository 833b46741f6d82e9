import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestSteeringCommittee(QmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Committee = cls.env["qms.steering.committee"]

    def _draft_committee(self, number="15/QĐ-STP", date="2025-01-10", with_head=True):
        members = [(0, 0, {"employee_id": self.employee_secretary.id, "role": "secretary"})]
        if with_head:
            members.append((0, 0, {"employee_id": self.employee_director.id, "role": "head"}))
        return self.Committee.with_user(self.qms_manager).create(
            {
                "name": "Ban chỉ đạo ISO Sở Tư pháp",
                "decision_number": number,
                "decision_date": date,
                "signer_id": self.employee_director.id,
                "member_ids": members,
            }
        )

    def test_form_drafts_a_committee_with_members(self):
        with Form(self.Committee.with_user(self.qms_manager)) as form:
            form.name = "Ban chỉ đạo ISO năm 2026"
            form.decision_number = "42/QĐ-STP"
            form.decision_date = "2026-01-15"
            form.signer_id = self.employee_director
            with form.member_ids.new() as line:
                line.employee_id = self.employee_director
                line.role = "head"
            with form.member_ids.new() as line:
                line.employee_id = self.employee_member
        committee = form.record
        self.assertEqual(committee.state, "draft")
        self.assertEqual(committee.head_id, self.employee_director)
        self.assertEqual(committee.member_count, 2)
        self.assertEqual(committee.member_ids[1].role, "member")
        self.assertEqual(committee.member_ids[1].department_id, self.department_unit)

    def test_put_in_force_needs_exactly_one_head(self):
        committee = self._draft_committee(with_head=False)
        with self.assertRaises(ValidationError) as caught:
            committee.action_put_in_force()
        self.assertIn("exactly one head", str(caught.exception))
        self.assertEqual(committee.state, "draft")
        committee.member_ids = [(0, 0, {"employee_id": self.employee_director.id, "role": "head"})]
        committee.action_put_in_force()
        self.assertEqual(committee.state, "active")
        self.assertEqual(str(committee.date_start), "2025-01-10")
        head = committee.member_ids.filtered(lambda m: m.role == "head")
        # in force, the members are those of the decision: a change is a new decision
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            head.role = "member"
        with self.assertRaisesRegex(UserError, "never deleted"):
            head.unlink()
        self.assertEqual(committee.head_id, self.employee_director)
        self.assertEqual(head.role, "head")

    def test_reform_keeps_the_old_committee_as_history(self):
        old = self._draft_committee()
        old.action_put_in_force()
        action = old.with_user(self.qms_manager).action_reform()
        new = self.Committee.browse(action["res_id"])
        self.assertEqual(new.state, "draft")
        self.assertEqual(old.state, "active", "the old one stays in force until the new decision")
        self.assertEqual(new.member_ids.mapped("employee_id"), old.member_ids.mapped("employee_id"))
        new.write({"decision_number": "42/QĐ-STP", "date_start": "2026-01-15"})
        new.member_ids = [(0, 0, {"employee_id": self.employee_member.id, "role": "member"})]
        new.action_put_in_force()
        self.assertEqual(old.state, "replaced")
        self.assertEqual(str(old.date_end), "2026-01-15")
        self.assertEqual(new.previous_committee_id, old)
        self.assertEqual(self.Committee.search_count([("state", "=", "active")]), 1)
        self.assertEqual(len(old.member_ids), 2, "history keeps its own members")

    def test_history_is_neither_changed_nor_deleted(self):
        old = self._draft_committee()
        old.action_put_in_force()
        new = self._draft_committee(number="42/QĐ-STP", date="2026-01-15")
        new.action_put_in_force()
        with self.assertRaises(UserError):
            old.decision_number = "99/QĐ-STP"
        with self.assertRaises(UserError):
            old.member_ids[0].role = "member"
        with self.assertRaises(UserError):
            old.member_ids[0].unlink()
        with self.assertRaises(UserError):
            old.unlink()
        with self.assertRaises(UserError):
            new.unlink()
        self.assertEqual(old.decision_number, "15/QĐ-STP")
        old.active = False
        self.assertFalse(old.active)
        draft = self._draft_committee(number="50/QĐ-STP")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_same_employee_twice_refused(self):
        committee = self._draft_committee()
        with self.assertRaises(ValidationError) as caught:
            committee.member_ids = [
                (0, 0, {"employee_id": self.employee_director.id, "role": "member"})
            ]
        self.assertIn("listed twice", str(caught.exception))
        self.assertEqual(len(committee.member_ids), 2)

    def test_end_before_start_refused(self):
        committee = self._draft_committee()
        with self.assertRaisesRegex(UserError, "only through its actions"):
            committee.write({"date_start": "2026-02-01", "date_end": "2026-01-01"})
        committee.action_put_in_force()
        # a new decision dated before the one in force would end it before it started
        earlier = self._draft_committee(number="42/QĐ-STP", date="2024-12-01")
        with self.assertRaises(ValidationError):
            earlier.action_put_in_force()

    def test_only_the_standing_office_edits(self):
        committee = self._draft_committee()
        committee.action_put_in_force()
        for user in (self.qms_user, self.unit_officer, self.leader):
            with self.subTest(user=user.login):
                self.assertEqual(committee.with_user(user).name, "Ban chỉ đạo ISO Sở Tư pháp")
                with self.assertRaises(AccessError):
                    committee.with_user(user).write({"name": "Changed"})
                with self.assertRaises(AccessError):
                    self.Committee.with_user(user).create(
                        {
                            "name": "X",
                            "decision_number": "1",
                            "decision_date": "2026-01-01",
                            "signer_id": self.employee_director.id,
                        }
                    )
        committee.with_user(self.qms_manager).write({"note": "<p>Quy chế làm việc</p>"})
        self.assertIn("Quy chế", committee.note)

    def test_drafts_are_hidden_from_staff(self):
        in_force = self._draft_committee()
        in_force.action_put_in_force()
        draft = self._draft_committee(number="42/QĐ-STP", date="2026-01-15")
        staff_view = self.Committee.with_user(self.qms_user).search([])
        self.assertIn(in_force, staff_view)
        self.assertNotIn(draft, staff_view)
        with self.assertRaises(AccessError):
            draft.with_user(self.qms_user).read(["name"])
        staff_members = self.env["qms.steering.member"].with_user(self.qms_user).search([])
        self.assertEqual(staff_members.committee_id, in_force)
        manager_view = self.Committee.with_user(self.qms_manager).search([])
        self.assertIn(draft, manager_view)
        self.assertIn(in_force, manager_view)


@tagged("post_install", "-at_install")
class TestSteeringCommitteeLifecycle(QmsCommon):
    """Issue 13: the committee is put in force and re-formed by the standing office only, and a
    committee in force or replaced is kept as decided."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Committee = cls.env["qms.steering.committee"]
        cls.plain_users = (cls.qms_user, cls.unit_officer, cls.leader)

    def _draft(self, number="15/QĐ-STP", date="2025-01-10"):
        return self.Committee.with_user(self.qms_manager).create(
            {
                "name": "Ban chỉ đạo ISO Sở Tư pháp",
                "decision_number": number,
                "decision_date": date,
                "signer_id": self.employee_director.id,
                "member_ids": [
                    (0, 0, {"employee_id": self.employee_director.id, "role": "head"}),
                    (0, 0, {"employee_id": self.employee_secretary.id, "role": "secretary"}),
                ],
            }
        )

    def _snapshot(self, committee):
        committee.invalidate_recordset()
        return committee.read(
            ["state", "decision_number", "date_start", "date_end", "previous_committee_id"]
        )[0]

    def test_put_in_force_by_the_standing_office_only(self):
        committee = self._draft()
        before = self._snapshot(committee)
        for user in self.plain_users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                committee.with_user(user).action_put_in_force()
        for vals in (
            {"state": "active"},
            {"date_end": "2030-01-01"},
            {"previous_committee_id": committee.id},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "only through"):
                committee.with_user(self.qms_manager).write(vals)
        self.assertEqual(self._snapshot(committee), before)
        with self.assertRaisesRegex(UserError, "set by its actions"):
            self.Committee.with_user(self.qms_manager).create(
                {
                    "name": "Giả",
                    "decision_number": "1/QĐ",
                    "decision_date": "2026-01-01",
                    "signer_id": self.employee_director.id,
                    "state": "active",
                }
            )
        committee.with_user(self.qms_manager).action_put_in_force()
        self.assertEqual(committee.state, "active")
        with self.assertRaises(UserError):  # once only
            committee.with_user(self.qms_manager).action_put_in_force()

    def test_reform_by_the_standing_office_only(self):
        committee = self._draft()
        with self.assertRaises(UserError):  # a draft is completed, not re-formed
            committee.with_user(self.qms_manager).action_reform()
        committee.with_user(self.qms_manager).action_put_in_force()
        count = self.Committee.search_count([])
        for user in self.plain_users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                committee.with_user(user).action_reform()
        self.assertEqual(self.Committee.search_count([]), count)
        action = committee.with_user(self.qms_manager).action_reform()
        new = self.Committee.browse(action["res_id"])
        self.assertEqual((new.state, committee.state), ("draft", "active"))
        self.assertFalse(new.decision_attachment_id, "the new decision has its own scan")

    def test_committee_in_force_keeps_its_decision_and_members(self):
        committee = self._draft()
        committee.with_user(self.qms_manager).action_put_in_force()
        before = self._snapshot(committee)
        manager = committee.with_user(self.qms_manager)
        for vals in (
            {"decision_number": "99/QĐ-STP"},
            {"date_start": "2020-01-01"},
            {"signer_id": self.employee_member.id},
            {"member_ids": [(0, 0, {"employee_id": self.employee_member.id})]},
            {"state": "draft"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                manager.write(vals)
        with self.assertRaisesRegex(UserError, "new decision"):
            self.env["qms.steering.member"].with_user(self.qms_manager).create(
                {"committee_id": committee.id, "employee_id": self.employee_member.id}
            )
        secretary = committee.member_ids.filtered(lambda m: m.role == "secretary")
        with self.assertRaises(UserError):
            secretary.with_user(self.qms_manager).write({"state": "replaced"})
        with self.assertRaises(UserError):
            secretary.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            manager.unlink()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):  # not in force
            manager.action_archive()
        self.assertEqual(self._snapshot(committee), before)
        self.assertEqual(len(committee.member_ids), 2)
        self.assertEqual(secretary.role, "secretary")
        # what stays editable: the working rules and the scan of the decision
        manager.note = "<p>Quy chế làm việc của Ban</p>"
        scan = (
            self.env["ir.attachment"]
            .with_user(self.qms_manager)
            .create(
                {
                    "name": "qd_15.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 quyet dinh"),
                    "res_model": committee._name,
                    "res_id": committee.id,
                }
            )
        )
        manager.decision_attachment_id = scan
        self.assertEqual(committee.decision_attachment_id, scan)

    def test_replaced_committee_is_history(self):
        old = self._draft()
        old.with_user(self.qms_manager).action_put_in_force()
        new = self._draft(number="42/QĐ-STP", date="2026-01-15")
        new.with_user(self.qms_manager).action_put_in_force()
        before = self._snapshot(old)
        manager = old.with_user(self.qms_manager)
        for vals in ({"note": "<p>Sửa</p>"}, {"state": "active"}, {"date_end": False}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                manager.write(vals)
        with self.assertRaises(UserError):
            manager.unlink()
        self.assertEqual(self._snapshot(old), before)
        with self.assertRaises(AccessError):  # archiving history is the standing office's
            old.with_user(self.qms_user).action_archive()
        manager.action_archive()
        self.assertFalse(old.active)
