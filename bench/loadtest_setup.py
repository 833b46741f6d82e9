"""The people and records one load run needs, built inside Odoo (run by bench/loadtest.py).

Agencies (companies) each with a one-stop desk and a specialist unit, desk officers who are also
leaders (so the same client receives, hands over, approves and reads), specialists who take the
dossiers, an approved two-step flow per agency, procedure documents waiting for approval by any
of the agency's desk officers, and issued procedures every officer must read. The records are
made through the models' own transitions where a user would make them (flows and revisions are
submitted and approved by a manager); only master data is created as superuser.

    python bench/loadtest_setup.py <db> <plan.json> <ops> <clients> <tag>

writes the plan (logins, ids) that the clients of the run use.
"""

import base64
import json
import math
import os
import sys

AGENCIES = 3
PASSWORD_SUFFIX = "-Load2026!"
# the mix of the run, by share of the operations (bench/loadtest.py uses the same)
MIX = {"reception": 0.40, "hand_over": 0.25, "approval": 0.15, "acknowledge": 0.20}
HANDLERS_PER_AGENCY = 3
# the set-up is not what is measured: no e-mail per activity, no chatter line per record made
SETUP_CONTEXT = {
    "tz": "Asia/Ho_Chi_Minh",
    "mail_activity_quick_update": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
# a tiny PDF: the revision's main file, stored in the filestore (the backup check counts files)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def open_env(db_name):
    sys.path.insert(0, os.environ["ODOO_ROOT"])
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", os.environ["ODOO_CONF"], "-d", db_name, "--log-level=warn"])
    from odoo.orm.registry import Registry  # noqa: PLC0415

    return Registry(db_name)


def _user(env, login, name, company, groups):
    users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    user = users.search([("login", "=", login)])
    if user:
        return user
    return users.create(
        {
            "name": name,
            "login": login,
            "password": login + PASSWORD_SUFFIX,
            "group_ids": [(6, 0, [env.ref(xmlid).id for xmlid in groups])],
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "tz": "Asia/Ho_Chi_Minh",
        }
    )


def _agency(env, index, clients_here, admin):
    """The agency, its units, people, procedure and approved flow (made once per database)."""
    Company = env["res.company"]
    code = f"LT{index}"
    company = Company.search([("qms_agency_code", "=", code)])
    if not company:
        vals = {"name": f"UBND xã Thử Tải {index}", "qms_agency_code": code}
        if "iap_enrich_auto_done" in Company._fields:  # partner_autocomplete: no call to IAP
            vals["iap_enrich_auto_done"] = True
        company = Company.create(vals)
    admin.write({"company_ids": [(4, company.id)]})
    env = env(context={**env.context, "allowed_company_ids": company.ids})
    env = env["res.company"].with_company(company).env
    Department = env["hr.department"]
    desk = Department.search([("name", "=", "Bộ phận Một cửa"), ("company_id", "=", company.id)])
    if not desk:
        desk = Department.create({"name": "Bộ phận Một cửa", "company_id": company.id})
    unit = Department.search([("name", "=", "Phòng Tư pháp"), ("company_id", "=", company.id)])
    if not unit:
        unit = Department.create({"name": "Phòng Tư pháp", "company_id": company.id})
    officers = env["res.users"]
    for number in range(clients_here):
        login = f"load{index}_desk{number:02d}"
        officer = _user(
            env,
            login,
            f"Cán bộ một cửa {index}.{number}",
            company,
            ("qms_iso9001_tthc.group_qms_tthc_one_stop", "qms_iso9001.group_qms_leader"),
        )
        if not officer.employee_ids:
            env["hr.employee"].create(
                {
                    "name": officer.name,
                    "department_id": desk.id,
                    "user_id": officer.id,
                    "company_id": company.id,
                }
            )
        officers |= officer
    handlers = env["res.users"]
    for number in range(HANDLERS_PER_AGENCY):
        login = f"load{index}_unit{number:02d}"
        handler = _user(
            env,
            login,
            f"Công chức tư pháp {index}.{number}",
            company,
            ("qms_iso9001_tthc.group_qms_tthc_handler",),
        )
        if not handler.employee_ids:
            env["hr.employee"].create(
                {
                    "name": handler.name,
                    "department_id": unit.id,
                    "user_id": handler.id,
                    "company_id": company.id,
                }
            )
        handlers |= handler
    procedure = _procedure(env, company, unit, desk, admin)
    route = env["qms.approval.route"].search(
        [("model", "=", "qms.document.revision"), ("company_id", "=", company.id)], limit=1
    )
    if not route:
        route = env["qms.approval.route"].create(
            {
                "name": "Phê duyệt quy trình (thử tải)",
                "model_id": env["ir.model"]._get("qms.document.revision").id,
                "is_default": True,
                "company_id": company.id,
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Lãnh đạo phê duyệt",
                            "approver_type": "users",
                            "user_ids": [(6, 0, officers.ids)],
                            "rule": "any",
                        },
                    )
                ],
            }
        )
    else:
        route.step_ids.write({"user_ids": [(6, 0, officers.ids)]})
    return {
        "company": company,
        "code": code,
        "desk": desk,
        "unit": unit,
        "officers": officers,
        "handlers": handlers,
        "procedure": procedure,
        "env": env,
    }


