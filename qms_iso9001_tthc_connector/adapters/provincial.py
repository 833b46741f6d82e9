"""The province's TTHC information system (hệ thống thông tin giải quyết TTHC cấp tỉnh)."""

from .base import API_RATINGS, OutboundAdapter, _utc_iso, register

DOSSIER_TO_API_RATING = {ours: word for word, ours in API_RATINGS.items()}


@register
class ProvincialAdapter(OutboundAdapter):
    """The province's system follows the dossier step by step: it wants the unit holding it,
    the appointment date and the reason of a supplement, refusal or withdrawal."""

    code = "provincial"
    label = "Provincial TTHC System"

    def map_data(self, dossier, event, note=None):
        procedure = dossier.procedure_id
        return {
            "procedure_code": procedure.code or "",
            "procedure_name": procedure.name or "",
            "applicant_name": dossier.applicant_id.name or "",
            "channel": dossier.channel,
            "appointment_date": _utc_iso(dossier.appointment_date),
            "holder_unit": dossier.current_department_id.name or "",
            "note": note or "",
            "rating": DOSSIER_TO_API_RATING.get(dossier.rating, dossier.rating or ""),
        }
