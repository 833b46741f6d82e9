import re
import unicodedata

from num2words import num2words

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .qms_tthc_processing_time import plain_text

NO_FEE_WORDS = ("khong", "mien", "khong quy dinh", "khong co")
AMOUNT_PATTERN = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:dong|d|vnd)?\b")


def format_amount(amount):
    return f"{round(amount):,}".replace(",", ".")


class QmsTthcProcedureFee(models.Model):
    """A fee (phí) or charge (lệ phí) of a procedure, shown to the applicant in figures and
    words on receipts and forms."""

    _name = "qms.tthc.procedure.fee"
    _inherit = ["qms.tthc.procedure.part.mixin"]
    _description = "TTHC Fee or Charge"
    _order = "procedure_id, sequence, id"

    procedure_id = fields.Many2one(
        "qms.tthc.procedure", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, help="E.g. Lệ phí cấp bản sao trích lục.")
    fee_type = fields.Selection(
        [("fee", "Fee (phí)"), ("charge", "Charge (lệ phí)")],
        string="Type",
        required=True,
        default="charge",
    )
    amount = fields.Monetary(currency_field="currency_id")
    amount_in_words = fields.Char(compute="_compute_amount_in_words")
    note = fields.Char(help="E.g. per copy, per page, exempt for poor households.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    company_id = fields.Many2one(related="procedure_id.company_id", store=True, index=True)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A fee cannot be negative.")

    @api.constrains("amount")
    def _check_amount(self):
        if any(fee.amount < 0 for fee in self):
            raise ValidationError(self.env._("A fee cannot be negative."))

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for fee in self:
            fee.amount_in_words = self._qms_amount_in_words(fee.amount)

    @api.model
    def _qms_amount_in_words(self, amount):
        """Amounts in Vietnamese words as written on receipts: "Tám nghìn đồng"."""
        text = f"{num2words(round(amount or 0), lang='vi')} đồng"
        return text[:1].upper() + text[1:]

    # ------------------------------------------------------------------ text of the files
    @api.model
    def _qms_parse_text(self, text):
        """Read "Phí, lệ phí" as published into a list of line values, None if unreadable.

        Segments are separated by ";" or new lines: "Lệ phí: 8.000 đồng/bản", "Phí thẩm định:
        50.000 đồng", "8.000 đồng". "Không", "Miễn" or an empty cell mean no fee.
        """
        plain = plain_text(text).strip(". ")
        if not plain or plain in NO_FEE_WORDS or plain.startswith(NO_FEE_WORDS[:2]):
            return []
        lines = []
        for segment in (s.strip() for s in re.split(r"[;\n]+", text) if s.strip()):
            label, _sep, value = segment.rpartition(":")
            value = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
            # plain_text keeps the length of NFC text, so positions map back to `value`
            match = AMOUNT_PATTERN.search(plain_text(value))
            if not match:
                return None
            amount = float(match.group(1).replace(".", ""))
            note = value[match.end() :].strip()
            label = label.strip()
            fee_type = "fee" if re.match(r"^phi\b", plain_text(label)) else "charge"
            lines.append(
                {
                    "name": label or ("Phí" if fee_type == "fee" else "Lệ phí"),
                    "fee_type": fee_type,
                    "amount": amount,
                    "note": note,
                }
            )
        return lines

    @api.model
    def _qms_format_text(self, fees):
        if not fees:
            return "Không"
        return "; ".join(
            f"{fee.name}: {format_amount(fee.amount)} đồng{self._qms_note_suffix(fee.note)}"
            for fee in fees
        )

    @api.model
    def _qms_note_suffix(self, note):
        """Semicolons and new lines separate fees in the files: a note must not carry them."""
        if not note:
            return ""
        note = re.sub(r"\s*[;\n]+\s*", ", ", note.strip())
        return note if note.startswith("/") else f" {note}"
