"""The scoring scheme: every number of the scoring rules, versioned and stored as data.

Defaults follow docs/domain.md ("Scoring"): Nghị định 335/2025/NĐ-CP for the 100-point scale, the tiers
90/70/50, the veto cap and the "xuất sắc" quota; a quarter per occurrence for "= 0" counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from fractions import Fraction

from .indicators import Pillar


class Tier(IntEnum):
    """Xếp loại, ordered so that a higher value is a better tier."""

    KHONG_HOAN_THANH = 0
    HOAN_THANH = 1
    TOT = 2
    XUAT_SAC = 3

    @property
    def label(self) -> str:
        return _TIER_LABELS[self]


_TIER_LABELS = {
    Tier.KHONG_HOAN_THANH: "Không hoàn thành nhiệm vụ",
    Tier.HOAN_THANH: "Hoàn thành nhiệm vụ",
    Tier.TOT: "Hoàn thành tốt nhiệm vụ",
    Tier.XUAT_SAC: "Hoàn thành xuất sắc nhiệm vụ",
}


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A bonus (điểm thưởng) or deduction (điểm trừ) with its reason, as recorded by the standing body."""

    points: Fraction
    reason: str


@dataclass(frozen=True)
class Scheme:
    version: str
    indicator_weights: Mapping[str, Fraction] = field(default_factory=dict)  # missing code -> 1
    pillar_weights: Mapping[Pillar, Fraction] = field(default_factory=dict)  # missing pillar -> 1
    partial_credit: bool = False  # linear credit for ">=" ratio rules between the floor and the threshold
    partial_credit_floor: Fraction = Fraction(50)  # percent
    occurrence_penalty: Fraction = Fraction(1, 4)  # attainment lost per occurrence on "= 0" counts
    bonus_cap: Fraction = Fraction(10)
    late_report_deduction: Fraction = Fraction(2)
    tier_thresholds: Mapping[Tier, Fraction] = field(
        default_factory=lambda: {
            Tier.XUAT_SAC: Fraction(90),
            Tier.TOT: Fraction(70),
            Tier.HOAN_THANH: Fraction(50),
        }
    )
    veto_cap: Tier = Tier.HOAN_THANH
    excellent_quota: Fraction | None = None  # e.g. 1/5; None switches the quota off
    # Rank approved reports only; by default a submitted report is ranked provisionally (docs/scoring.md, 5).
    ranking_requires_approval: bool = False

    def indicator_weight(self, code: str) -> Fraction:
        return self.indicator_weights.get(code, Fraction(1))

    def pillar_weight(self, pillar: Pillar) -> Fraction:
        return self.pillar_weights.get(pillar, Fraction(1))

    def tier_for(self, total: Fraction) -> Tier:
        """The tier a total earns before any veto or quota."""
        for tier in (Tier.XUAT_SAC, Tier.TOT, Tier.HOAN_THANH):
            if total >= self.tier_thresholds[tier]:
                return tier
        return Tier.KHONG_HOAN_THANH
