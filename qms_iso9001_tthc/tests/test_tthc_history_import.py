"""Import of dossier histories exported by a provincial TTHC system (issue 15)."""

import base64
import io
from datetime import date, datetime
from unittest.mock import patch

import xlsxwriter

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.qms_objective_line import tthc_on_time_rate, tthc_resolved_domain
from .test_tthc_dossier import DossierCommon, local

SOURCE = "Hệ thống thông tin giải quyết TTHC tỉnh"
DOSSIER_HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Mã thủ tục",
    "Người nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Đơn vị",
)
HANDOVER_HEADERS = (
    "Mã hồ sơ",
    "Mã thủ tục",
    "Người nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Bước xử lý",
    "Cán bộ xử lý",
    "Đơn vị",
    "Thời điểm nhận",
    "Thời điểm chuyển",
)
UNIT = "Phòng Hành chính tư pháp"
# Received Mon 3/3/2025; the procedure gives 3 working days: due Thu 6/3.
GOOD_ROWS = [
    # early: resolved on Wednesday
    (1, "H37.01-250303-0001", "1.004859", "Trần Thị Bình", "03/03/2025 08:00", "06/03/2025",
     "05/03/2025 10:00", UNIT),
    # late: resolved the Monday after, an Excel date cell for the reception
    (2, "H37.01-250303-0002", "1.004859", "Lê Văn Cường", datetime(2025, 3, 3, 9, 0),
     "06/03/2025 17:00", "10/03/2025 09:00", UNIT),
    # still open, long past its appointment: overdue
    (3, "H37.01-250310-0001", "1.004859", "Phạm Thu Dung", "10/03/2025", "13/03/2025", "", ""),
]  # fmt: skip


