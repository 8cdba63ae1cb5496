"""Ranking within an emulation group, the "xuất sắc" quota, and review-period totals.

Order (docs/domain.md, Scoring 6): approved report first; then tier (higher first), total (higher first),
KL pillar score (higher first), first submission (earlier first). Units equal on all of these share a
rank and the next rank skips (competition ranking: 1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from .schemes import Scheme, Tier


@dataclass(frozen=True, slots=True)
class RankInput:
    unit_code: str
    approved: bool
    tier: Tier  # after veto, before quota
    total: Fraction
    kl_score: Fraction | None  # None when no KL indicator applies: ranks below any score
    first_submitted_at: datetime | None  # None (never submitted) ranks after any submission


@dataclass(frozen=True, slots=True)
class RankedUnit:
    unit_code: str
    rank: int
    tier: Tier  # after the quota
    tier_before_quota: Tier
    quota_applied: bool  # True when the quota took "xuất sắc" away


def _order_key(entry: RankInput) -> tuple:
    kl_missing = entry.kl_score is None
    submitted = entry.first_submitted_at
    return (
        not entry.approved,
        -entry.tier,
        -entry.total,
        kl_missing,
        -(entry.kl_score or 0),
        submitted is None,
        submitted.timestamp() if submitted is not None else 0,
    )


def excellent_quota(scheme: Scheme, entries: Sequence[RankInput]) -> int | None:
    """How many units of the group may keep "xuất sắc": floor(q * units tiered "tốt" or better)."""
    if scheme.excellent_quota is None:
        return None
    eligible = sum(1 for entry in entries if entry.tier >= Tier.TOT)
    return int(scheme.excellent_quota * eligible)  # int() of a non-negative Fraction is its floor


def rank_group(entries: Sequence[RankInput], scheme: Scheme) -> list[RankedUnit]:
    """Rank one emulation group and apply the quota; the result is ordered by rank, then unit code.

    Under the quota, units keep "xuất sắc" in rank order; units sharing a rank keep or lose it together,
    so a tie at the boundary that would exceed the quota drops the whole tie to "tốt".
    """
    ordered = sorted(entries, key=lambda e: (_order_key(e), e.unit_code))
    quota = excellent_quota(scheme, entries)
    ranked: list[RankedUnit] = []
    index = 0
    kept = 0
    while index < len(ordered):
        key = _order_key(ordered[index])
        tie_end = index
        while tie_end < len(ordered) and _order_key(ordered[tie_end]) == key:
            tie_end += 1
        tie = ordered[index:tie_end]
        keeps = True
        if quota is not None and tie[0].tier is Tier.XUAT_SAC:
            keeps = kept + len(tie) <= quota
            kept += len(tie) if keeps else 0
        for entry in tie:
            dropped = entry.tier is Tier.XUAT_SAC and not keeps
            ranked.append(RankedUnit(entry.unit_code, index + 1, Tier.TOT if dropped else entry.tier,
                                     entry.tier, dropped))
        index = tie_end
    return ranked


def review_total(annual_totals: Sequence[Fraction | None]) -> Fraction:
    """Score of a review period (sơ kết, tổng kết): the mean of the annual totals, a missing year counting 0."""
    if not annual_totals:
        return Fraction(0)
    return Fraction(sum((total or 0 for total in annual_totals), Fraction(0)), len(annual_totals))
