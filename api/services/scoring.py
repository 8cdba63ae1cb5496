"""Stored scores kept fresh: recompute one unit and re-rank its group after every change.

A change to one unit's values or workflow touches only that unit's score row and the ranks of its
emulation group; ``recompute_period`` rebuilds a whole period (seed, scheme change, lock).
"""

from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction

from sqlalchemy.orm import Session

from api.db.models import Period, Score, Submission, SubmissionValue, Unit
from api.db.repositories import awards as awards_repo
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import scores, submissions, units
from api.domain import (
    Pillar,
    RankInput,
    ScoringContext,
    Tier,
    UnitKind,
    UnitScore,
    Value,
    rank_group,
    review_total,
    timeliness,
    to_dict,
)
from api.services.catalog import scoring_context


def to_value(row: SubmissionValue) -> Value:
    return Value(numerator=row.numerator, denominator=row.denominator, count=row.count, flag=row.flag,
                 date=row.date_value, note=row.note or "")


def _previous_rates(session: Session, period: Period, unit_ids: list[int]) -> dict[int, dict[str, Fraction]]:
    """Last comparable period's ratio rates in percent per unit, for "lower than last year" rules."""
    previous = catalog_repo.previous_period(session, period)
    if previous is None:
        return {}
    return {
        unit_id: {v.indicator_code: Fraction(100 * v.numerator, v.denominator) for v in rows if v.denominator}
        for unit_id, rows in submissions.values_for(session, previous.id, unit_ids).items()
    }


def score_values(session: Session, period: Period, unit: Unit, submission: Submission | None,
                 values: dict[str, Value]) -> UnitScore:
    _catalog, context = scoring_context(session, period)
    return _score(context, period, unit, submission, values, _previous_rates(session, period, [unit.id]),
                  awards_repo.adjustments_for(session, period, [unit.id]))


def _score(context: ScoringContext, period: Period, unit: Unit, submission: Submission | None,
           values: dict[str, Value], previous: dict[int, dict[str, Fraction]], adjustments: dict) -> UnitScore:
    first = submission.first_submitted_at if submission else None
    bonus, deductions = adjustments.get(unit.id, ((), ()))  # bonus entries and inspection findings
    return context.score(UnitKind(unit.kind), values, previous_rates=previous.get(unit.id), bonus=bonus,
                         deductions=deductions, timeliness=timeliness(first, period.due, datetime.now(UTC)))


def _review_score(session: Session, context: ScoringContext, period: Period, unit: Unit) -> UnitScore:
    """Review periods take no values: the total is the mean of the spanned annual totals."""
    spanned = catalog_repo.periods_by_codes(session, list(period.spans))
    totals = scores.totals_of(session, [p.id for p in spanned], unit.id)
    annual = [Fraction(totals[p.id]) if p.id in totals else None for p in spanned]
    annual += [None] * (len(period.spans) - len(spanned))
    empty = context.score(UnitKind(unit.kind), {})
    total = review_total(annual)
    tier = context.scheme.tier_for(total)
    return replace(empty, base=total, total=total, tier_before_veto=tier, tier=tier, veto_failed=(), missing=())


def _store(session: Session, period: Period, unit: Unit, submission: Submission | None, result: UnitScore,
           existing: Score | None) -> None:
    kl = next((p.score for p in result.pillars if p.pillar is Pillar.KL), None)
    fields = {
        "group_id": unit.group_id, "scheme_code": result.scheme_version, "total": str(result.total),
        "kl_score": None if kl is None else str(kl), "tier": result.tier.name,
        "submission_status": submission.status if submission else None,
        "first_submitted_at": submission.first_submitted_at if submission else None,
        "pillars": {p.pillar.value: None if p.score is None else str(p.score) for p in result.pillars},
        "explanation": to_dict(result), "computed_at": datetime.now(UTC),
    }
    if existing is None:
        session.add(Score(period_id=period.id, unit_id=unit.id, final_tier=result.tier.name, rank=None,
                          quota_applied=False, frozen=False, **fields))
    else:
        for name, value in fields.items():
            setattr(existing, name, value)


def rerank_group(session: Session, period: Period, group_id: int) -> None:
    rows = scores.of_group(session, period.id, group_id)
    _catalog, context = scoring_context(session, period)
    entries = [
        RankInput(unit_code=code, approved=score.submission_status == "approved", tier=Tier[score.tier],
                  total=Fraction(score.total), kl_score=Fraction(score.kl_score) if score.kl_score else None,
                  first_submitted_at=score.first_submitted_at)
        for score, code in rows
    ]
    ranked = {r.unit_code: r for r in rank_group(entries, context.scheme)}
    for score, code in rows:
        result = ranked[code]
        score.rank, score.final_tier, score.quota_applied = result.rank, result.tier.name, result.quota_applied
    session.flush()


def recompute_unit(session: Session, period: Period, unit: Unit) -> None:
    """Refresh one unit's stored score and its group's ranks; a locked period's snapshot is left alone."""
    if period.status == "locked" or unit.group_id is None:
        return
    submission = submissions.find(session, period.id, unit.id)
    _catalog, context = scoring_context(session, period)
    if period.spans:
        result = _review_score(session, context, period, unit)
    else:
        rows = submissions.values_of(session, submission.id) if submission else []
        entered = {v.indicator_code: to_value(v) for v in rows}
        result = _score(context, period, unit, submission, entered, _previous_rates(session, period, [unit.id]),
                        awards_repo.adjustments_for(session, period, [unit.id]))
    _store(session, period, unit, submission, result, scores.find(session, period.id, unit.id))
    session.flush()
    rerank_group(session, period, unit.group_id)
    scores.bump_version(session, period.id)


def recompute_period(session: Session, period: Period) -> int:
    """Recompute every reporting unit's score of a period and re-rank every group; returns the unit count."""
    reporting = units.scored_units(session)
    _catalog, context = scoring_context(session, period)
    existing = scores.of_period(session, period.id)
    subs = submissions.all_of_period(session, period.id)
    values = submissions.values_for(session, period.id, list(subs)) if subs and not period.spans else {}
    previous = _previous_rates(session, period, [unit.id for unit in reporting]) if not period.spans else {}
    adjustments = awards_repo.adjustments_for(session, period, [unit.id for unit in reporting])
    for unit in reporting:
        submission = subs.get(unit.id)
        if period.spans:
            result = _review_score(session, context, period, unit)
        else:
            entered = {v.indicator_code: to_value(v) for v in values.get(unit.id, [])}
            result = _score(context, period, unit, submission, entered, previous, adjustments)
        _store(session, period, unit, submission, result, existing.get(unit.id))
    session.flush()
    for group_id in {unit.group_id for unit in reporting}:
        rerank_group(session, period, group_id)
    scores.bump_version(session, period.id)
    return len(reporting)
