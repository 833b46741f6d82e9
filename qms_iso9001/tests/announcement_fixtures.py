"""Making an agency ready to announce its QMS, for the tests of the announcement and of the
addons that extend it (no test in this module)."""

import base64

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


def make_agency_ready(env, company, chair, department=None):
    """Quality policy in force and a management review held; with `department`, a system
    procedure of that unit issued as well. Returns (policy, review)."""
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
    if department:
        issue_document(
            env,
            "Quy trình kiểm soát hồ sơ",
            "READY.QT.HT",
            "qms_iso9001.document_type_system_procedure",
            department,
        )
    return policy, review
