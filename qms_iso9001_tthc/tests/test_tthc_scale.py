from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_tthc import TthcCommon

EVERY = ("direct", "online", "postal")
LIST_FIELDS = (
    "is_overdue",
    "name",
    "received_at",
    "applicant_id",
    "procedure_id",
    "current_department_id",
    "current_user_id",
    "appointment_date",
    "state",
    "timeliness",
)


@tagged("post_install", "-at_install")
class TestTthcScale(TthcCommon):
    """The screens a province opens all day cost the same number of queries with 2 dossiers as
    with 20 (issue 16: they must stay so at millions): the handler's list, inbox and overdue
    filter under the handler's record rule, and the statistics of a year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flow = cls._flow(
            cls.procedure,
            [("Thẩm định", 2, "day", ("direct", "online")), ("Lãnh đạo ký", 1, "day", ("direct",))],
        )
        flow.step_ids.department_id = cls.department_unit
        flow.with_user(cls.qms_manager).action_submit_for_approval()
        flow.with_user(cls.leader).action_approve()
        cls.other_procedure = cls.env["qms.tthc.procedure"].create(
            {
                "code": "2.000815",
                "name": "Chứng thực bản sao từ bản chính",
                "field_id": cls.field_cert.id,
                "department_id": cls.department_office.id,
                "processing_time_ids": [
                    fields.Command.create({"filing_method": m, "duration": 1, "unit": "day"})
                    for m in EVERY
                ],
            }
        )
        other_flow = cls._flow(cls.other_procedure, [("Chứng thực", 1, "day", EVERY)])
        other_flow.step_ids.department_id = cls.department_office
        other_flow.with_user(cls.qms_manager).action_submit_for_approval()
        other_flow.with_user(cls.leader).action_approve()
        cls.citizen = cls.env["res.partner"].create({"name": "Nguyễn Văn Dân"})
        cls.env["hr.employee"].create(
            {
                "name": "Trần Văn Thụ Lý",
                "department_id": cls.department_unit.id,
                "user_id": cls.handler.id,
            }
        )
        cls.spec = {
            name: {"fields": {"display_name": {}}}
            if cls.env["qms.tthc.dossier"]._fields[name].type == "many2one"
            else {}
            for name in LIST_FIELDS
        }

    def _receive(self, count, procedure=None):
        now = fields.Datetime.now()
        dossiers = self.env["qms.tthc.dossier"].create(
            [
                {
                    "procedure_id": (procedure or self.procedure).id,
                    "applicant_id": self.citizen.id,
                    "channel": "direct",
                    "received_at": now - timedelta(days=index % 3, minutes=index),
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()
        return dossiers

    def _queries(self, call):
        """(queries, result) of `call` with Odoo's cache emptied, as a new request."""
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = call()
        return self.env.cr.sql_log_count - before, result

    def _screens(self, user):
        Dossier = self.env["qms.tthc.dossier"].with_user(user)
        return {
            "list": [],
            "with my unit": [("is_with_my_unit", "=", True), ("state", "!=", "returned")],
            "overdue": [("is_overdue", "=", True)],
            "mine": [("current_user_id", "=", user.id)],
        }, lambda domain: Dossier.web_search_read(domain, self.spec, limit=80, count_limit=10001)

    def test_handler_screens_cost_the_same_with_more_dossiers(self):
        mine = self._receive(2)
        others = self._receive(3, self.other_procedure)
        domains, search = self._screens(self.handler)
        for domain in domains.values():
            search(domain)  # the first call loads the views' and rules' caches
        small = {name: self._queries(lambda d=d: search(d)) for name, d in domains.items()}
        self.assertEqual(small["list"][1]["length"], 2)
        self.assertEqual({r["id"] for r in small["list"][1]["records"]}, set(mine.ids))
        mine |= self._receive(18)
        others |= self._receive(10, self.other_procedure)
        large = {name: self._queries(lambda d=d: search(d)) for name, d in domains.items()}
        # the handler's rule: the unit's dossiers, none of the other unit's
        listed = {record["id"] for record in large["list"][1]["records"]}
        self.assertEqual(listed, set(mine.ids))
        self.assertFalse(listed & set(others.ids))
        for name in domains:
            self.assertLessEqual(
                large[name][0], small[name][0], f"{name}: queries grow with the dossiers"
            )
        # the list as the web client asks it, as a handler, with ten times the dossiers
        with self.assertQueryCount(small["list"][0]):
            self.env.invalidate_all()
            search([])

    def test_handler_rule_is_one_indexed_sub_query(self):
        """The handler's dossiers come from one sub-query (a UNION of index scans), not from
        a test of every dossier of the province against four alternatives."""
        sql = self.env["qms.tthc.dossier"].with_user(self.handler)._search([]).select().code
        self.assertEqual(sql.count(" UNION "), 3, sql)
        # the hand-overs are read twice, inside the sub-query, never per dossier
        self.assertEqual(sql.count("qms_tthc_dossier_step"), 2, sql)

    def test_statistics_cost_the_same_with_more_dossiers(self):
        self._receive(2)
        Statistics = self.env["qms.tthc.statistics"].with_user(self.leader)
        today = fields.Date.context_today(Statistics)
        period = (today - timedelta(days=365), today)
        for groupby in ("unit", "procedure"):  # the first call loads the agency's calendar
            Statistics._qms_dossier_statistics(*period, groupby)
        counts = {}
        for size in (2, 20):
            if size == 20:
                self._receive(18)
            for groupby in ("unit", "procedure"):
                counts[size, groupby] = self._queries(
                    lambda g=groupby: Statistics._qms_dossier_statistics(*period, g)
                )
        for groupby in ("unit", "procedure"):
            small, large = counts[2, groupby], counts[20, groupby]
            self.assertEqual(sum(f["received_count"] for f in large[1].values()), 20)
            self.assertLessEqual(large[0], small[0], f"statistics by {groupby}: queries grow")
