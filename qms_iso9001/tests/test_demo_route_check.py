from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import QmsCommon


@tagged("post_install", "-at_install")
class TestDemoRouteCheck(QmsCommon):
    """The check run at the end of the demo data: a route step that designates nobody who can
    log in makes the demo install fail, a route every step of which resolves passes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.revision_model = cls.env["ir.model"]._get("qms.document.revision")
        cls.routes = cls.env["qms.approval.route"]

    def _route(self, *steps, **values):
        return self.routes.create(
            {
                "name": "Phê duyệt tài liệu",
                "model_id": self.revision_model.id,
                "step_ids": [
                    Command.create({"sequence": index, **step}) for index, step in enumerate(steps)
                ],
                **values,
            }
        )

    def _check(self, route):
        return self.routes._qms_check_demo_routes(route)

    def test_users_step_with_a_login_passes(self):
        route = self._route(
            {"name": "Lãnh đạo duyệt", "approver_type": "users", "user_ids": [self.leader.id]}
        )
        self.assertTrue(self._check(route))

    def test_users_step_with_only_archived_or_portal_users_fails(self):
        portal = self.env["res.users"].create(
            {
                "name": "Công dân",
                "login": "portal_citizen",
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        route = self._route(
            {
                "name": "Chuyên viên soát xét",
                "approver_type": "users",
                "user_ids": [self.qms_user.id, portal.id],
            }
        )
        self.qms_user.active = False
        with self.assertRaises(UserError) as caught:
            self._check(route)
        self.assertIn("Chuyên viên soát xét", str(caught.exception))

    def test_unit_manager_without_login_fails_until_given_one(self):
        """The demo bug: the head of a unit had no user, so the unit's flows stayed stuck."""
        self.department_unit.manager_id = self.employee_member  # no user
        route = self._route(
            {"name": "Trưởng phòng xem xét", "approver_type": "department_manager"},
            department_ids=[Command.set([self.department_unit.id])],
        )
        with self.assertRaises(UserError) as caught:
            self._check(route)
        self.assertIn(self.department_unit.name, str(caught.exception))
        self.employee_member.user_id = self.unit_officer
        self.assertTrue(self._check(route))

    def test_unit_without_manager_falls_back_to_parent_unit(self):
        self.department_unit.parent_id = self.department_office
        self.department_office.manager_id = self.employee_director
        route = self._route(
            {"name": "Trưởng phòng xem xét", "approver_type": "department_manager"},
            department_ids=[Command.set([self.department_unit.id])],
        )
        self.assertTrue(self._check(route))

    def test_roles_resolve_only_when_filled(self):
        route = self._route(
            {
                "name": "Thường trực ISO soát xét",
                "approver_type": "qms_role",
                "qms_role": "standing_office",
            }
        )
        self.company.qms_standing_department_id = self.department_office
        self.department_office.manager_id = self.employee_secretary  # no user
        with self.assertRaises(UserError):
            self._check(route)
        self.department_office.manager_id = self.employee_director
        self.assertTrue(self._check(route))

    def test_group_step_without_members_fails(self):
        group = self.env["res.groups"].create({"name": "Tổ thẩm định trống"})
        route = self._route(
            {"name": "Tổ thẩm định", "approver_type": "group", "group_id": group.id}
        )
        with self.assertRaises(UserError):
            self._check(route)
        group.user_ids = self.qms_user
        self.assertTrue(self._check(route))
