"""Dossier codes `<agency code>-YYMMDD-NNNN`: gap-free per agency and local day, also when
many desks receive at the same moment."""

import threading
import time
from datetime import datetime

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.orm.environments import Transaction
from odoo.tests import tagged
from odoo.tools import SQL

from ..controllers.qms_tthc_lookup import QmsTthcLookup
from .common_tthc import TthcCommon
from .test_tthc_dossier import DossierCommon, local


@tagged("post_install", "-at_install")
class TestDossierCode(DossierCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.qms_agency_code = "UBNDDH"
        cls.other_procedure = cls._agency("UBND thị trấn Cam Lộ", "CAMLO")

    @classmethod
    def _agency(cls, name, code):
        """Another agency of the database with a one-step flow in force; its procedure."""
        company = cls.env["res.company"].create({"name": name, "qms_agency_code": code})
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        field = env["qms.tthc.field"].create({"name": "Hộ tịch", "code": "HT"})
        unit = env["hr.department"].create(
            {"name": f"Bộ phận Một cửa {name}", "company_id": company.id}
        )
        procedure = env["qms.tthc.procedure"].create(
            {
                "code": "1.001193",
                "name": "Đăng ký khai sinh",
                "field_id": field.id,
                "department_id": unit.id,
                "company_id": company.id,
                "processing_time_ids": [
                    Command.create({"filing_method": "direct", "duration": 1, "unit": "day"})
                ],
            }
        )
        flow = env["qms.tthc.flow"].create(
            {
                "procedure_id": procedure.id,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Tiếp nhận và giải quyết",
                            "duration": 1,
                            "duration_unit": "day",
                            "department_id": unit.id,
                        }
                    )
                ],
            }
        )
        # the approval chain is tested with the flows; here the version is simply in force
        flow.write({"state": "approved"})
        return procedure

    def _receive_other(self, moment, procedure=None):
        procedure = procedure or self.other_procedure
        Dossier = self.env(
            context=dict(self.env.context, allowed_company_ids=procedure.company_id.ids)
        )["qms.tthc.dossier"]
        dossier = Dossier.create(
            {
                "procedure_id": procedure.id,
                "applicant_id": self.citizen.id,
                "channel": "direct",
                "received_at": moment,
            }
        )
        return dossier.with_env(self.env)

    def test_consecutive_per_agency_and_day(self):
        monday = [self._receive(local(2026, 8, 24, hour, 0)) for hour in (8, 9, 10)]
        self.assertEqual(
            [dossier.name for dossier in monday],
            ["UBNDDH-260824-0001", "UBNDDH-260824-0002", "UBNDDH-260824-0003"],
        )
        # 23:30 on Monday in Hanoi (16:30 UTC): still Monday's number
        self.assertEqual(self._receive(local(2026, 8, 24, 23, 30)).name, "UBNDDH-260824-0004")
        # 0:30 on Tuesday in Hanoi is 17:30 UTC on Monday: a new day, numbering restarts
        tuesday = self._receive(local(2026, 8, 25, 0, 30))
        self.assertEqual(tuesday.received_at, datetime(2026, 8, 24, 17, 30))
        self.assertEqual(tuesday.name, "UBNDDH-260825-0001")
        # another agency numbers on its own
        self.assertEqual(self._receive_other(local(2026, 8, 24, 9, 0)).name, "CAMLO-260824-0001")
        self.assertEqual(self._receive_other(local(2026, 8, 24, 9, 5)).name, "CAMLO-260824-0002")
        self.assertEqual(self._receive(local(2026, 8, 24, 11, 0)).name, "UBNDDH-260824-0005")
        self.assertEqual(self._receive(local(2026, 8, 25, 8, 0)).name, "UBNDDH-260825-0002")

    def test_other_agency_dossiers_are_invisible(self):
        other = self._receive_other(local(2026, 8, 24, 9, 0))
        mine = self._receive(local(2026, 8, 24, 9, 0))
        Dossier = self.env["qms.tthc.dossier"].with_user(self.one_stop)
        self.assertEqual(Dossier.search([("id", "in", (other | mine).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.one_stop).read(["name"])

    def test_codes_unique_across_agencies_with_alike_names(self):
        """Communes of one district share a database; names give the same initials (U X C L)
        when no agency code is set, yet a code must name one dossier: it is what the citizen
        types on the public look-up page."""
        cam_lo = self._agency("UBND xã Cam Lộ", False)
        cam_lam = self._agency("UBND xã Cam Lâm", False)
        first = self._receive_other(local(2026, 8, 24, 9, 0), cam_lo)
        second = self._receive_other(local(2026, 8, 24, 9, 0), cam_lam)
        self.assertNotEqual(first.name, second.name)

    def test_agency_code_from_the_company_name(self):
        self.company.qms_agency_code = False
        self.company.name = "Ủy ban nhân dân xã Đông Hà"
        # initials without diacritics: U B N D X D H
        self.assertEqual(self._receive(local(2026, 8, 24, 8, 0)).name, "UBNDXDH-260824-0001")

    def test_code_uses_the_electronic_identifier(self):
        """When the agency has its official electronic identifier (mã định danh điện tử), the
        code starts with it; the numbers of the day go on without a gap."""
        first = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(first.name, "UBNDDH-260824-0001")
        self.company.qms_electronic_id = "000.00.15.H57"
        second = self._receive(local(2026, 8, 24, 9, 0))
        third = self._receive(local(2026, 8, 24, 10, 0))
        self.assertEqual(second.name, "000.00.15.H57-260824-0002")
        self.assertEqual(third.name, "000.00.15.H57-260824-0003")
        # the code printed on the receipt is one the public look-up page reads
        self.assertEqual(QmsTthcLookup._qms_code(f" {third.name.lower()} "), third.name)
        # the first dossier keeps the code it was given
        self.assertEqual(first.name, "UBNDDH-260824-0001")
        # another agency is numbered on its own, with its agency code
        self.assertEqual(self._receive_other(local(2026, 8, 24, 9, 0)).name, "CAMLO-260824-0001")

    def test_electronic_identifier_is_checked(self):
        company = self.other_procedure.company_id
        for wrong in ("000.00.15 H57", "h57.15", ".H57", "H57..15", "H57-15", "9" * 26):
            with self.subTest(wrong=wrong), self.assertRaises(ValidationError):
                company.qms_electronic_id = wrong
        self.company.qms_electronic_id = "000.00.15.H57"
        with self.assertRaises(ValidationError):
            company.qms_electronic_id = "000.00.15.H57"
        company.qms_electronic_id = "000.00.16.H57"
        self.assertEqual(company.qms_electronic_id, "000.00.16.H57")

    def test_electronic_identifier_is_the_administrators(self):
        """The desk cannot change the identifier its dossier codes start with; the settings of
        the one-stop desk show it to the administrator."""
        with self.assertRaises(AccessError):
            self.company.with_user(self.one_stop).write({"qms_electronic_id": "000.00.15.H57"})
        settings = self.env["res.config.settings"].create({"qms_electronic_id": "000.00.15.H57"})
        settings.execute()
        self.assertEqual(self.company.qms_electronic_id, "000.00.15.H57")
        arch = self.env.ref("qms_iso9001_tthc.res_config_settings_view_form").arch
        self.assertIn('name="qms_electronic_id"', arch)

    def test_code_cannot_be_edited(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"name": "UBNDDH-260824-0999"})
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"appointment_date": local(2026, 9, 30, 16, 30)})
        self.assertEqual(dossier.name, "UBNDDH-260824-0001")
        # what the desk may correct stays editable
        dossier.with_user(self.one_stop).write({"applicant_phone": "0987 654 321"})
        self.assertEqual(dossier.applicant_phone, "0987 654 321")


