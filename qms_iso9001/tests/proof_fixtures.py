"""Fixture factories of the core's models with a state (and of the records they hang on).

Each factory returns the values of a minimal valid record in a place of the proof fixture (see
`proof_common.Fixture`); the fixture creates it as superuser and sets the state afterwards.
Nobody of the group users is named on these records (responsible, owner, chair, ...), so that
a role-only transition is refused to the group users who do not hold its role through their
unit (the sweep computes who holds the role and expects the transition allowed to them only).
"""

import base64
from datetime import timedelta

from odoo import Command

from .proof_common import TODAY, factory
from .signing import SigningAuthority


def _today(days=0):
    return TODAY + timedelta(days=days)


# ------------------------------------------------------------------ documents
@factory("qms.document")
def document(fx, place, variant):
    return {
        "name": f"Proof procedure {fx.seq()}",
        "code": f"PROOF.{fx.seq():04d}",
        "type_id": fx.env.ref("qms_iso9001.document_type_business_procedure").id,
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "is_public": variant != "private",
        # a document is issued or obsolete through a revision in that state
        "_state_vals": {
            state: {"revision_ids": [Command.create({"state": state})]}
            for state in ("issued", "obsolete")
        },
    }


@factory("qms.document.revision")
def document_revision(fx, place, variant):
    """A revision of its own new document (one issued revision per document)."""
    doc = fx.make("qms.document", place=place, variant=variant)
    vals = {"document_id": doc.id}
    if variant == "file":
        attachment = fx.model("ir.attachment", place).create(
            {
                "name": "proof.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 proof"),
                "mimetype": "application/pdf",
            }
        )
        vals["main_attachment_id"] = attachment.id
    return vals


@factory("qms.document.distribution")
def document_distribution(fx, place, variant):
    revision = fx.make("qms.document.revision", state="issued", place=place)
    return {
        "revision_id": revision.id,
        "employee_id": fx.employee(place).id,
        "user_id": fx.user(place).id,
        "department_id": fx.department(place).id,
    }


# ------------------------------------------------------------------ governance
@factory("qms.steering.committee")
def steering_committee(fx, place, variant):
    employee = fx.employee(place)
    return {
        "name": f"Proof steering committee {fx.seq()}",
        "decision_number": f"{fx.seq()}/QĐ-PROOF",
        "decision_date": _today(-30),
        "signer_id": employee.id,
        "company_id": fx.company(place).id,
        "member_ids": [Command.create({"employee_id": employee.id, "role": "head"})],
    }


@factory("qms.steering.member")
def steering_member(fx, place, variant):
    """A member besides the committee's head (the place's employee, listed once)."""
    committee = fx.make("qms.steering.committee", place=place)
    # made on each call, not memoized: a record made inside a test is rolled back with it
    colleague = fx.model("hr.employee", place).create(
        {
            "name": f"Proof Member {fx.seq()}",
            "department_id": fx.department(place).id,
            "company_id": fx.company(place).id,
        }
    )
    return {"committee_id": committee.id, "employee_id": colleague.id, "role": "member"}


