import re

from odoo import http
from odoo.http import request

VISITOR_LANG = "vi_VN"
# Codes are `<agency code>-YYMMDD-NNNN` with an upper-case agency code: anything else cannot be
# a dossier code and is refused before the database is asked.
CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9.-]{0,39}")
DIGITS_PATTERN = re.compile(r"\d{4}")


def qms_public_values(dossier):
    """What a citizen may see: where the dossier stands, never who filed it."""
    states = dict(dossier._fields["state"]._description_selection(dossier.env))
    results = dict(
        dossier.env["qms.tthc.dossier.step"]._fields["result"]._description_selection(dossier.env)
    )
    return {
        "code": dossier.name,
        "procedure": dossier.procedure_id.name,
        "state": dossier.state,
        "state_label": states.get(dossier.state, ""),
        "appointment_date": dossier.appointment_date,
        "new_appointment_date": dossier.new_appointment_date,
        "tz": dossier._qms_tz_name(dossier.company_id),
        "steps": [
            {
                "name": step["name"],
                "unit": step["department"],
                "date_start": step["date_start"],
                "date_done": step["date_done"],
                "result": results.get(step["result"], ""),
                "result_key": step["result"],
            }
            for step in dossier._qms_public_steps()
        ],
    }


class QmsTthcLookup(http.Controller):
    """The page where a citizen follows a dossier with its code and four digits of a secret.

    Whoever the visitor is, the answer never tells a wrong secret from an unknown code, and it
    shows nothing about the applicant: only where the dossier stands.
    """

    @http.route("/tra-cuu-ho-so", type="http", auth="public", website=True, methods=["GET", "POST"])
    def qms_tthc_lookup(self, code="", digits="", **kwargs):
        self._qms_visitor_lang()
        values = {"status": "form", "error": False, "result": None}
        if request.httprequest.method == "POST":
            values.update(self._qms_lookup(code, digits))
        return request.render("qms_iso9001_tthc.qms_tthc_lookup_page", values)

    def _qms_lookup(self, code, digits):
        code = re.sub(r"\s+", "", code or "").upper()
        digits = re.sub(r"\s+", "", digits or "")
        if not CODE_PATTERN.fullmatch(code) or not DIGITS_PATTERN.fullmatch(digits):
            return {"error": True}
        ip = request.httprequest.remote_addr or "unknown"
        if not request.env["qms.tthc.lookup.attempt"]._qms_register(ip):
            return {"status": "throttled"}
        dossier = self._qms_find_dossier(code, digits)
        if not dossier:
            return {"status": "not_found"}
        return {"status": "found", "result": qms_public_values(dossier)}

    def _qms_find_dossier(self, code, digits):
        """The dossier of that code when the digits match it, read in one query either way.

        The code and the secrets are fetched together, so an unknown code and a wrong secret
        cost the same queries and cannot be told apart by their timing.
        """
        dossier = (
            request.env["qms.tthc.dossier"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("name", "=", code)], ["name", "applicant_phone", "applicant_id_number"], limit=1
            )
        )
        if dossier and dossier._qms_match_secret(digits):
            return dossier
        return dossier.browse()

    def _qms_visitor_lang(self):
        """Show the page in Vietnamese to visitors who have not chosen a language yet."""
        if request.cookies.get("frontend_lang"):
            return
        visitor_lang = request.env["res.lang"]._get_data(code=VISITOR_LANG)
        default_lang = request.env["ir.http"]._get_default_lang()
        if not visitor_lang.code or request.lang.code != default_lang.code:
            return  # not installed, or the address itself asks for a language (/en/...)
        request.lang = visitor_lang
        request.update_context(lang=visitor_lang.code)
        headers = request.future_response.headers
        headers.setlist(
            "Set-Cookie",
            [
                cookie
                for cookie in headers.getlist("Set-Cookie")
                if not cookie.startswith("frontend_lang=")
            ],
        )
        request.future_response.set_cookie("frontend_lang", visitor_lang.code)
