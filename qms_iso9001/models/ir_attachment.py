import base64
import binascii
import os

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

OFFICE_TYPES = {
    "application/pdf": (".pdf",),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.ms-excel": (".xls",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
}
EVIDENCE_TYPES = dict(
    OFFICE_TYPES,
    **{
        "image/png": (".png",),
        "image/jpeg": (".jpg", ".jpeg"),
        "image/webp": (".webp",),
        "text/plain": (".txt",),
    },
)
DEFAULT_MAX_MB = 25


class IrAttachment(models.Model):
    """Files attached to QMS records are checked by what they contain, not by their name: a
    renamed program is refused, and so is a file too large for the agency's setting."""

    _inherit = "ir.attachment"

    @api.model
    def _qms_check_upload(self, name, datas, company=None, allowed=None, raw=None):
        """Refuse a file whose content is not of an accepted type or whose name lies about it;
        `datas` is base64 as the web client sends it (or `raw`, the bytes)."""
        allowed = allowed or OFFICE_TYPES
        if raw is None:
            try:
                raw = base64.b64decode(datas or b"", validate=False)
            except (binascii.Error, ValueError, TypeError):
                raise ValidationError(
                    self.env._("%(name)s is not a readable file.", name=name)
                ) from None
        if isinstance(raw, str):
            raw = raw.encode()
        company = company or self.env.company
        limit = (company.qms_upload_max_mb or DEFAULT_MAX_MB) * 1024 * 1024
        if len(raw) > limit:
            raise ValidationError(
                self.env._(
                    "%(name)s is %(size).1f MB; files of at most %(limit)s MB are accepted.",
                    name=name,
                    size=len(raw) / 1024 / 1024,
                    limit=company.qms_upload_max_mb or DEFAULT_MAX_MB,
                )
            )
        mimetype = guess_mimetype(raw, default="application/octet-stream")
        extension = os.path.splitext(name or "")[1].lower()
        if mimetype not in allowed or extension not in allowed[mimetype]:
            accepted = sorted({ext for exts in allowed.values() for ext in exts})
            raise ValidationError(
                self.env._(
                    "%(name)s is not accepted: its content is %(type)s. Attach a file of one of "
                    "these kinds, named after its content: %(accepted)s.",
                    name=name or "-",
                    type=mimetype,
                    accepted=", ".join(accepted),
                )
            )
        return mimetype

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if not (vals.get("res_model") or "").startswith("qms."):
                    continue
                if vals.get("datas") or vals.get("raw"):
                    self._qms_check_upload(
                        vals.get("name"),
                        vals.get("datas"),
                        allowed=EVIDENCE_TYPES,
                        raw=vals.get("raw"),
                    )
        return super().create(vals_list)
