"""Making an agency ready to announce its QMS, for the tests of the announcement and of the
addons that extend it (no test in this module)."""

import base64

from odoo import Command

PDF = base64.b64encode(b"%PDF-1.4 quy trinh")


def issue_document(env, name, code, type_xmlid, department):
    """An issued document of the agency (created and issued as the superuser)."""
    document = env["qms.document"].create(
        {
            "name": name,
            "code": code,
            "type_id": env.ref(type_xmlid).id,
            "department_id": department.id,
        }
    )
    attachment = env["ir.attachment"].create({"name": "qt.pdf", "datas": PDF})
    env["qms.document.revision"].create(
        {
            "document_id": document.id,
            "main_attachment_id": attachment.id,
            "state": "approved",
        }
    ).action_issue()
    return document


def make_agency_ready(env, company, chair, department=None, audit=True):
    """Quality policy in force, a management review held and, with the internal audit addon,
    every unit audited; with `department`, a system procedure of that unit issued as well.
    Returns (policy, review)."""
    policy = env["qms.policy"].create(
        {"company_id": company.id, "state": "published", "statement": "<p>Phục vụ nhân dân</p>"}
    )
    review = env["qms.management.review"].create(
        {
            "name": "Họp xem xét của lãnh đạo",
            "date": "2026-02-20",
            "date_from": "2025-01-01",
            "date_to": "2026-02-15",
            "chair_id": chair.id,
            "company_id": company.id,
            "state": "approved",
        }
    )
    if audit and "qms.audit" in env:
        # with the internal audit addon, every unit of the agency had its internal audit
        env["qms.audit"].create(
            {
                "name": "Đánh giá nội bộ trước công bố",
                "audit_type": "internal",
                "date_start": "2026-02-02",
                "date_end": "2026-02-03",
                "department_ids": [
                    Command.set(
                        env["hr.department"].search([("company_id", "in", [company.id, False])]).ids
                    )
                ],
                "lead_auditor_id": env["hr.employee"]
                .create(
                    {
                        "name": "Trưởng đoàn đánh giá",
                        "company_id": company.id,
                        "qms_is_internal_auditor": True,
                        "qms_is_lead_auditor": True,
                    }
                )
                .id,
                "company_id": company.id,
                "state": "closed",
            }
        )
    if department:
        issue_document(
            env,
            "Quy trình kiểm soát hồ sơ",
            "READY.QT.HT",
            "qms_iso9001.document_type_system_procedure",
            department,
        )
    return policy, review
