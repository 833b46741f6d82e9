"""The request and answer documents of /api/tthc/v1 (pydantic): what the OpenAPI document
publishes to the connected systems' teams."""

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Channel = Literal["online", "postal", "direct"]
EventKind = Literal[
    "received",
    "handed_over",
    "supplement_requested",
    "supplement_received",
    "resolved",
    "returned",
    "refused",
    "withdrawn",
    "rated",
]
Rating = Literal["satisfied", "acceptable", "not_satisfied"]
EventId = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
ExternalCode = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_./:-]+$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FieldOut(BaseModel):
    code: str | None
    name: str


class TimeLimitOut(BaseModel):
    filing_method: str
    duration: float
    unit: str | None
    text: str | None


class FeeOut(BaseModel):
    name: str
    fee_type: str | None
    amount: float
    note: str | None


class ComponentOut(BaseModel):
    name: str
    requirement: str | None
    originals: int
    copies: int


class ProcedureOut(BaseModel):
    code: str | None
    name: str
    field: FieldOut
    level: str
    online_level: str
    state: str
    time_limits: list[TimeLimitOut]
    fees: list[FeeOut]
    components: list[ComponentOut]


class StepOut(BaseModel):
    sequence: int
    name: str
    unit: str | None
    role: str
    duration: float
    duration_unit: str
    filing_methods: list[str]


class FlowOut(BaseModel):
    procedure_code: str | None
    version: int
    approved_on: datetime | None
    steps: list[StepOut]


class Applicant(Strict):
    name: str = Field(min_length=1, max_length=256)
    type: Literal["citizen", "organization"] = "citizen"
    id_number: str | None = Field(default=None, max_length=32)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=256)
    address: str | None = Field(default=None, max_length=512)


class Paper(Strict):
    filename: str = Field(min_length=1, max_length=256)
    mimetype: Literal["application/pdf", "image/jpeg", "image/png"]
    component: str | None = Field(
        default=None, max_length=512, description="The name of the procedure's paper it is."
    )
    content_base64: str = Field(min_length=4, description="At most 10 MB once decoded.")


class DossierIn(Strict):
    event_id: str = EventId
    external_code: str = ExternalCode
    procedure_code: str = Field(min_length=1, max_length=64)
    channel: Channel = "online"
    received_at: datetime | None = Field(
        default=None, description="UTC; now when not given; never in the future."
    )
    applicant: Applicant
    papers: list[Paper] = Field(default_factory=list, max_length=30)

    @field_validator("received_at")
    @classmethod
    def _naive_utc(cls, value):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value


class EventIn(Strict):
    event_id: str = EventId
    kind: EventKind
    note: str | None = Field(default=None, max_length=4000)
    reason: str | None = Field(default=None, max_length=4000)
    to_user: str | None = Field(
        default=None, max_length=256, description="handed_over: login of the user taking it."
    )
    rating: Rating | None = None


class DossierStatus(BaseModel):
    dossier_code: str
    state: str
    received_at: datetime | None
    appointment_date: datetime | None
    new_appointment_date: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    timeliness: str | None
    current_step: str | None
    current_unit: str | None


class WriteResult(DossierStatus):
    duplicate: bool = Field(description="True when this event had already been received.")


class ErrorDetail(BaseModel):
    code: str
    message: str
    errors: list[dict] | None = None


class ErrorOut(BaseModel):
    detail: ErrorDetail