@tagged("post_install", "-at_install")
class TestDossierCodeConcurrency(TthcCommon):
    """50 receptions in parallel transactions, on real connections: the threads cannot see the
    test's own transaction, so what they need is committed first and deleted afterwards."""

    RECEPTIONS = 50
    CONNECTIONS = 10  # at most this many at once: the database server is shared
    RECEIVED_AT = datetime(2024, 12, 2, 2, 0)  # Monday 2/12/2024 9:00 in Hanoi

    def _commit_fixtures(self):
        ids = self.fixture_ids = {}
        self.addCleanup(self._delete_fixtures)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            ids["company"] = company.id
            ids["partner"] = env["res.partner"].create({"name": "Trần Thị Bình"}).id
            ids["department"] = (
                env["hr.department"].create({"name": "Phòng Tư pháp (song song)"}).id
            )
            ids["field"] = env["qms.tthc.field"].create({"name": "Chứng thực (song song)"}).id
            procedure = env["qms.tthc.procedure"].create(
                {
                    "code": "2.999901",
                    "name": "Chứng thực chữ ký",
                    "field_id": ids["field"],
                    "department_id": ids["department"],
                    "processing_time_ids": [
                        Command.create({"filing_method": "direct", "duration": 1, "unit": "day"})
                    ],
                }
            )
            ids["procedure"] = procedure.id
            flow = env["qms.tthc.flow"].create(
                {
                    "procedure_id": procedure.id,
                    "step_ids": [
                        Command.create(
                            {"name": "Chứng thực", "duration": 1, "duration_unit": "day"}
                        )
                    ],
                }
            )
            flow.write({"state": "approved"})
            ids["flow"] = flow.id

    def _delete_fixtures(self):
        """Everything the fixtures and the threads committed, with its chatter."""
        ids = self.fixture_ids
        with self.registry.cursor() as cr:
            dossier_ids = []
            if ids.get("procedure"):
                cr.execute(
                    "SELECT id FROM qms_tthc_dossier WHERE procedure_id = %s", [ids["procedure"]]
                )
                dossier_ids = [row[0] for row in cr.fetchall()]
            records = {
                "qms.tthc.dossier": dossier_ids,
                "qms.tthc.flow": [ids["flow"]] if ids.get("flow") else [],
                "qms.tthc.procedure": [ids["procedure"]] if ids.get("procedure") else [],
                "qms.tthc.field": [ids["field"]] if ids.get("field") else [],
                "hr.department": [ids["department"]] if ids.get("department") else [],
                "res.partner": [ids["partner"]] if ids.get("partner") else [],
            }
            for model, record_ids in records.items():
                cr.execute(
                    "DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                    [model, record_ids],
                )
                for table in ("mail_followers", "mail_activity", "ir_attachment"):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE res_model = %s AND res_id = ANY(%s)",
                            SQL.identifier(table),
                            model,
                            record_ids,
                        )
                    )
            cr.execute(
                "DELETE FROM qms_tthc_dossier_number WHERE company_id = %s AND day = %s",
                [ids.get("company", 0), self.RECEIVED_AT.date()],
            )
            # hand-overs and papers go with their dossier, steps and times with their parent
            for model, record_ids in records.items():
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE id = ANY(%s)",
                        SQL.identifier(self.env[model]._table),
                        record_ids,
                    )
                )

    def _reception_cursor(self):
        cr = self.registry.cursor()
        cr.execute("SET LOCAL lock_timeout = '20s'")
        # Environment() would build the transaction with Registry(dbname), which waits for the
        # registry lock the test (post_install) runs under
        cr.transaction = Transaction(self.registry)
        return cr

    def _receive(self, cr):
        ids = self.fixture_ids
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["qms.tthc.dossier"].create(
            {
                "procedure_id": ids["procedure"],
                "applicant_id": ids["partner"],
                "channel": "direct",
                "received_at": self.RECEIVED_AT,
            }
        )

    def _receive_in_own_transaction(self, results, gate):
        """One desk's reception, once: a reception under contention waits for its number, it
        never fails with a database error (no retry here, unlike Odoo's for requests)."""
        with gate:
            try:
                with self._reception_cursor() as cr:
                    name = self._receive(cr).name
                results.append(name)
            except Exception as error:  # what the desk would see instead of a code
                results.append(error)

    def test_parallel_receptions_get_consecutive_codes(self):
        self._commit_fixtures()
        results = []
        gate = threading.BoundedSemaphore(self.CONNECTIONS)
        threads = [
            threading.Thread(
                target=self._receive_in_own_transaction, args=(results, gate), daemon=True
            )
            for _index in range(self.RECEPTIONS)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 90
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self.assertFalse([thread for thread in threads if thread.is_alive()], "receptions hang")
        failures = [result for result in results if not isinstance(result, str)]
        self.assertFalse(failures, "no reception fails, not even with a serialization error")
        names = sorted(results)
        self.assertEqual(len(names), self.RECEPTIONS)
        prefixes = {name.rsplit("-", 1)[0] for name in names}
        self.assertEqual(len(prefixes), 1, prefixes)
        self.assertTrue(prefixes.pop().endswith("-241202"))
        self.assertEqual(
            [int(name.rsplit("-", 1)[1]) for name in names], list(range(1, self.RECEPTIONS + 1))
        )
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM qms_tthc_dossier WHERE procedure_id = %s ORDER BY name",
                [self.fixture_ids["procedure"]],
            )
            self.assertEqual([row[0] for row in cr.fetchall()], names)
            cr.execute(
                "SELECT count(*), max(number) FROM qms_tthc_dossier_number "
                "WHERE company_id = %s AND day = %s",
                [self.fixture_ids["company"], self.RECEIVED_AT.date()],
            )
            self.assertEqual(cr.fetchone(), (self.RECEPTIONS, self.RECEPTIONS))

    def test_a_reception_rolled_back_leaves_no_gap(self):
        """The second desk waits for the number the first one holds; the first one fails
        (its transaction rolls back): the second gets that number, not the next one."""
        self._commit_fixtures()
        reserved, release = threading.Event(), threading.Event()
        results = {}

        def first():
            try:
                with self._reception_cursor() as cr:
                    results["first"] = self._receive(cr).name
                    reserved.set()
                    release.wait(30)
                    cr.rollback()
            except Exception as error:
                results["first"] = error
            finally:
                reserved.set()

        def second():
            reserved.wait(30)
            try:
                with self._reception_cursor() as cr:
                    results["second"] = self._receive(cr).name
            except Exception as error:
                results["second"] = error

        threads = [threading.Thread(target=target, daemon=True) for target in (first, second)]
        for thread in threads:
            thread.start()
        reserved.wait(30)
        time.sleep(1.0)
        self.assertNotIn("second", results, "the second reception waits for the first one")
        release.set()
        for thread in threads:
            thread.join(timeout=40)
        self.assertFalse([thread for thread in threads if thread.is_alive()], "receptions hang")
        self.assertTrue(str(results.get("first")).endswith("-241202-0001"), results)
        self.assertTrue(str(results.get("second")).endswith("-241202-0001"), results)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT number FROM qms_tthc_dossier_number WHERE company_id = %s AND day = %s",
                [self.fixture_ids["company"], self.RECEIVED_AT.date()],
            )
            self.assertEqual(cr.fetchall(), [(1,)])
