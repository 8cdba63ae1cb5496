"""The consolidated report as JSON: the same numbers as its Word and Excel files."""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field


class ReportingRowOut(BaseModel):
    group: str
    expected: int
    on_time: int
    late: int
    missing: int
    rate: Decimal
    on_time_rate: Decimal


class TierRowOut(BaseModel):
    group: str
    excellent: int
    good: int
    completed: int
    not_completed: int
    unscored: int


class RankingRowOut(BaseModel):
    rank: int | None
    unit_code: str
    unit_name: str
    total: Decimal | None
    tier: str
    veto_failed: list[str]


class GroupRankingOut(BaseModel):
    group: str
    rows: list[RankingRowOut]


class FailedIndicatorOut(BaseModel):
    code: str
    name: str
    failed: int
    applicable: int


class InspectionRowOut(BaseModel):
    inspected_on: date
    unit_name: str
    done: bool
    findings: int
    deduction_points: Decimal
    open_actions: int


class AwardRowOut(BaseModel):
    recipient: str
    unit_name: str
    form_name: str
    status: str
    amount: int


class NarrativeRowOut(BaseModel):
    unit_name: str
    difficulties: str
    proposals: str


class ReportOut(BaseModel):
    """Percentages are ratios rounded to 4 places; totals and points rounded to 2 (half up)."""

    period: str
    period_name: str
    start: date
    end: date
    reporting: list[ReportingRowOut]
    reporting_total: ReportingRowOut
    tiers: list[TierRowOut]
    rankings: list[GroupRankingOut]
    failed_indicators: list[FailedIndicatorOut]
    inspections: list[InspectionRowOut]
    awards: list[AwardRowOut]
    award_money_total: int
    narratives: list[NarrativeRowOut] = Field(
        description="Khó khăn, vướng mắc và đề xuất, kiến nghị của các đơn vị, từ báo cáo thuyết minh của kỳ")
