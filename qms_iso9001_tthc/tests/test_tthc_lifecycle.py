"""Issue 13 in the one-stop desk: the abuses reproduced as a user would (ORM calls as that user,
the same as JSON-RPC), each refused with the record unchanged, and the allowed path next to it.

The lifecycles declared here: the dossier, its hand-overs and papers, the flow and its steps,
the procedure and the catalogue import."""

import pathlib
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.qms_iso9001.lifecycle import MANAGER

from ..models.qms_tthc_dossier import DESK
from .test_tthc_dossier import DossierCommon, local

NOW = local(2026, 8, 24, 9, 0)  # Monday 24 August 2026, 9:00 in Hanoi


@tagged("post_install", "-at_install")
class TestDossierReception(DossierCommon):
    """What the desk enters, and nothing more: the rest is set by the system."""

    def _create(self, user=None, **values):
        vals = {"procedure_id": self.procedure.id, "applicant_id": self.citizen.id, **values}
        return self.env["qms.tthc.dossier"].with_user(user or self.one_stop).create(vals)

    def _count(self):
        return self.env["qms.tthc.dossier"].with_context(active_test=False).search_count([])

    def test_desk_cannot_create_a_dossier_already_returned_and_early(self):
        count = self._count()
        forged = {
            "state": "returned",
            "timeliness": "early",
            "resolved_at": NOW,
            "returned_at": NOW,
        }
        with freeze_time(NOW):
            for user in (self.one_stop, self.qms_manager):
                with self.subTest(user=user.login), self.assertRaises(UserError):
                    self._create(user, **forged)
            for name, value in {
                **forged,
                "name": "UBND-260824-0001",
                "appointment_date": local(2026, 12, 31, 16, 30),
                "counting_start": NOW,
                "processing_days": 0.1,
                "is_overdue": True,
                "flow_id": self.flow.id,
                "current_user_id": self.handler.id,
                "current_department_id": self.department_unit.id,
                "step_ids": [Command.create({"name": "Giả", "date_start": NOW})],
                "nonconformity_id": self.env["qms.nonconformity"].search([], limit=1).id or 1,
                "lookup_pin": "AAAAAA",
                "supplement_count": 3,
                "refused_by_id": self.one_stop.id,
                "result_note": "Đã trả kết quả",
                "active": False,
            }.items():
                with self.subTest(field=name), self.assertRaises(UserError):
                    self._create(**{name: value})
        self.assertEqual(self._count(), count, "nothing was created")

    def test_desk_creates_with_what_it_entered_and_the_system_sets_the_rest(self):
        with freeze_time(NOW):
            dossier = self._create(
                channel="online",
                fee_amount=8000,
                applicant_phone="0987 000 111",
                received_at=NOW - timedelta(hours=2),
            )
        self.assertEqual(dossier.state, "received")
        self.assertEqual(dossier.received_at, NOW - timedelta(hours=2))
        self.assertEqual(dossier.received_by_id, self.one_stop)
        self.assertRegex(dossier.name, r"-260824-0001$")
        self.assertTrue(dossier.lookup_pin)
        self.assertEqual(dossier.flow_id, self.flow)
        self.assertTrue(dossier.appointment_date and dossier.counting_start)
        self.assertFalse(dossier.timeliness)
        self.assertEqual(dossier.step_ids.user_id, self.one_stop)
        self.assertEqual(dossier.applicant_phone, "0987 000 111")

    def test_receiver_is_always_the_current_user(self):
        count = self._count()
        with freeze_time(NOW), self.assertRaises(UserError):
            self._create(received_by_id=self.handler.id)
        self.assertEqual(self._count(), count)
        with freeze_time(NOW):
            dossier = self._create(received_by_id=self.one_stop.id)
        self.assertEqual(dossier.received_by_id, self.one_stop)
        self.assertEqual(dossier.current_user_id, self.one_stop)
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).write({"received_by_id": self.handler.id})
        self.assertEqual(dossier.received_by_id, self.one_stop)

    def test_reception_moment_within_a_bounded_past(self):
        count = self._count()
        with freeze_time(NOW):
            for moment in (
                datetime(2020, 1, 6, 2, 0),
                datetime(1900, 1, 1),
                "0001-01-01 00:00:00",
                "9999-12-31 23:59:59",
                NOW - timedelta(hours=25),
                NOW + timedelta(hours=1),
                "24/08/2026",
                "not a date",
                42,
                [2026, 8, 24],
                {"date": "2026-08-24"},
            ):
                with self.subTest(moment=moment), self.assertRaises(UserError):
                    self._create(received_at=moment)
            self.assertEqual(self._count(), count)
            late_on_paper = self._create(received_at=NOW - timedelta(hours=23))
            self.assertEqual(late_on_paper.received_at, NOW - timedelta(hours=23))
            self.company.qms_tthc_backdate_hours = 48
            self.assertTrue(self._create(received_at=NOW - timedelta(hours=47)))
            self.company.qms_tthc_backdate_hours = 0
            with self.assertRaises(UserError):
                self._create(received_at=NOW - timedelta(hours=1))
            # the minutes a form stays open are allowed
            self.assertTrue(self._create(received_at=NOW - timedelta(minutes=10)))

    def test_reception_moment_cannot_be_changed_afterwards(self):
        with freeze_time(NOW):
            dossier = self._create()
        for user in (self.one_stop, self.qms_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                dossier.with_user(user).write({"received_at": NOW - timedelta(days=3)})
        self.assertEqual(dossier.received_at, NOW)


@tagged("post_install", "-at_install")
class TestDossierTransitions(DossierCommon):
    """Who may move a dossier: the table of its transitions, checked both ways."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._create_qms_user(
            "tthc_colleague", "qms_iso9001_tthc.group_qms_tthc_handler"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Trần Văn Đồng",
                "department_id": cls.department_unit.id,
                "user_id": cls.colleague.id,
            }
        )

    def test_declared_table(self):
        Dossier = self.env["qms.tthc.dossier"]
        table = {
            name: (Dossier._qms_declared(spec.states), spec.groups, spec.role)
            for name, spec in Dossier._qms_transitions().items()
        }
        holder = "_qms_is_holder"
        opened = ("received", "in_progress")
        self.assertEqual(
            table,
            {
                "action_hand_over": (opened, DESK, holder),
                "action_resolve": (opened, DESK, holder),
                "action_request_supplement": (opened, DESK, holder),
                "action_supplement_received": (("supplement",), DESK, holder),
                "action_apologize": (("received", "in_progress", "supplement"), DESK, holder),
                "action_return": (("in_progress", "resolved"), DESK, None),
                "action_refuse": (("received", "in_progress", "supplement"), DESK, None),
                "action_withdraw": (("received", "in_progress", "supplement"), DESK, None),
                # the applicant's rating, recorded by the desk once the result is handed back
                "action_rate_satisfied": (("returned",), DESK, None),
                "action_rate_acceptable": (("returned",), DESK, None),
                "action_rate_dissatisfied": (("returned",), DESK, None),
            },
        )
        self.assertIn(MANAGER, DESK)

    def test_hand_over_by_the_holder_their_unit_the_desk_or_the_standing_office(self):
        dossier = self._receive(NOW)
        # at the desk: a handler of the unit in charge reads it, but does not hold it yet
        with self.assertRaises(AccessError):
            dossier.with_user(self.handler).action_hand_over(self.handler.id)
        with self.assertRaises(AccessError):
            dossier.with_user(self.leader).action_hand_over(self.handler.id)
        self.assertEqual(dossier.current_user_id, self.one_stop)
        # over JSON-RPC the taker is an id
        with freeze_time(NOW):
            dossier.with_user(self.one_stop).action_hand_over(self.handler.id, "Đủ giấy tờ")
        self.assertEqual(dossier.current_user_id, self.handler)
        # a colleague of the holder's unit may pass it on, someone of another unit may not
        with self.assertRaises(AccessError):
            dossier.with_user(self.signer).action_hand_over(self.signer.id)
        with freeze_time(NOW + timedelta(hours=1)):
            dossier.with_user(self.colleague).action_hand_over(self.signer.id)
        self.assertEqual(dossier.current_user_id, self.signer)
        # the standing office may resolve it for the leader
        with freeze_time(NOW + timedelta(hours=2)):
            dossier.with_user(self.qms_manager).action_resolve()
        self.assertEqual(dossier.state, "resolved")
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_hand_over(self.handler.id)

    def test_bad_arguments_give_a_clear_error(self):
        dossier = self._receive(NOW)
        desk = dossier.with_user(self.one_stop)
        partner = self.citizen
        for user in ("abc", 999999, -1, True, 1.5, [self.handler.id], {"id": 1}, partner):
            with self.subTest(user=user), self.assertRaises(UserError):
                desk.action_hand_over(user)
        for note in (123, ["note"], {"a": 1}):
            with self.subTest(note=note), self.assertRaises(UserError):
                desk.action_hand_over(self.handler.id, note)
        for reason in (None, False, 123, ["x"], {"x": 1}, "   "):
            with self.subTest(reason=reason):
                for method in ("action_request_supplement", "action_refuse", "action_withdraw"):
                    with self.assertRaises(UserError):
                        getattr(desk, method)(reason)
        for new_date in (
            5,
            "abc",
            {},
            [2026, 9, 1],
            "0001-01-01 00:00:00",
            "9999-12-31 23:59:59",
            dossier.appointment_date,
        ):
            with self.subTest(new_date=new_date), self.assertRaises(UserError):
                desk.action_apologize(new_date, "Chờ xác minh")
        with self.assertRaises(UserError):
            desk.action_resolve(note=42)
        other = self._receive(NOW + timedelta(minutes=1))
        with self.assertRaises(UserError):
            (dossier | other).with_user(self.one_stop).action_hand_over(self.handler.id)
        self.assertEqual(dossier.state, "received")
        self.assertEqual(dossier.current_user_id, self.one_stop)
        self.assertFalse(dossier.apology_date)
        self.assertEqual(len(dossier.step_ids), 1)

    def test_desk_refuses_returns_and_withdraws(self):
        dossier = self._receive(NOW)
        self._hand_over(dossier, NOW + timedelta(minutes=10), self.handler)
        for method, args in (
            ("action_refuse", ("Không đủ điều kiện",)),
            ("action_withdraw", ("Người nộp xin rút",)),
            ("action_return", ()),
        ):
            for user in (self.handler, self.colleague, self.leader):
                with (
                    self.subTest(method=method, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    getattr(dossier.with_user(user), method)(*args)
        self.assertEqual(dossier.state, "in_progress")
        with freeze_time(NOW + timedelta(minutes=20)):
            dossier.with_user(self.one_stop).action_withdraw("Người nộp xin rút")
        self.assertEqual(dossier.state, "withdrawn")
        self.assertFalse(dossier.current_user_id)
        with self.assertRaises(UserError):
            dossier.with_user(self.one_stop).action_refuse("Không đủ điều kiện")
        self.assertEqual(dossier.state, "withdrawn")

    def test_supplement_and_apology_by_the_holder(self):
        dossier = self._receive(NOW)
        self._hand_over(dossier, NOW + timedelta(minutes=10), self.handler)
        with self.assertRaises(AccessError):
            dossier.with_user(self.signer).action_request_supplement("Bản sao")
        with self.assertRaises(AccessError):
            dossier.with_user(self.signer).action_apologize(
                dossier.appointment_date + timedelta(days=1), "Chờ"
            )
        with freeze_time(NOW + timedelta(hours=1)):
            dossier.with_user(self.colleague).action_request_supplement("Bản sao giấy khai sinh")
        self.assertEqual(dossier.state, "supplement")
        self.assertEqual(dossier.supplement_requested_by_id, self.colleague)
        with self.assertRaises(AccessError):
            dossier.with_user(self.signer).action_supplement_received()
        with freeze_time(NOW + timedelta(days=1)):
            dossier.with_user(self.handler).action_supplement_received()
        self.assertEqual(dossier.state, "in_progress")


@tagged("post_install", "-at_install")
class TestNoContextKey(DossierCommon):
    """The context keys that used to open the workflow fields grant nothing any more."""

    KEYS = {"qms_dossier_workflow": True, "qms_flow_approval": True}

    def test_context_keys_do_not_open_the_dossier(self):
        dossier = self._receive(NOW)
        before = dossier.read(["name", "timeliness", "appointment_date", "state"])[0]
        for user in (self.one_stop, self.qms_manager):
            as_user = dossier.with_user(user).with_context(**self.KEYS)
            for values in (
                {"name": "UBND-200101-0001"},
                {"timeliness": "early"},
                {"appointment_date": local(2026, 12, 31, 16, 30)},
                {"state": "returned"},
            ):
                with self.subTest(user=user.login, values=values), self.assertRaises(UserError):
                    as_user.write(values)
        self.assertEqual(
            dossier.read(["name", "timeliness", "appointment_date", "state"])[0], before
        )

    def test_context_keys_do_not_put_a_flow_in_force(self):
        draft = self.flow.with_user(self.qms_manager).copy()
        for user in (self.unit_officer, self.qms_manager):
            as_user = draft.with_user(user).with_context(**self.KEYS)
            for values in ({"state": "approved"}, {"date_approved": NOW}, {"version": 7}):
                with self.subTest(user=user.login, values=values), self.assertRaises(UserError):
                    as_user.write(values)
        with self.assertRaises(UserError):
            self.flow.with_user(self.qms_manager).with_context(**self.KEYS).write(
                {"state": "superseded"}
            )
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.flow.state, "approved")

    def test_no_context_key_left_in_the_addon(self):
        addon = pathlib.Path(__file__).resolve().parents[1]
        sources = [
            path
            for folder in ("models", "wizard", "controllers")
            for path in (addon / folder).glob("*.py")
        ]
        self.assertTrue(sources)
        for path in sources:
            text = path.read_text(encoding="utf-8")
            for key in (*self.KEYS, "qms_report_compute"):
                self.assertNotIn(key, text, f"{path.name} still reads the context key {key}")


@tagged("post_install", "-at_install")
class TestDossierPartsFrozen(DossierCommon):
    """Hand-overs and papers change only through the dossier's actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.procedure.component_ids = [
            Command.create({"name": "Tờ khai thay đổi hộ tịch", "original_count": 1})
        ]

    def test_hand_over_lines_are_never_written_by_hand(self):
        dossier = self._receive(NOW)
        self._hand_over(dossier, NOW + timedelta(minutes=10), self.handler)
        line = dossier.step_ids[:1]
        before = line.read(["result", "date_done", "user_id", "deadline"])[0]
        for user in (self.handler, self.one_stop, self.qms_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    line.with_user(user).write({"result": "early", "user_id": user.id})
                with self.assertRaises(AccessError):
                    line.with_user(user).unlink()
                with self.assertRaises(UserError):
                    line.with_user(user).create(
                        {"dossier_id": dossier.id, "name": "Giả", "date_start": NOW}
                    )
                with self.assertRaises(UserError):
                    dossier.with_user(user).write(
                        {"step_ids": [Command.update(line.id, {"result": "early"})]}
                    )
        self.assertEqual(line.read(["result", "date_done", "user_id", "deadline"])[0], before)
        with self.assertRaises(UserError):
            line.unlink()  # kept for ever, whoever asks

    def test_papers_are_recorded_by_the_desk_or_the_holder_only(self):
        dossier = self._receive(NOW)
        paper = dossier.component_ids
        # the unit in charge reads the dossier at the desk, but does not record its papers
        with self.assertRaises(AccessError):
            paper.with_user(self.handler).write({"original_count": 0})
        with self.assertRaises(AccessError):
            paper.with_user(self.handler).create(
                {"dossier_id": dossier.id, "name": "Giấy tờ khác", "copy_count": 1}
            )
        self.assertEqual(paper.original_count, 1)
        other = self._receive(NOW + timedelta(minutes=5))
        with self.assertRaises(UserError):
            paper.with_user(self.one_stop).write({"dossier_id": other.id})
        paper.with_user(self.one_stop).write({"copy_count": 1})
        self._hand_over(dossier, NOW + timedelta(minutes=10), self.handler)
        for user in (self.handler, self.one_stop, self.qms_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                paper.with_user(user).write({"original_count": 0})
        with self.assertRaises(UserError):
            paper.unlink()
        self.assertEqual((paper.original_count, paper.copy_count), (1, 1))


@tagged("post_install", "-at_install")
class TestLateNonconformity(DossierCommon):
    """The handler blamed by a late-dossier NC neither cancels nor archives it; the standing
    office cancels it, with a reason."""

    def _late_dossier(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        # due Thu 27/8 16:30 (the reception day does not count): signed on Friday, late
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self._hand_over(dossier, local(2026, 8, 28, 9, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 28, 10, 0))
        self.assertEqual(dossier.timeliness, "late")
        return dossier

    def _cancel(self, nonconformity, user, reason):
        """Cancel as `user` the way the screens do: the NC's cancelling transition when it
        declares one, else its cancellation wizard."""
        names = sorted(name for name in nonconformity._qms_transitions() if "cancel" in name)
        if names:
            return getattr(nonconformity.with_user(user), names[0])(reason)
        wizard = (
            self.env["qms.nonconformity.cancel"]
            .with_user(user)
            .create({"nonconformity_ids": [Command.set(nonconformity.ids)], "reason": reason})
        )
        return wizard.action_confirm()

    def test_blamed_handler_cannot_cancel_nor_archive_the_late_nc(self):
        nonconformity = self._late_dossier().nonconformity_id.with_env(self.env)
        self.assertEqual(nonconformity.responsible_id, self.handler)
        state = nonconformity.state
        as_handler = nonconformity.with_user(self.handler)
        with self.assertRaises(UserError):
            self._cancel(nonconformity, self.handler, "Do người dân chậm bổ sung")
        with self.assertRaises(UserError):
            as_handler.action_archive()
        with self.assertRaises(UserError):
            as_handler.write({"state": "cancelled"})
        self.assertEqual(nonconformity.state, state)
        self.assertTrue(nonconformity.active)
        # the standing office, with a reason
        with self.assertRaises(UserError):
            self._cancel(nonconformity, self.qms_manager, " ")
        self._cancel(nonconformity, self.qms_manager, "Trễ do lỗi phần mềm một cửa")
        self.assertEqual(nonconformity.state, "cancelled")


@tagged("post_install", "-at_install")
class TestFlowLifecycle(DossierCommon):
    def test_flow_in_force_only_through_its_approval(self):
        draft = self.flow.with_user(self.unit_officer).copy()
        self.assertEqual(draft.version, 2, "numbered by the system")
        for values in (
            {"state": "approved"},
            {"state": "to_approve"},
            {"date_approved": NOW},
            {"version": 1},
        ):
            for user in (self.unit_officer, self.qms_manager):
                with self.subTest(values=values, user=user.login), self.assertRaises(UserError):
                    draft.with_user(user).write(values)
        with self.assertRaises(UserError):
            self.env["qms.tthc.flow"].with_user(self.unit_officer).create(
                {"procedure_id": self.procedure.id, "state": "approved"}
            )
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.unit_officer).action_submit_for_approval()
        self.assertEqual(draft.state, "to_approve")
        draft.with_user(self.leader).action_approve()
        self.assertEqual((draft.state, self.flow.state), ("approved", "superseded"))
        self.assertTrue(draft.date_approved and self.flow.date_superseded)
        with self.assertRaises(UserError):
            self.flow.with_user(self.qms_manager).write({"state": "approved"})

    def test_steps_frozen_once_submitted(self):
        draft = self.flow.with_user(self.unit_officer).copy()
        step = draft.step_ids[:1]
        step.with_user(self.unit_officer).write({"name": "Tiếp nhận, kiểm tra hồ sơ"})
        draft.with_user(self.unit_officer).action_submit_for_approval()
        for user in (self.unit_officer, self.qms_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    step.with_user(user).write({"duration": 1})
                with self.assertRaises(UserError):
                    step.with_user(user).unlink()
                with self.assertRaises(UserError):
                    step.with_user(user).create(
                        {"flow_id": draft.id, "name": "Thêm", "duration": 1}
                    )
                with self.assertRaises(UserError):
                    draft.with_user(user).write({"note": "Sửa"})
        self.assertEqual((step.name, step.duration), ("Tiếp nhận, kiểm tra hồ sơ", 0.5))
        # a draft step is not moved into a flow in force either
        other = self.flow.with_user(self.qms_manager).copy()
        with self.assertRaises(UserError):
            other.step_ids[:1].with_user(self.qms_manager).write({"flow_id": self.flow.id})
        self.assertEqual(len(self.flow.step_ids), 4)


@tagged("post_install", "-at_install")
class TestProcedureLifecycle(DossierCommon):
    def test_abolishing_is_the_standing_office_s(self):
        procedure = self.procedure_hours
        for user in (self.unit_officer, self.one_stop, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                procedure.with_user(user).action_abolish()
        with self.assertRaises(UserError):
            procedure.with_user(self.qms_manager).write(
                {"state": "abolished", "date_abolished": "2026-08-24"}
            )
        with self.assertRaises(UserError):
            procedure.with_user(self.qms_manager).action_abolish("31/08/2026")
        self.assertEqual(procedure.state, "active")
        procedure.with_user(self.qms_manager).action_abolish("2026-08-31")
        self.assertEqual(
            (procedure.state, str(procedure.date_abolished)), ("abolished", "2026-08-31")
        )
        # frozen, but archived by the standing office
        with self.assertRaises(UserError):
            procedure.with_user(self.qms_manager).write({"name": "Tên khác"})
        with self.assertRaises(UserError):
            self._receive(NOW, procedure=procedure)
        # put back only with a reason
        with self.assertRaises(UserError):
            procedure.with_user(self.qms_manager).action_reinstate(" ")
        with self.assertRaises(AccessError):
            procedure.with_user(self.unit_officer).action_reinstate("Nhầm quyết định")
        procedure.with_user(self.qms_manager).action_reinstate("Nhập nhầm quyết định bãi bỏ")
        self.assertEqual(procedure.state, "active")
        self.assertFalse(procedure.date_abolished)
        self.assertTrue(
            any(
                "Nhập nhầm quyết định bãi bỏ" in body
                for body in procedure.message_ids.mapped("body")
            )
        )
        procedure.with_user(self.qms_manager).action_mark_amended()
        self.assertEqual(procedure.state, "amended")
        self.assertTrue(procedure.date_amended)


@tagged("post_install", "-at_install")
class TestImportLifecycle(DossierCommon):
    def test_import_state_moves_by_its_actions_only(self):
        wizard = (
            self.env["qms.tthc.import"]
            .with_user(self.qms_manager)
            .create({"file_data": self._xlsx([]), "file_name": "danh_muc.xlsx"})
        )
        for values in ({"state": "done"}, {"line_ids": [Command.create({"status": "create"})]}):
            with self.subTest(values=values), self.assertRaises(UserError):
                wizard.write(values)
        with self.assertRaises(UserError):
            self.env["qms.tthc.import"].with_user(self.qms_manager).create(
                {"file_data": self._xlsx([]), "state": "done"}
            )
        self.assertEqual(wizard.state, "upload")
