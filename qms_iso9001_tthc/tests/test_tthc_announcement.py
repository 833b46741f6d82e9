from odoo.tests import tagged

from odoo.addons.qms_iso9001.tests.announcement_fixtures import make_agency_ready

from .common_tthc import TthcCommon

STEPS = [
    ("Tiếp nhận", 4, "hour", ("direct",)),
    ("Thẩm định", 2, "day", ("direct", "online")),
    ("Ký", 4, "hour", ("direct",)),
]


@tagged("post_install", "-at_install")
class TestTthcAnnouncement(TthcCommon):
    """The công bố covers the procedures run through an ISO flow, next to the documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make_agency_ready(cls.env, cls.company, cls.employee_director, cls.department_office)

    def _announce(self, number):
        announcement = self.env["qms.announcement"].create(
            {
                "name": number,
                "date_decision": "2026-03-02",
                "signer_id": self.employee_director.id,
                "signer_title": "Chủ tịch",
                "place": "Quảng Trị",
                "activity_scope": "hộ tịch, chứng thực",
            }
        )
        announcement.action_announce()
        return announcement

    def _procedure_lines(self, announcement):
        return announcement.scope_line_ids.filtered(
            lambda line: line.res_model == "qms.tthc.procedure"
        )

    def test_procedures_with_a_flow_in_force_are_announced(self):
        without_flow = self.env["qms.tthc.procedure"].create(
            {
                "code": "2.000815",
                "name": "Chứng thực bản sao từ bản chính",
                "field_id": self.field_cert.id,
                "level": "commune",
            }
        )
        v1 = self._approve(self._flow(steps=STEPS))
        first = self._announce("12/QĐ-UBND")
        lines = self._procedure_lines(first)
        self.assertEqual(lines.mapped("code"), [self.procedure.code])
        self.assertEqual(lines.revision_label, "1")
        self.assertNotIn(without_flow.code, first.scope_line_ids.mapped("code"))

        action = v1.with_user(self.unit_officer).action_new_version()
        self._approve(self.env["qms.tthc.flow"].browse(action["res_id"]))
        first.invalidate_recordset()
        # a new flow version is a new issue of the procedure: the annex changes, not the scope
        self.assertFalse(first.scope_changed, "a new flow version is no re-announcement")
        self.assertTrue(first.annex_changed)
        self.assertEqual(
            (first.change_added_count, first.change_removed_count, first.change_revised_count),
            (0, 0, 1),
        )
        self.assertEqual(self._procedure_lines(first).revision_label, "1", "frozen")

    def test_abolished_procedure_leaves_the_scope(self):
        self._approve(self._flow(steps=STEPS))
        first = self._announce("12/QĐ-UBND")
        self.procedure.write({"state": "abolished", "date_abolished": "2026-06-30"})
        first.invalidate_recordset()
        self.assertEqual(first.change_removed_count, 1)
        self.assertIn(self.procedure.code, first.scope_change_html)
        self.assertTrue(first.scope_changed, "a procedure leaving the scope is re-announced")
