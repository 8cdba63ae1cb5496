"""The consolidated report as plain data, so that the Word and Excel builders need no database.

The service that gathers it from the database fills these dataclasses from the same queries and score
computation as the API, which is what makes the report's numbers equal to the API's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class ReportingRow:
    """Submissions expected and received in one emulation group."""

    group: str
    expected: int
    on_time: int
    late: int

    @property
    def missing(self) -> int:
        return self.expected - self.on_time - self.late

    @property
    def rate(self) -> Fraction:
        return Fraction(self.on_time + self.late, self.expected) if self.expected else Fraction(0)

    @property
    def on_time_rate(self) -> Fraction:
        return Fraction(self.on_time, self.expected) if self.expected else Fraction(0)


@dataclass(frozen=True)
class TierRow:
    """How many units of a group fall in each tier, from "xuất sắc" down to "không hoàn thành"."""

    group: str
    excellent: int
    good: int
    completed: int
    not_completed: int
    unscored: int

    @property
    def total(self) -> int:
        return self.excellent + self.good + self.completed + self.not_completed + self.unscored


@dataclass(frozen=True)
class RankingRow:
    rank: int | None
    unit_code: str
    unit_name: str
    total: Fraction | None
    tier: str
    veto_failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupRanking:
    group: str
    rows: tuple[RankingRow, ...]


@dataclass(frozen=True)
class FailedIndicatorRow:
    code: str
    name: str
    failed: int
    applicable: int


@dataclass(frozen=True)
class InspectionRow:
    inspected_on: date
    unit_name: str
    done: bool
    findings: int
    deduction_points: Fraction
    open_actions: int


def inspection_status(row: InspectionRow) -> str:
    return "Đã kiểm tra" if row.done else "Theo kế hoạch"


@dataclass(frozen=True)
class AwardRow:
    recipient: str
    unit_name: str
    form_name: str
    status: str
    amount: int


@dataclass(frozen=True)
class NarrativeRow:
    """One unit's difficulties and proposals, from its narrative of the period (either may be empty)."""

    unit_name: str
    difficulties: str
    proposals: str


@dataclass(frozen=True)
class ConsolidatedReport:
    """Everything the standing body's 6-month, annual or review report says, in display order."""

    period_code: str
    period_name: str
    start: date
    end: date
    number: str
    place: str
    issued_on: date
    reporting: tuple[ReportingRow, ...]
    tiers: tuple[TierRow, ...]
    rankings: tuple[GroupRanking, ...]
    failed_indicators: tuple[FailedIndicatorRow, ...]
    inspections: tuple[InspectionRow, ...]
    awards: tuple[AwardRow, ...]
    narratives: tuple[NarrativeRow, ...] = ()  # "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị" (plan V.2)
    issuer_parent: str = "BỘ CÔNG AN"
    issuer: str = "CÔNG AN TỈNH HƯNG YÊN"
    recipients: tuple[str, ...] = field(default=("Ủy ban nhân dân tỉnh Hưng Yên", "Bộ Công an (qua Cục X03)"))
    signer_title: tuple[str, ...] = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer_name: str = ""

    @property
    def reporting_total(self) -> ReportingRow:
        return ReportingRow(
            "Toàn tỉnh",
            sum(row.expected for row in self.reporting),
            sum(row.on_time for row in self.reporting),
            sum(row.late for row in self.reporting),
        )

    @property
    def difficulties(self) -> tuple[NarrativeRow, ...]:
        return tuple(row for row in self.narratives if row.difficulties)

    @property
    def proposals(self) -> tuple[NarrativeRow, ...]:
        return tuple(row for row in self.narratives if row.proposals)

    @property
    def award_money_total(self) -> int:
        return sum(row.amount for row in self.awards)
