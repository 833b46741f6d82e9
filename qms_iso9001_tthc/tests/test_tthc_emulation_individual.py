from odoo.tests import tagged

from .common_tthc import TthcCommon


@tagged("post_install", "-at_install")
class TestTthcIndividualEmulation(TthcCommon):
    """A civil servant's TTHC criterion counts the dossier steps they held (Vietnam time).

    The handler (Lê Văn Nam) held, in 2026: a step handed on early, one handed on late, one
    still open past its deadline (missed); a step of 2025 and one held by a colleague are not
    his -> 1 of 3. The step still open within its deadline is not counted yet.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._qms_deadline_calendar().tz = "Asia/Ho_Chi_Minh"
        cls.employee_handler = cls.env["hr.employee"].create(
            {
                "name": "Lê Văn Nam",
                "department_id": cls.department_unit.id,
                "user_id": cls.handler.id,
            }
        )
        cls.env["qms.emulation.criterion"].search([]).active = False
        cls.criterion = cls.env["qms.emulation.criterion"].create(
            {
                "name": "Xử lý hồ sơ TTHC đúng thời hạn của bước được giao",
                "metric": "tthc_on_time",
                "applies_to": "both",
                "weight": 100,
            }
        )
        flow = cls._flow(
            cls.procedure,
            [
                ("Tiếp nhận hồ sơ", 1, "day", ("direct", "online")),
                ("Thẩm định hồ sơ", 2, "day", ("direct",)),
                ("Thẩm định hồ sơ trực tuyến", 1, "day", ("online",)),
            ],
        )
        flow.with_user(cls.unit_officer).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()
        cls.dossier = cls.env["qms.tthc.dossier"].create(
            {
                "procedure_id": cls.procedure.id,
                "applicant_id": cls.env["res.partner"].create({"name": "Nguyễn Văn An"}).id,
                "channel": "direct",
                "received_at": "2025-12-20 02:00:00",
            }
        )
        Step = cls.env["qms.tthc.dossier.step"]

        def step(user, start, deadline, state, *, done=False, result=False):
            return Step.create(
                {
                    "dossier_id": cls.dossier.id,
                    "name": "Thẩm định hồ sơ",
                    "department_id": cls.department_unit.id,
                    "user_id": user.id,
                    "date_start": start,
                    "deadline": deadline,
                    "state": state,
                    "date_done": done,
                    "result": result,
                }
            )

        handler = cls.handler
        cls.step_early = step(
            handler,
            "2026-02-02 02:00",
            "2026-02-04 10:00",
            "done",
            done="2026-02-03 03:00",
            result="early",
        )
        cls.step_late = step(
            handler,
            "2026-03-02 02:00",
            "2026-03-03 10:00",
            "done",
            done="2026-03-05 03:00",
            result="late",
        )
        cls.step_overdue = step(handler, "2026-04-01 02:00", "2026-04-02 10:00", "open")
        cls.step_last_year = step(
            handler,
            "2025-12-29 02:00",
            "2025-12-30 10:00",
            "done",
            done="2025-12-30 03:00",
            result="on_time",
        )
        cls.step_colleague = step(
            cls.unit_officer,
            "2026-02-02 02:00",
            "2026-02-04 10:00",
            "done",
            done="2026-02-03 03:00",
            result="on_time",
        )
        cls.step_running = step(handler, "2026-04-01 02:00", "2099-04-02 10:00", "open")

    def test_steps_held_by_the_civil_servant(self):
        model, counts = self.criterion._qms_measure_individuals(self.employee_handler, 2026)
        self.assertEqual(model, "qms.tthc.dossier.step")
        achieved, counted = counts[self.employee_handler.id]
        self.assertEqual(achieved, [self.step_early.id])
        self.assertEqual(
            sorted(counted), sorted((self.step_early | self.step_late | self.step_overdue).ids)
        )
        scores = self.env["qms.emulation.individual.score"]._qms_compute_year(2026)
        score = scores.filtered(lambda s: s.employee_id == self.employee_handler)
        line = score.line_ids
        self.assertEqual((line.achieved_count, line.counted_count), (1, 3))
        self.assertAlmostEqual(score.total_points, 33.33)
        action = line.with_user(self.handler).action_open_evidence()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            self.step_early | self.step_late | self.step_overdue,
        )
