"""Outbound sync and reconciliation against the stand-in of a connected system.

The stand-in (standin_server.py) is an HTTP server on 127.0.0.1 that implements the contract
of docs/connector-outbound.md and misbehaves when told. Jobs are trapped with queue_job's
`trap_jobs` and run here one after the other, as the job runner would: a job that raises
RetryableJobError is run again (the runner would wait the seconds it asks for). The registry is
in test mode while they run, so the failed tries recorded in a transaction of their own are
seen by the test.
"""

import base64
import io
from contextlib import contextmanager
from datetime import date, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.qms_iso9001_tthc.tests.test_tthc_dossier import DossierCommon, local
from odoo.addons.qms_iso9001_tthc.tests.test_tthc_history_import import GOOD_ROWS, SOURCE, xlsx
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.qms_tthc_outbox_message import CHANNEL, MAX_ATTEMPTS, RETRY_SECONDS
from .standin_server import StandInSystem

MONDAY = local(2026, 8, 24, 8, 0)


class ConnectorCommon(DossierCommon):
    """A province's system and the national portal, each played by a stand-in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.province = StandInSystem(token="province-token", slow_seconds=10.5).start()
        cls.addClassCleanup(cls.province.stop)
        cls.portal = StandInSystem(token="portal-token", slow_seconds=10.5).start()
        cls.addClassCleanup(cls.portal.stop)
        cls.system_province = cls._system("Hệ thống TTHC tỉnh", "PROV", "provincial", cls.province)
        cls.system_portal = cls._system("Cổng DVC quốc gia", "DVCQG", "national", cls.portal)
        cls.admin = cls.env.ref("base.user_admin")

    @classmethod
    def _system(cls, name, code, kind, standin, **values):
        return cls.env["qms.tthc.connected.system"].create(
            {
                "name": name,
                "code": code,
                "kind": kind,
                "company_id": cls.company.id,
                "endpoint_url": standin.url,
                "outbound_token": standin.token,
                "timeout": 1.0,
                "is_outbound": True,
                **values,
            }
        )

    def setUp(self):
        super().setUp()
        for standin in (self.province, self.portal):
            standin.reset()

    @contextmanager
    def _jobs(self):
        with trap_jobs() as trap:
            yield trap

    def _run_jobs(self, trap, rounds=20):
        """Run the trapped jobs as the runner would, retried ones again; the seconds each
        retry asked to wait, in order."""
        waits = []
        with self.enter_registry_test_mode():
            for _round in range(rounds):
                jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
                if not jobs:
                    break
                for job in jobs:
                    try:
                        job.perform()
                    except RetryableJobError as error:
                        waits.append(error.seconds)
                        trap.enqueued_jobs.append(job)
        self.env.invalidate_all()
        return waits

    def _messages(self, dossier, system):
        return self.env["qms.tthc.outbox.message"].search(
            [("dossier_id", "=", dossier.id), ("system_id", "=", system.id)], order="sequence"
        )


@tagged("post_install", "-at_install")
class TestConnectorOutbound(ConnectorCommon):
    def test_each_event_is_queued_for_each_system_in_order(self):
        """Reception, hand-overs, a supplement asked and received, the result and its return:
        one message per event and enabled system, numbered in the dossier's order, reach both
        systems in that order; a system not enabled gets nothing."""
        silent = self._system("Hệ thống cũ", "OLD", "other", self.province, is_outbound=False)
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            trap.assert_jobs_count(2)
            message = self._messages(dossier, self.system_province)
            trap.assert_enqueued_job(
                message._qms_send,
                properties={"channel": CHANNEL, "identity_key": identity_exact},
            )
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            with freeze_time(MONDAY + timedelta(hours=2)):
                dossier.with_user(self.handler).action_request_supplement("Bản sao giấy khai sinh")
            with freeze_time(MONDAY + timedelta(hours=3)):
                dossier.with_user(self.one_stop).action_supplement_received()
            self._hand_over(dossier, MONDAY + timedelta(hours=4), self.signer)
            self._hand_over(dossier, MONDAY + timedelta(hours=5))
            with freeze_time(MONDAY + timedelta(hours=6)):
                dossier.with_user(self.one_stop).action_return()
            # the later messages wait for the first: nothing more is queued yet
            trap.assert_jobs_count(2)
            self._run_jobs(trap)
        events = [
            "received",
            "handed_over",
            "supplement_requested",
            "supplement_received",
            "handed_over",
            "resolved",
            "returned",
        ]
        for system, standin in (
            (self.system_province, self.province),
            (self.system_portal, self.portal),
        ):
            messages = self._messages(dossier, system)
            self.assertEqual(messages.mapped("event"), events)
            self.assertEqual(messages.mapped("sequence"), list(range(1, 8)))
            self.assertEqual(set(messages.mapped("state")), {"sent"})
            self.assertEqual(standin.sequences(dossier.name), list(range(1, 8)))
            self.assertEqual(standin.dossiers[dossier.name]["state"], "returned")
        self.assertFalse(self._messages(dossier, silent))
        # each adapter speaks its target's language
        portal_data = self.portal.applied[-1]["data"]
        self.assertEqual(portal_data["MaHoSo"], dossier.name)
        self.assertEqual(portal_data["TrangThaiHoSo"], 10)
        supplement = self.province.applied[2]
        self.assertEqual(supplement["event"], "supplement_requested")
        self.assertEqual(supplement["data"]["note"], "Bản sao giấy khai sinh")

    def test_a_timeout_is_retried_until_sent(self):
        """(Odoo's test harness lifts a client time-out under 10 s to 10 s: the stand-in
        answers after 10.5 s.)"""
        self.province.fail_next("timeout")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            message = self._messages(dossier, self.system_province)
            job = next(job for job in trap.enqueued_jobs if job.recordset.ids == message.ids)
            # (not assertRaises: it would roll back what the failed try recorded)
            with self.enter_registry_test_mode():
                try:
                    job.perform()
                except RetryableJobError as error:
                    waits = [error.seconds]
            self.env.invalidate_all()
            # the failed try shows in the outbox, the message still pending
            self.assertEqual(message.state, "pending")
            self.assertEqual(message.attempts, 1)
            self.assertIn("No answer within", message.last_error)
            waits += self._run_jobs(trap)
        self.assertEqual(waits, [RETRY_SECONDS[0]])
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.attempts, 2)
        self.assertFalse(message.last_error)
        self.assertEqual(self.province.sequences(dossier.name), [1])

    def test_a_server_error_is_retried_with_growing_delays(self):
        self.province.fail_next("error", "error", "error")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            waits = self._run_jobs(trap)
        message = self._messages(dossier, self.system_province)
        self.assertEqual(waits, list(RETRY_SECONDS[:3]))
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.attempts, 4)
        self.assertEqual(self.province.sequences(dossier.name), [1])

    def test_a_system_that_keeps_failing_fails_the_message(self):
        self.province.fail_next(*["error"] * MAX_ATTEMPTS)
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            waits = self._run_jobs(trap)
        message = self._messages(dossier, self.system_province)
        self.assertEqual(waits, list(RETRY_SECONDS))
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.attempts, MAX_ATTEMPTS)
        self.assertIn("500", message.last_error)
        self.assertIn(
            message, self.env["qms.tthc.outbox.message"].search([("state", "=", "failed")])
        )
        # once the system is back, the standing office re-sends it
        with self._jobs() as trap:
            message.with_user(self.qms_manager).action_resend()
            self._run_jobs(trap)
        self.assertEqual(message.state, "sent")
        self.assertEqual(self.province.sequences(dossier.name), [1])

    def test_an_answer_lost_after_applying_is_applied_once(self):
        """The system applied the event but its answer was lost: the event is delivered again
        with the same idempotency key, and the system applies it no second time."""
        self.province.fail_next("twice")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._run_jobs(trap)
        message = self._messages(dossier, self.system_province)
        self.assertEqual(message.state, "sent")
        self.assertTrue(message.is_duplicate)
        deliveries = [key for key, _fault in self.province.deliveries if key == message.event_uuid]
        self.assertEqual(len(deliveries), 2)
        self.assertEqual(self.province.sequences(dossier.name), [1])
        self.assertEqual(self.province.applied[-1]["event_id"], message.event_uuid)

    def test_a_refused_message_holds_the_later_ones(self):
        """A wrong credential fails the first message at once (no retries); the dossier's later
        events wait for it, and after the fix and a re-send all arrive in their order."""
        self.system_province.outbound_token = "wrong"
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            waits = self._run_jobs(trap)
        first, second = self._messages(dossier, self.system_province)
        self.assertEqual(waits, [])
        self.assertEqual((first.state, first.attempts), ("failed", 1))
        self.assertIn("401", first.last_error)
        self.assertEqual(second.state, "pending")
        self.assertEqual(self.province.sequences(dossier.name), [])
        # the portal is not held up by the province
        self.assertEqual(self.portal.sequences(dossier.name), [1, 2])
        self.system_province.outbound_token = self.province.token
        with self._jobs() as trap:
            first.with_user(self.qms_manager).action_resend()
            self._run_jobs(trap)
        self.assertEqual((first.state, second.state), ("sent", "sent"))
        self.assertEqual(self.province.sequences(dossier.name), [1, 2])

    def test_the_order_holds_while_an_earlier_event_is_retried(self):
        self.province.fail_next("error", "error")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            with freeze_time(MONDAY + timedelta(hours=2)):
                dossier.with_user(self.handler).action_request_supplement("Tờ khai")
            # a job of a later message run early (a second worker) waits for the first
            later = self._messages(dossier, self.system_province)[1]
            self.assertIn("waits for message #1", later._qms_send())
            self._run_jobs(trap)
        self.assertEqual(self.province.sequences(dossier.name), [1, 2, 3])
        self.assertEqual(self.province.dossiers[dossier.name]["state"], "supplement")

    def test_a_system_switched_off_keeps_its_messages_until_back(self):
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self.system_province.is_outbound = False
            self._run_jobs(trap)
            message = self._messages(dossier, self.system_province)
            self.assertEqual(message.state, "pending")
            self.assertEqual(self.province.sequences(dossier.name), [])
            self.system_province.is_outbound = True
            # the scheduled safety net queues it again, once
            self.env["qms.tthc.outbox.message"]._cron_qms_requeue_pending()
            self.env["qms.tthc.outbox.message"]._cron_qms_requeue_pending()
            trap.assert_jobs_count(1, only=message._qms_send)
            self._run_jobs(trap)
        self.assertEqual(message.state, "sent")
        self.assertEqual(self.province.sequences(dossier.name), [1])

    def test_an_event_a_system_told_us_is_not_told_back(self):
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._run_jobs(trap)
            robot = self.system_province.user_id
            messages = (
                self.env["qms.tthc.outbox.message"]
                .with_user(robot)
                ._qms_queue_event(dossier, "handed_over")
            )
        self.assertEqual(messages.system_id, self.system_portal)
        self.assertEqual(messages.sequence, 2)

    def test_a_rating_is_told_with_its_level(self):
        """The applicant's "not satisfied" at the desk reaches both systems after the return,
        in each one's words, with the reason."""
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            self._hand_over(dossier, MONDAY + timedelta(hours=2), self.signer)
            self._hand_over(dossier, MONDAY + timedelta(hours=3))
            with freeze_time(MONDAY + timedelta(hours=4)):
                dossier.with_user(self.one_stop).action_return()
                dossier.with_user(self.one_stop).action_rate_dissatisfied("Phải đi lại hai lần")
            self._run_jobs(trap)
        for system in (self.system_province, self.system_portal):
            self.assertEqual(self._messages(dossier, system)[-1:].event, "rated")
            self.assertEqual(set(self._messages(dossier, system).mapped("state")), {"sent"})
        told = self.province.applied[-1]
        self.assertEqual((told["event"], told["state"]), ("rated", "returned"))
        self.assertEqual(told["data"]["rating"], "not_satisfied")
        self.assertEqual(told["data"]["note"], "Phải đi lại hai lần")
        self.assertEqual(self.portal.applied[-1]["data"]["MucDoHaiLong"], 3)

    def test_imported_dossiers_are_not_announced(self):
        """A history imported from another system was told by that system: importing it
        queues nothing."""
        with self._jobs() as trap:
            history = (
                self.env["qms.tthc.history.import"]
                .with_user(self.qms_manager)
                .create(
                    {
                        "source_system": SOURCE,
                        "file_data": xlsx(GOOD_ROWS),
                        "file_name": "ho-so.xlsx",
                    }
                )
            )
            history.action_check()
            history.action_import()
            self.assertEqual(history.dossier_count, len(GOOD_ROWS))
            trap.assert_jobs_count(0)
        self.assertFalse(
            self.env["qms.tthc.outbox.message"].search(
                [("dossier_id.history_import_id", "=", history.id)]
            )
        )

    def test_sending_needs_an_endpoint_and_an_adapter(self):
        System = self.env["qms.tthc.connected.system"].with_user(self.qms_manager)
        system = System.create({"name": "Hệ thống mới", "code": "NEW", "kind": "other"})
        self.assertFalse(system.adapter)
        with self.assertRaisesRegex(UserError, "endpoint URL and an adapter"):
            system.write({"is_outbound": True, "endpoint_url": "https://tthc.example.gov.vn"})
        with self.assertRaisesRegex(UserError, "must start with https://"):
            system.write({"endpoint_url": "ftp://tthc.example.gov.vn"})
        with self.assertRaisesRegex(UserError, "time-out"):
            system.write(
                {"is_outbound": False, "endpoint_url": "https://tthc.example.gov.vn", "timeout": 0}
            )
        national = System.create({"name": "Cổng", "code": "DVC2", "kind": "national"})
        self.assertEqual(national.adapter, "national")
        # only the administrators read the credential
        with self.assertRaises(AccessError):
            self.system_province.with_user(self.qms_manager).read(["outbound_token"])

    def test_resend_and_cancel_are_for_the_standing_office(self):
        self.system_province.outbound_token = "wrong"
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            self._run_jobs(trap)
        first, second = self._messages(dossier, self.system_province)
        Message = self.env["qms.tthc.outbox.message"]
        for user in (self.one_stop, self.handler):
            with self.assertRaises(AccessError):
                first.with_user(user).action_resend()
            self.assertFalse(Message.with_user(user).has_access("read"))
        with self.assertRaises(AccessError):
            first.with_user(self.qms_manager).write({"state": "sent"})
        self.system_province.outbound_token = self.province.token
        with self._jobs() as trap:
            first.with_user(self.qms_manager).action_cancel()
            self._run_jobs(trap)
        # cancelled, never sent; the next event goes on
        self.assertEqual((first.state, second.state), ("cancelled", "sent"))
        self.assertEqual(self.province.sequences(dossier.name), [2])
        with self.assertRaises(UserError):
            first.with_user(self.qms_manager).action_resend()


