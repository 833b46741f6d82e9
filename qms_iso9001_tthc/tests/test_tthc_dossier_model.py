"""The dossier's derived columns (issue 18) and the cost of receiving a batch (issue 16).

The holder and the unit holding a dossier are stored columns related to its open hand-over, so
that the handler's lists, record rules and group-bys read a column; "overdue" has one
definition, compared with the clock when it is read or searched.
"""

import logging

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

from .test_tthc_dossier import DossierCommon, local

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestDossierHolderColumns(DossierCommon):
    def _columns(self, dossier):
        """The holder and unit as the database stores them (what lists and rules read)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT current_user_id, current_department_id FROM qms_tthc_dossier WHERE id = %s",
                dossier.id,
            )
        )
        return self.env.cr.fetchone()

    def test_holder_follows_the_open_step(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        self.assertEqual(self._columns(dossier), (self.one_stop.id, self.department_desk.id))
        self._hand_over(dossier, local(2026, 8, 24, 10, 0), self.handler)
        self.assertEqual(dossier.current_step_id.user_id, self.handler)
        self.assertEqual(self._columns(dossier), (self.handler.id, self.department_unit.id))
        # the handler's "With Me" filter and the group-by of the unit read those columns
        Dossier = self.env["qms.tthc.dossier"].with_user(self.handler)
        self.assertIn(dossier, Dossier.search([("current_user_id", "=", self.handler.id)]))
        groups = dict(
            self.env["qms.tthc.dossier"]._read_group(
                [("id", "=", dossier.id)], ["current_department_id"], ["__count"]
            )
        )
        self.assertEqual(groups, {self.department_unit: 1})
        self._hand_over(dossier, local(2026, 8, 25, 9, 0), self.signer)
        self._hand_over(dossier, local(2026, 8, 25, 10, 0))
        self.assertEqual(dossier.state, "resolved")
        # nobody holds a resolved dossier
        self.assertEqual(self._columns(dossier), (None, None))

    def test_holder_cannot_be_written_by_hand(self):
        """The columns follow the open step only: even the standing office cannot move them."""
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with self.assertRaises(UserError):
            dossier.with_user(self.qms_manager).write({"current_user_id": self.handler.id})
        self.assertEqual(dossier.current_user_id, self.one_stop)

    def test_the_columns_are_indexed(self):
        """The handler's lists and record rules filter on them at millions of rows."""
        Dossier = self.env["qms.tthc.dossier"]
        related = {
            "current_user_id": "current_step_id.user_id",
            "current_department_id": "current_step_id.department_id",
        }
        for name, path in related.items():
            field = Dossier._fields[name]
            self.assertTrue(field.store, name)
            self.assertTrue(field.index, name)
            self.assertEqual(field.related, path)

    def test_refused_dossier_is_held_by_nobody(self):
        dossier = self._receive(local(2026, 8, 24, 8, 0))
        with freeze_time(local(2026, 8, 24, 9, 0)):
            dossier.with_user(self.one_stop).action_refuse("Không thuộc thẩm quyền")
        self.assertEqual(self._columns(dossier), (None, None))
        self.assertFalse(dossier.current_step_id)


