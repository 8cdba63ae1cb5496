from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictInt

from api.schemas.auth import UnitRef
from api.schemas.common import InputModel
from api.schemas.enums import Measure, Pillar, SubmissionStatus, TimelinessStatus


class ValueIn(InputModel):
    """One indicator's value; only the fields of the indicator's measure may be set."""

    indicator: str
    # Strict: a JSON true is not the number 1. Bounds and digits are checked by the domain (docs/api.md).
    numerator: StrictInt | str | None = None
    denominator: StrictInt | str | None = None
    count: StrictInt | str | None = None
    flag: bool | str | None = None
    date: date | str | None = None
    note: str | None = Field(default=None, max_length=2000)


class ValuesIn(InputModel):
    values: list[ValueIn] = Field(max_length=200)


class ReasonIn(InputModel):
    reason: str = Field(min_length=3, max_length=2000)


class EvidenceOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_by: str
    uploaded_at: datetime


class ValueOut(BaseModel):
    numerator: int | None
    denominator: int | None
    count: int | None
    flag: bool | None
    date: date | None
    note: str | None


class IndicatorEntry(BaseModel):
    code: str
    pillar: Pillar
    name: str
    measure: Measure
    rule_text: str
    input_hint: str
    veto: bool
    activity_fields: list[Literal["subject", "channel"]] | None = Field(
        None, description="Ghi nhận theo từng hoạt động có ngày (chấm theo từng tuần, tháng, quý): các trường bắt "
        "buộc của mỗi hoạt động (subject: lĩnh vực, channel: hình thức); null: chỉ tiêu không ghi theo hoạt động")
    value: ValueOut | None
    evidence: list[EvidenceOut]


class SubmissionOut(BaseModel):
    period: str
    unit: UnitRef
    status: SubmissionStatus
    status_label: str
    version: int
    editable: bool
    note: str | None
    return_reason: str | None
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    approved_at: datetime | None
    timeliness: TimelinessStatus
    timeliness_label: str
    indicators: list[IndicatorEntry]


class SubmissionSummary(BaseModel):
    period: str
    unit: UnitRef
    group: str | None
    status: SubmissionStatus
    status_label: str
    version: int
    first_submitted_at: datetime | None
    submitted_at: datetime | None



class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    before: Any
    after: Any
    reason: str | None
