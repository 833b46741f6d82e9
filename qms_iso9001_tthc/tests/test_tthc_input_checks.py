"""What the desk and the handlers type is checked (issue 19): the role of a flow step, the
applicant's phone, e-mail and identity number, an apology's new date, the receipt of a refused
dossier and a step duration typed the Vietnamese way."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .test_tthc_dossier import DossierCommon, local

ROLE_STEPS = [
    ("Tiếp nhận hồ sơ", 0.5, "hour", ("direct",), "desk", "one_stop"),
    ("Trưởng phòng duyệt", 2, "hour", ("direct",), "unit", "unit_head"),
    ("Lãnh đạo ký", 1, "hour", ("direct",), "office", "leader"),
    ("Trả kết quả", 0.5, "hour", ("direct",), "desk", "one_stop"),
]


@tagged("post_install", "-at_install")
class TestTthcInputChecks(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure_roles = cls._procedure(
            "2.000884", "Chứng thực chữ ký trong giấy tờ", [("direct", 4, "hour")]
        )
        flow = cls._flow(cls.procedure_roles, [step[:4] for step in ROLE_STEPS])
        for line, step in zip(flow.step_ids.sorted("sequence"), ROLE_STEPS, strict=True):
            line.write({"department_id": cls.departments[step[4]].id, "role": step[5]})
        flow.with_user(cls.unit_officer).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()

    def _wizard(self, dossier, user=None):
        return (
            self.env["qms.tthc.dossier.handover"]
            .with_user(dossier.current_user_id)
            .create({"dossier_id": dossier.id, "user_id": user and user.id})
        )

    # ------------------------------------------------------------------ step roles
    def test_hand_over_follows_the_role_of_the_step(self):
        """A handler of the unit is not its head, a handler of the office is not a leader: the
        hand-over form does not offer them and the server refuses them, naming step and role."""
        dossier = self._receive(local(2026, 8, 24, 8, 0), self.procedure_roles)
        self.assertNotIn(self.handler, self._wizard(dossier).allowed_user_ids)
        with self.assertRaisesRegex(UserError, "Trưởng phòng duyệt.*Head of Unit"):
            self._wizard(dossier, self.handler).action_confirm()
        with self.assertRaisesRegex(UserError, "Trưởng phòng duyệt.*Head of Unit"):
            dossier.with_user(self.one_stop).action_hand_over(self.handler.id)
        self.assertEqual(dossier.current_user_id, self.one_stop)

        self.department_unit.manager_id = self.handler.employee_ids[:1]
        self.assertIn(self.handler, self._wizard(dossier).allowed_user_ids)
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        self.assertEqual(dossier.current_user_id, self.handler)

        self.assertNotIn(self.signer, self._wizard(dossier).allowed_user_ids)
        with self.assertRaisesRegex(UserError, "Lãnh đạo ký.*Agency Leader"):
            self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.signer)
        self.signer.group_ids = [Command.link(self.env.ref("qms_iso9001.group_qms_leader").id)]
        self.assertIn(self.signer, self._wizard(dossier).allowed_user_ids)
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.signer)

        # the return step is the desk's: the unit's handler cannot take it
        with self.assertRaisesRegex(UserError, "One-stop Officer"):
            self._hand_over(dossier, local(2026, 8, 24, 10, 30), self.handler)
        self.assertEqual(self._wizard(dossier).allowed_user_ids, self.one_stop)
        self._hand_over(dossier, local(2026, 8, 24, 10, 30), self.one_stop)
        self.assertEqual(dossier.current_user_id, self.one_stop)

    # ------------------------------------------------------------------ applicant's contact
    def test_applicant_phone_email_and_id_number_are_checked(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        desk = dossier.with_user(self.one_stop)
        for field, value in (
            ("applicant_phone", "0" * 1_000_000),
            ("applicant_phone", "0912 345 678 gọi sau 17h"),
            ("applicant_phone", "113"),
            ("applicant_email", "an.nguyen@"),
            ("applicant_email", "an@example.com, binh@example.com"),
            ("applicant_id_number", "04509000123"),
            ("applicant_id_number", "CCCD 045090001234"),
        ):
            with self.subTest(field=field, value=value[:30]), self.assertRaises(ValidationError):
                desk.write({field: value})
        self.assertEqual(dossier.applicant_phone, "0912 345 678")
        for field, value in (
            ("applicant_phone", "+84 912.345-678"),
            ("applicant_phone", "0233 385 1234"),
            ("applicant_email", "binh.tran@example.com"),
            ("applicant_id_number", "045090001234"),
            ("applicant_id_number", "191234567"),
            ("applicant_id_number", "C1234567"),
        ):
            desk.write({field: value})
            self.assertEqual(dossier[field], value)

    def test_guidance_contact_is_checked(self):
        """A guidance (phiếu hướng dẫn) records the person's phone as a dossier does."""
        Guidance = self.env["qms.tthc.guidance"].with_user(self.one_stop)
        values = {
            "procedure_id": self.procedure.id,
            "applicant_name": "Trần Thị Bình",
            "reason": "Thiếu bản sao giấy khai sinh",
        }
        with self.assertRaisesRegex(ValidationError, "not a phone number"):
            Guidance.create({**values, "applicant_phone": "0905-111-222-333-444-555"})
        with self.assertRaisesRegex(ValidationError, "not an e-mail"):
            Guidance.create({**values, "applicant_email": "binh@@example"})
        guidance = Guidance.create({**values, "applicant_phone": "0905 111 222"})
        self.assertEqual(guidance.applicant_phone, "0905 111 222")

    def test_applicant_with_a_bad_phone_cannot_be_received(self):
        """The dossier copies the applicant's data: a partner saved with a broken phone number
        is stopped at the desk with a message, not in the tracking book."""
        partner = self.env["res.partner"].create({"name": "Lê Văn C", "phone": "9" * 5000})
        with self.assertRaisesRegex(ValidationError, "not a phone number"):
            self._receive(local(2026, 8, 24, 8, 0), partner=partner).flush_recordset()

    def test_partner_id_number_by_kind(self):
        Partner = self.env["res.partner"].with_user(self.one_stop)
        with self.assertRaisesRegex(ValidationError, "CCCD"):
            Partner.create({"name": "Trần Thị D", "qms_id_number": "12345"})
        with self.assertRaisesRegex(ValidationError, "organisation"):
            Partner.create({"name": "Công ty E", "is_company": True, "qms_id_number": "#1"})
        person = Partner.create({"name": "Trần Thị D", "qms_id_number": "045 190 002 222"})
        company = Partner.create(
            {"name": "Công ty E", "is_company": True, "qms_id_number": "3200123456-001"}
        )
        self.assertTrue(person.qms_id_number and company.qms_id_number)

    # ------------------------------------------------------------------ apology
    def test_apology_new_date_is_a_working_day(self):
        """Appointment Thu 27/8; Sunday 30/8, Monday 31/8 (day off swapped for Saturday 29/8)
        and National Day 1-2/9 are refused; the worked Saturday 29/8 is accepted."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        as_handler = dossier.with_user(self.handler)
        with freeze_time(local(2026, 8, 25, 9, 0)):
            for day in (30, 31):
                with self.assertRaisesRegex(UserError, "not a working day"):
                    as_handler.action_apologize(local(2026, 8, day, 16, 0), "Chờ xác minh")
            with self.assertRaisesRegex(UserError, "not a working day"):
                as_handler.action_apologize(local(2026, 9, 2, 9, 0), "Chờ xác minh")
            self.assertFalse(dossier.apology_date)
            as_handler.action_apologize(local(2026, 8, 29, 10, 0), "Chờ xác minh")
        self.assertEqual(dossier.new_appointment_date, local(2026, 8, 29, 10, 0))

    def test_apology_from_data_files_lands_on_a_working_day(self):
        """Four days after Wednesday 26/8 is Sunday 30/8; 31/8 is a day off and 1-2/9 National
        Day: the data files' apology dates it Thursday 3/9, at the same time of day."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self._hand_over(dossier, local(2026, 8, 24, 9, 0), self.handler)
        with freeze_time(local(2026, 8, 26, 8, 0)):
            self.env["qms.tthc.dossier.apology"].with_user(self.handler)._qms_apologize_by_ids(
                dossier.id, 4, "Chờ xác minh"
            )
        self.assertEqual(dossier.new_appointment_date, local(2026, 9, 3, 8, 0))

    # ------------------------------------------------------------------ receipt
    def test_refused_dossier_prints_no_receipt(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        desk = dossier.with_user(self.one_stop)
        self.assertEqual(desk.action_print_receipt()["type"], "ir.actions.report")
        with freeze_time(local(2026, 8, 24, 9, 0)):
            desk.action_refuse("Không thuộc thẩm quyền giải quyết")
        with self.assertRaisesRegex(UserError, "no receipt"):
            desk.action_print_receipt()
        # nor through the Print menu, which renders the report directly
        with self.assertRaisesRegex(UserError, "no receipt"):
            self.env["ir.actions.report"].with_user(self.one_stop)._render_qweb_html(
                "qms_iso9001_tthc.action_report_qms_tthc_dossier_receipt", dossier.ids
            )
        self.assertEqual(desk.action_print_refusal()["type"], "ir.actions.report")

    # ------------------------------------------------------------------ decimals
    def test_step_longer_than_the_legal_time_hints_at_the_decimal_comma(self):
        """Under vi_VN "0.5" in the browser is read as 5 ("." separates thousands): a 5-day
        step of a 3-day procedure is refused with the number the user probably meant."""
        flow = self._flow(steps=[("Tiếp nhận", 0.5, "day", ("direct", "online"))])
        step = flow.step_ids
        with self.assertRaisesRegex(ValidationError, r"Did you mean 0\.5\?"):
            step.with_user(self.unit_officer).duration = 5
        self.env["res.lang"]._activate_lang("vi_VN")
        vietnamese = step.with_user(self.unit_officer).with_context(lang="vi_VN")
        with self.assertRaisesRegex(ValidationError, "0,5"):
            vietnamese.duration = 5
        # 2.5 days fits the 3 days at the desk but not the 2 days online
        with self.assertRaises(ValidationError):
            vietnamese.duration = 2.5
        step.invalidate_recordset()
        vietnamese.write({"duration": 2.5, "for_online": False})
        self.assertEqual(step.duration, 2.5)
