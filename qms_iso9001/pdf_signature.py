"""Checking the PAdES signatures of an issued document's PDF with pyHanko.

Agencies sign issued documents with public-service digital signatures (NĐ 68/2024/NĐ-CP); what
an inspector asks is who signed, whether the certificate leads to a root the agency trusts,
when it was signed and whether the file changed since. This module answers that from the bytes
and the trusted roots only: no network (no revocation fetching), so the answer is the same on a
server without Internet access.
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from asn1crypto import pem, x509

_logger = logging.getLogger(__name__)

try:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
except ImportError:  # pragma: no cover - the bootstrap installs it
    PdfFileReader = None

# From the best outcome to the worst: a file's status is its worst signature's.
STATUSES = ("valid", "expired", "untrusted", "modified", "invalid", "unsigned", "not_pdf")


@dataclass
class SignatureCheck:
    status: str
    signer: str = ""
    signing_time: datetime | None = None
    chain: list = field(default_factory=list)
    detail: str = ""


def load_certificate(data):
    """A certificate given as PEM or DER bytes, or None when it is neither."""
    try:
        if pem.detect(data):
            _type, _headers, data = pem.unarmor(data)
        certificate = x509.Certificate.load(data)
        # parse it now: a bad file fails here, not when a signature is checked
        if not certificate.subject.native:
            return None
    except (ValueError, TypeError):
        return None
    return certificate


def check_pdf(data, trust_roots, moment=None):
    """The worst of the file's signatures, checked against `trust_roots` (asn1crypto
    certificates) at `moment` (now by default)."""
    if PdfFileReader is None:
        raise RuntimeError("pyHanko is not installed")
    if not data or not data.startswith(b"%PDF"):
        return SignatureCheck("not_pdf")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:
        _logger.info("unreadable PDF: %s", error)
        return SignatureCheck("invalid", detail=str(error))
    if not signatures:
        return SignatureCheck("unsigned")
    checks = [_check_signature(sig, trust_roots, moment) for sig in signatures]
    return max(checks, key=lambda check: STATUSES.index(check.status))


def _check_signature(signature, trust_roots, moment):
    moment = moment or datetime.now(UTC)
    context = ValidationContext(
        trust_roots=list(trust_roots),
        allow_fetching=False,
        moment=moment,
        revocation_mode="soft-fail",
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as error:
        return SignatureCheck("invalid", detail=str(error))
    certificate = status.signing_cert
    check = SignatureCheck(
        "valid",
        signer=certificate.subject.human_friendly if certificate else "",
        signing_time=status.signer_reported_dt,
        chain=_chain_names(status),
    )
    if not status.intact or not status.valid:
        check.status = "modified" if not status.intact else "invalid"
    elif not _covers_the_document(status):
        check.status = "modified"
    elif certificate and certificate.not_valid_after < moment:
        check.status = "expired"
    elif not status.trusted:
        check.status = "untrusted"
    check.detail = status.summary()
    return check


def _covers_the_document(status):
    """Signed bytes cover the whole file, or later revisions only add form fill-ins/signatures."""
    coverage = getattr(status, "coverage", None)
    if coverage is None or coverage.name == "ENTIRE_FILE":
        return True
    level = getattr(status, "modification_level", None)
    return (
        coverage.name == "ENTIRE_REVISION"
        and level is not None
        and level.name
        in (
            "NONE",
            "LTA_UPDATES",
            "FORM_FILLING",
        )
    )


def _chain_names(status):
    path = getattr(status, "validation_path", None)
    if not path:
        return []
    try:
        return [cert.subject.human_friendly for cert in path]
    except (AttributeError, TypeError):
        return []
