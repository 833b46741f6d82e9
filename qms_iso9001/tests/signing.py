"""A test certification authority and signer: PDFs signed as an agency signs its decisions."""

import io
from datetime import UTC, datetime, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "QMS test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _certificate(subject, key, issuer, issuer_key, *, validity, ca=False):
    not_before, not_after = validity
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


class SigningAuthority:
    """A root CA and signers it issues, valid now or already expired."""

    def __init__(self, name="Root CA thử nghiệm"):
        now = datetime.now(UTC)
        self.name = name
        self.key = _key()
        self.certificate = _certificate(
            name,
            self.key,
            name,
            self.key,
            validity=(now - timedelta(days=365), now + timedelta(days=3650)),
            ca=True,
        )

    def root_pem(self):
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def signer(self, common_name="Nguyễn Văn An - Giám đốc Sở Tư pháp", expired=False):
        now = datetime.now(UTC)
        start, end = (
            (now - timedelta(days=800), now - timedelta(days=400))
            if expired
            else (
                now - timedelta(days=30),
                now + timedelta(days=700),
            )
        )
        key = _key()
        certificate = _certificate(common_name, key, self.name, self.key, validity=(start, end))
        der = serialization.Encoding.DER
        return signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(der)),
            signing_key=asn1_keys.PrivateKeyInfo.load(
                key.private_bytes(
                    der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            ),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(self.certificate.public_bytes(der))]
            ),
        )


def unsigned_pdf(text="QUY TRINH CHUNG THUC BAN SAO"):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def signed_pdf(signer, text="QUY TRINH CHUNG THUC BAN SAO"):
    output = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(unsigned_pdf(text)))
    signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name="ChuKySo"), signer=signer, output=output
    )
    return output.getvalue()


def tampered(data, text=b"CHUNG THUC"):
    """The same signed file with a word of its page changed after signing."""
    assert text in data
    return data.replace(text, b"CHUNG THUX", 1)
