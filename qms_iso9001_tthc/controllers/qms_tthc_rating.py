import re

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .qms_tthc_lookup import PIN_PATTERN, QmsTthcLookup, qms_public_values
from .qms_tthc_portal import QmsTthcPortal

RATING_VALUES = ("satisfied", "acceptable", "dissatisfied")


def _text(value):
    return value if isinstance(value, str) else ""


class QmsTthcRatingLookup(http.Controller):
    """The applicant rates a returned dossier on the look-up page: the form comes only with a
    dossier found by its code and PIN, and the rating is taken only after the PIN is checked
    again, counted against the code like every look-up try."""

    @http.route(
        "/tra-cuu-ho-so/danh-gia", type="http", auth="public", website=True, methods=["POST"]
    )
    def qms_tthc_lookup_rate(self, code="", pin="", rating="", reason="", **kwargs):
        code = QmsTthcLookup._qms_code(code)
        pin = re.sub(r"[\s-]+", "", _text(pin)).upper()
        values = {"status": "form", "error": False, "result": None, "code": code}
        if not code or not PIN_PATTERN.fullmatch(pin):
            values["error"] = True
            return request.render("qms_iso9001_tthc.qms_tthc_lookup_page", values)
        dossier = request.env["qms.tthc.dossier"]._qms_public_lookup(code, pin)
        if not dossier:
            values["status"] = "not_found"
            return request.render("qms_iso9001_tthc.qms_tthc_lookup_page", values)
        values.update(_rate(dossier, rating, reason, "lookup"))
        values.update({"status": "found", "result": qms_public_values(dossier), "pin": pin})
        return request.render("qms_iso9001_tthc.qms_tthc_lookup_page", values)


class QmsTthcRatingPortal(QmsTthcPortal):
    """The applicant rates a returned dossier from its page in 'My account'."""

    @http.route(
        "/my/dossiers/<int:dossier_id>/rate",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def qms_portal_rate_dossier(self, dossier_id, access_token=None, rating="", reason="", **kw):
        try:
            dossier_sudo = self._document_check_access(
                "qms.tthc.dossier", dossier_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        outcome = _rate(dossier_sudo, rating, reason, "portal")
        response = self.qms_portal_my_dossier(dossier_id, access_token=access_token)
        response.qcontext.update(outcome)
        response.qcontext["result"] = qms_public_values(dossier_sudo)
        return response


def _rate(dossier, rating, reason, channel):
    """Record the rating; the user error, in the visitor's language, when it is refused."""
    if rating not in RATING_VALUES:
        return {"rating_error": request.env._("Choose one of the three ratings.")}
    try:
        # the look-up try counted before stays counted: only the rating is undone
        with request.env.cr.savepoint():
            dossier._qms_record_rating(rating, _text(reason), channel)
    except UserError as error:
        return {"rating_error": str(error.args[0]) if error.args else str(error)}
    return {"rating_done": True}