def _procedure(env, company, unit, desk, admin):
    Procedure = env["qms.tthc.procedure"]
    procedure = Procedure.search([("code", "=", "1.004859"), ("company_id", "=", company.id)])
    if procedure.current_flow_id:
        return procedure
    field = env["qms.tthc.field"].create(
        {"name": "Hộ tịch", "code": "HT", "company_id": company.id}
    )
    procedure = Procedure.create(
        {
            "code": "1.004859",
            "name": "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "field_id": field.id,
            "level": "commune",
            "department_id": unit.id,
            "company_id": company.id,
            "processing_time_ids": [
                (0, 0, {"filing_method": "direct", "duration": 3, "unit": "day"}),
            ],
        }
    )
    env["qms.approval.route"].create(
        {
            "name": "Phê duyệt quy trình TTHC (thử tải)",
            "model_id": env["ir.model"]._get("qms.tthc.flow").id,
            "is_default": True,
            "company_id": company.id,
            "step_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Lãnh đạo phê duyệt",
                        "approver_type": "users",
                        "user_ids": [(6, 0, admin.ids)],
                        "allow_self_approval": True,
                    },
                )
            ],
        }
    )
    flow = env["qms.tthc.flow"].create(
        {
            "procedure_id": procedure.id,
            "step_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": 1,
                        "name": "Tiếp nhận hồ sơ tại Bộ phận Một cửa",
                        "duration": 0.5,
                        "duration_unit": "day",
                        "role": "one_stop",
                        "department_id": desk.id,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "sequence": 2,
                        "name": "Công chức tư pháp - hộ tịch thẩm định",
                        "duration": 2.5,
                        "duration_unit": "day",
                        "role": "specialist",
                        "department_id": unit.id,
                    },
                ),
            ],
        }
    )
    admin_env = flow.with_user(admin).with_company(company)
    admin_env.action_submit_for_approval()
    admin_env.action_approve()
    return procedure


def _attach(revision):
    revision.main_attachment_id = revision.env["ir.attachment"].create(
        {
            "name": "quy_trinh.pdf",
            "datas": base64.b64encode(PDF + revision.name.encode()),
            "mimetype": "application/pdf",
            "res_model": revision._name,
            "res_id": revision.id,
        }
    )


def _documents(agency, admin, count, tag, label):
    env = agency["env"]
    kind = env.ref("qms_iso9001.document_type_business_procedure")
    return env["qms.document"].create(
        [
            {
                "name": f"Quy trình {label} {tag} số {number}",
                "code": f"QT.{label}.{tag}.{number}/{agency['code']}",
                "type_id": kind.id,
                "department_id": agency["unit"].id,
                "company_id": agency["company"].id,
                "is_public": False,
            }
            for number in range(count)
        ]
    )


