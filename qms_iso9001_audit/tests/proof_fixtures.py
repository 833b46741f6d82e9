"""Fixture factories of the audit addon's models (see qms_iso9001/tests/proof_common.py).

The audits are led by a qualified auditor of the place's agency who is none of the group users;
the variant `mine` puts the internal auditor of the fixture on the team (and audits unit B, so
that the auditor, working in unit A, stays independent).

The parts of an audit (schedule slots, checklist questions, findings) take their state from
their audit; each gets an audit of its own, in a state where such parts may be added.
"""

from datetime import datetime, time, timedelta

from odoo.addons.qms_iso9001.tests.proof_common import TODAY, factory


def _lead_auditor(fx, place):
    """The qualified lead auditor of the place's agency, found again in each test.

    Not memoised with `fx.once`: the fixture outlives the tests, the records a test creates do
    not (each test is rolled back), so a remembered employee would be gone in the next test."""
    company = fx.company(place)
    Employee = fx.model("hr.employee", place)
    name = f"Proof Lead Auditor {company.name}"
    return Employee.search(
        [("name", "=", name), ("company_id", "=", company.id)], limit=1
    ) or Employee.create(
        {
            "name": name,
            "company_id": company.id,
            "qms_is_internal_auditor": True,
            "qms_is_lead_auditor": True,
        }
    )


@factory("qms.audit.program")
def audit_program(fx, place, variant):
    return {
        "name": f"Proof audit programme {fx.seq()}",
        "year": fx.year(),
        "company_id": fx.company(place).id,
        "department_ids": [(6, 0, fx.department(place).ids)],
    }


@factory("qms.audit")
def audit(fx, place, variant):
    vals = {
        "name": f"Proof audit {fx.seq()}",
        "department_ids": [(6, 0, fx.department(place).ids)],
        "date_start": TODAY + timedelta(days=7),
        "date_end": TODAY + timedelta(days=8),
        "lead_auditor_id": _lead_auditor(fx, place).id,
        "company_id": fx.company(place).id,
    }
    if variant == "mine":
        auditor = fx.users["auditor"].employee_ids[:1]
        auditor.sudo().write({"qms_is_internal_auditor": True})
        vals["department_ids"] = [(6, 0, fx.department("B").ids)]
        vals["auditor_ids"] = [(6, 0, auditor.ids)]
    return vals


@factory("qms.audit.schedule.line")
def audit_schedule_line(fx, place, variant):
    """A slot of a plan still being drawn up: the lead auditor audits the unit on day one."""
    parent = fx.make("qms.audit", state="draft", place=place, variant=variant)
    start = datetime.combine(parent.date_start, time(8, 0))
    return {
        "audit_id": parent.id,
        "department_id": parent.department_ids[:1].id,
        "auditor_id": parent.lead_auditor_id.id,
        "datetime_start": start,
        "datetime_end": start + timedelta(hours=2),
    }


@factory("qms.audit.checklist.template")
def audit_checklist_template(fx, place, variant):
    return {
        "name": f"Proof checklist {fx.seq()}",
        "company_id": fx.company(place).id,
    }


@factory("qms.audit.checklist.template.line")
def audit_checklist_template_line(fx, place, variant):
    template = fx.make("qms.audit.checklist.template", place=place, variant=variant)
    return {
        "template_id": template.id,
        "question": "Proof question: is the register kept?",
    }


@factory("qms.audit.finding")
def audit_finding(fx, place, variant):
    parent = fx.make("qms.audit", state="in_progress", place=place, variant=variant)
    return {
        "audit_id": parent.id,
        "department_id": parent.department_ids[:1].id,
        "result": "minor",
        "description": "Proof finding: the register is not kept.",
    }


@factory("qms.audit.checklist.line")
def audit_checklist_line(fx, place, variant):
    parent = fx.make("qms.audit", state="in_progress", place=place, variant=variant)
    return {
        "audit_id": parent.id,
        "department_id": parent.department_ids[:1].id,
        "question": "Proof question: is the procedure applied?",
    }


@factory("qms.iso.standard")
def iso_standard(fx, place, variant):
    """An edition shipped without a catalogue file: loading it is a business error."""
    seq = fx.seq()
    return {"name": f"Proof edition {seq}", "code": f"proof:{seq}"}
