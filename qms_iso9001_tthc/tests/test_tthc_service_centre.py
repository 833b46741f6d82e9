"""Who receives and who decides (issue 14): a Public Administration Service Centre receives for
several agencies, each agency sees its own dossiers, figures per centre and per agency, and
inter-agency procedures (liên thông) hand a dossier over to another agency and back.

Agency A is the test company (the commune of DossierCommon); agency B is a provincial department
with its own desk, unit and procedure; agency X is served by no centre. The provincial centre
serves A and B; its desk officer is allowed in both.
"""

import io
import re

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from ..wizard.qms_tthc_statistics import XLSX_HEADER_ROW
from .test_tthc_dossier import DossierCommon, local

MONDAY = local(2026, 8, 24, 9, 0)


@tagged("post_install", "-at_install")
class TestTthcServiceCentre(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_a = cls.company
        cls.agency_b = cls.env["res.company"].create({"name": "Sở Tư pháp tỉnh Quảng Trị"})
        cls.agency_x = cls.env["res.company"].create({"name": "UBND phường Nam Đông Hà"})
        cls.unit_b = cls.env["hr.department"].create(
            {"name": "Phòng Hành chính tư pháp", "company_id": cls.agency_b.id}
        )
        cls.desk_b = cls._agency_user("so_tp_mot_cua", cls.agency_b, "group_qms_tthc_one_stop")
        cls.handler_b = cls._agency_user(
            "so_tp_chuyen_vien", cls.agency_b, "group_qms_tthc_handler"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Trần Thị Lý",
                "department_id": cls.unit_b.id,
                "user_id": cls.handler_b.id,
                "company_id": cls.agency_b.id,
            }
        )
        cls.centre_officer = cls._agency_user(
            "ttpvhcc_mot_cua",
            cls.agency_a,
            "group_qms_tthc_one_stop",
            companies=cls.agency_a | cls.agency_b | cls.agency_x,
        )
        cls.centre = cls.env["qms.tthc.service.centre"].create(
            {
                "name": "Trung tâm Phục vụ hành chính công tỉnh Quảng Trị",
                "level": "province",
                "city": "phường Đồng Hới",
                "served_company_ids": [Command.set((cls.agency_a | cls.agency_b).ids)],
                "officer_ids": [Command.set(cls.centre_officer.ids)],
            }
        )
        cls.procedure_b = cls._agency_procedure(cls.agency_b, cls.unit_b, "1.001193")
        cls.procedure_x = cls._agency_procedure(cls.agency_x, cls.env["hr.department"], "1.001195")
        # liên thông: the commune's procedure whose second step is the province department's
        cls.procedure_liaison = cls._procedure(
            "1.001023", "Liên thông đăng ký khai sinh", [("direct", 5, "day")]
        )
        cls.flow_liaison = cls._flow(
            cls.procedure_liaison,
            [
                ("Tiếp nhận hồ sơ", 0.5, "day", ("direct",)),
                ("Sở Tư pháp xác minh", 2, "day", ("direct",)),
                ("Lãnh đạo ký", 0.5, "day", ("direct",)),
            ],
        )
        desk_step, agency_step, sign_step = cls.flow_liaison.step_ids.sorted("sequence")
        desk_step.department_id = cls.department_desk
        agency_step.write({"agency_id": cls.agency_b.id, "department_id": cls.unit_b.id})
        sign_step.department_id = cls.department_office
        cls.flow_liaison.write({"state": "approved"})

    @classmethod
    def _agency_user(cls, login, company, group, companies=None):
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "email": f"{login}@example.com",
                    "group_ids": [
                        Command.set(
                            [
                                cls.env.ref(f"qms_iso9001_tthc.{group}").id,
                                cls.env.ref("base.group_multi_company").id,
                            ]
                        )
                    ],
                    "company_id": company.id,
                    "company_ids": [Command.set((companies or company).ids)],
                }
            )
        )

    @classmethod
    def _agency_procedure(cls, company, unit, code):
        Procedure = cls.env["qms.tthc.procedure"].with_company(company)
        field = cls.env["qms.tthc.field"].create(
            {"name": f"Hộ tịch {code}", "code": f"HT{code[-3:]}", "company_id": company.id}
        )
        procedure = Procedure.create(
            {
                "code": code,
                "name": f"Thủ tục {code}",
                "field_id": field.id,
                "level": "province",
                "department_id": unit.id,
                "company_id": company.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 3, "unit": "day"})
                ],
            }
        )
        flow = (
            cls.env["qms.tthc.flow"]
            .with_company(company)
            .create(
                {
                    "procedure_id": procedure.id,
                    "step_ids": [
                        Command.create(
                            {
                                "sequence": 1,
                                "name": "Tiếp nhận",
                                "duration": 0.5,
                                "duration_unit": "day",
                            }
                        ),
                        Command.create(
                            {
                                "sequence": 2,
                                "name": "Thẩm định",
                                "duration": 2,
                                "duration_unit": "day",
                                "department_id": unit.id,
                            }
                        ),
                    ],
                }
            )
        )
        flow.write({"state": "approved"})
        return procedure

    def _receive_at(self, user, procedure, moment=MONDAY):
        """Received by `user` at `moment`; as superuser (a data import) without a user."""
        Dossier = self.env["qms.tthc.dossier"]
        Dossier = Dossier.with_user(user) if user else Dossier.with_company(procedure.company_id)
        with freeze_time(moment):
            return Dossier.create(
                {
                    "procedure_id": procedure.id,
                    "applicant_id": self.citizen.id,
                    "channel": "direct",
                    "company_id": procedure.company_id.id,
                    "received_at": moment,
                }
            )

    def _visible(self, user, companies=None):
        Dossier = self.env["qms.tthc.dossier"].with_user(user)
        if companies:
            Dossier = Dossier.with_context(allowed_company_ids=companies.ids)
        return Dossier.search([])

    # ------------------------------------------------------------------ reception
    def test_centre_officer_receives_for_each_agency_served(self):
        """The centre records itself on the dossier; the agency that decides stays the
        procedure's, and numbers the dossier with its own code."""
        dossier_a = self._receive_at(self.centre_officer, self.procedure)
        dossier_b = self._receive_at(self.centre_officer, self.procedure_b)
        self.assertEqual(dossier_a.reception_centre_id, self.centre)
        self.assertEqual(dossier_b.reception_centre_id, self.centre)
        self.assertEqual(dossier_a.company_id, self.agency_a)
        self.assertEqual(dossier_b.company_id, self.agency_b)
        self.assertEqual(dossier_b.received_by_id, self.centre_officer)
        self.assertTrue(dossier_b.appointment_date)
        self.assertNotEqual(dossier_a.name.split("-")[0], dossier_b.name.split("-")[0])

    def test_agency_desk_records_no_centre(self):
        dossier = self._receive_at(self.one_stop, self.procedure)
        self.assertFalse(dossier.reception_centre_id)

    def test_centre_refuses_an_agency_it_does_not_serve(self):
        """The officer may work for agency X, but the centre does not receive for it."""
        with self.assertRaisesRegex(UserError, "does not receive dossiers for"):
            self._receive_at(self.centre_officer, self.procedure_x)

    def test_receiving_centre_is_set_by_the_system_and_frozen(self):
        other = self.env["qms.tthc.service.centre"].create(
            {"name": "Trung tâm xã", "level": "commune", "served_company_ids": self.agency_a.ids}
        )
        with freeze_time(MONDAY), self.assertRaises(UserError):
            self.env["qms.tthc.dossier"].with_user(self.one_stop).create(
                {
                    "procedure_id": self.procedure.id,
                    "applicant_id": self.citizen.id,
                    "received_at": MONDAY,
                    "reception_centre_id": other.id,
                }
            )
        dossier = self._receive_at(self.centre_officer, self.procedure)
        with self.assertRaises(UserError):
            dossier.with_user(self.centre_officer).write({"reception_centre_id": other.id})
        self.assertEqual(dossier.reception_centre_id, self.centre)

    def test_dossier_form_picks_the_agency_first(self):
        """In the form a centre officer chooses the deciding agency, then its procedure."""
        Dossier = self.env["qms.tthc.dossier"].with_user(self.centre_officer)
        Dossier = Dossier.with_context(allowed_company_ids=(self.agency_a | self.agency_b).ids)
        with freeze_time(MONDAY):
            form = Form(Dossier)
            form.company_id = self.agency_b
            form.procedure_id = self.procedure_b
            form.applicant_id = self.citizen
            dossier = form.save()
        self.assertEqual(dossier.company_id, self.agency_b)
        self.assertEqual(dossier.reception_centre_id, self.centre)

    # ------------------------------------------------------------------ who sees what
    def test_each_agency_sees_only_its_own_dossiers(self):
        dossier_a = self._receive_at(self.centre_officer, self.procedure)
        dossier_b = self._receive_at(self.centre_officer, self.procedure_b)
        self.assertIn(dossier_a, self._visible(self.one_stop))
        self.assertNotIn(dossier_b, self._visible(self.one_stop))
        self.assertIn(dossier_b, self._visible(self.desk_b))
        self.assertNotIn(dossier_a, self._visible(self.desk_b))
        with self.assertRaises(AccessError):
            dossier_b.with_user(self.one_stop).read(["name"])
        with self.assertRaises(AccessError):
            dossier_a.with_user(self.desk_b).read(["name"])

    def test_centre_officer_sees_received_at_centre_or_allowed_agencies(self):
        """Exactly: the dossiers of the agencies selected in the switcher, and those received at
        the centre whichever agency decides them; never another agency's own desk."""
        at_centre_b = self._receive_at(self.centre_officer, self.procedure_b)
        at_desk_a = self._receive_at(self.one_stop, self.procedure)
        at_desk_b = self._receive_at(self.desk_b, self.procedure_b)
        at_desk_x = self._receive_at(None, self.procedure_x)
        everything = at_centre_b | at_desk_a | at_desk_b | at_desk_x
        all_agencies = self._visible(self.centre_officer) & everything
        self.assertEqual(all_agencies, at_centre_b | at_desk_a | at_desk_b | at_desk_x)
        only_a = self._visible(self.centre_officer, self.agency_a) & everything
        self.assertEqual(only_a, at_centre_b | at_desk_a)
        with self.assertRaises(AccessError):
            at_desk_b.with_user(self.centre_officer).with_context(
                allowed_company_ids=self.agency_a.ids
            ).read(["name"])

    # ------------------------------------------------------------------ centres
    def test_an_officer_works_at_one_centre(self):
        with self.assertRaisesRegex(ValidationError, "one centre"):
            self.env["qms.tthc.service.centre"].create(
                {
                    "name": "Trung tâm Phục vụ hành chính công phường Đồng Hới",
                    "level": "commune",
                    "served_company_ids": self.agency_a.ids,
                    "officer_ids": self.centre_officer.ids,
                }
            )

    def test_a_centre_serves_an_agency(self):
        with self.assertRaises(ValidationError):
            self.env["qms.tthc.service.centre"].create({"name": "Trung tâm trống"})

    def test_centres_are_configured_by_the_standing_office(self):
        Centre = self.env["qms.tthc.service.centre"]
        vals = {
            "name": "Trung tâm xã Bến Quan",
            "level": "commune",
            "served_company_ids": self.agency_a.ids,
        }
        with self.assertRaises(AccessError):
            Centre.with_user(self.one_stop).create(vals)
        with self.assertRaises(AccessError):
            self.centre.with_user(self.centre_officer).write({"name": "Đổi tên"})
        centre = Centre.with_user(self.qms_manager).create(vals)
        self.assertEqual(centre.served_company_ids, self.agency_a)
        self.assertEqual(self.centre.with_user(self.one_stop).name, self.centre.name)
        # agency B sees no centre that does not serve it
        self.assertFalse(Centre.with_user(self.desk_b).search([("id", "=", centre.id)]))

    def test_a_centre_that_received_is_archived_not_deleted(self):
        self._receive_at(self.centre_officer, self.procedure)
        with self.assertRaisesRegex(UserError, "archive it"):
            self.centre.with_user(self.qms_manager).unlink()
        self.centre.with_user(self.qms_manager).action_archive()
        self.assertFalse(self.centre.active)

    # ------------------------------------------------------------------ statistics
    def test_figures_per_receiving_centre_and_per_deciding_agency(self):
        self._receive_at(self.centre_officer, self.procedure)
        self._receive_at(self.centre_officer, self.procedure_b)
        self._receive_at(self.centre_officer, self.procedure_b)
        self._receive_at(self.one_stop, self.procedure)
        # the centre's desk also guides applicants of the agencies it serves
        guidance = (
            self.env["qms.tthc.guidance"]
            .with_user(self.centre_officer)
            .with_context(allowed_company_ids=(self.agency_b | self.agency_a).ids)
            .create(
                {
                    "applicant_name": "Trần Thị Bình",
                    "procedure_id": self.procedure_b.id,
                    "company_id": self.agency_b.id,
                    "reason": "Thiếu tờ khai",
                    "guided_at": MONDAY,
                }
            )
        )
        guidance.action_issue()
        self.assertEqual(guidance.reception_centre_id, self.centre)
        Statistics = self.env["qms.tthc.statistics"].with_user(self.centre_officer)
        Statistics = Statistics.with_context(
            allowed_company_ids=(self.agency_a | self.agency_b).ids
        )
        period = {"date_from": "2026-07-01", "date_to": "2026-12-31"}
        per_agency = Statistics.create(
            {**period, "groupby": "agency", "reception_centre_id": self.centre.id}
        )
        per_agency.action_compute()
        lines = per_agency.line_ids.filtered(lambda line: not line.is_total)
        self.assertEqual(
            {line.name: line.received_count for line in lines},
            {self.agency_a.name: 1, self.agency_b.name: 2},
        )
        self.assertEqual(
            {line.name: line.guidance_count for line in lines},
            {self.agency_a.name: 0, self.agency_b.name: 1},
        )
        self.assertEqual(per_agency.line_ids.filtered("is_total").received_count, 3)
        workbook = openpyxl.load_workbook(io.BytesIO(per_agency._build_statistics_xlsx()))
        sheet = workbook.active
        self.assertEqual(sheet.cell(1, 1).value, self.centre.name.upper())
        self.assertEqual(sheet.cell(XLSX_HEADER_ROW + 1, 2).value, "Cơ quan giải quyết")
        per_centre = Statistics.create({**period, "groupby": "centre"})
        per_centre.action_compute()
        lines = per_centre.line_ids.filtered(lambda line: not line.is_total)
        self.assertEqual(
            {line.name: line.received_count for line in lines},
            {self.centre.name: 1, "Agency's Own Desk": 1},
        )
        # agency A's own desk reads no figure of agency B, centre or not
        mine = (
            self.env["qms.tthc.statistics"]
            .with_user(self.one_stop)
            .create({**period, "groupby": "agency", "reception_centre_id": self.centre.id})
        )
        mine.action_compute()
        self.assertEqual(mine.line_ids.filtered("is_total").received_count, 1)

    # ------------------------------------------------------------------ liên thông
    def test_a_step_is_of_the_agency_or_its_coordinating_agency(self):
        flow = self._flow(self.procedure_liaison, [("Bước", 1, "day", ("direct",))])
        with self.assertRaisesRegex(ValidationError, "coordinating agency"):
            flow.step_ids.department_id = self.unit_b
        with self.assertRaises(ValidationError):
            flow.step_ids.agency_id = self.agency_a
        flow.step_ids.write({"agency_id": self.agency_b.id, "department_id": self.unit_b.id})
        self.assertEqual(flow.step_ids.department_id, self.unit_b)

    def test_inter_agency_hand_over_and_back(self):
        """The commune hands the dossier to the province department for its step: the handler
        there reads it while holding it, the hand-over is recorded, and once handed back it is
        no longer theirs to read."""
        dossier = self._receive_at(self.one_stop, self.procedure_liaison)
        with self.assertRaisesRegex(UserError, "does not work for"):
            self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        with self.assertRaises(AccessError):
            dossier.with_user(self.handler_b).read(["name"])
        wizard = (
            self.env["qms.tthc.dossier.handover"]
            .with_user(self.one_stop)
            .create({"dossier_id": dossier.id})
        )
        self.assertEqual(wizard.allowed_user_ids, self.handler_b)
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler_b)
        self.assertEqual(dossier.current_user_id, self.handler_b)
        self.assertEqual(dossier.current_step_id.agency_id, self.agency_b)
        self.assertTrue(
            dossier.message_ids.filtered(lambda m: "Inter-agency hand-over" in str(m.body))
        )

        as_b = dossier.with_user(self.handler_b)
        values = as_b.read(["name", "state", "procedure_id", "flow_id", "current_step_id"])[0]
        self.assertEqual(values["procedure_id"][0], self.procedure_liaison.id)
        self.assertTrue(as_b.step_ids.read(["name", "agency_id"]))
        as_b.component_ids.read(["name"])
        self.assertIn(dossier, self._visible(self.handler_b))

        with freeze_time(local(2026, 8, 25, 10, 0)):
            back = (
                self.env["qms.tthc.dossier.handover"]
                .with_user(self.handler_b)
                .create({"dossier_id": dossier.id, "user_id": self.signer.id})
            )
            action = back.action_confirm()
        # the form they were on is no longer theirs: they land on their unit's list
        self.assertEqual(action["res_model"], "qms.tthc.dossier")
        self.assertEqual(dossier.current_user_id, self.signer)
        self.assertEqual(dossier.company_id, self.agency_a)
        self.assertNotIn(dossier, self._visible(self.handler_b))
        with self.assertRaises(AccessError):
            dossier.with_user(self.handler_b).read(["name"])
        agencies = dossier.step_ids.sorted(lambda s: (s.date_start, s.id)).mapped("agency_id")
        self.assertIn(self.agency_b, agencies)

    def test_another_agency_never_holds_a_step_of_its_own_agency(self):
        """A step of the dossier's own agency is not handed to a user of another agency."""
        dossier = self._receive_at(self.one_stop, self.procedure)
        with self.assertRaisesRegex(UserError, "does not work for"):
            self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler_b)

    def _form_text(self, report, dossier):
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="en_US")
            ._render_qweb_html(f"qms_iso9001_tthc.{report}", dossier.ids)[0]
        )
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html, "utf-8")))

    def test_forms_name_the_centre_and_the_inter_agency_steps(self):
        """Form 01 says which centre received the dossier for which agency; form 06 lists the
        agencies that held an inter-agency step beside the procedure's published ones."""
        at_centre = self._receive_at(self.centre_officer, self.procedure_b)
        receipt = self._form_text("report_qms_tthc_dossier_receipt", at_centre)
        self.assertIn(f"Received at {self.centre.name} for {self.agency_b.name}", receipt)
        at_desk = self._receive_at(self.one_stop, self.procedure)
        self.assertNotIn(
            "Received at Trung tâm", self._form_text("report_qms_tthc_dossier_receipt", at_desk)
        )
        liaison = self._receive_at(self.one_stop, self.procedure_liaison)
        self._hand_over(liaison, local(2026, 8, 24, 10, 0), self.handler_b)
        slip = self._form_text("report_qms_tthc_dossier_control_slip", liaison)
        self.assertIn(self.agency_b.name, slip.split("Coordinating agencies:")[1][:200])
