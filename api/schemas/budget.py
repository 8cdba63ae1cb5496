"""The budget estimate: activity lines and award money per year and unit, and Sở Tài chính's appraisal."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.common import InputModel
from api.schemas.enums import AppraisalStatus


class BudgetItemIn(InputModel):
    year: int = Field(ge=2026, le=2030)
    unit: str
    description: str = Field(min_length=1)
    amount: int = Field(gt=0)


class AppraiseIn(InputModel):
    """Sở Tài chính's appraised amount, in whole đồng (0 when nothing is granted)."""

    amount: int = Field(ge=0)


class ResubmitIn(InputModel):
    """The standing body resubmits a returned line, revised if it gives a new description or amount."""

    description: str | None = Field(None, min_length=1)
    amount: int | None = Field(None, gt=0)


class BudgetTotalOut(BaseModel):
    year: int
    unit: str
    unit_name: str
    activities: int
    awards: int
    total: int
    appraised_activities: int = Field(description="What Sở Tài chính appraised of the activity lines")
    appraised_total: int = Field(description="Appraised activities plus award money (legal rates)")


class BudgetLineOut(BaseModel):
    id: int | None = Field(description="The activity line's id (appraisal steps); none for award money")
    year: int
    unit: str
    unit_name: str
    category: Literal["activity", "award"]
    description: str
    amount: int
    status: AppraisalStatus | None = Field(description="The activity line's appraisal; none for award money")
    status_label: str | None
    appraised_amount: int | None
    return_reason: str | None
    appraised_by: str | None = None
    appraised_at: datetime | None = None


class BudgetOut(BaseModel):
    totals: list[BudgetTotalOut]
    lines: list[BudgetLineOut]
    activities_total: int
    awards_total: int = Field(description="Award money of the proposals not refused, at the legal rates")
    grand_total: int
    appraised_total: int = Field(description="Appraised activities plus award money")
