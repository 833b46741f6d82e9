"""Who sees which dossier: units see theirs and those that passed through them, the one-stop
desk sees all, an applicant on the portal sees only their own. Every check is made both ways."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestDossierSecurity(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_b = cls.env["hr.department"].create(
            {"name": "Phòng Tài nguyên và Môi trường"}
        )
        cls.departments["b"] = cls.department_b
        cls.handler_b = cls._create_qms_user(
            "tthc_handler_b", "qms_iso9001_tthc.group_qms_tthc_handler"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Lý Văn Bình",
                "department_id": cls.department_b.id,
                "user_id": cls.handler_b.id,
            }
        )
        cls.procedure_b = cls._procedure(
            "1.003010",
            "Đăng ký đất đai lần đầu",
            [("direct", 3, "day")],
            department=cls.department_b,
        )
        # unit B asks unit A (civil status) to confirm the family situation
        cls._approved_flow(
            cls.procedure_b,
            [
                ("Tiếp nhận", 0.5, "day", ("direct",), "desk"),
                ("Thẩm định hồ sơ đất đai", 1, "day", ("direct",), "b"),
                ("Xác nhận tình trạng hộ tịch", 1, "day", ("direct",), "unit"),
                ("Lãnh đạo ký", 0.5, "day", ("direct",), "office"),
            ],
            submitter=cls.qms_manager,
        )
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Công ty TNHH An Phát", "is_company": True, "vat": "3200123456"}
        )
        cls.employee_partner = cls.env["res.partner"].create(
            {"name": "Trần Văn Phát", "parent_id": cls.company_partner.id}
        )
        cls.other_citizen = cls.env["res.partner"].create({"name": "Lê Thị Cúc"})
        portal_group = cls.env.ref("base.group_portal")
        users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.portal_citizen = users.create(
            {
                "name": cls.citizen.name,
                "login": "an.portal",
                "partner_id": cls.citizen.id,
                "group_ids": [Command.set(portal_group.ids)],
            }
        )
        cls.portal_employee = users.create(
            {
                "name": cls.employee_partner.name,
                "login": "phat.portal",
                "partner_id": cls.employee_partner.id,
                "group_ids": [Command.set(portal_group.ids)],
            }
        )
        cls.dossier_a = cls._receive_cls(local(2026, 8, 24, 8, 0), cls.procedure, cls.citizen)
        cls.dossier_b = cls._receive_cls(
            local(2026, 8, 24, 8, 30), cls.procedure_b, cls.other_citizen
        )
        cls.dossier_company = cls._receive_cls(
            local(2026, 8, 24, 9, 0), cls.procedure, cls.company_partner
        )

    @classmethod
    def _receive_cls(cls, moment, procedure, partner):
        with freeze_time(moment):
            return (
                cls.env["qms.tthc.dossier"]
                .with_user(cls.one_stop)
                .create(
                    {
                        "procedure_id": procedure.id,
                        "applicant_id": partner.id,
                        "channel": "direct",
                        "received_at": moment,
                    }
                )
                .with_user(cls.env.user)
            )

    def _visible(self, user):
        return self.env["qms.tthc.dossier"].with_user(user).search([])

    def assertCanRead(self, user, dossier):
        dossier.with_user(user).check_access("read")
        self.assertTrue(dossier.with_user(user).read(["name", "appointment_date"]))

    def assertCannotRead(self, user, dossier):
        with self.assertRaises(AccessError):
            dossier.with_user(user).read(["name"])

    def test_unit_sees_its_dossiers_and_those_that_passed_through_it(self):
        self.assertIn(self.dossier_a, self._visible(self.handler))
        self.assertNotIn(self.dossier_b, self._visible(self.handler))
        self.assertCanRead(self.handler, self.dossier_a)
        self.assertCannotRead(self.handler, self.dossier_b)
        with self.assertRaises(AccessError):
            self.dossier_b.step_ids.with_user(self.handler).read(["name"])
        self.assertIn(self.dossier_b, self._visible(self.handler_b))
        self.assertNotIn(self.dossier_a, self._visible(self.handler_b))
        self.assertCanRead(self.handler_b, self.dossier_b)
        self.assertCannotRead(self.handler_b, self.dossier_a)
        # desk -> unit B -> unit A: now it passed through A
        self._hand_over(self.dossier_b, local(2026, 8, 24, 10, 0), self.handler_b)
        self.assertCannotRead(self.handler, self.dossier_b)
        self._hand_over(self.dossier_b, local(2026, 8, 25, 10, 0), self.handler)
        self.assertCanRead(self.handler, self.dossier_b)
        self.assertIn(self.dossier_b, self._visible(self.handler))
        self.dossier_b.step_ids.with_user(self.handler).read(["name", "user_id"])
        # and A keeps seeing it once it has handed it on
        self._hand_over(self.dossier_b, local(2026, 8, 26, 10, 0), self.signer)
        self.assertCanRead(self.handler, self.dossier_b)
        self.assertCannotRead(self.handler_b, self.dossier_a)
        # seeing is not acting: only the holder (or the desk) decides on it now
        with self.assertRaises(UserError):
            self.dossier_b.with_user(self.handler).action_refuse("Không đủ điều kiện")
        self.assertEqual(self.dossier_b.state, "in_progress")
        # the holder neither: the refusal is handed to the applicant by the desk
        with self.assertRaises(UserError):
            self.dossier_b.with_user(self.signer).action_refuse("Không đủ điều kiện")
        self.dossier_b.with_user(self.one_stop).action_refuse("Không đủ điều kiện")
        self.assertEqual(self.dossier_b.state, "refused")

    def test_the_taker_works_in_the_unit_of_the_step(self):
        with self.assertRaises(UserError):
            self.dossier_a.with_user(self.one_stop).action_hand_over(self.handler_b)
        with self.assertRaises(UserError):
            self.dossier_a.with_user(self.one_stop).action_hand_over(self.portal_citizen)
        self.assertEqual(self.dossier_a.current_user_id, self.one_stop)
        self.dossier_a.with_user(self.one_stop).action_hand_over(self.handler)
        self.assertEqual(self.dossier_a.current_user_id, self.handler)
        self.assertEqual(self.dossier_a.current_department_id, self.department_unit)

    def test_one_stop_sees_all_and_only_the_desk_receives(self):
        visible = self._visible(self.one_stop)
        self.assertIn(self.dossier_a, visible)
        self.assertIn(self.dossier_b, visible)
        self.assertCanRead(self.one_stop, self.dossier_b)
        self.assertCanRead(self.leader, self.dossier_b)
        # a unit handler cannot receive a dossier, the desk can
        with self.assertRaises(AccessError):
            self.env["qms.tthc.dossier"].with_user(self.handler).create(
                {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}
            )
        # the desk and leaders read but never delete; leaders do not edit
        with self.assertRaises(AccessError):
            self.dossier_a.with_user(self.one_stop).unlink()
        with self.assertRaises(AccessError):
            self.dossier_a.with_user(self.leader).write({"result_note": "Đã ký"})
        # a user without a TTHC role sees no dossier
        self.assertCannotRead(self.qms_user, self.dossier_a)

    def test_portal_user_sees_only_their_own(self):
        self.assertEqual(self._visible(self.portal_citizen), self.dossier_a)
        self.assertCanRead(self.portal_citizen, self.dossier_a)
        self.assertCannotRead(self.portal_citizen, self.dossier_b)
        self.assertCannotRead(self.portal_citizen, self.dossier_company)
        # a contact of an organisation sees the organisation's dossiers
        self.assertEqual(self._visible(self.portal_employee), self.dossier_company)
        self.assertCanRead(self.portal_employee, self.dossier_company)
        self.assertCannotRead(self.portal_employee, self.dossier_a)
        with self.assertRaises(AccessError):
            self.dossier_a.with_user(self.portal_citizen).write({"result_note": "x"})
