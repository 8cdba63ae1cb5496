"""Ranking within an emulation group, the "xuất sắc" quota, and review-period totals.

Order (docs/domain.md, Scoring 6): approved report first; then tier (higher first), total (higher first),
KL pillar score (higher first), first submission (earlier first). Units equal on all of these share a
rank and the next rank skips (competition ranking: 1, 2, 2, 4).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from itertools import groupby

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


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _order_keys(entries: Sequence[RankInput]) -> list[tuple]:
    """Exact integer sort keys (smaller ranks first): Fractions are brought to one common denominator
    so that sorting compares ints, which is exact and far faster than comparing Fractions."""
    common = math.lcm(
        *(e.total.denominator for e in entries),
        *(e.kl_score.denominator for e in entries if e.kl_score is not None),
    )
    keys = []
    for entry in entries:
        kl = entry.kl_score
        submitted = entry.first_submitted_at
        keys.append(
            (
                not entry.approved,
                -entry.tier,
                -entry.total.numerator * (common // entry.total.denominator),
                kl is None,
                -kl.numerator * (common // kl.denominator) if kl is not None else 0,
                submitted is None,
                (submitted - _EPOCH) // _MICROSECOND if submitted is not None else 0,
            )
        )
    return keys


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
    keys = _order_keys(entries)
    order = sorted(range(len(entries)), key=lambda i: (keys[i], entries[i].unit_code))
    quota = excellent_quota(scheme, entries)
    ranked: list[RankedUnit] = []
    remaining = quota  # places left for "xuất sắc"; a tie that does not fit closes the list
    for _, positions in groupby(order, key=keys.__getitem__):
        tie = [entries[i] for i in positions]
        rank = len(ranked) + 1
        keeps = True
        if remaining is not None and tie[0].tier is Tier.XUAT_SAC:
            keeps = len(tie) <= remaining
            remaining = remaining - len(tie) if keeps else 0
        for entry in tie:
            dropped = entry.tier is Tier.XUAT_SAC and not keeps
            ranked.append(
                RankedUnit(entry.unit_code, rank, Tier.TOT if dropped else entry.tier, entry.tier, dropped)
            )
    return ranked


def review_total(annual_totals: Sequence[Fraction | None]) -> Fraction:
    """Score of a review period (sơ kết, tổng kết): the mean of the annual totals, a missing year counting 0."""
    if not annual_totals:
        return Fraction(0)
    return Fraction(sum((total or 0 for total in annual_totals), Fraction(0)), len(annual_totals))
