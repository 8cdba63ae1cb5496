"""Indicators of the movement: what a unit enters (measure) and when the target is met (rule).

The catalog of indicators is data (``api/catalog/ba-nhat-2026.json``); these types only describe it.
Thresholds are percentages held as exact ``Fraction`` values (95 means 95%).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .serialize import display


class Pillar(StrEnum):
    KL = "KL"
    TT = "TT"
    GD = "GD"

    @property
    def label(self) -> str:
        return _PILLAR_LABELS[self]


_PILLAR_LABELS = {Pillar.KL: "Kỷ luật nhất", Pillar.TT: "Trung thành nhất", Pillar.GD: "Gần dân nhất"}


class Measure(StrEnum):
    RATIO = "ratio"
    COUNT = "count"
    FLAG = "flag"
    DATE = "date"


class RuleKind(StrEnum):
    AT_LEAST = "at_least"
    ABOVE = "above"
    ZERO = "zero"
    ZERO_OR_LOWER = "zero_or_lower"
    FREQUENCY = "frequency"
    FLAG_YES = "flag_yes"
    DATE_BY = "date_by"


class Cadence(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return _CADENCE_LABELS[self]


_CADENCE_LABELS = {Cadence.WEEK: "tuần", Cadence.MONTH: "tháng", Cadence.QUARTER: "quý", Cadence.YEAR: "năm"}


class UnitKind(StrEnum):
    PROVINCE = "province"
    POLICE_PROVINCE = "police_province"
    POLICE_DEPARTMENT = "police_department"
    COMMUNE_POLICE = "commune_police"
    DEPARTMENT = "department"
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        return UNIT_KIND_LABELS[self]


# In the order an import's error lists them.
UNIT_KIND_LABELS = {
    UnitKind.POLICE_DEPARTMENT: "Phòng thuộc Công an tỉnh",
    UnitKind.COMMUNE_POLICE: "Công an xã, phường",
    UnitKind.DEPARTMENT: "Sở, ban, ngành, đoàn thể tỉnh",
    UnitKind.COMMUNE: "UBND xã, phường",
    UnitKind.PROVINCE: "UBND tỉnh",
    UnitKind.POLICE_PROVINCE: "Công an tỉnh",
}


# Which measure each rule reads; the catalog loader rejects any other pairing.
RULE_MEASURE = {
    RuleKind.AT_LEAST: Measure.RATIO,
    RuleKind.ABOVE: Measure.RATIO,
    RuleKind.ZERO_OR_LOWER: Measure.RATIO,
    RuleKind.ZERO: Measure.COUNT,
    RuleKind.FREQUENCY: Measure.COUNT,
    RuleKind.FLAG_YES: Measure.FLAG,
    RuleKind.DATE_BY: Measure.DATE,
}


def format_percent(value: Fraction) -> str:
    """Vietnamese percentage for rule texts: decimal comma, no trailing zeros (95%, 33,33%)."""
    text = str(display(value, 2))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


@dataclass(frozen=True, slots=True)
class Rule:
    """When an indicator is met. Only the fields its kind needs are set."""

    kind: RuleKind
    threshold: Fraction | None = None  # percent, for at_least / above
    count: int | None = None  # N of "at least N per cadence"
    cadence: Cadence | None = None
    deadline: date | None = None  # for date_by

    @property
    def text(self) -> str:
        """The rule in Vietnamese, as shown next to a score."""
        match self.kind:
            case RuleKind.AT_LEAST if self.threshold == 100:
                return "Đạt 100%"
            case RuleKind.AT_LEAST:
                return f"Tối thiểu {format_percent(self.threshold)}"
            case RuleKind.ABOVE:
                return f"Trên {format_percent(self.threshold)}"
            case RuleKind.ZERO:
                return "Không để xảy ra (bằng 0)"
            case RuleKind.ZERO_OR_LOWER:
                return "Không để xảy ra hoặc tỷ lệ thấp hơn năm trước"
            case RuleKind.FREQUENCY:
                return f"Tối thiểu {self.count:02d} lần/{self.cadence.label}"
            case RuleKind.FLAG_YES:
                return "Có thực hiện"
            case RuleKind.DATE_BY:
                return f"Hoàn thành trước hoặc trong ngày {self.deadline:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One emulation target of section III of the plan."""

    code: str
    pillar: Pillar
    name: str  # short Vietnamese name
    plan_text: str  # the plan's own wording
    measure: Measure
    rule: Rule
    applies_to: frozenset[UnitKind]
    veto: bool = False
    input_hint: str = ""  # what to enter, in Vietnamese (e.g. what the numerator counts)
    # Fields an activity of this indicator must carry where the plan names them ("subject", "channel").
    activity_fields: frozenset[str] = frozenset()

    def applies(self, kind: UnitKind) -> bool:
        return kind in self.applies_to