@tagged("post_install", "-at_install")
class TestConnectorReconciliation(ConnectorCommon):
    def _compare(self, **values):
        report = (
            self.env["qms.tthc.reconciliation"]
            .with_user(self.qms_manager)
            .create(
                {
                    "date_from": date(2026, 8, 24),
                    "date_to": date(2026, 8, 24),
                    "system_ids": [(6, 0, self.system_province.ids)],
                    **values,
                }
            )
        )
        report.action_compare()
        return report

    def test_a_dropped_event_is_found_and_resent(self):
        # the reception arrives, the hand-over is lost by the system
        self.province.fail_next("ok", "drop")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._hand_over(dossier, MONDAY + timedelta(hours=1), self.handler)
            self._run_jobs(trap)
            other = self._receive(MONDAY + timedelta(hours=2))
            self._run_jobs(trap)
        lost = self._messages(dossier, self.system_province)[1]
        self.assertEqual(lost.state, "sent")
        self.assertEqual(self.province.sequences(dossier.name), [1])
        report = self._compare()
        line = report.line_ids.filtered(lambda ln: ln.dossier_id == dossier)
        self.assertEqual(line.status, "different")
        self.assertEqual((line.our_state, line.their_state), ("in_progress", "received"))
        self.assertEqual(line.lost_sequences, "2")
        self.assertEqual(line.lost_message_ids, lost)
        matching = report.line_ids.filtered(lambda ln: ln.dossier_id == other)
        self.assertEqual(matching.status, "matching")
        self.assertEqual((report.different_count, report.matching_count), (1, 1))
        with self._jobs() as trap:
            line.action_resend()
            self._run_jobs(trap)
        self.assertEqual(self.province.sequences(dossier.name), [1, 2])
        report = self._compare()
        self.assertEqual(set(report.line_ids.mapped("status")), {"matching"})

    def test_missing_and_extra_dossiers(self):
        self.province.fail_next("drop")
        with self._jobs() as trap:
            dossier = self._receive(MONDAY)
            self._run_jobs(trap)
        # a dossier the system holds and we do not (received there on the same day)
        self.province._apply(
            {
                "event_id": "f00d",
                "sequence": 1,
                "dossier_code": "KHAC-260824-0009",
                "state": "received",
                "received_at": "2026-08-24T02:00:00Z",
            }
        )
        # and one of another day: not in the period
        self.province._apply(
            {
                "event_id": "f00e",
                "sequence": 1,
                "dossier_code": "KHAC-260826-0001",
                "state": "received",
                "received_at": "2026-08-26T02:00:00Z",
            }
        )
        report = self._compare()
        by_status = {line.status: line for line in report.line_ids}
        self.assertEqual(set(by_status), {"missing", "extra"})
        self.assertEqual(by_status["missing"].dossier_id, dossier)
        self.assertEqual(by_status["missing"].lost_sequences, "1")
        self.assertEqual(by_status["extra"].dossier_code, "KHAC-260824-0009")
        self.assertFalse(by_status["extra"].dossier_id)
        # the Excel file says the same
        action = report.action_export_xlsx()
        self.assertIn("/file_data/", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.file_data)))
        rows = [
            [cell for cell in row if cell is not None]
            for row in book.active.iter_rows(min_row=4, values_only=True)
        ]
        codes = {row[1] for row in rows}
        self.assertEqual(codes, {dossier.name, "KHAC-260824-0009"})
        with self._jobs() as trap:
            report.action_resend_lost()
            self._run_jobs(trap)
        self.assertEqual(self.province.sequences(dossier.name), [1])

    def test_wrong_period_and_unreachable_system(self):
        with self.assertRaises(UserError):
            self._compare(date_from=date(2026, 8, 25), date_to=date(2026, 8, 24))
        self.system_province.endpoint_url = "http://127.0.0.1:9/api"
        with self.assertRaisesRegex(UserError, "could not be read"):
            self._compare()
        with self.assertRaises(AccessError):
            self.env["qms.tthc.reconciliation"].with_user(self.one_stop).create({})

    def test_another_agencys_system_is_refused(self):
        other = self.env["res.company"].create({"name": "Sở Y tế (khác)"})
        self.qms_manager.write({"company_ids": [(4, other.id)]})
        with self.assertRaises(UserError):
            self._compare(company_id=other.id)
        self.assertEqual(self._compare().company_id, self.env.company)