@factory("qms.context.issue")
def context_issue(fx, place, variant):
    return {
        "name": f"Proof context issue {fx.seq()}",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.interested.party")
def interested_party(fx, place, variant):
    return {
        "name": f"Proof interested party {fx.seq()}",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.policy")
def policy(fx, place, variant):
    return {"statement": "<p>Proof quality policy.</p>", "company_id": fx.company(place).id}


@factory("qms.training")
def training(fx, place, variant):
    return {
        "name": f"Proof training {fx.seq()}",
        "date": _today(-10),
        "organiser_department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.training.attendee")
def training_attendee(fx, place, variant):
    session = fx.make("qms.training", place=place)
    return {"training_id": session.id, "employee_id": fx.employee(place).id}


@factory("qms.announcement")
def announcement(fx, place, variant):
    return {
        "name": f"{fx.seq()}/QĐ-PROOF",
        "date_decision": _today(-5),
        "signer_id": fx.employee(place).id,
        "activity_scope": "proof scope",
        "company_id": fx.company(place).id,
    }


@factory("qms.announcement.exclusion")
def announcement_exclusion(fx, place, variant):
    """A requirement not applied (clause 4.3), on a draft decision of its own."""
    return {
        "announcement_id": fx.make("qms.announcement", place=place).id,
        "clause_code": "8.3",
        "clause_title": "Thiết kế và phát triển",
        "justification": "Proof justification",
    }


@factory("qms.announcement.readiness")
def announcement_readiness(fx, place, variant):
    """A condition of announcing (the system writes them when it checks readiness)."""
    return {
        "announcement_id": fx.make("qms.announcement", place=place).id,
        "key": "proof",
        "name": "Proof condition",
        "evidence_model": "qms.document",
        "evidence_domain": "[]",
    }


# ------------------------------------------------------------------ objectives and plans
@factory("qms.objective")
def objective(fx, place, variant):
    return {
        "name": f"Proof objectives {fx.seq()}",
        "year": fx.year(),
        "department_id": False if variant == "agency" else fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.objective.line")
def objective_line(fx, place, variant):
    goal = fx.make("qms.objective", place=place, variant=variant)
    return {
        "objective_id": goal.id,
        "name": "Proof dossiers on time",
        "indicator": "% on time",
        "target_value": 95.0,
        "scope_department_id": fx.department(place).id,
    }


@factory("qms.objective.measurement")
def objective_measurement(fx, place, variant):
    goal = fx.make("qms.objective", state="approved", place=place, variant=variant)
    line = fx.make("qms.objective.line", place=place, objective_id=goal.id)
    year = goal.year
    return {
        "line_id": line.id,
        "date_from": f"{year}-01-01",
        "date_to": f"{year}-01-31",
        "actual_value": 90.0,
    }


@factory("qms.plan")
def plan(fx, place, variant):
    return {
        "name": f"Proof plan {fx.seq()}",
        "year": fx.year(),
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.plan.task")
def plan_task(fx, place, variant):
    parent = fx.make("qms.plan", state="approved", place=place)
    return {
        "plan_id": parent.id,
        "name": "Proof task",
        "department_id": fx.department(place).id,
        "date_deadline": _today(30),
    }


@factory("qms.process.list")
def process_list(fx, place, variant):
    return {
        "name": f"Proof process list {fx.seq()}",
        "year": fx.year(),
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "line_ids": [
            (
                0,
                0,
                {
                    "name": "Proof process",
                    "department_id": fx.department(place).id,
                    "justification": "Proof",
                },
            )
        ],
    }


@factory("qms.process.list.line")
def process_list_line(fx, place, variant):
    parent = fx.make("qms.process.list", state="draft", place=place)
    return {
        "list_id": parent.id,
        "name": "Proof process",
        "department_id": fx.department(place).id,
        "justification": "Proof",
    }


@factory("qms.signature.root")
def signature_root(fx, place, variant):
    return {
        "name": f"Proof root {fx.seq()}",
        "company_id": fx.company(place).id,
        "certificate_file": base64.b64encode(SigningAuthority("Proof root").root_pem()),
    }


# ------------------------------------------------------------------ risks, NCs, actions
@factory("qms.risk")
def risk(fx, place, variant):
    return {
        "name": f"Proof risk {fx.seq()}",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "owner_id": fx.user(place).id,
        "likelihood": 2,
        "impact": 2,
    }


@factory("qms.nonconformity")
def nonconformity(fx, place, variant):
    return {
        "title": f"Proof nonconformity {fx.seq()}",
        "description": "<p>Two dossiers were returned late.</p>",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "severity": "minor",
        "responsible_id": fx.user(place).id,
        "detected_by_id": fx.user(place).id,
    }


@factory("qms.action")
def action(fx, place, variant):
    origin = fx.make("qms.nonconformity", place=place)
    return {
        "name": f"Proof corrective action {fx.seq()}",
        "action_type": "corrective",
        "nonconformity_id": origin.id,
        "department_id": fx.department(place).id,
        "responsible_id": fx.user(place).id,
        "date_deadline": _today(10),
        "company_id": fx.company(place).id,
    }


# ------------------------------------------------------------------ review and reports
@factory("qms.management.review")
def management_review(fx, place, variant):
    return {
        "name": f"Proof management review {fx.seq()}",
        "date": _today(-1),
        "date_from": _today(-365),
        "date_to": _today(-2),
        "chair_id": fx.employee(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.management.review.output")
def management_review_output(fx, place, variant):
    review = fx.make("qms.management.review", place=place)
    return {
        "review_id": review.id,
        "name": "Proof decision",
        "department_id": fx.department(place).id,
        "responsible_id": fx.user(place).id,
        "date_deadline": _today(30),
    }


@factory("qms.management.review.input")
def management_review_input(fx, place, variant):
    review = fx.make("qms.management.review", place=place)
    return {"review_id": review.id, "name": "Proof section", "content": "<p>Proof input.</p>"}


@factory("qms.report")
def report(fx, place, variant):
    return {
        "report_type": "year",
        "year": fx.year(),
        "place": "Quảng Trị",
        "recipient": "Sở Khoa học và Công nghệ",
        "signer_title": "Giám đốc",
        "signer_name": "Proof signer",
        "company_id": fx.company(place).id,
    }


@factory("qms.report.unit")
def report_unit(fx, place, variant):
    """A unit's six-monthly report, of a past period (its figures can be computed)."""
    return {
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "year": 2000 + fx.seq() % 90,
        "half": "1",
        "situation": "<p>Proof situation</p>",
    }


@factory("qms.emulation.score")
def emulation_score(fx, place, variant):
    return {
        "year": fx.year(),
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.report.line")
def report_line(fx, place, variant):
    """A figure of a report (the system writes them when it gathers the report)."""
    # a report of its own (its state is the line's), in a year no report of the place has yet
    company = fx.company(place)
    used = set(
        fx.model("qms.report", place)
        .with_context(active_test=False)
        .search([("company_id", "=", company.id)])
        .mapped("year")
    )
    year = next(year for year in range(2099, 1999, -1) if year not in used)
    parent = fx.make("qms.report", place=place, year=year)
    return {
        "report_id": parent.id,
        "code": f"proof_figure_{fx.seq()}",
        "label": "Proof figure",
        "value_integer": 3,
    }


@factory("qms.emulation.score.line")
def emulation_score_line(fx, place, variant):
    """A criterion line of a score (the system writes them when it computes the year)."""
    score = fx.make("qms.emulation.score", place=place)
    # the agency's own criterion (one per metric), else one made for the place's agency
    Criterion = fx.model("qms.emulation.criterion", place)
    criterion = Criterion.search(
        [("company_id", "=", fx.company(place).id)], limit=1
    ) or Criterion.create(
        {
            "name": f"Proof criterion {place}",
            "metric": "ncs_closed_on_time",
            "weight": 20.0,
            "company_id": fx.company(place).id,
        }
    )
    return {
        "score_id": score.id,
        "criterion_id": criterion.id,
        "weight": 20.0,
        "achieved_count": 1,
        "counted_count": 2,
    }


# ------------------------------------------------------------------ approval engine
@factory("qms.approval.request")
def approval_request(fx, place, variant):
    """A request on a revision of the place; `mine` makes the unit officer its requester."""
    revision = fx.make("qms.document.revision", state="to_approve", place=place)
    requester = fx.users["officer"] if variant == "mine" else fx.user(place)
    return {
        "name": revision.display_name,
        "res_model": revision._name,
        "res_model_id": fx.env["ir.model"]._get_id(revision._name),
        "res_id": revision.id,
        "requester_id": requester.id,
        "company_id": fx.company(place).id,
        "step_ids": [Command.create({"name": "Proof step", "sequence": 0})],
        "_after": lambda request: revision.write({"approval_request_id": request.id}),
    }


@factory("qms.approval.request.step")
def approval_request_step(fx, place, variant):
    request = fx.make("qms.approval.request", place=place, variant=variant)
    return {"request_id": request.id, "name": "Proof second step", "sequence": 1}


@factory("qms.approval.delegation")
def approval_delegation(fx, place, variant):
    """`mine` is given by the unit officer; otherwise between two colleagues of the place."""
    if variant == "mine":
        absent, delegate = fx.users["officer"], fx.user(place)
    else:
        absent = fx.user(place)
        delegate = fx.once(
            ("delegate", place),
            lambda: (
                fx.model("res.users", place)
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": f"Proof Delegate {place}",
                        "login": f"proof_delegate_{place.lower()}",
                        "group_ids": [(6, 0, fx.env.ref("qms_iso9001.group_qms_user").ids)],
                        "company_id": fx.company(place).id,
                        "company_ids": [(6, 0, fx.company(place).ids)],
                    }
                )
            ),
        )
    return {
        "user_id": absent.id,
        "delegate_id": delegate.id,
        "date_from": _today(1),
        "date_to": _today(10),
        "company_id": fx.company(place).id,
    }


# ------------------------------------------------------------------ external providers
@factory("qms.external.provider.criterion")
def external_provider_criterion(fx, place, variant):
    return {
        "name": f"Proof criterion {fx.seq()}",
        "weight": 2.0,
        "company_id": fx.company(place).id,
    }


@factory("qms.external.provider")
def external_provider(fx, place, variant):
    """A provider used by the place's unit; `agency` = used by the whole agency (no unit)."""
    partner = fx.model("res.partner", place).create({"name": f"Proof provider {fx.seq()}"})
    return {
        "partner_id": partner.id,
        "kind": "it_vendor",
        "department_ids": [] if variant == "agency" else [Command.set(fx.department(place).ids)],
        "responsible_id": fx.user(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.external.provider.evaluation")
def external_provider_evaluation(fx, place, variant):
    provider = fx.make("qms.external.provider", place=place, variant=variant)
    criterion = fx.make("qms.external.provider.criterion", place=place)
    return {
        "provider_id": provider.id,
        "date": _today(-3),
        "evaluator_id": fx.user(place).id,
        "decision_note": "Proof conditions",
        "line_ids": [Command.create({"criterion_id": criterion.id, "weight": 2.0, "score": "4"})],
        "_state_vals": {"decided": {"result": "approved"}},
    }


@factory("qms.external.provider.evaluation.line")
def external_provider_evaluation_line(fx, place, variant):
    evaluation = fx.make("qms.external.provider.evaluation", place=place, variant=variant)
    criterion = fx.make("qms.external.provider.criterion", place=place)
    return {"evaluation_id": evaluation.id, "criterion_id": criterion.id, "score": "3"}


# ------------------------------------------------------------------ satisfaction surveys
@factory("qms.satisfaction.survey")
def satisfaction_survey(fx, place, variant):
    """A campaign on a questionnaire of its own (one campaign per questionnaire and period);
    `agency` = surveyed for the whole agency (no unit)."""
    questionnaire = fx.model("survey.survey", place).create(
        {
            "title": f"Proof questionnaire {fx.seq()}",
            "question_and_page_ids": [
                Command.create(
                    {
                        "title": "Proof question",
                        "question_type": "simple_choice",
                        "suggested_answer_ids": [
                            Command.create({"value": "Yes", "qms_satisfaction_level": "satisfied"}),
                            Command.create(
                                {"value": "No", "qms_satisfaction_level": "not_satisfied"}
                            ),
                        ],
                    }
                )
            ],
        }
    )
    return {
        "name": f"Proof satisfaction survey {fx.seq()}",
        "survey_id": questionnaire.id,
        "department_id": False if variant == "agency" else fx.department(place).id,
        "date_from": _today(-30),
        "date_to": _today(30),
        "company_id": fx.company(place).id,
    }


# ------------------------------------------------------------------ complaints and feedback
@factory("qms.feedback")
def feedback(fx, place, variant):
    return {
        "partner_name": f"Proof citizen {fx.seq()}",
        "contact_phone": "0912 345 678",
        "description": "The result was handed back a day later than promised.",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "kind": "complaint",
        "channel": "phone",
        "_state_vals": {state: {"answer": "Proof answer."} for state in ("answered", "closed")},
    }


# ------------------------------------------------------------------ individual emulation
def _individual_employee(fx, place, variant):
    """The colleague of the place; `own`: the fixture's plain QMS user (whatever the place:
    the score keeps the unit the person was in when it was computed)."""
    if variant == "own" and "user" in fx.users:
        return fx.env["hr.employee"].search([("user_id", "=", fx.users["user"].id)], limit=1)
    return fx.employee(place)


@factory("qms.emulation.individual.score")
def emulation_individual_score(fx, place, variant):
    employee = _individual_employee(fx, place, variant)
    return {
        "year": fx.year(),
        "employee_id": employee.id,
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
    }


@factory("qms.emulation.individual.score.line")
def emulation_individual_score_line(fx, place, variant):
    """A criterion line of a civil servant's score, with the records it counted."""
    score = fx.make("qms.emulation.individual.score", place=place, variant=variant)
    Criterion = fx.model("qms.emulation.criterion", place)
    criterion = Criterion.search(
        [("company_id", "=", fx.company(place).id)], limit=1
    ) or Criterion.create(
        {
            "name": f"Proof criterion {place}",
            "metric": "ncs_closed_on_time",
            "applies_to": "both",
            "weight": 20.0,
            "company_id": fx.company(place).id,
        }
    )
    return {
        "score_id": score.id,
        "criterion_id": criterion.id,
        "weight": 20.0,
        "achieved_count": 1,
        "counted_count": 2,
        "evidence_model": "qms.action",
        "evidence_ids": [],
        "evidence_achieved_ids": [],
    }


# ------------------------------------------------------------------ document change requests
@factory("qms.document.change.request")
def document_change_request(fx, place, variant):
    """A request about an issued document of the place, made by the place's colleague; `mine`:
    by the fixture's plain QMS user (whatever the place)."""
    document = fx.make("qms.document", state="issued", place=place)
    requester = fx.users["user"] if variant == "mine" and "user" in fx.users else fx.user(place)
    return {
        "document_id": document.id,
        "department_id": fx.department(place).id,
        "section": "5.2",
        "proposed_change": "Proof proposed wording.",
        "reason": "Proof reason.",
        "_after": lambda record: record.write({"requester_id": requester.id}),
    }
