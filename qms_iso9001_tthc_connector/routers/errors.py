"""Errors of /api/tthc/v1 as JSON: {"detail": {"code", "message", "errors"}}, the message in
the agency's language. The OCA fastapi dispatcher turns an HTTPException into that answer (and
rolls the transaction back); request validation errors, which FastAPI raises before any route
runs, are answered here by an ASGI middleware, translated field by field."""

from fastapi.exceptions import RequestValidationError
from starlette.responses import JSONResponse

from odoo.tools import LazyTranslate

_lt = LazyTranslate("qms_iso9001_tthc_connector")

LANG_KEY = "qms_tthc_lang"
DEFAULT_LANG = "vi_VN"
MESSAGES = {
    "missing": _lt("This field is required."),
    "extra_forbidden": _lt("This field is not part of the API."),
    "string_too_short": _lt("This text is too short."),
    "string_too_long": _lt("This text is too long."),
    "string_pattern_mismatch": _lt("This code holds characters that are not allowed."),
    "string_type": _lt("This field must be text."),
    "literal_error": _lt("This value is not one of those allowed."),
    "enum": _lt("This value is not one of those allowed."),
    "datetime_parsing": _lt("This is not a date and time (ISO 8601)."),
    "datetime_from_date_parsing": _lt("This is not a date and time (ISO 8601)."),
    "datetime_type": _lt("This is not a date and time (ISO 8601)."),
    "too_long": _lt("This list has too many items."),
    "list_type": _lt("This field must be a list."),
    "model_attributes_type": _lt("This field must be an object."),
    "dict_type": _lt("This field must be an object."),
    "json_invalid": _lt("The body is not valid JSON."),
    "int_parsing": _lt("This field must be a whole number."),
    "bool_parsing": _lt("This field must be true or false."),
}
FALLBACK = _lt("This value is not valid.")
SUMMARY = _lt("The request is not valid: see the errors of each field.")


def error_body(code, message, errors=None):
    detail = {"code": code, "message": message}
    if errors is not None:
        detail["errors"] = errors
    return {"detail": detail}


def validation_body(exc, lang):
    errors = []
    for error in exc.errors():
        message = MESSAGES.get(error.get("type"), FALLBACK)
        errors.append(
            {
                "field": ".".join(str(part) for part in error.get("loc", ())),
                "code": error.get("type") or "invalid",
                "message": message._translate(lang),
            }
        )
    return error_body("invalid_request", SUMMARY._translate(lang), errors)


class ValidationErrorMiddleware:
    """Answers FastAPI's request validation errors as 422 JSON in the agency's language (set on
    the request by the authentication; Vietnamese before it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except RequestValidationError as exc:
            lang = scope.get(LANG_KEY) or "en_US"
            response = JSONResponse(validation_body(exc, lang), status_code=422)
            await response(scope, receive, send)
