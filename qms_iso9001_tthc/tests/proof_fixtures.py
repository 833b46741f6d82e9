"""Fixture factories of the TTHC addon's models (see qms_iso9001/tests/proof_common.py).

Each dossier gets its own procedure of the place's unit, with an approved two-step flow whose
steps are held by another unit (unit B for places A and X's own unit for X): the group users of
unit A then see the dossiers of their unit's procedures without holding them.

Every record a factory needs is made afresh (no `fx.once`): the fixture outlives the savepoint of
each test, so a record remembered from one test would be gone in the next.
"""

import base64
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.qms_iso9001.tests.proof_common import factory


def _holding_unit(fx, place):
    return fx.department("B" if place == "A" else place)


@factory("qms.tthc.field")
def tthc_field(fx, place, variant):
    return {"name": f"Proof field {fx.seq()}", "company_id": fx.company(place).id}


@factory("qms.tthc.procedure")
def tthc_procedure(fx, place, variant):
    field = fx.make("qms.tthc.field", place=place)
    return {
        "code": f"2.{fx.seq():06d}",
        "name": f"Proof procedure {fx.seq()}",
        "field_id": field.id,
        "level": "commune",
        "department_id": fx.department(place).id,
        "company_id": fx.company(place).id,
        "processing_time_ids": [
            Command.create({"filing_method": "direct", "duration": 3, "unit": "day"}),
            Command.create({"filing_method": "online", "duration": 2, "unit": "day"}),
        ],
        "_state_vals": {"abolished": {"date_abolished": fields.Date.today()}},
    }


@factory("qms.tthc.flow")
def tthc_flow(fx, place, variant):
    procedure = fx.make("qms.tthc.procedure", place=place)
    unit = _holding_unit(fx, place)
    return {
        "procedure_id": procedure.id,
        "step_ids": [
            Command.create(
                {
                    "sequence": index,
                    "name": name,
                    "duration": 1,
                    "duration_unit": "day",
                    "department_id": unit.id,
                    "for_direct": True,
                    "for_online": True,
                }
            )
            for index, name in enumerate(("Proof reception", "Proof handling"))
        ],
    }


@factory("qms.tthc.dossier")
def tthc_dossier(fx, place, variant):
    flow = fx.make("qms.tthc.flow", state="approved", place=place)
    applicant = fx.model("res.partner", place).create(
        {"name": f"Proof Applicant {fx.seq()}", "phone": "0912345678"}
    )
    return {
        "procedure_id": flow.procedure_id.id,
        "applicant_id": applicant.id,
        "channel": "direct",
        "received_at": fields.Datetime.now() - timedelta(hours=1),
        "company_id": fx.company(place).id,
    }


@factory("qms.tthc.dossier.step")
def tthc_dossier_step(fx, place, variant):
    dossier = fx.make("qms.tthc.dossier", place=place)
    return {
        "dossier_id": dossier.id,
        "name": "Proof extra step",
        "department_id": _holding_unit(fx, place).id,
        "date_start": fields.Datetime.now(),
    }


@factory("qms.tthc.step")
def tthc_step(fx, place, variant):
    flow = fx.make("qms.tthc.flow", place=place)
    return {
        "flow_id": flow.id,
        "sequence": 99,
        "name": "Proof extra step",
        "duration": 1,
        "duration_unit": "hour",
        "department_id": _holding_unit(fx, place).id,
    }


@factory("qms.tthc.dossier.component")
def tthc_dossier_component(fx, place, variant):
    dossier = fx.make("qms.tthc.dossier", place=place)
    return {
        "dossier_id": dossier.id,
        "name": "Proof extra paper",
        "requirement": "conditional",
        "original_count": 1,
    }


@factory("qms.tthc.import")
def tthc_import(fx, place, variant):
    return {
        "file_data": base64.b64encode(b"not an Excel file").decode(),
        "file_name": "proof.xlsx",
        "company_id": fx.company(place).id,
    }


@factory("qms.tthc.guidance")
def tthc_guidance(fx, place, variant):
    procedure = fx.make("qms.tthc.procedure", place=place)
    return {
        "procedure_id": procedure.id,
        "applicant_name": f"Proof Applicant {fx.seq()}",
        "applicant_phone": "0912345678",
        "channel": "direct",
        "reason": "Proof: a certified copy of the birth certificate is missing.",
        "guided_at": fields.Datetime.now() - timedelta(hours=1),
        "company_id": fx.company(place).id,
        "_state_vals": {"issued": {"issued_at": fields.Datetime.now()}},
    }


@factory("qms.tthc.service.centre")
def tthc_service_centre(fx, place, variant):
    return {
        "name": f"Proof service centre {fx.seq()}",
        "level": "province",
        "served_company_ids": [Command.set(fx.company(place).ids)],
    }


# ------------------------------------------------------------------ QĐ 766 scorecard
@factory("qms.tthc.scorecard.indicator")
def tthc_scorecard_indicator(fx, place, variant):
    return {
        "name": f"Proof indicator {fx.seq()}",
        "code": f"PROOF{fx.seq()}",
        "group": "progress",
        "measure": "dossier_on_time",
        "company_id": fx.company(place).id,
    }


@factory("qms.tthc.scorecard")
def tthc_scorecard(fx, place, variant):
    return {
        "name": f"Proof scorecard {fx.seq()}",
        "company_id": fx.company(place).id,
        "month": fields.Date.today().replace(day=1) - timedelta(days=31 * fx.seq()),
        "total": 80.0,
    }


@factory("qms.tthc.scorecard.line")
def tthc_scorecard_line(fx, place, variant):
    scorecard = fx.make("qms.tthc.scorecard", place=place)
    indicator = fx.make("qms.tthc.scorecard.indicator", place=place)
    return {
        "scorecard_id": scorecard.id,
        "indicator_id": indicator.id,
        "group": "progress",
        "numerator": 3,
        "denominator": 4,
        "rate": 75.0,
        "max_points": 10.0,
        "points": 7.5,
    }


@factory("qms.tthc.import.mapping")
def tthc_import_mapping(fx, place, variant):
    return {
        "name": f"Proof source system {fx.seq()}",
        "company_id": fx.company(place).id,
        "layout": "dossier",
        "line_ids": [Command.create({"target": "external_code", "column": "Mã hồ sơ"})],
    }


@factory("qms.tthc.import.mapping.line")
def tthc_import_mapping_line(fx, place, variant):
    mapping = fx.make("qms.tthc.import.mapping", place=place)
    return {"mapping_id": mapping.id, "target": "applicant", "column": "Người nộp"}


@factory("qms.tthc.history.import")
def tthc_history_import(fx, place, variant):
    return {
        "file_data": base64.b64encode(b"not an Excel file").decode(),
        "file_name": "proof-history.xlsx",
        "source_system": f"Proof source system {fx.seq()}",
        "company_id": fx.company(place).id,
        "_state_vals": {"imported": {"imported_at": fields.Datetime.now()}},
    }


@factory("qms.tthc.history.import.line")
def tthc_history_import_line(fx, place, variant):
    history_import = fx.make("qms.tthc.history.import", place=place)
    return {
        "import_id": history_import.id,
        "row_number": 1,
        "external_code": f"PROOF-{fx.seq()}",
        "message": "Proof row",
    }