def xlsx(rows, headers=DOSSIER_HEADERS):
    """An export as the provincial system gives it: a title, a blank line, then the table."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Hồ sơ")
    moment_format = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write(0, 0, "DANH SÁCH HỒ SƠ ĐÃ TIẾP NHẬN")
    sheet.write_row(2, 0, headers)
    for index, row in enumerate(rows, start=3):
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(index, column, value, moment_format)
            else:
                sheet.write(index, column, value)
    book.close()
    return base64.b64encode(output.getvalue())


@tagged("post_install", "-at_install")
class TestTthcHistoryImport(DossierCommon):
    def _import(self, rows, headers=DOSSIER_HEADERS, user=None, **values):
        return (
            self.env["qms.tthc.history.import"]
            .with_user(user or self.qms_manager)
            .create(
                {
                    "source_system": SOURCE,
                    "file_data": xlsx(rows, headers),
                    "file_name": "ho-so-quy-1.xlsx",
                    **values,
                }
            )
        )

    def _dossiers(self, codes):
        return (
            self.env["qms.tthc.dossier"]
            .with_context(active_test=False)
            .search([("external_code", "in", codes)])
        )

    def _errors(self, history):
        return {
            line.row_number: line.message for line in history.line_ids if line.status == "error"
        }

    # ------------------------------------------------------------------ a good file
    def test_good_file_imports_dossiers_with_their_history(self):
        history = self._import(GOOD_ROWS)
        history.action_check()
        self.assertEqual(history.state, "checked")
        self.assertEqual(self._errors(history), {})
        self.assertEqual(history.line_ids.mapped("status"), ["ok", "ok", "ok"])
        self.assertFalse(self._dossiers([row[1] for row in GOOD_ROWS]), "a check imports nothing")
        history.action_import()
        self.assertEqual(history.state, "imported")
        dossiers = self._dossiers([row[1] for row in GOOD_ROWS])
        self.assertEqual(len(dossiers), 3)
        self.assertEqual(history.dossier_count, 3)
        early, late, open_one = (
            dossiers.filtered(lambda d, code=row[1]: d.external_code == code) for row in GOOD_ROWS
        )
        for dossier in dossiers:
            self.assertEqual(dossier.origin, "imported")
            self.assertEqual(dossier.history_import_id, history)
            self.assertEqual(dossier.name, dossier.external_code)
            self.assertEqual(dossier.flow_id, self.flow)
            self.assertTrue(dossier.step_ids)
        # the source's moments are kept, read on the agency's clock
        self.assertEqual(early.received_at, local(2025, 3, 3, 8, 0))
        self.assertEqual(late.received_at, local(2025, 3, 3, 9, 0))
        self.assertEqual(early.appointment_date, local(2025, 3, 6, 23, 59, 59))
        self.assertEqual(early.resolved_at, local(2025, 3, 5, 10, 0))
        self.assertEqual((early.state, early.timeliness), ("resolved", "early"))
        self.assertEqual((late.state, late.timeliness), ("resolved", "late"))
        self.assertEqual(late.step_ids.result, "late")
        self.assertGreater(late.processing_days, 3)
        self.assertEqual(open_one.state, "in_progress")
        self.assertTrue(open_one.is_overdue)
        self.assertEqual(open_one.current_step_id.state, "open")
        self.assertEqual(open_one.current_department_id, self.department_unit)
        # the late ones are nonconformities of the unit that held them, like desk dossiers
        self.assertTrue(late.nonconformity_id)
        self.assertEqual(late.nonconformity_id.source, "late_dossier")
        self.assertEqual(late.nonconformity_id.department_id, self.department_unit)
        self.assertTrue(open_one.nonconformity_id)
        self.assertFalse(early.nonconformity_id)
        # and they count in the statistics
        figures = self.env["qms.tthc.statistics"]._qms_dossier_figures(
            date(2025, 3, 1), date(2025, 3, 31), "procedure"
        )[self.procedure.id]
        self.assertEqual(figures["received_count"], 3)
        self.assertEqual(figures["resolved_early_count"], 1)
        self.assertEqual(figures["resolved_late_count"], 1)
        self.assertEqual(figures["in_progress_overdue_count"], 1)
        # the objectives, the review and the periodic report read the same stored figures
        march = (self.company, date(2025, 3, 1), date(2025, 3, 31))
        counts = dict(
            self.env["qms.tthc.dossier"]._read_group(
                tthc_resolved_domain(*march), ["timeliness"], ["__count"]
            )
        )
        self.assertEqual(tthc_on_time_rate(counts), 50.0)
        # kept for ever, like the dossiers received at the desk
        with self.assertRaises(AccessError):
            late.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            history.with_user(self.qms_manager).unlink()
        with self.assertRaises(UserError):
            history.with_user(self.qms_manager).write({"source_system": "Another"})

    def test_handover_layout_groups_rows_by_dossier_code(self):
        code = "H37.01-250303-0009"
        first = (code, "1.004859", "Trần Thị Bình", "03/03/2025 08:00", "06/03/2025 17:00")
        rows = [
            (*first, "", "Tiếp nhận hồ sơ tại Bộ phận Một cửa", "tthc_desk", "Bộ phận Một cửa",
             "03/03/2025 08:00", "03/03/2025 10:00"),
            (*first, "", "Công chức tư pháp - hộ tịch thẩm định", "tthc_handler", UNIT,
             "03/03/2025 10:00", "06/03/2025 08:00"),
            (*first, "06/03/2025 15:00", "Lãnh đạo ký", "tthc_signer", "Văn phòng",
             "06/03/2025 08:00", "06/03/2025 15:00"),
        ]  # fmt: skip
        history = self._import(rows, HANDOVER_HEADERS, layout="handover")
        history.action_check()
        self.assertEqual(self._errors(history), {})
        history.action_import()
        dossier = self._dossiers([code])
        self.assertEqual(len(dossier), 1)
        self.assertEqual(dossier.state, "resolved")
        steps = dossier.step_ids.sorted("date_start")
        self.assertEqual(steps.user_id, self.one_stop | self.handler | self.signer)
        self.assertEqual(
            steps.flow_step_id, self.flow.step_ids.filtered("for_direct").sorted("sequence")
        )
        self.assertEqual(set(steps.mapped("state")), {"done"})
        self.assertEqual(steps[0].result, "on_time")
        # 2 working days to examine from Monday 10:00: Thursday 08:00 is past the step's limit
        self.assertEqual(steps[1].result, "late")
        self.assertEqual(dossier.timeliness, "on_time")
        self.assertEqual(set(history.line_ids.mapped("dossier_id")), {dossier})

    # ------------------------------------------------------------------ errors
    def test_rows_in_error_import_nothing_and_say_why(self):
        rows = [
            GOOD_ROWS[0],
            (2, "HS-X2", "1.999999", "Lê Văn Cường", "03/03/2025", "06/03/2025", "", UNIT),
            (3, "HS-X3", "1.004859", "Phạm Thu Dung", "31/02/2025", "06/03/2025", "", UNIT),
            (4, "HS-X4", "1.004859", "Ngô Minh Em", "05/03/2025", "10/03/2025", "04/03/2025",
             UNIT),
            (5, "HS-X5", "1.004859", "Vũ Hà Giang", "05/03/2025", "10/03/2025", "", "Phòng Ma"),
            (6, "HS-X6", "1.004859", "", "05/03/2025", "", "", UNIT),
        ]  # fmt: skip
        history = self._import(rows)
        history.action_check()
        errors = self._errors(history)
        self.assertEqual(sorted(errors), [5, 6, 7, 8, 9])
        self.assertIn("1.999999", errors[5])
        self.assertIn("31/02/2025", errors[6])
        self.assertIn("before the reception", errors[7])
        self.assertIn("Phòng Ma", errors[8])
        self.assertIn("Applicant", errors[9])
        self.assertEqual(history.error_count, 5)
        with self.assertRaisesRegex(UserError, "Nothing was imported"):
            history.action_import()
        self.assertFalse(self._dossiers([row[1] for row in rows]))
        self.assertNotEqual(history.state, "imported")

    def test_reimport_of_the_same_file_duplicates_nothing(self):
        first = self._import(GOOD_ROWS)
        first.action_check()
        first.action_import()
        codes = [row[1] for row in GOOD_ROWS]
        again = self._import(GOOD_ROWS)
        again.action_check()
        self.assertEqual(sorted(self._errors(again)), [4, 5, 6])
        self.assertIn("already imported", self._errors(again)[4])
        with self.assertRaises(UserError):
            again.action_import()
        # overlapping exports: the dossiers imported before are skipped when asked
        skipping = self._import(GOOD_ROWS, is_skip_imported=True)
        skipping.action_check()
        self.assertEqual(skipping.skipped_count, 3)
        self.assertFalse(self._errors(skipping))
        with self.assertRaises(UserError):
            skipping.action_import()
        self.assertEqual(len(self._dossiers(codes)), 3)

    def test_two_imports_at_once_the_index_refuses_the_second_in_words(self):
        """Two imports of the same export at once: the second one's check runs before the first
        one's dossiers are there, so only the dossier code's index refuses them. The user reads
        that index's message, not the database's text, and the second file imports nothing."""
        first = self._import(GOOD_ROWS)
        first.action_check()
        second = self._import(GOOD_ROWS[:1])
        second.action_check()
        # what the second import reads before the first one commits its dossiers
        analysed = second._qms_analyse()
        first.action_import()
        # no assertRaises: its savepoint would undo a half-done import and hide it
        with (
            patch.object(type(second), "_qms_analyse", lambda self_: analysed),
            mute_logger("odoo.sql_db"),
        ):
            try:
                second.action_import()
            except UserError as error:
                message = str(error)
            else:
                self.fail("the refused file was imported")
        self.assertIn("Nothing was imported: the dossiers were refused: ", message)
        self.assertIn("This dossier code is already used.", message)
        self.assertNotIn("duplicate key value", message)
        self.assertNotIn("name_uniq", message)
        self.assertEqual(first.state, "imported")
        self.assertEqual(second.state, "checked")
        self.assertEqual(len(self._dossiers([row[1] for row in GOOD_ROWS])), 3)
        self.assertFalse(second.dossier_ids)

    def test_remembered_mapping_is_proposed_and_reused(self):
        first = self._import(GOOD_ROWS[:1])
        self.assertFalse(first.mapping_id)
        first.action_check()
        mapping = first.mapping_id
        self.assertEqual(mapping.name, SOURCE)
        self.assertEqual(
            set(mapping.line_ids.mapped("target")),
            {
                "external_code",
                "procedure_code",
                "applicant",
                "received_at",
                "appointment_date",
                "resolved_at",
                "department",
            },
        )
        # this system prints its own header for the code: mapped once by hand
        mapping.line_ids.filtered(
            lambda line: line.target == "external_code"
        ).column = "Số hồ sơ điện tử"
        headers = ("STT", "Số hồ sơ điện tử", *DOSSIER_HEADERS[2:])
        second = self._import(GOOD_ROWS[1:2], headers)
        self.assertEqual(second.mapping_id, mapping, "the remembered mapping is proposed")
        second.action_check()
        self.assertFalse(self._errors(second))
        second.action_import()
        self.assertTrue(self._dossiers([GOOD_ROWS[1][1]]))
        self.assertEqual(
            self.env["qms.tthc.import.mapping"].search_count([("name", "=", SOURCE)]), 1
        )
        # a file whose columns the mapping does not find says so instead of guessing
        third = self._import(GOOD_ROWS[2:])
        third.action_check()
        self.assertIn("Số hồ sơ điện tử", self._errors(third)[0])

    # ------------------------------------------------------------------ rights
    def test_only_the_standing_office_imports(self):
        history = self._import(GOOD_ROWS)
        for user in (self.unit_officer, self.one_stop, self.handler, self.leader):
            with self.assertRaises(AccessError):
                self._import(GOOD_ROWS, user=user)
            with self.assertRaises(AccessError):
                history.with_user(user).action_check()
            with self.assertRaises(AccessError):
                self.env["qms.tthc.import.mapping"].with_user(user).create(
                    {"name": "Hệ thống khác"}
                )
        history.action_check()
        with self.assertRaises(AccessError):
            history.with_user(self.unit_officer).action_import()
        self.assertFalse(self._dossiers([row[1] for row in GOOD_ROWS]))
        history.action_import()
        self.assertEqual(len(self._dossiers([row[1] for row in GOOD_ROWS])), 3)

    def test_imports_are_per_agency(self):
        other = self.env["res.company"].create({"name": "UBND xã Khác"})
        foreign = self.env["qms.tthc.history.import"].create(
            {
                "source_system": SOURCE,
                "file_data": xlsx(GOOD_ROWS),
                "company_id": other.id,
            }
        )
        Import = self.env["qms.tthc.history.import"].with_user(self.qms_manager)
        self.assertFalse(Import.search([("id", "=", foreign.id)]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.qms_manager).action_check()

    def test_origin_is_set_by_the_import_only(self):
        desk = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaises(UserError):
            desk.with_user(self.qms_manager).write({"origin": "imported"})
        with self.assertRaises(UserError):
            desk.with_user(self.qms_manager).write({"external_code": "HS-1"})
        with self.assertRaises(UserError):
            self.env["qms.tthc.dossier"].with_user(self.one_stop).create(
                {
                    "procedure_id": self.procedure.id,
                    "applicant_id": self.citizen.id,
                    "origin": "imported",
                }
            )
        with self.assertRaises(AccessError):
            self.env["qms.tthc.dossier"].with_user(self.one_stop)._qms_create_imported(
                [{"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}]
            )
        self.assertEqual(desk.origin, "desk")

    def test_check_queries_do_not_grow_with_the_rows(self):
        """The check of a month's export stays a few queries per row: the procedures, the
        agency's working time and the codes already imported are loaded once."""

        def check_queries(count):
            rows = [
                (index, f"HS-Q{count}-{index}", "1.004859", "Trần Thị Bình", "03/03/2025 08:00",
                 "06/03/2025", "05/03/2025 10:00", UNIT)
                for index in range(count)
            ]  # fmt: skip
            history = self._import(rows)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            history.action_check()
            self.assertFalse(self._errors(history))
            return self.env.cr.sql_log_count - before

        few, many = check_queries(5), check_queries(45)
        self.assertLess(many - few, 40 * 3, f"{few} queries for 5 rows, {many} for 45")