@tagged("post_install", "-at_install")
class TestDossierReceptionCost(DossierCommon):
    """Receiving a batch (the connector's API, an import) costs a constant number of queries,
    not a few per dossier: the flows, their steps, the working time and the numbers of an
    agency's day are read or taken once per batch."""

    def _batch(self, count, moment):
        Dossier = self.env["qms.tthc.dossier"].with_user(self.one_stop)
        with freeze_time(moment):
            return Dossier.create(
                [
                    {
                        "procedure_id": self.procedure.id,
                        "applicant_id": self.citizen.id,
                        "channel": "direct",
                        "received_at": moment,
                    }
                    for _index in range(count)
                ]
            )

    def _queries(self, count, moment):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        dossiers = self._batch(count, moment)
        self.env.flush_all()
        return self.cr.sql_log_count - before, dossiers

    def test_a_batch_costs_a_constant_number_of_queries(self):
        self.company.qms_agency_code = "UBNDDH"
        self._batch(2, local(2026, 8, 24, 8, 0))  # the registry's caches, warm
        two, _small = self._queries(2, local(2026, 8, 24, 8, 5))
        _logger.info("a batch of 2 dossiers costs %s queries", two)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(two + 6):
            dossiers = self._batch(20, local(2026, 8, 24, 8, 10))
            self.env.flush_all()
        # and each dossier is received as one received alone would be
        self.assertEqual(
            dossiers.mapped("name"), [f"UBNDDH-260824-{number:04d}" for number in range(5, 25)]
        )
        self.assertEqual(set(dossiers.mapped("appointment_date")), {local(2026, 8, 27, 16, 30)})
        self.assertEqual(dossiers.current_step_id.mapped("user_id"), self.one_stop)
        self.assertEqual(set(dossiers.mapped("current_user_id.id")), {self.one_stop.id})
        self.assertEqual(len(dossiers.step_ids), 20)
        self.assertEqual(dossiers.mapped("flow_id"), self.flow)

    def test_a_batch_copies_the_papers_at_a_constant_cost(self):
        """The procedure's papers are copied onto every dossier of a batch with one creation for
        the batch; the receiving officer follows each dossier (and finds it in the chatter's
        "followed" filter), and the chatter logs no "created" message: the first hand-over says
        who received it and when."""
        self.procedure.component_ids = [
            Command.create({"name": "Tờ khai", "original_count": 1}),
            Command.create({"name": "Giấy tờ chứng minh", "copy_count": 1}),
        ]
        self._batch(2, local(2026, 8, 24, 8, 0))  # the registry's caches, warm
        two, _small = self._queries(2, local(2026, 8, 24, 8, 5))
        twenty, dossiers = self._queries(20, local(2026, 8, 24, 8, 10))
        self.assertLessEqual(twenty, two + 6)
        # as in production: the test classes disable the chatter's work on create
        chatter_on = self.env["qms.tthc.dossier"].with_context(
            tracking_disable=False, mail_create_nolog=False, mail_create_nosubscribe=False
        )
        with freeze_time(local(2026, 8, 24, 8, 15)):
            followed = chatter_on.with_user(self.one_stop).create(
                [{"procedure_id": self.procedure.id, "applicant_id": self.citizen.id}] * 2
            )
        followers = self.env["mail.followers"].search(
            [("res_model", "=", followed._name), ("res_id", "in", followed.ids)]
        )
        self.assertEqual(sorted(followers.mapped("res_id")), sorted(followed.ids))
        self.assertEqual(followers.partner_id, self.one_stop.partner_id)
        for dossier in dossiers | followed:
            self.assertEqual(
                dossier.component_ids.mapped("name"), ["Tờ khai", "Giấy tờ chứng minh"]
            )
            self.assertFalse(dossier.component_ids.filtered("is_missing"))
            self.assertFalse(dossier.message_ids)
            self.assertEqual(dossier.step_ids.user_id, self.one_stop)
            self.assertEqual(dossier.step_ids.date_start, dossier.received_at)

    def test_batch_codes_follow_the_day_without_gap(self):
        self.company.qms_agency_code = "UBNDDH"
        first = self._batch(3, local(2026, 8, 24, 8, 0))
        one = self._batch(1, local(2026, 8, 24, 8, 1))
        second = self._batch(4, local(2026, 8, 24, 8, 2))
        next_day = self._batch(2, local(2026, 8, 25, 8, 0))
        self.assertEqual(
            (first | one | second).mapped("name"),
            [f"UBNDDH-260824-{number:04d}" for number in range(1, 9)],
        )
        self.assertEqual(next_day.mapped("name"), ["UBNDDH-260825-0001", "UBNDDH-260825-0002"])
