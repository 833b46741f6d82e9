"""The screens of the one-stop desk and the units: reception form, hand-over and reason
wizards, menus per group, and the whole path in the browser."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common_tthc import TthcCommon


class DeskCommon(TthcCommon):
    """A procedure with three papers and an approved two-step flow: the desk receives
    (2 working hours), the unit issues the extract (6 hours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.employee"].create(
            {
                "name": "Đỗ Văn Nam",
                "department_id": cls.department_unit.id,
                "user_id": cls.handler.id,
            }
        )
        cls.procedure_extract = cls.env["qms.tthc.procedure"].create(
            {
                "code": "2.000635",
                "name": "Cấp bản sao trích lục hộ tịch",
                "field_id": cls.field_civil.id,
                "level": "commune",
                "department_id": cls.department_unit.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 1, "unit": "day"})
                ],
                "component_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "name": "Tờ khai cấp bản sao trích lục",
                            "original_count": 1,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "name": "Giấy tờ tùy thân của người yêu cầu",
                            "original_count": 0,
                            "copy_count": 1,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 3,
                            "name": "Văn bản ủy quyền",
                            "original_count": 1,
                            "requirement": "conditional",
                            "condition_note": "Khi ủy quyền cho người khác",
                        }
                    ),
                ],
            }
        )
        cls.flow_extract = cls._flow(
            cls.procedure_extract,
            [
                ("Tiếp nhận hồ sơ tại Bộ phận Một cửa", 2, "hour", ("direct",)),
                ("Cấp bản sao trích lục", 6, "hour", ("direct",)),
            ],
        )
        cls.flow_extract.step_ids.sorted("sequence")[1].department_id = cls.department_unit
        cls.flow_extract.with_user(cls.unit_officer).action_submit_for_approval()
        cls.flow_extract.with_user(cls.leader).action_approve()
        cls.citizen = cls.env["res.partner"].create(
            {
                "name": "Nguyễn Văn An",
                "phone": "0912 345 678",
                "email": "an.nguyen@example.com",
                "street": "12 Lê Lợi, phường Đông Hà",
                "qms_id_number": "045090001234",
            }
        )
        cls.organisation = cls.env["res.partner"].create(
            {
                "name": "Công ty TNHH Minh Phát",
                "is_company": True,
                "phone": "0233 385 1234",
                "qms_id_number": "3200123456",
            }
        )

    def _receive(self, partner=None):
        return (
            self.env["qms.tthc.dossier"]
            .with_user(self.one_stop)
            .create(
                {
                    "procedure_id": self.procedure_extract.id,
                    "applicant_id": (partner or self.citizen).id,
                    "channel": "direct",
                }
            )
        )

    def _handover_form(self, dossier, user):
        return Form(
            self.env["qms.tthc.dossier.handover"]
            .with_user(user)
            .with_context(default_dossier_id=dossier.id)
        )


