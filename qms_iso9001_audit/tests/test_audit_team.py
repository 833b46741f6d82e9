from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AuditCommon


@tagged("post_install", "-at_install")
class TestAuditTeam(AuditCommon):
    def test_only_qualified_employees_on_the_team(self):
        audit = self._create_audit()
        self.assertEqual(audit.auditor_user_ids, self.auditor_user | self.auditor2_user)
        with self.assertRaises(ValidationError):
            audit.auditor_ids = [Command.link(self.employee_member.id)]
        self.assertEqual(audit.auditor_ids, self.auditor)
        # A qualified internal auditor who is not a lead auditor cannot lead.
        with self.assertRaises(ValidationError):
            audit.lead_auditor_id = self.auditor
        self.assertEqual(audit.lead_auditor_id, self.lead_auditor)
        with self.assertRaises(ValidationError):
            self._create_audit(lead_auditor_id=self.employee_secretary.id)

    def test_qualification_comes_from_the_auditor_register(self):
        self.employee_member.qms_is_internal_auditor = True
        audit = self._create_audit()
        audit.auditor_ids = [Command.link(self.employee_member.id)]
        self.assertIn(self.employee_member, audit.auditor_ids)

    def test_external_audit_team_is_not_checked(self):
        audit = self._create_audit(
            audit_type="inspection", lead_auditor_id=self.employee_director.id
        )
        self.assertEqual(audit.lead_auditor_id, self.employee_director)

    def test_auditor_cannot_audit_own_unit(self):
        audit = self._create_audit()
        with self.assertRaises(ValidationError):
            audit.schedule_line_ids = [
                Command.create(
                    {
                        "datetime_start": "2026-05-11 01:30:00",
                        "datetime_end": "2026-05-11 04:30:00",
                        "department_id": self.department_legal.id,
                        "auditor_id": self.auditor.id,
                    }
                )
            ]
        self.assertFalse(audit.schedule_line_ids)
        self._add_schedule(audit)
        self.assertEqual(
            audit.schedule_line_ids.mapped("auditor_id"), self.auditor | self.lead_auditor
        )

    def test_independence_covers_sub_units_and_checklists(self):
        team = self.env["hr.department"].create(
            {"name": "Tổ kiểm tra văn bản", "parent_id": self.department_legal.id}
        )
        self.auditor.department_id = team
        audit = self._create_audit()
        with self.assertRaises(ValidationError):
            self.env["qms.audit.checklist.line"].create(
                {
                    "audit_id": audit.id,
                    "question": "Hồ sơ có được lưu đúng quy định?",
                    "department_id": self.department_legal.id,
                    "auditor_id": self.auditor.id,
                }
            )
        line = self.env["qms.audit.checklist.line"].create(
            {
                "audit_id": audit.id,
                "question": "Hồ sơ có được lưu đúng quy định?",
                "department_id": self.department_unit.id,
                "auditor_id": self.auditor.id,
            }
        )
        self.assertEqual(line.auditor_id, self.auditor)

    def test_lead_of_a_single_unit_audit_is_independent(self):
        with self.assertRaises(ValidationError):
            self._create_audit(department_ids=[Command.set(self.department_office.ids)])
        audit = self._create_audit(department_ids=[Command.set(self.department_unit.ids)])
        self.assertEqual(audit.department_ids, self.department_unit)

    def test_schedule_only_for_team_and_audited_units(self):
        audit = self._create_audit()
        slot = {
            "datetime_start": "2026-05-11 01:30:00",
            "datetime_end": "2026-05-11 04:30:00",
            "department_id": self.department_unit.id,
            "auditor_id": self.other_auditor.id,
        }
        with self.assertRaises(ValidationError):
            audit.schedule_line_ids = [Command.create(slot)]
        with self.assertRaises(ValidationError):
            audit.schedule_line_ids = [
                Command.create(
                    dict(slot, auditor_id=self.auditor.id, department_id=self.department_office.id)
                )
            ]
        with self.assertRaises(ValidationError):
            audit.schedule_line_ids = [
                Command.create(
                    dict(slot, auditor_id=self.auditor.id, datetime_end="2026-05-10 01:00:00")
                )
            ]
        audit.schedule_line_ids = [Command.create(dict(slot, auditor_id=self.auditor.id))]
        self.assertEqual(len(audit.schedule_line_ids), 1)
