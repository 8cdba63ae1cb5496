"""Ranking within an emulation group, the "xuất sắc" quota, and review-period totals.

Only what can be ranked is ranked (docs/scoring.md, 5): a unit whose report is not submitted (or, when
the scheme ranks approved reports only, not approved) gets no rank and is listed after the ranked units
with a status saying why, so a period where nobody has reported has nobody first.

Order of the ranked units: approved report first; then tier (higher first), total (higher first), KL
pillar score (higher first), first submission (earlier first). Units equal on all of these share a rank
and the next rank skips (competition ranking: 1, 2, 2, 4).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from fractions import Fraction
from itertools import groupby

from .indicators import Pillar
from .schemes import Scheme, Tier


class RankStatus(StrEnum):
    """Whether a unit's result may be ranked, and if not, why (shown next to the unit)."""

    RANKED = "ranked"  # approved report (or, in a review period, annual results to average)
    PROVISIONAL = "provisional"  # submitted, not yet approved: ranked provisionally
    NOT_APPROVED = "not_approved"  # submitted, not approved, and the scheme ranks approved reports only
    RETURNED = "returned"  # returned for correction and not submitted again
    NOT_SUBMITTED = "not_submitted"  # no report, or a draft
    NO_RESULT = "no_result"  # review period: no spanned year has a ranked result

    @property
    def ranked(self) -> bool:
        return self in (RankStatus.RANKED, RankStatus.PROVISIONAL)

    @property
    def has_result(self) -> bool:
        """A submitted report (or annual results): its total and tier are shown, with or without a rank."""
        return self in (RankStatus.RANKED, RankStatus.PROVISIONAL, RankStatus.NOT_APPROVED)

    @property
    def label(self) -> str:
        return _RANK_STATUS_LABELS[self]


_RANK_STATUS_LABELS = {
    RankStatus.RANKED: "Đã duyệt",
    RankStatus.PROVISIONAL: "Xếp hạng tạm thời (chưa duyệt)",
    RankStatus.NOT_APPROVED: "Chưa duyệt",
    RankStatus.RETURNED: "Bị trả lại, chưa nộp lại",
    RankStatus.NOT_SUBMITTED: "Chưa nộp",
    RankStatus.NO_RESULT: "Chưa có kết quả năm nào",
}


def rank_status(submission_status: str | None, *, approval_required: bool) -> RankStatus:
    """The rank status of a report in a reporting period, from its workflow status (None: no report)."""
    if submission_status == "approved":
        return RankStatus.RANKED
    if submission_status == "submitted":
        return RankStatus.NOT_APPROVED if approval_required else RankStatus.PROVISIONAL
    if submission_status == "returned":
        return RankStatus.RETURNED
    return RankStatus.NOT_SUBMITTED


def review_rank_status(ranked_years: int) -> RankStatus:
    """A review period ranks a unit once at least one of the years it spans gave the unit a rank."""
    return RankStatus.RANKED if ranked_years else RankStatus.NO_RESULT


@dataclass(frozen=True, slots=True)
class RankInput:
    unit_code: str
    status: RankStatus
    tier: Tier  # after veto, before quota
    total: Fraction
    kl_score: Fraction | None  # None when no KL indicator applies: ranks below any score
    first_submitted_at: datetime | None  # None (never submitted) ranks after any submission


@dataclass(frozen=True, slots=True)
class RankedUnit:
    unit_code: str
    rank: int | None  # None: not ranked (see ``status``)
    tier: Tier  # after the quota
    tier_before_quota: Tier
    quota_applied: bool  # True when the quota took "xuất sắc" away
    status: RankStatus = RankStatus.RANKED


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
                entry.status is not RankStatus.RANKED,
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
    """How many units of the group may keep "xuất sắc": floor(q * ranked units tiered "tốt" or better)."""
    if scheme.excellent_quota is None:
        return None
    eligible = sum(1 for entry in entries if entry.status.ranked and entry.tier >= Tier.TOT)
    return int(scheme.excellent_quota * eligible)  # int() of a non-negative Fraction is its floor


def rank_group(entries: Sequence[RankInput], scheme: Scheme) -> list[RankedUnit]:
    """Rank one emulation group and apply the quota; the result is ordered by rank, then unit code, and
    ends with the units that cannot be ranked (rank None, by unit code).

    Under the quota, units keep "xuất sắc" in rank order; units sharing a rank keep or lose it together,
    so a tie at the boundary that would exceed the quota drops the whole tie to "tốt".
    """
    unranked = sorted((entry for entry in entries if not entry.status.ranked), key=lambda e: e.unit_code)
    quota = excellent_quota(scheme, entries)
    entries = [entry for entry in entries if entry.status.ranked]
    keys = _order_keys(entries)
    order = sorted(range(len(entries)), key=lambda i: (keys[i], entries[i].unit_code))
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
                RankedUnit(
                    entry.unit_code, rank, Tier.TOT if dropped else entry.tier, entry.tier, dropped, entry.status
                )
            )
    return ranked + [RankedUnit(e.unit_code, None, e.tier, e.tier, False, e.status) for e in unranked]


def review_total(annual_totals: Sequence[Fraction | None]) -> Fraction:
    """Score of a review period (sơ kết, tổng kết): the mean of the annual totals, a missing year counting 0."""
    if not annual_totals:
        return Fraction(0)
    return Fraction(sum((total or 0 for total in annual_totals), Fraction(0)), len(annual_totals))


@dataclass(frozen=True, slots=True)
class AnnualResult:
    """A unit's ranked result in one year a review period spans."""

    total: Fraction
    pillars: Mapping[Pillar, Fraction | None]
    veto_failed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewScore:
    total: Fraction
    pillars: Mapping[Pillar, Fraction | None]  # mean of the annual pillar scores; None if never scored
    tier_before_veto: Tier
    tier: Tier
    veto_failed: tuple[str, ...]  # failed in any spanned year
    status: RankStatus


def review_score(annual: Sequence[AnnualResult | None], scheme: Scheme) -> ReviewScore:
    """Score of a review period (sơ kết 2028, tổng kết 2030) from the years it spans (None: the unit had
    no ranked result that year, which counts 0).

    The plan (V.1) reviews the movement over the years; docs/domain.md decision 7: the total and each
    pillar are the means of the annual ones, and a veto indicator failed in any spanned year caps the
    review tier as it capped that year's (scheme.veto_cap), so a review never clears a failed veto.
    """
    total = review_total([result.total if result else None for result in annual])
    pillars: dict[Pillar, Fraction | None] = {}
    for pillar in Pillar:
        scores = [result.pillars.get(pillar) if result else None for result in annual]
        scored = any(score is not None for score in scores)
        pillars[pillar] = review_total(scores) if scored else None
    veto_failed = tuple(sorted({code for result in annual if result for code in result.veto_failed}))
    tier_before_veto = scheme.tier_for(total)
    tier = min(tier_before_veto, scheme.veto_cap) if veto_failed else tier_before_veto
    status = review_rank_status(sum(1 for result in annual if result is not None))
    return ReviewScore(total, pillars, tier_before_veto, tier, veto_failed, status)