def _approval_pool(agency, admin, count, tag):
    """Revisions submitted for approval: any one desk officer of the agency decides each."""
    revisions = agency["env"]["qms.document.revision"]
    for document in _documents(agency, admin, count, tag, "PD"):
        revision = revisions.create({"document_id": document.id})
        _attach(revision)
        revision.with_user(admin).with_company(agency["company"]).action_submit_for_approval()
        revisions |= revision
    return revisions


def _reading_pool(agency, admin, count, tag):
    """Issued procedures each desk officer must read and acknowledge."""
    env = agency["env"]
    employees = agency["officers"].employee_ids
    lines = env["qms.document.distribution"]
    for document in _documents(agency, admin, count, tag, "DD"):
        document.distribution_employee_ids = [(6, 0, employees.ids)]
        revision = env["qms.document.revision"].create({"document_id": document.id})
        _attach(revision)
        revision.sudo().write({"state": "approved"})
        revision.with_user(admin).with_company(agency["company"]).action_issue()
        lines |= revision.distribution_ids
    return lines


def _applicants(agency, count):
    Partner = agency["env"]["res.partner"]
    found = Partner.search(
        [("name", "=like", "Công dân thử tải %"), ("company_id", "=", agency["company"].id)]
    )
    if len(found) >= count:
        return found[:count]
    return found | Partner.create(
        [
            {
                "name": f"Công dân thử tải {agency['code']}.{number}",
                "company_id": agency["company"].id,
                "phone": f"09{number:08d}",
            }
            for number in range(len(found), count)
        ]
    )


def build(env, ops, clients, tag):
    admin = env.ref("base.user_admin")
    admin.write(
        {
            "group_ids": [
                (4, env.ref("qms_iso9001.group_qms_manager").id),
                (4, env.ref("qms_iso9001_tthc.group_qms_tthc_one_stop").id),
            ]
        }
    )
    plan = {"tag": tag, "agencies": []}
    for index in range(AGENCIES):
        clients_here = clients // AGENCIES + (1 if index < clients % AGENCIES else 0)
        agency = _agency(env, index + 1, clients_here, admin)
        share = clients_here / clients
        approvals = math.ceil(ops * MIX["approval"] * share * 1.2) + 2
        readings = math.ceil(ops * MIX["acknowledge"] * share * 1.2 / clients_here) + 1
        revisions = _approval_pool(agency, admin, approvals, tag)
        lines = _reading_pool(agency, admin, readings, tag)
        applicants = _applicants(agency, 50)
        env.cr.commit()
        plan["agencies"].append(
            {
                "company_id": agency["company"].id,
                "code": agency["code"],
                "procedure_id": agency["procedure"].id,
                "applicant_ids": applicants.ids,
                "handler_ids": agency["handlers"].ids,
                "revision_ids": revisions.ids,
                "officers": [
                    {
                        "login": officer.login,
                        "password": officer.login + PASSWORD_SUFFIX,
                        "uid": officer.id,
                        "line_ids": lines.filtered(lambda line, o=officer: line.user_id == o).ids,
                    }
                    for officer in agency["officers"]
                ],
            }
        )
        print(
            f"    agency {agency['code']}: {clients_here} desk officers, {len(revisions)} "
            f"revisions to approve, {len(lines)} readings to acknowledge",
            flush=True,
        )
    return plan


def main():
    db_name, plan_path, ops, clients, tag = sys.argv[1:6]
    registry = open_env(db_name)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, SETUP_CONTEXT)
        plan = build(env, int(ops), int(clients), tag)
        cr.commit()
    with open(plan_path, "w", encoding="utf-8") as handle:
        json.dump(plan, handle)


if __name__ == "__main__":
    main()
