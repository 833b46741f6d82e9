"""/api/tthc/v1: the REST API the connected systems call (provincial TTHC system, DVCQG).

Each call authenticates with the header X-API-Key; the key gives the connected system, and the
route then runs as that system's technical user in its agency (`system_env`): the rights of the
group TTHC Connector (API) and the record rules decide, never a context key. Writes go through
`qms.tthc.connector.event`, idempotent by (system, external code, event id)."""

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import APIKeyHeader

from odoo.api import Environment
from odoo.exceptions import AccessError, UserError

from odoo.addons.fastapi.dependencies import odoo_env

from ..models.qms_tthc_connector_event import ApiError, api_error_from
from .errors import DEFAULT_LANG, LANG_KEY, error_body
from .schemas import (
    DossierIn,
    DossierStatus,
    ErrorOut,
    EventIn,
    FlowOut,
    ProcedureOut,
    WriteResult,
)

ERRORS = {
    401: {"model": ErrorOut, "description": "Missing, unknown, revoked or expired API key."},
    403: {"model": ErrorOut, "description": "The system's user may not do this."},
    404: {"model": ErrorOut, "description": "Unknown procedure or dossier."},
    409: {"model": ErrorOut, "description": "Event ID reused with other content."},
    422: {"model": ErrorOut, "description": "Invalid request, or refused by the dossier."},
}

router = APIRouter(tags=["tthc"], responses=ERRORS)


class ApiHTTPException(HTTPException):
    """An answer of the API to a caller's mistake: Odoo logs it as information (it logs other
    exceptions as errors of the server), then the OCA dispatcher answers it as JSON."""

    loglevel = logging.INFO


def agency_lang(env, company):
    """The agency's language when installed (its partner's, else Vietnamese), else English."""
    installed = dict(env["res.lang"].get_installed())
    for code in (company.partner_id.lang, DEFAULT_LANG):
        if code and code in installed:
            return code
    return "en_US"


api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="The key of the connected system, issued by the agency's standing office.",
)


def authenticated_system(
    request: Request,
    env: Annotated[Environment, Depends(odoo_env)],
    api_key: Annotated[str | None, Depends(api_key_header)],
):
    """The connected system of the key (found as superuser: the caller is not known yet)."""
    system = env["qms.tthc.connected.system"]._qms_authenticate(api_key)
    if not system:
        env = env(context=dict(env.context, lang=agency_lang(env, env["res.company"])))
        raise ApiHTTPException(
            status_code=401,
            detail=error_body(
                "invalid_api_key", env._("The API key is missing, unknown, revoked or expired.")
            )["detail"],
            headers={"WWW-Authenticate": "X-API-Key"},
        )
    request.scope[LANG_KEY] = agency_lang(env, system.company_id)
    return system


System = Annotated[Any, Depends(authenticated_system)]


def system_env(env: Annotated[Environment, Depends(odoo_env)], system: System) -> Environment:
    """The environment of the system's technical user, in its agency and language."""
    company = system.company_id
    lang = agency_lang(env, company)
    return env(
        user=system.user_id.id,
        su=False,
        context=dict(env.context, lang=lang, allowed_company_ids=company.ids),
    )


def _api_call(env, function, *args):
    """Run a write, answer its refusals as JSON errors (the transaction is rolled back)."""
    try:
        return function(*args)
    except (ApiError, AccessError, UserError) as error:
        api_error = api_error_from(env, error)
        raise ApiHTTPException(
            status_code=api_error.status,
            detail={"code": api_error.code, "message": api_error.message},
        ) from error


def _procedure_out(procedure):
    return {
        "code": procedure.code or None,
        "name": procedure.name,
        "field": {"code": procedure.field_id.code or None, "name": procedure.field_id.name},
        "level": procedure.level,
        "online_level": procedure.online_level,
        "state": procedure.state,
        "time_limits": [
            {
                "filing_method": line.filing_method,
                "duration": line.duration,
                "unit": line.unit or None,
                "text": line.text or None,
            }
            for line in procedure.processing_time_ids
        ],
        "fees": [
            {
                "name": fee.name,
                "fee_type": fee.fee_type or None,
                "amount": fee.amount,
                "note": fee.note or None,
            }
            for fee in procedure.fee_ids
        ],
        "components": [
            {
                "name": component.name,
                "requirement": component.requirement or None,
                "originals": component.original_count,
                "copies": component.copy_count,
            }
            for component in procedure.component_ids
        ],
    }


