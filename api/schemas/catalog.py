from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field

from api.schemas.common import InputDate, InputModel, normalized_code
from api.schemas.enums import (
    Cadence,
    Measure,
    PeriodKind,
    PeriodStatus,
    Pillar,
    RuleKind,
    SubmissionStatus,
    TimelinessStatus,
    UnitKind,
)


class RuleOut(BaseModel):
    kind: RuleKind
    threshold: str | None
    count: int | None
    cadence: Cadence | None
    deadline: date | None
    text: str


class IndicatorOut(BaseModel):
    code: str
    pillar: Pillar
    name: str
    plan_text: str
    measure: Measure
    rule: RuleOut
    applies_to: list[UnitKind]
    veto: bool
    input_hint: str
    weight: str


class SchemeOut(BaseModel):
    version: str
    catalog: str
    title: str
    parameters: dict


class PeriodOut(BaseModel):
    code: str
    name: str
    kind: PeriodKind
    start: date
    end: date
    due: date
    status: PeriodStatus
    scheme_version: str | None = None
    spans: list[str] = []


class PeriodIn(InputModel):
    # One spelling per code, as for units: list filters match codes in any case (docs/api.md), so a period
    # created as "t11-open" must be T11-OPEN, or a filter on it would find nothing.
    code: Annotated[str, BeforeValidator(normalized_code),
                    Field(min_length=1, max_length=32, pattern=r"^[A-Z0-9_.-]+$")]
    name: str = Field(min_length=1, max_length=255)
    kind: PeriodKind
    start: InputDate
    end: InputDate
    due: InputDate


class PeriodPatch(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    start: InputDate | None = None
    end: InputDate | None = None
    due: InputDate | None = None


class GroupStatus(BaseModel):
    group: str
    name: str
    expected: int
    on_time: int
    late: int
    missing: int
    not_yet_due: int


class UnitStatus(BaseModel):
    unit: str
    name: str
    group: str
    status: SubmissionStatus | None
    first_submitted_at: datetime | None
    timeliness: TimelinessStatus
    timeliness_label: str
    days_late: int


class ReportingStatus(BaseModel):
    period: str
    due: date
    groups: list[GroupStatus]
    units: list[UnitStatus]
