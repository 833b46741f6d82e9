from odoo import Command

from odoo.addons.qms_iso9001.tests.common import QmsCommon


class AuditCommon(QmsCommon):
    """Three units, two qualified auditors (one lead), a user in the audited unit and a route
    approving audit plans and reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_legal = cls.env["hr.department"].create(
            {"name": "Phòng Xây dựng và kiểm tra văn bản"}
        )
        cls.auditor_user = cls._create_qms_user(
            "auditor_lead", "qms_iso9001_audit.group_qms_auditor"
        )
        cls.auditor2_user = cls._create_qms_user(
            "auditor_two", "qms_iso9001_audit.group_qms_auditor"
        )
        cls.other_auditor_user = cls._create_qms_user(
            "auditor_other", "qms_iso9001_audit.group_qms_auditor"
        )
        Employee = cls.env["hr.employee"]
        cls.lead_auditor = Employee.create(
            {
                "name": "Nguyễn Thị Lan",
                "department_id": cls.department_office.id,
                "user_id": cls.auditor_user.id,
                "qms_is_internal_auditor": True,
                "qms_is_lead_auditor": True,
                "qms_auditor_certificate": "125/2024/CG",
            }
        )
        cls.auditor = Employee.create(
            {
                "name": "Lê Minh Tuấn",
                "department_id": cls.department_legal.id,
                "user_id": cls.auditor2_user.id,
                "qms_is_internal_auditor": True,
            }
        )
        cls.other_auditor = Employee.create(
            {
                "name": "Hoàng Văn Nam",
                "department_id": cls.department_legal.id,
                "user_id": cls.other_auditor_user.id,
                "qms_is_internal_auditor": True,
                "qms_is_lead_auditor": True,
            }
        )
        cls.unit_employee = Employee.create(
            {
                "name": "Đặng Thu Hà",
                "department_id": cls.department_unit.id,
                "user_id": cls.qms_user.id,
            }
        )
        cls.department_unit.manager_id = cls.employee_member
        cls.clause = {
            code: cls.env.ref(f"qms_iso9001_audit.clause_{code.replace('.', '_')}")
            for code in ("7.5", "7.5.3", "8.5", "8.5.1", "9.1.2")
        }
        cls.env["qms.approval.route"].search([("model", "=", "qms.audit")]).active = False
        cls.route = cls.env["qms.approval.route"].create(
            {
                "name": "Phê duyệt kế hoạch đánh giá",
                "model_id": cls.env["ir.model"]._get_id("qms.audit"),
                "is_default": True,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Giám đốc phê duyệt",
                            "approver_type": "users",
                            "user_ids": [Command.set(cls.leader.ids)],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _create_audit(cls, **values):
        vals = {
            "name": "Đánh giá nội bộ đợt 1/2026",
            "date_start": "2026-05-11",
            "date_end": "2026-05-12",
            "department_ids": [Command.set([cls.department_unit.id, cls.department_legal.id])],
            "clause_ids": [Command.set([cls.clause["7.5"].id, cls.clause["8.5"].id])],
            "lead_auditor_id": cls.lead_auditor.id,
            "auditor_ids": [Command.set(cls.auditor.ids)],
        }
        vals.update(values)
        return cls.env["qms.audit"].create(vals)

    @classmethod
    def _add_schedule(cls, audit):
        audit.write(
            {
                "schedule_line_ids": [
                    Command.create(
                        {
                            "datetime_start": "2026-05-11 01:30:00",
                            "datetime_end": "2026-05-11 04:30:00",
                            "department_id": cls.department_unit.id,
                            "auditor_id": cls.auditor.id,
                        }
                    ),
                    Command.create(
                        {
                            "datetime_start": "2026-05-12 01:30:00",
                            "datetime_end": "2026-05-12 04:30:00",
                            "department_id": cls.department_legal.id,
                            "auditor_id": cls.lead_auditor.id,
                        }
                    ),
                ]
            }
        )

    @classmethod
    def _create_template(cls, name, questions):
        return cls.env["qms.audit.checklist.template"].create(
            {
                "name": name,
                "line_ids": [
                    Command.create({"sequence": index, "clause_id": clause.id, "question": text})
                    for index, (clause, text) in enumerate(questions)
                ],
            }
        )
