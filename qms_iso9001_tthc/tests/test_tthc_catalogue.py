from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcCatalogue(TthcCommon):
    def _procedure(self, code, **values):
        return self.env["qms.tthc.procedure"].create(
            {"code": code, "name": "Thủ tục thử", "field_id": self.field_civil.id, **values}
        )

    def test_national_code_format(self):
        Procedure = self.env["qms.tthc.procedure"]
        good = [
            "1.000593",
            "2.001218",
            "1.001193.000.00.00.H37",
            "2.000815.H37",
            " 1.000894.000.00.00.h56 ",
        ]
        bad = [
            "1000593",
            "3.000593",
            "1.00059",
            "1.0005933",
            "1,000593",
            "1.000593.000.00.00",
            "1.000593.000.00.00.H3",
            "1.000593.H",
            "1.000593.001.00.00.H37",
            "QT.01/HCTP",
        ]
        for code in good:
            with self.subTest(code=code):
                self.assertTrue(Procedure._qms_is_valid_code(code))
        for code in bad:
            with self.subTest(code=code):
                self.assertFalse(Procedure._qms_is_valid_code(code))
                with self.assertRaises(ValidationError):
                    self._procedure(code)
        procedure = self._procedure(" 1.000894.000.00.00.h56 ")
        self.assertEqual(procedure.code, "1.000894.000.00.00.H56")
        self.assertFalse(procedure.is_local)
        # issue 14: a procedure published without a national code is kept, flagged as local
        local = self._procedure("  ")
        self.assertFalse(local.code)
        self.assertTrue(local.is_local)
        self.assertEqual(local.display_name, "Thủ tục thử")
        with self.assertRaises(ValidationError):
            procedure.code = "1.000894-H56"
        self.assertEqual(procedure.code, "1.000894.000.00.00.H56")

    def test_code_that_is_no_text_is_refused_in_words(self):
        """A list, a number or a dict sent over RPC as the code is refused in the user's words
        before the code is normalised (it used to fail there with a TypeError)."""
        Procedure = self.env["qms.tthc.procedure"].with_user(self.qms_manager)
        procedure = self.procedure.with_user(self.qms_manager)
        refusal = "National Code of Administrative Procedure: expected a text."
        for code in (["1.000593"], 1000593, 1.000593, {"code": "1.000593"}):
            with self.subTest(code=code):
                with self.assertRaisesRegex(ValidationError, refusal):
                    Procedure.create(
                        {"code": code, "name": "Thủ tục thử", "field_id": self.field_civil.id}
                    )
                with self.assertRaisesRegex(ValidationError, refusal):
                    procedure.write({"code": code})
        self.assertFalse(Procedure.search([("name", "=", "Thủ tục thử")]))
        self.assertEqual(self.procedure.code, "1.004859")
        # text still gets normalised, on create and on write
        created = Procedure.create(
            {"code": " 2.000815.h37 ", "name": "Thủ tục thử", "field_id": self.field_civil.id}
        )
        self.assertEqual(created.code, "2.000815.H37")
        vals = {"code": " 1.000593 "}
        created.write(vals)
        self.assertEqual(created.code, "1.000593")
        self.assertEqual(vals, {"code": " 1.000593 "}, "the caller's values are left as given")

    def test_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self._procedure("1.004859")
        self.assertEqual(
            caught.exception.diag.constraint_name, "qms_tthc_procedure_code_company_uniq"
        )
        other = self.env["res.company"].create({"name": "UBND xã Gio Linh"})
        field = self.env["qms.tthc.field"].create({"name": "Hộ tịch", "company_id": other.id})
        copy = self.env["qms.tthc.procedure"].create(
            {
                "code": "1.004859",
                "name": "Thay đổi hộ tịch",
                "field_id": field.id,
                "company_id": other.id,
            }
        )
        self.assertEqual(copy.company_id, other)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.env["qms.tthc.field"].create({"name": "Khác", "code": "HT"})
        self.assertEqual(caught.exception.diag.constraint_name, "qms_tthc_field_code_company_uniq")

    def test_fee_amount_in_vietnamese_words(self):
        Fee = self.env["qms.tthc.procedure.fee"]
        expected = {
            8000: "Tám nghìn đồng",
            200000: "Hai trăm nghìn đồng",
            2500000: "Hai triệu năm trăm nghìn đồng",
            15000: "Mười lăm nghìn đồng",
        }
        for amount, words in expected.items():
            with self.subTest(amount=amount):
                self.assertEqual(Fee._qms_amount_in_words(amount), words)
        with Form(self.procedure) as form, form.fee_ids.new() as line:
            line.name = "Lệ phí"
            line.amount = 8000
            self.assertEqual(line.amount_in_words, "Tám nghìn đồng")
        self.assertEqual(self.procedure.fee_display, "Lệ phí: 8.000 đồng")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.procedure.fee_ids.amount = -1

    def test_processing_time_is_at_most_two_years(self):
        """A limit past two years is a typing error the desk could not date (1e15 days used to
        overflow the reception's planner): refused in words; two years still pass."""
        Time = self.env["qms.tthc.processing.time"].with_user(self.qms_manager)
        for unit, duration in (("day", 731), ("calendar_day", 1e15), ("hour", 5841)):
            with (
                self.subTest(unit=unit),
                self.assertRaisesRegex(ValidationError, "at most two years"),
                self.env.cr.savepoint(),
            ):
                Time.create(
                    {
                        "procedure_id": self.procedure.id,
                        "filing_method": "postal",
                        "unit": unit,
                        "duration": duration,
                    }
                )
        self.assertNotIn("postal", self.procedure.processing_time_ids.mapped("filing_method"))
        time = Time.create(
            {"procedure_id": self.procedure.id, "filing_method": "postal", "duration": 730}
        )
        self.assertEqual(time.duration, 730)

    def test_processing_time_text(self):
        Time = self.env["qms.tthc.processing.time"]
        cases = {
            "05 ngày làm việc": dict.fromkeys(("direct", "online", "postal"), (5.0, "day")),
            "04 giờ làm việc": dict.fromkeys(("direct", "online", "postal"), (4.0, "hour")),
            # issue 14: a same-day limit keeps its kind, "2 ngày" is two calendar days
            "Trong ngày": dict.fromkeys(("direct", "online", "postal"), (0.0, "same_day")),
            "Trực tiếp: 03 ngày làm việc; Trực tuyến, bưu chính: 2 ngày": {
                "direct": (3.0, "day"),
                "online": (2.0, "calendar_day"),
                "postal": (2.0, "calendar_day"),
            },
            "Trực tiếp: 0,5 ngày\nTrực tuyến: 4 giờ": {
                "direct": (0.5, "day"),
                "online": (4.0, "hour"),
            },
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(Time._qms_parse_text(text), expected)
        for text in ("", "Theo quy định", "Qua mạng: 3 ngày", "0 ngày", "ba ngày"):
            with self.subTest(text=text):
                self.assertIsNone(Time._qms_parse_text(text))
        self.assertEqual(
            self.procedure.processing_time_display,
            "Trực tiếp: 3 ngày làm việc; Trực tuyến: 2 ngày làm việc",
        )

    def test_abolish_needs_a_date_and_keeps_the_procedure(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.procedure.state = "abolished"
        self.procedure.action_abolish()
        self.assertEqual(self.procedure.state, "abolished")
        self.assertTrue(self.procedure.date_abolished)
        flow = self._flow(
            steps=[("Xử lý", 3, "day", ("direct",)), ("Xử lý", 2, "day", ("online",))]
        )
        self._approve(flow)
        with self.assertRaises(UserError):
            self.procedure.unlink()

    def test_parts_of_an_abolished_procedure_are_frozen(self):
        """An abolished procedure's processing times, fees and papers are refused any change
        through their own models, as its form refuses them; back in force, they change again."""
        fee = self.env["qms.tthc.procedure.fee"].create(
            {"procedure_id": self.procedure.id, "name": "Lệ phí", "amount": 8000}
        )
        paper = self.env["qms.tthc.procedure.component"].create(
            {"procedure_id": self.procedure.id, "name": "Tờ khai"}
        )
        time = self.procedure.processing_time_ids[:1]
        self.procedure.with_user(self.qms_manager).action_abolish("2026-06-30")
        Fee = self.env["qms.tthc.procedure.fee"].with_user(self.qms_manager)
        frozen = "is abolished: its processing times, fees and dossier papers stay"
        attempts = {
            "create": lambda: Fee.create(
                {"procedure_id": self.procedure.id, "name": "Phí mới", "amount": 1000}
            ),
            "write a fee": lambda: fee.with_user(self.qms_manager).write({"amount": 9000}),
            "write a time": lambda: time.with_user(self.qms_manager).write({"duration": 9}),
            "delete a paper": lambda: paper.with_user(self.qms_manager).unlink(),
        }
        for label, attempt in attempts.items():
            with (
                self.subTest(label),
                self.assertRaisesRegex(UserError, frozen),
                self.env.cr.savepoint(),
            ):
                attempt()
        self.assertEqual(self.procedure.fee_ids, fee)
        self.assertEqual(fee.amount, 8000)
        self.assertTrue(paper.exists())
        # the form mirrors it: the three lists are read-only on the abolished procedure
        form = Form(self.procedure.with_user(self.qms_manager))
        for name in ("processing_time_ids", "fee_ids", "component_ids"):
            with self.subTest(list=name), self.assertRaises(AssertionError):
                form[name].new()
        # the allowed path: put back in force, the parts change again
        self.procedure.with_user(self.qms_manager).action_reinstate("Ghi nhầm quyết định")
        fee.with_user(self.qms_manager).write({"amount": 9000})
        paper.with_user(self.qms_manager).unlink()
        self.assertEqual(fee.amount, 9000)
        self.assertFalse(paper.exists())

    def test_document_must_be_a_tthc_procedure(self):
        doc_type = self.env.ref("qms_iso9001.document_type_system_procedure")
        document = self.env["qms.document"].create(
            {
                "name": "Quy trình kiểm soát tài liệu",
                "type_id": doc_type.id,
                "department_id": self.department_office.id,
            }
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.procedure.document_id = document
        tthc_type = self.env.ref("qms_iso9001.document_type_tthc_procedure")
        document.type_id = tthc_type
        self.procedure.document_id = document
        self.assertEqual(self.procedure.iso_code, document.code)

    def test_catalogue_buttons_on_several_records_are_refused_in_words(self):
        """The smart buttons of a field and a procedure, called over RPC on several records or
        none, get a plain message instead of the ORM's "Expected singleton" (issue 18)."""
        fields_ = (self.field_civil | self.field_cert).with_user(self.qms_manager)
        with self.assertRaisesRegex(UserError, "one field at a time"):
            fields_.action_view_procedures()
        with self.assertRaisesRegex(UserError, "one field at a time"):
            fields_.browse().action_view_procedures()
        self.assertEqual(
            fields_[0].action_view_procedures()["domain"], [("field_id", "=", fields_[0].id)]
        )
        other = self._procedure("1.000593")
        procedures = (self.procedure | other).with_user(self.qms_manager)
        for method in ("action_view_flows", "action_open_current_flow"):
            with self.subTest(method=method):
                with self.assertRaisesRegex(UserError, "Choose exactly one"):
                    getattr(procedures, method)()
                self.assertEqual(getattr(procedures[0], method)()["type"], "ir.actions.act_window")

    def test_catalogue_values_of_the_wrong_type_are_refused_in_words(self):
        """Fields, fees, papers and processing times sent over RPC with a list for an amount, a
        text for a count or an id, a dict for a choice, are refused naming the field, and
        nothing is saved: they used to reach the ORM or the database and fail there with a
        TypeError, a ValueError or a psycopg2 error (issue 18)."""
        env = self.env(user=self.qms_manager)
        procedure = {"procedure_id": self.procedure.id}
        cases = [
            ("qms.tthc.field", {"name": "Lĩnh vực", "procedure_ids": -1.5}, "Procedures"),
            ("qms.tthc.field", {"name": ["Lĩnh vực"]}, "Name"),
            ("qms.tthc.procedure.fee", {**procedure, "name": "Lệ phí", "amount": [8000]}, "Amount"),
            (
                "qms.tthc.procedure.fee",
                {**procedure, "name": "Lệ phí", "amount": "8.000"},
                "Amount",
            ),
            (
                "qms.tthc.procedure.fee",
                {"procedure_id": "2026-01-01", "name": "Lệ phí"},
                "Procedure",
            ),
            ("qms.tthc.procedure.component", {**procedure, "name": {"x": 1}}, "Name"),
            (
                "qms.tthc.procedure.component",
                {**procedure, "name": "Tờ khai", "copy_count": "x"},
                "Copies",
            ),
            (
                "qms.tthc.processing.time",
                {**procedure, "filing_method": "postal", "unit": {"a": 1}},
                "Kind",
            ),
            (
                "qms.tthc.processing.time",
                {**procedure, "filing_method": "postal", "unit": "week"},
                "Kind",
            ),
            (
                "qms.tthc.processing.time",
                {"procedure_id": True, "filing_method": "postal"},
                "Procedure",
            ),
        ]
        for model, vals, label in cases:
            with self.subTest(model=model, vals=vals):
                before = env[model].sudo().search_count([])
                with self.assertRaisesRegex(ValidationError, f"^{label} of "):
                    env[model].create(vals)
                self.assertEqual(env[model].sudo().search_count([]), before)
        fee = self.env["qms.tthc.procedure.fee"].create(
            {**procedure, "name": "Lệ phí", "amount": 8000}
        )
        with self.assertRaisesRegex(ValidationError, "^Amount of "):
            fee.with_user(self.qms_manager).write({"amount": "8.000 đồng"})
        self.assertEqual(fee.amount, 8000)
        direct = self.procedure.processing_time_ids.filtered(
            lambda line: line.filing_method == "direct"
        )
        with self.assertRaisesRegex(ValidationError, "^Kind of "):
            direct.with_user(self.qms_manager).write({"unit": "ir.config_parameter"})
        self.assertIn(
            direct.unit, ("day", "hour", "calendar_day", "same_day", "immediate", "unstated")
        )

    def _other_agency_procedure(self):
        other = self.env["res.company"].create({"name": "UBND xã Gio Linh"})
        field = self.env["qms.tthc.field"].create({"name": "Hộ tịch", "company_id": other.id})
        return self.env["qms.tthc.procedure"].create(
            {
                "code": "1.000593",
                "name": "Thủ tục khác",
                "field_id": field.id,
                "company_id": other.id,
            }
        )

    def test_parts_are_not_moved_to_another_agency(self):
        """A fee, a dossier paper or a processing time written over RPC onto another agency's
        procedure is refused and stays where it was: the record rules had only been checked on
        the part as it was (issue 18)."""
        foreign = self._other_agency_procedure()
        fee = self.env["qms.tthc.procedure.fee"].create(
            {"procedure_id": self.procedure.id, "name": "Lệ phí", "amount": 8000}
        )
        paper = self.env["qms.tthc.procedure.component"].create(
            {"procedure_id": self.procedure.id, "name": "Tờ khai"}
        )
        time = self.env["qms.tthc.processing.time"].create(
            {"procedure_id": self.procedure.id, "filing_method": "postal", "duration": 5}
        )
        for part in (fee, paper, time):
            with self.subTest(model=part._name):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    part.with_user(self.qms_manager).write({"procedure_id": foreign.id})
                part.invalidate_recordset()
                self.assertEqual(part.procedure_id, self.procedure)
                self.assertEqual(part.company_id, self.procedure.company_id)
        self.assertFalse(foreign.fee_ids or foreign.component_ids or foreign.processing_time_ids)
        # within the agency, a part still moves
        other = self._procedure("2.000815")
        fee.with_user(self.qms_manager).write({"procedure_id": other.id})
        self.assertEqual(fee.procedure_id, other)

    def test_field_is_not_moved_to_another_agency(self):
        """A field written over RPC onto an agency the user does not work for is refused; one
        that has procedures stays with them even for a user of both agencies (issue 18)."""
        foreign = self._other_agency_procedure()
        field = self.field_cert.with_user(self.qms_manager)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            field.write({"company_id": foreign.company_id.id})
        self.field_cert.invalidate_recordset()
        self.assertEqual(self.field_cert.company_id, self.env.company)
        self.qms_manager.company_ids = [Command.link(foreign.company_id.id)]
        civil = self.field_civil.with_user(self.qms_manager).with_context(
            allowed_company_ids=(self.env.company | foreign.company_id).ids
        )
        self.assertTrue(civil.procedure_ids)
        with (
            self.assertRaisesRegex(UserError, "Hộ tịch has procedures of its agency"),
            self.env.cr.savepoint(),
        ):
            civil.write({"company_id": foreign.company_id.id})
        self.field_civil.invalidate_recordset()
        self.assertEqual(self.field_civil.company_id, self.env.company)
        # a field without procedures may go to another agency of the user
        empty = self.env["qms.tthc.field"].create({"name": "Khác"})
        empty.with_user(self.qms_manager).with_context(
            allowed_company_ids=(self.env.company | foreign.company_id).ids
        ).write({"company_id": foreign.company_id.id})
        self.assertEqual(empty.company_id, foreign.company_id)

    def test_decision_dates_stay_within_the_guard_years(self):
        """A date of amendment or abolition in year 1 or 9999, given to the buttons over RPC,
        is refused as the input guard refuses it on a write; the buttons used to save it
        (issue 18)."""
        procedure = self.procedure.with_user(self.qms_manager)
        for method in ("action_mark_amended", "action_abolish"):
            for day in ("0001-01-01", "1899-12-31", "9999-12-31"):
                with (
                    self.subTest(method=method, day=day),
                    self.assertRaisesRegex(UserError, "between the years 1900 and 2200"),
                ):
                    getattr(procedure, method)(day)
        self.assertEqual(self.procedure.state, "active")
        self.assertFalse(self.procedure.date_amended or self.procedure.date_abolished)
        procedure.action_mark_amended("2026-03-01")
        self.assertEqual(str(self.procedure.date_amended), "2026-03-01")
