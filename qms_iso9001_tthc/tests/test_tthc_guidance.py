"""An incomplete dossier is not received (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP): the desk
guides the applicant with form 02 instead, gives no code and no appointment, and the guidance
is counted apart in the statistics."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .test_tthc_dossier import DossierCommon, local

AUGUST = (date(2026, 8, 1), date(2026, 8, 31))


@tagged("post_install", "-at_install")
class TestTthcGuidance(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_name = "Ủy ban nhân dân xã Cam Lộ"
        cls.birth_copy = cls.env["qms.tthc.procedure.component"].create(
            {
                "procedure_id": cls.procedure.id,
                "name": "Bản sao giấy khai sinh",
                "original_count": 0,
                "copy_count": 1,
            }
        )

    def _guidance(self, moment=None, procedure=None, user=None, issue=True, **values):
        guidance = (
            self.env["qms.tthc.guidance"]
            .with_user(user or self.one_stop)
            .create(
                {
                    "applicant_name": "Trần Thị Bình",
                    "applicant_phone": "0905 111 222",
                    "procedure_id": (procedure or self.procedure).id,
                    "reason": "Thiếu bản sao giấy khai sinh",
                    "guided_at": moment or local(2026, 8, 24, 9, 0),
                    **values,
                }
            )
        )
        if issue:
            guidance.action_issue()
        return guidance

    def _html(self, guidance, user=None):
        html = (
            self.env["ir.actions.report"]
            .with_user(user or self.one_stop)
            .with_context(lang="en_US")
            ._render_qweb_html("qms_iso9001_tthc.report_qms_tthc_guidance", guidance.ids)[0]
        )
        return " ".join(str(html, "utf-8").split())

    # ------------------------------------------------------------------ the desk
    def test_guidance_gives_no_code_and_no_appointment(self):
        dossiers = self.env["qms.tthc.dossier"].search_count([])
        with Form(self.env["qms.tthc.guidance"].with_user(self.one_stop)) as form:
            form.applicant_id = self.citizen
            form.procedure_id = self.procedure
            form.component_ids.add(self.birth_copy)
        guidance = form.record
        self.assertEqual(guidance.applicant_name, "Nguyễn Văn An")
        self.assertEqual(guidance.applicant_phone, "0912 345 678")
        self.assertEqual(guidance.reason, "- Bản sao giấy khai sinh")
        self.assertEqual(guidance.user_id, self.one_stop)
        self.assertEqual(guidance.company_id, self.company)
        self.assertEqual(guidance.field_id, self.field_civil)
        self.assertEqual(guidance.department_id, self.department_unit)
        self.assertEqual(guidance.state, "draft")
        for name in ("name", "appointment_date", "lookup_pin"):
            self.assertNotIn(name, guidance._fields)
        # nothing was received
        self.assertEqual(self.env["qms.tthc.dossier"].search_count([]), dossiers)
        # printing hands the form over: the draft is issued
        action = guidance.with_user(self.one_stop).action_print()
        self.assertEqual(action["report_name"], "qms_iso9001_tthc.report_qms_tthc_guidance")
        self.assertEqual(guidance.state, "issued")
        self.assertTrue(guidance.issued_at)
        self.assertIn("Guidance issued", guidance.message_ids[:1].body)

    def test_form_02_names_the_agency_and_what_to_complete(self):
        guidance = self._guidance(issue=False, component_ids=[Command.set(self.birth_copy.ids)])
        self.assertIn("DRAFT - NOT ISSUED", self._html(guidance))
        guidance.action_issue()
        html = self._html(guidance)
        self.assertNotIn("DRAFT", html)
        position = 0
        for text in (
            "Form No. 02",
            "(Annex I, Circular No. 03/2025/TT-VPCP)",
            "ỦY BAN NHÂN DÂN XÃ CAM LỘ".lower(),
            "One-stop Desk",
            "SOCIALIST REPUBLIC OF VIET NAM",
            "day 24 month 08 year 2026",
            "REQUEST TO SUPPLEMENT AND COMPLETE THE DOSSIER",
            "Trần Thị Bình",
            "0905 111 222",
            self.procedure.name,
            "Thiếu bản sao giấy khai sinh",
            "Bản sao giấy khai sinh",
            "09:00, day 24 month 08 year 2026",
            "has not been received",
            "GUIDED BY",
            self.one_stop.name,
        ):
            found = html.lower().find(text.lower(), position)
            self.assertGreaterEqual(found, 0, f"{text!r} missing or out of order")
            position = found + len(text)
        self.assertNotIn("Dossier Code", html)
        self.assertNotIn("only once", html)
        # the standing office reads and prints an issued guidance
        self.assertIn("Trần Thị Bình", self._html(guidance, self.qms_manager))

    def test_issued_guidance_is_kept_as_given(self):
        draft = self._guidance(issue=False)
        draft.with_user(self.one_stop).write({"reason": "Thiếu tờ khai"})
        draft.with_user(self.one_stop).unlink()
        guidance = self._guidance()
        as_desk = guidance.with_user(self.one_stop)
        with self.assertRaises(UserError):
            as_desk.write({"reason": "Đã sửa"})
        with self.assertRaises(UserError):
            as_desk.unlink()
        with self.assertRaises(UserError):
            as_desk.action_issue()
        self.assertEqual(guidance.reason, "Thiếu bản sao giấy khai sinh")

    def test_bad_input_is_refused(self):
        with freeze_time(local(2026, 8, 24, 9, 0)), self.assertRaises(ValidationError):
            self._guidance(local(2026, 8, 24, 10, 0), issue=False)
        with self.assertRaises(ValidationError):
            self._guidance(reason="   ", issue=False)
        other_paper = self.env["qms.tthc.procedure.component"].create(
            {"procedure_id": self.procedure_hours.id, "name": "Bản chính"}
        )
        with self.assertRaises(ValidationError):
            self._guidance(component_ids=[Command.set(other_paper.ids)], issue=False)

    # ------------------------------------------------------------------ who
    def test_who_records_reads_and_issues(self):
        with self.assertRaises(UserError):
            self._guidance(user_id=self.leader.id, issue=False)
        with self.assertRaises(UserError):
            self._guidance(issued_at=local(2026, 8, 24, 9, 0), issue=False)
        draft = self._guidance(issue=False)
        with self.assertRaises(UserError):
            draft.with_user(self.one_stop).write({"user_id": self.leader.id})
        for user in (self.leader, self.qms_manager):
            self.assertEqual(draft.with_user(user).applicant_name, "Trần Thị Bình")
            with self.assertRaises(AccessError):
                draft.with_user(user).action_issue()
            with self.assertRaises(AccessError):
                self._guidance(user=user, issue=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.handler).read(["applicant_name"])
        with self.assertRaises(AccessError):
            draft.with_user(self.handler).action_issue()
        self.assertEqual(draft.state, "draft")

    def test_another_agency_sees_none(self):
        other = self.env["res.company"].create({"name": "UBND xã Cam Thủy"})
        env = self.env(context=dict(self.env.context, allowed_company_ids=other.ids))
        field = env["qms.tthc.field"].create({"name": "Hộ tịch", "code": "HT"})
        procedure = env["qms.tthc.procedure"].create(
            {"code": "1.001193", "name": "Đăng ký khai sinh", "field_id": field.id}
        )
        foreign = env["qms.tthc.guidance"].create(
            {
                "applicant_name": "Lê Văn Cường",
                "procedure_id": procedure.id,
                "reason": "Thiếu tờ khai",
                "company_id": other.id,
            }
        )
        mine = self._guidance()
        Guidance = self.env["qms.tthc.guidance"].with_user(self.one_stop)
        self.assertEqual(Guidance.search([("id", "in", (foreign | mine).ids)]), mine)
        with self.assertRaises(AccessError):
            foreign.with_user(self.one_stop).read(["applicant_name"])

    # ------------------------------------------------------------------ counted apart
    def test_statistics_count_guidances_apart(self):
        self._receive(local(2026, 8, 24, 8, 0))
        self._guidance(local(2026, 8, 24, 9, 0))
        self._guidance(local(2026, 8, 25, 9, 0))
        self._guidance(local(2026, 8, 25, 10, 0), issue=False)  # a draft handed to nobody
        self._guidance(local(2026, 8, 26, 9, 0), self.procedure_hours)
        self._guidance(local(2026, 9, 1, 0, 30))  # 1 September in Hanoi: next period
        Statistics = self.env["qms.tthc.statistics"].with_user(self.one_stop)
        by_procedure = Statistics._qms_dossier_statistics(*AUGUST, "procedure")
        figures = by_procedure[self.procedure.id]
        self.assertEqual(figures["guidance_count"], 2)
        self.assertEqual(figures["received_count"], 1)
        self.assertEqual(figures["total_count"], 1)
        # a procedure with guidances only: no dossier at all
        hours = by_procedure[self.procedure_hours.id]
        self.assertEqual(hours["guidance_count"], 1)
        self.assertEqual(hours["received_count"], 0)
        self.assertEqual(hours["total_count"], 0)
        by_unit = Statistics._qms_dossier_statistics(*AUGUST, "unit")
        self.assertEqual(by_unit[self.department_unit.id]["guidance_count"], 3)
        self.assertEqual(by_unit[self.department_unit.id]["received_count"], 1)
        # the leaders read the same figures
        by_field = (
            self.env["qms.tthc.statistics"]
            .with_user(self.leader)
            ._qms_dossier_statistics(*AUGUST, "field")
        )
        self.assertEqual(by_field[self.field_civil.id]["guidance_count"], 3)
        wizard = Statistics.create(
            {"date_from": AUGUST[0], "date_to": AUGUST[1], "groupby": "procedure"}
        )
        wizard.action_compute()
        total = wizard.line_ids.filtered("is_total")
        self.assertEqual(total.guidance_count, 3)
        self.assertEqual(total.received_count, 1)
        filtered = Statistics.create(
            {
                "date_from": AUGUST[0],
                "date_to": AUGUST[1],
                "groupby": "procedure",
                "procedure_ids": [Command.set(self.procedure_hours.ids)],
            }
        )
        filtered.action_compute()
        self.assertEqual(filtered.line_ids.filtered("is_total").guidance_count, 1)

    def test_menus_and_views(self):
        desk = self.env.ref("qms_iso9001_tthc.menu_qms_tthc_desk")
        for xmlid in ("menu_qms_tthc_guidance", "menu_qms_tthc_guidance_new"):
            menu = self.env.ref(f"qms_iso9001_tthc.{xmlid}")
            self.assertEqual(menu.parent_id, desk)
        visible = self.env["ir.ui.menu"].with_user(self.one_stop)._visible_menu_ids()
        self.assertIn(self.env.ref("qms_iso9001_tthc.menu_qms_tthc_guidance").id, visible)
        hidden = self.env["ir.ui.menu"].with_user(self.handler)._visible_menu_ids()
        self.assertNotIn(self.env.ref("qms_iso9001_tthc.menu_qms_tthc_guidance").id, hidden)
        for view in ("list", "form", "search"):
            self.env["qms.tthc.guidance"].with_user(self.one_stop).get_view(view_type=view)
