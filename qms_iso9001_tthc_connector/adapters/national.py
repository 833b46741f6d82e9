"""The National Public Service Portal (Cổng Dịch vụ công quốc gia): dossier status sync."""

from .base import OutboundAdapter, register

# The portal follows a dossier by a numbered status; our states map onto them.
PORTAL_STATUS = {
    "received": 2,  # đã tiếp nhận
    "in_progress": 4,  # đang xử lý
    "supplement": 5,  # yêu cầu bổ sung
    "resolved": 9,  # đã có kết quả
    "returned": 10,  # đã trả kết quả
    "refused": 3,  # không được tiếp nhận / từ chối
    "withdrawn": 7,  # công dân rút hồ sơ
}
PORTAL_CHANNEL = {"direct": 1, "online": 2, "postal": 3}
# The applicant's rating of the service, as the portal's satisfaction levels.
PORTAL_RATING = {"satisfied": 1, "acceptable": 2, "dissatisfied": 3}  # hài lòng, chấp nhận...


def _portal_time(moment):
    """The portal's compact local-free time stamp (UTC): yyyyMMddHHmmss."""
    return moment.strftime("%Y%m%d%H%M%S") if moment else ""


@register
class NationalPortalAdapter(OutboundAdapter):
    """The portal only keeps the status of a dossier, its dates and the reason of a stop, with
    its own field names and status numbers."""

    code = "national"
    label = "National Public Service Portal"

    def map_data(self, dossier, event, note=None):
        return {
            "MaHoSo": dossier.name,
            "MaTTHC": dossier.procedure_id.code or "",
            "TrangThaiHoSo": PORTAL_STATUS.get(dossier.state, 0),
            "KenhThucHien": PORTAL_CHANNEL.get(dossier.channel, 1),
            "ChuHoSo": dossier.applicant_id.name or "",
            "NgayTiepNhan": _portal_time(dossier.received_at),
            "NgayHenTra": _portal_time(dossier.appointment_date),
            "LyDo": note or "",
            "MucDoHaiLong": PORTAL_RATING.get(dossier.rating, 0),
        }