@router.get("/procedures", response_model=list[ProcedureOut])
def list_procedures(
    env: Annotated[Environment, Depends(system_env)],
    field: Annotated[str | None, Query(max_length=64, description="Code of a field.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    """The agency's catalogue: procedures in force with code, name, field, level, time limits
    per filing method, fees, papers and online service level."""
    domain = [("state", "!=", "abolished")]
    if field:
        domain.append(("field_id.code", "=", field))
    procedures = env["qms.tthc.procedure"].search(domain, limit=limit, offset=offset)
    return [_procedure_out(procedure) for procedure in procedures]


@router.get("/procedures/{code}", response_model=ProcedureOut)
def get_procedure(
    env: Annotated[Environment, Depends(system_env)],
    code: Annotated[str, Path(max_length=64)],
):
    procedure = _api_call(env, env["qms.tthc.connector.event"]._qms_procedure, code)
    return _procedure_out(procedure)


@router.get("/procedures/{code}/flow", response_model=FlowOut)
def get_flow(
    env: Annotated[Environment, Depends(system_env)],
    code: Annotated[str, Path(max_length=64)],
):
    """The ISO flow in force of a procedure: its steps, units, roles and durations."""
    procedure = _api_call(env, env["qms.tthc.connector.event"]._qms_procedure, code)
    flow = procedure._qms_current_flow()
    if not flow:
        raise ApiHTTPException(
            status_code=404,
            detail={
                "code": "flow_not_found",
                "message": env._(
                    "%(procedure)s has no approved ISO flow.", procedure=procedure.display_name
                ),
            },
        )
    return {
        "procedure_code": procedure.code or None,
        "version": flow.version,
        "approved_on": flow.date_approved or None,
        "steps": [
            {
                "sequence": step.sequence,
                "name": step.name,
                "unit": step.department_id.name or None,
                "role": step.role,
                "duration": step.duration,
                "duration_unit": step.duration_unit,
                "filing_methods": [
                    method for method in ("direct", "online", "postal") if step[f"for_{method}"]
                ],
            }
            for step in flow.step_ids.sorted(lambda step: (step.sequence, step.id))
        ],
    }


@router.post("/dossiers", response_model=WriteResult, status_code=200)
def create_dossier(
    body: DossierIn, env: Annotated[Environment, Depends(system_env)], system: System
):
    """Receive an online application as a dossier (the dossier's own reception: code, PIN,
    appointment date, first step). Repeating the call with the same event ID answers the
    first result with "duplicate": true."""
    Event = env["qms.tthc.connector.event"]
    return _api_call(env, Event._qms_api_create_dossier, system, body.model_dump(mode="json"))


@router.get("/dossiers/{external_code}", response_model=DossierStatus)
def get_dossier(
    external_code: Annotated[str, Path(max_length=64)],
    env: Annotated[Environment, Depends(system_env)],
    system: System,
):
    """The status of a dossier this system knows, by its external code."""
    Event = env["qms.tthc.connector.event"]
    link = _api_call(env, Event._qms_link, system, external_code)
    return Event._qms_json_status(link.dossier_id)


@router.post("/dossiers/{external_code}/events", response_model=WriteResult)
def post_event(
    external_code: Annotated[str, Path(max_length=64)],
    body: EventIn,
    env: Annotated[Environment, Depends(system_env)],
    system: System,
):
    """An event of the dossier's life, applied through the dossier's transitions. Repeating the
    call with the same event ID changes nothing and answers "duplicate": true."""
    Event = env["qms.tthc.connector.event"]
    return _api_call(
        env,
        Event._qms_api_post_event,
        system,
        external_code,
        body.model_dump(mode="json"),
    )
