from datetime import datetime

from pydantic import BaseModel, Field, StrictInt

from api.domain.values import MAX_NUMBER
from api.schemas.common import InputModel
from api.schemas.enums import BaselineStatus


class BaselineIn(InputModel):
    """A unit's rate for the year before the first period (KL-02: violations / staff in 2025)."""

    unit: str = Field(max_length=64)
    indicator: str = Field("KL-02", max_length=32)
    year: StrictInt = Field(2025, ge=2000, le=2100)
    numerator: StrictInt = Field(ge=0, le=MAX_NUMBER)
    denominator: StrictInt = Field(ge=1, le=MAX_NUMBER)
    note: str | None = Field(None, max_length=2000)


class BaselineReviewIn(InputModel):
    approve: bool
    reason: str | None = Field(None, max_length=2000)


class BaselineOut(BaseModel):
    id: int
    unit: str
    indicator: str
    year: int
    numerator: int
    denominator: int
    rate: str = Field(description="Tỷ lệ (%), làm tròn 2 chữ số")
    note: str | None
    status: BaselineStatus = Field(description="proposed (chờ duyệt), approved (đã duyệt), rejected (không duyệt)")
    entered_by: str
    entered_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