@tagged("post_install", "-at_install")
class TestTthcDeskForms(DeskCommon):
    def test_applicant_snapshot_from_partner(self):
        """Choosing the applicant fills the dossier's copy of their details; the desk may
        correct it, and later changes to the partner do not rewrite a received dossier."""
        with Form(self.env["qms.tthc.dossier"].with_user(self.one_stop)) as form:
            form.procedure_id = self.procedure_extract
            form.applicant_id = self.organisation
            self.assertEqual(form.applicant_type, "organization")
            self.assertEqual(form.applicant_id_number, "3200123456")
            form.applicant_id = self.citizen
            self.assertEqual(form.applicant_type, "citizen")
            self.assertEqual(form.applicant_id_number, "045090001234")
            self.assertEqual(form.applicant_phone, "0912 345 678")
            self.assertEqual(form.applicant_email, "an.nguyen@example.com")
            self.assertIn("12 Lê Lợi", form.applicant_address)
            form.applicant_phone = "0987 000 111"
        dossier = form.record
        self.assertEqual(dossier.applicant_phone, "0987 000 111")
        self.citizen.phone = "0900 000 000"
        self.assertEqual(dossier.applicant_phone, "0987 000 111")
        self.assertTrue(dossier.name.endswith("-0001"), dossier.name)
        self.assertTrue(dossier.appointment_date)

    def test_components_proposed_from_procedure(self):
        """The papers of the procedure are listed with the counts it asks for; a required paper
        received short is flagged missing, a conditional one is not."""
        with Form(self.env["qms.tthc.dossier"].with_user(self.one_stop)) as form:
            form.procedure_id = self.procedure_extract
            form.applicant_id = self.citizen
            self.assertEqual(len(form.component_ids), 3)
            with form.component_ids.edit(1) as line:
                self.assertEqual(line.name, "Giấy tờ tùy thân của người yêu cầu")
                self.assertEqual((line.required_original_count, line.required_copy_count), (0, 1))
                self.assertEqual(line.copy_count, 1)
                self.assertFalse(line.is_missing)
                line.copy_count = 0
                self.assertTrue(line.is_missing)
            with form.component_ids.edit(2) as line:
                self.assertEqual(line.requirement, "conditional")
                self.assertEqual(line.original_count, 0)
                self.assertFalse(line.is_missing)
        dossier = form.record
        self.assertEqual(
            dossier.component_ids.filtered("is_missing").name, "Giấy tờ tùy thân của người yêu cầu"
        )
        # the supplement request starts from the missing paper
        request = Form(
            self.env["qms.tthc.dossier.supplement.request"]
            .with_user(self.one_stop)
            .with_context(default_dossier_id=dossier.id)
        )
        self.assertIn("Giấy tờ tùy thân của người yêu cầu", request.reason)
        request.save().action_confirm()
        self.assertEqual(dossier.state, "supplement")
        self.assertEqual(dossier.supplement_count, 1)

    def test_handover_to_a_handler_of_the_next_unit(self):
        """The taker is proposed among the handlers of the next step's unit; someone of another
        unit or without the handler role is refused and the dossier stays at the desk."""
        dossier = self._receive()
        wizard_form = self._handover_form(dossier, self.one_stop)
        self.assertEqual(wizard_form.next_flow_step_id.name, "Cấp bản sao trích lục")
        self.assertEqual(wizard_form.user_id, self.handler)
        wizard_form.note = "Đã kiểm tra đủ giấy tờ"
        wizard = wizard_form.save()
        self.assertEqual(wizard.allowed_user_ids, self.handler)

        wizard.user_id = self.unit_officer
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(dossier.state, "received")
        self.assertEqual(dossier.current_user_id, self.one_stop)

        wizard.user_id = self.handler
        wizard.action_confirm()
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(dossier.current_user_id, self.handler)
        self.assertEqual(dossier.current_department_id, self.department_unit)
        reception = dossier.step_ids.filtered(lambda step: step.state == "done")
        self.assertEqual(reception.note, "Đã kiểm tra đủ giấy tờ")
        self.assertEqual(reception.user_id, self.one_stop)

        # the last step: handing on resolves the dossier, no taker asked
        wizard_form = self._handover_form(dossier, self.handler)
        self.assertTrue(wizard_form.is_last_step)
        wizard_form.save().action_confirm()
        self.assertEqual(dossier.state, "resolved")
        self.assertIn(dossier.timeliness, ("early", "on_time"))
        dossier.with_user(self.one_stop).action_return()
        self.assertEqual(dossier.state, "returned")

    def test_reason_wizards(self):
        """Refusal, withdrawal and apology need a reason; refusing is for the desk only."""
        dossier = self._receive()
        Refusal = self.env["qms.tthc.dossier.refusal"]
        with self.assertRaises(AccessError):
            Refusal.with_user(self.handler).create({"dossier_id": dossier.id, "reason": "x"})
        refusal = Refusal.with_user(self.one_stop).create({"dossier_id": dossier.id, "reason": " "})
        with self.assertRaises(UserError):
            refusal.action_confirm()
        self.assertEqual(dossier.state, "received")

        Apology = self.env["qms.tthc.dossier.apology"].with_user(self.one_stop)
        too_early = Apology.create(
            {
                "dossier_id": dossier.id,
                "new_appointment_date": dossier.appointment_date,
                "reason": "Chờ xác minh",
            }
        )
        with self.assertRaises(UserError):
            too_early.action_confirm()
        self.assertFalse(dossier.apology_date)
        later = self._working_day_from(dossier, dossier.appointment_date + timedelta(days=2))
        Apology.create(
            {"dossier_id": dossier.id, "new_appointment_date": later, "reason": "Chờ xác minh"}
        ).action_confirm()
        self.assertEqual(dossier.new_appointment_date, later)
        self.assertEqual(dossier.apology_reason, "Chờ xác minh")

        refusal.reason = "Không thuộc thẩm quyền giải quyết của UBND xã"
        refusal.action_confirm()
        self.assertEqual(dossier.state, "refused")
        self.assertEqual(dossier.refusal_reason, "Không thuộc thẩm quyền giải quyết của UBND xã")

        other = self._receive()
        withdrawal = (
            self.env["qms.tthc.dossier.withdrawal"]
            .with_user(self.one_stop)
            .create({"dossier_id": other.id, "reason": "Người nộp xin rút hồ sơ"})
        )
        withdrawal.action_confirm()
        self.assertEqual(other.state, "withdrawn")
        self.assertTrue(other.exists())

    def test_with_my_unit_filter(self):
        """ "With My Unit" lists the dossiers the user's unit holds now, not the others."""
        at_unit = self._receive()
        self._handover_form(at_unit, self.one_stop).save().action_confirm()
        at_desk = self._receive()
        Dossier = self.env["qms.tthc.dossier"]
        mine = Dossier.with_user(self.handler).search([("is_with_my_unit", "=", True)])
        self.assertIn(at_unit, mine)
        self.assertNotIn(at_desk, mine)
        not_mine = Dossier.with_user(self.handler).search([("is_with_my_unit", "=", False)])
        self.assertIn(at_desk, not_mine)
        self.assertNotIn(at_unit, not_mine)
        self.assertFalse(Dossier.with_user(self.one_stop).search([("is_with_my_unit", "=", True)]))

    def test_menus_and_buttons_by_group(self):
        """The desk receives and returns; unit handlers see their unit's queue; a QMS user who
        handles no procedure does not see the desk at all."""
        Menu = self.env["ir.ui.menu"]
        receive = self.env.ref("qms_iso9001_tthc.menu_qms_tthc_dossier_receive")
        my_unit = self.env.ref("qms_iso9001_tthc.menu_qms_tthc_dossier_my_unit")
        desk = self.env.ref("qms_iso9001_tthc.menu_qms_tthc_desk")
        one_stop_menus = Menu.with_user(self.one_stop)._visible_menu_ids()
        handler_menus = Menu.with_user(self.handler)._visible_menu_ids()
        self.assertIn(receive.id, one_stop_menus)
        self.assertNotIn(receive.id, handler_menus)
        self.assertIn(my_unit.id, handler_menus)
        self.assertNotIn(desk.id, Menu.with_user(self.qms_user)._visible_menu_ids())

        def form_arch(user):
            views = self.env["qms.tthc.dossier"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn('name="action_return"', form_arch(self.one_stop))
        self.assertNotIn('name="action_return"', form_arch(self.handler))
        self.assertIn("Hand Over", form_arch(self.handler))

    def test_partner_form_shows_the_id_number_to_qms_users(self):
        """The ID number is on the contact form of QMS users, not of other employees."""

        def partner_form(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        employee = self.env["res.users"].create({"name": "Nhân viên", "login": "plain_employee"})
        self.assertIn('name="qms_id_number"', partner_form(self.one_stop))
        self.assertNotIn('name="qms_id_number"', partner_form(employee))

    def test_list_does_not_degrade_with_data(self):
        """Reading the dossier list costs the same queries for 2 dossiers as for 8."""
        spec = {
            "name": {},
            "received_at": {},
            "applicant_id": {"fields": {"display_name": {}}},
            "procedure_id": {"fields": {"display_name": {}}},
            "current_department_id": {"fields": {"display_name": {}}},
            "current_user_id": {"fields": {"display_name": {}}},
            "appointment_date": {},
            "state": {},
            "timeliness": {},
            "is_overdue": {},
        }
        Dossier = self.env["qms.tthc.dossier"].with_user(self.one_stop)

        def queries():
            Dossier.web_search_read([], spec)  # warm the caches (rules, access)
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Dossier.web_search_read([], spec)
            return self.cr.sql_log_count - start

        for _index in range(2):
            self._receive()
        with_two = queries()
        for _index in range(6):
            self._receive(self.organisation)
        self.assertEqual(queries(), with_two)


@tagged("post_install", "-at_install")
class TestTthcDeskTour(DeskCommon, HttpCase):
    def test_receive_hand_over_resolve_return(self):
        """In the browser: the desk receives a dossier and hands it to the unit, the unit's
        handler finishes it, the desk returns the result."""
        self.one_stop.password = "tthc_desk"
        self.handler.password = "tthc_handler"
        self.start_tour("/odoo", "qms_tthc_desk_receive_tour", login="tthc_desk")
        dossier = self.env["qms.tthc.dossier"].search([("applicant_id", "=", self.citizen.id)])
        self.assertEqual(len(dossier), 1)
        self.assertEqual(dossier.state, "in_progress")
        self.assertEqual(dossier.current_user_id, self.handler)
        self.assertEqual(len(dossier.component_ids), 3)

        self.start_tour("/odoo", "qms_tthc_desk_handle_tour", login="tthc_handler")
        self.assertEqual(dossier.state, "resolved")

        self.start_tour("/odoo", "qms_tthc_desk_return_tour", login="tthc_desk")
        self.assertEqual(dossier.state, "returned")
        self.assertTrue(dossier.returned_at)
