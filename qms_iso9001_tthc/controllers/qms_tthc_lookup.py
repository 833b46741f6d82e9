import re

from odoo import http
from odoo.http import request

from ..models.qms_tthc_dossier_lookup import PIN_ALPHABET, PIN_LENGTH

VISITOR_LANG = "vi_VN"
# Codes are `<agency code or electronic identifier>-YYMMDD-NNNN`, upper case: anything else
# cannot be a dossier code and is refused before the database is asked.
CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9.-]{0,39}")
PIN_PATTERN = re.compile(f"[{PIN_ALPHABET}]{{{PIN_LENGTH}}}")


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
        # the rating form shows once the result is handed back, until the applicant rated
        "can_rate": dossier.state == "returned" and not dossier.rating,
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
    """The page where a citizen follows a dossier with its code and the PIN of its receipt.

    Whoever the visitor is, the answer never tells a wrong PIN from an unknown or a locked code,
    and it shows nothing about the applicant: only where the dossier stands. The QR code of the
    receipt opens the page with the code filled in.
    """

    @http.route("/tra-cuu-ho-so", type="http", auth="public", website=True, methods=["GET", "POST"])
    def qms_tthc_lookup(self, code="", pin="", **kwargs):
        self._qms_visitor_lang()
        values = {"status": "form", "error": False, "result": None, "code": self._qms_code(code)}
        if request.httprequest.method == "POST":
            values.update(self._qms_lookup(code, pin))
        return request.render("qms_iso9001_tthc.qms_tthc_lookup_page", values)

    @staticmethod
    def _qms_code(code):
        """The code as typed, read the way it is printed: upper case, no spaces; "" if it
        cannot be one."""
        code = re.sub(r"\s+", "", code if isinstance(code, str) else "").upper()
        return code if CODE_PATTERN.fullmatch(code) else ""

    def _qms_lookup(self, code, pin):
        code = self._qms_code(code)
        pin = re.sub(r"[\s-]+", "", pin if isinstance(pin, str) else "").upper()
        if not code or not PIN_PATTERN.fullmatch(pin):
            return {"error": True}
        dossier = request.env["qms.tthc.dossier"]._qms_public_lookup(code, pin)
        if not dossier:
            return {"status": "not_found"}
        return {"status": "found", "result": qms_public_values(dossier)}

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
