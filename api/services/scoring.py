"""Stored scores kept fresh: recompute one unit and re-rank its group after every change.

A change to one unit's values or workflow touches only that unit's score row and the ranks of its
emulation group: the service that makes the change calls :func:`recompute_unit`, which scores the
unit at once and queues the writes, or :func:`units_changed`, which queues the unit to be scored (a
units import changes thousands: they are scored together, a few queries per period); the transaction
owner (:mod:`api.services.transaction`) scores the queued units and writes everything with
:func:`write_pending` just before COMMIT.
``recompute_period`` rebuilds a whole period (seed, scheme change, lock). After a national import it runs
as a job per period (``RECOMPUTE``), without explanations, which jobs of ``EXPLAIN`` store soon after;
meanwhile :func:`explanations` builds them for readers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from fractions import Fraction

import orjson
from sqlalchemy import Row
from sqlalchemy.orm import Session

from api import clock
from api.db.engine import json_bytes
from api.db.models import Period, Submission, SubmissionValue, Unit
from api.db.repositories import activities, baselines, scores, submissions, units
from api.db.repositories import adjustments as adjustments_repo
from api.db.repositories import catalog as catalog_repo
from api.domain import (
    AnnualResult,
    IndicatorResult,
    Pillar,
    PillarScore,
    RankInput,
    RankStatus,
    RuleKind,
    ScoringContext,
    Tier,
    TimelinessStatus,
    UnitKind,
    UnitScore,
    Value,
    explain,
    explain_indicator,
    gc_paused,
    rank_group,
    rank_status,
    review_score,
    timeliness,
)
from api.services import jobs, webhooks
from api.services.catalog import scoring_context
from api.services.errors import Conflict

# Units scored and written per batch by a bulk recompute: bounds the explanations held in memory.
_WRITE_CHUNK = 1000
# Key in ``Session.info`` of the transaction's :class:`_Pending` score work.
_PENDING = "banhat_pending_scores"


class _Pending:
    """Score work queued in one transaction, written by :func:`write_pending` before it commits."""

    def __init__(self) -> None:
        # The new score row of each (period id, unit id); ``None`` removes the row.
        self.rows: dict[tuple[int, int], dict | None] = {}
        # The groups to re-rank, by period id.
        self.groups: dict[int, tuple[Period, set[int]]] = {}
        # Units to score before writing (created, moved or of another kind), by period id and unit id.
        self.units: dict[int, tuple[Period, dict[int, Unit]]] = {}

    def rerank(self, period: Period, group_ids: set[int]) -> None:
        self.groups.setdefault(period.id, (period, set()))[1].update(group_ids)


def _pending(session: Session) -> _Pending:
    return session.info.setdefault(_PENDING, _Pending())


def to_value(row: SubmissionValue) -> Value:
    return Value(numerator=row.numerator, denominator=row.denominator, count=row.count, flag=row.flag,
                 date=row.date_value, note=row.note or "")


def _entered_values(session: Session, period_id: int, unit_ids: list[int] | None = None) -> dict[int, dict[str, Value]]:
    """Entered values by unit and indicator code; equal values share one immutable ``Value``.

    Sharing matters for a bulk recompute: a period holds hundreds of thousands of values but few
    distinct ones (0, Có, the same ratios), and building a frozen dataclass costs more than a lookup.
    """
    shared: dict[tuple, Value] = {}
    by_unit: dict[int, dict[str, Value]] = {}
    for unit_id, code, *fields in submissions.value_rows(session, period_id, unit_ids):
        key = tuple(fields)
        value = shared.get(key)
        if value is None:
            numerator, denominator, count, flag, day, note = fields
            value = shared[key] = Value(numerator=numerator, denominator=denominator, count=count, flag=flag,
                                        date=day, note=note or "")
        entered = by_unit.get(unit_id)
        if entered is None:
            entered = by_unit[unit_id] = {}
        entered[code] = value
    _add_activities(session, period_id, unit_ids, by_unit)
    return by_unit


def _add_activities(session: Session, period_id: int, unit_ids: list[int] | None,
                    by_unit: dict[int, dict[str, Value]]) -> None:
    """Dated activities become their indicator's value: the days, checked window by window. They take
    the place of an aggregate count entered for the same indicator (its note is kept)."""
    days: dict[tuple[int, str], list] = {}
    for unit_id, code, day in activities.days_of_period(session, period_id, unit_ids):
        days.setdefault((unit_id, code), []).append(day)
    for (unit_id, code), found in days.items():
        entered = by_unit.setdefault(unit_id, {})
        note = entered[code].note if code in entered else ""
        entered[code] = Value(count=len(found), dates=tuple(sorted(found)), note=note)


def _previous_rates(session: Session, period: Period, unit_ids: list[int] | None) -> dict[int, dict[str, Fraction]]:
    """Last year's ratio rates in percent per unit (``unit_ids`` None: every unit), for "lower than last
    year" rules: the last comparable period's values, and where a unit has none, the approved baseline
    of the year before the period (KL-02's 2025 rate, entered once per unit and reviewed)."""
    rates: dict[int, dict[str, Fraction]] = {}
    previous = catalog_repo.previous_period(session, period)
    catalog, _context = scoring_context(session, period)
    # Only those rules read a previous rate: a bulk recompute reads a few codes of the previous period,
    # not its every value.
    codes = [indicator.code for indicator in catalog.indicators if indicator.rule.kind is RuleKind.ZERO_OR_LOWER]
    if previous is not None and codes:
        for unit_id, code, numerator, denominator, *_rest in submissions.value_rows(session, previous.id, unit_ids,
                                                                                   codes):
            if denominator:
                rates.setdefault(unit_id, {})[code] = Fraction(100 * numerator, denominator)
    for unit_id, code, numerator, denominator in baselines.approved_rates(session, period.start.year - 1, unit_ids):
        known = rates.setdefault(unit_id, {})
        if code not in known and denominator:
            known[code] = Fraction(100 * numerator, denominator)
    return rates


def score_values(session: Session, period: Period, unit: Unit, submission: Submission | None,
                 values: dict[str, Value]) -> UnitScore:
    """The score `values` would get if the report were submitted now (the what-if preview): every
    adjustment of the stored score (bonuses, inspection deductions, veto caps) and the late deduction
    counted from the first submission, or from now for a report never submitted."""
    _catalog, context = scoring_context(session, period)
    return _score(context, period, unit, submission, values, _previous_rates(session, period, [unit.id]),
                  adjustments_repo.adjustments_for(session, period, [unit.id]), submitted_now=True)


def lateness_if_submitted_now(session: Session, period: Period, submission: Submission | None) -> tuple[int, Fraction] | None:
    """(days late, deduction) of the report if submitted now, None if on time (see `score_values`)."""
    due = _timeliness_if_submitted_now(period, submission)
    if due.status is not TimelinessStatus.LATE:
        return None
    _catalog, context = scoring_context(session, period)
    return due.days_late, context.scheme.late_report_deduction


def _timeliness_if_submitted_now(period: Period, submission: Submission | Row | None):
    now = clock.now()
    first = submission.first_submitted_at if submission else None
    return timeliness(first or now, period.due, now)


def _score(context: ScoringContext, period: Period, unit: Unit, submission: Submission | Row | None,
           values: dict[str, Value], previous: dict[int, dict[str, Fraction]], adjustments: dict,
           *, submitted_now: bool = False, memo: dict | None = None) -> UnitScore:
    first = submission.first_submitted_at if submission else None
    bonus, deductions = adjustments.get(unit.id, ((), ()))  # bonus entries and inspection findings
    due = _timeliness_if_submitted_now(period, submission) if submitted_now else timeliness(first, period.due, clock.now())
    return context.score(UnitKind(unit.kind), values, previous_rates=previous.get(unit.id), bonus=bonus,
                         deductions=deductions, timeliness=due, memo=memo)


def _annual_results(session: Session, period: Period, unit_ids: list[int] | None) -> dict[int, dict[str, Row]]:
    """For a review period: the stored results of the annual periods it spans, by unit id and period code
    (``unit_ids`` None: every unit)."""
    spanned = {p.id: p.code for p in catalog_repo.periods_by_codes(session, list(period.spans))}
    found: dict[int, dict[str, Row]] = {}
    for row in scores.annual_results(session, list(spanned), unit_ids):
        found.setdefault(row.unit_id, {})[spanned[row.period_id]] = row
    return found


def _review_score(context: ScoringContext, period: Period, unit: Unit, found: dict[str, Row]) -> tuple[UnitScore, RankStatus]:
    """Review periods take no values: their score comes from the ranked annual results they span
    (``found``, by period code; ``api.domain.review_score``: means, a missing year counting 0, any
    year's failed veto caps the tier)."""
    annual = []
    for code in period.spans:
        row = found.get(code)
        ranked = row is not None and RankStatus(row.rank_status).ranked
        annual.append(AnnualResult(
            exact(row.total),
            {pillar: exact(row.pillars[pillar.value]) if row.pillars.get(pillar.value) else None for pillar in Pillar},
            tuple(row.veto_failed),
        ) if ranked else None)
    review = review_score(annual, context.scheme)
    empty = context.score(UnitKind(unit.kind), {})
    pillars = tuple(
        PillarScore(p.pillar, review.pillars[p.pillar], p.weight, 0, 0, 0) for p in empty.pillars
    )
    return replace(empty, base=review.total, total=review.total, tier_before_veto=review.tier_before_veto,
                   tier=review.tier, veto_failed=review.veto_failed, missing=(), pillars=pillars), review.status


def _rank_status(context: ScoringContext, submission: Submission | Row | None) -> RankStatus:
    return rank_status(submission.status if submission else None,
                       approval_required=context.scheme.ranking_requires_approval)


class _Bulk:
    """What the units of one bulk recompute share: the scoring memo (``ScoringContext.score``) and the
    encoding of each indicator result it hands out, so a result shared by thousands of units (the same
    value of the same indicator) is evaluated and encoded once."""

    _LIMIT = 50_000  # entries kept before both are emptied

    def __init__(self, values: dict[int, dict[str, Value]], explained: bool = True) -> None:
        # Only where values are shared: a kept result costs memory (about 1.5 KB) and saves only on a hit.
        count = sum(len(entered) for entered in values.values())
        distinct = len({id(value) for entered in values.values() for value in entered.values()})
        self.memo: dict | None = {} if count and distinct * 4 <= count else None
        self._encoded: dict[int, tuple[IndicatorResult, orjson.Fragment]] = {}
        # False: the rows are written without explanations (a deferred recompute, see ``EXPLAIN``).
        self.explained = explained

    @property
    def encoder(self):
        return None if self.memo is None else self.indicator

    def indicator(self, result: IndicatorResult) -> orjson.Fragment:
        found = self._encoded.get(id(result))
        if found is None or found[0] is not result:  # the result is kept, so its id is not reused
            # Copied: a small orjson output keeps a buffer of about 3.5 KB (588 MB at the peak of a period
            # of generated values, 204 MB with the copy).
            encoded = bytes(memoryview(json_bytes(explain_indicator(result))))
            found = self._encoded[id(result)] = (result, orjson.Fragment(encoded))
        return found[1]

    def trim(self) -> None:
        if self.memo is not None and len(self.memo) > self._LIMIT:
            self.memo.clear()
            self._encoded.clear()


def _fields(period: Period, unit: Unit, submission: Submission | Row | None, result: UnitScore,
            status: RankStatus, bulk: _Bulk | None = None) -> dict:
    """The stored columns of one unit's score (rank and quota come from re-ranking its group).

    ``submission`` is the ORM object, or for a bulk recompute a row with its ``status`` and
    ``first_submitted_at``. The explanation is None when ``bulk`` writes none.
    """
    kl = next((p.score for p in result.pillars if p.pillar is Pillar.KL), None)
    explained = bulk is None or bulk.explained
    return {
        "period_id": period.id, "unit_id": unit.id, "group_id": unit.group_id,
        "scheme_code": result.scheme_version, "total": str(result.total),
        "kl_score": None if kl is None else str(kl), "tier": result.tier.name, "rank_status": status.value,
        "submission_status": submission.status if submission else None,
        "first_submitted_at": submission.first_submitted_at if submission else None,
        "pillars": {p.pillar.value: None if p.score is None else str(p.score) for p in result.pillars},
        # Encoded once: the same bytes feed the fingerprint and the column (the engine's orjson keeps a
        # Fragment as is), which halves the JSON work of a bulk rewrite.
        "explanation": orjson.Fragment(json_bytes(explain(result, bulk and bulk.encoder))) if explained else None,
        "veto_failed": list(result.veto_failed),
    }


def _fingerprint(fields: dict) -> str:
    """The hash of a score row's computed columns, stored with it: a recompute skips rows it would not change."""
    return hashlib.blake2b(json_bytes(fields), digest_size=16).hexdigest()


def _write(session: Session, period: Period, computed: list[dict], stored: dict[int, tuple]) -> set[int]:
    """Insert new score rows and update changed ones; rows whose content is identical are not rewritten.
    Returns the groups of the rows written.

    ``stored`` is :func:`scores.stored` of the period (or of the one unit being recomputed).
    """
    now = clock.now()
    inserts, updates = [], []
    for fields in computed:
        fields["fingerprint"] = _fingerprint(fields)
        fields["computed_at"] = now
        found = stored.get(fields["unit_id"])
        if found is None:
            inserts.append({**fields, "final_tier": fields["tier"], "rank": None, "quota_applied": False,
                            "frozen": False})
        elif found[1] != fields["fingerprint"]:
            updates.append({"id": found[0], **fields})
    scores.bulk_insert(session, inserts)
    scores.bulk_update(session, updates)
    return {fields["group_id"] for fields in (*inserts, *updates)}


def _write_period(write: Callable[[list[dict]], None], computed: list[dict], stored: dict[int, tuple],
                  placed: dict[int, tuple]) -> set[int]:
    """:func:`_write` for a period's recompute: every new or changed row to ``write``
    (``scores.computed_writer``), a new row with its place in its group when ``placed`` has it (by unit
    id: rank, final tier, quota applied). Returns the groups of the rows written."""
    written = []
    for fields in computed:
        fields["fingerprint"] = fingerprint = _fingerprint(fields)
        found = stored.get(fields["unit_id"])
        if found is None or found[1] != fingerprint:
            fields["final_tier"], fields["rank"], fields["quota_applied"] = placed.get(
                fields["unit_id"], (fields["tier"], None, False))
            written.append(fields)
    write(written)
    return {fields["group_id"] for fields in written}


def _place(context: ScoringContext, entries: dict[int, dict[str, tuple[int, RankInput]]]) -> dict[int, tuple]:
    """Rank groups scored in memory (``entries``: by group id, by unit code, the unit id and its rank
    input): (final tier, rank, quota applied) by unit id, as :func:`rerank` would write them."""
    placed = {}
    for group in entries.values():
        for ranked in rank_group([entry for _unit_id, entry in group.values()], context.scheme):
            placed[group[ranked.unit_code][0]] = (ranked.tier.name, ranked.rank, ranked.quota_applied)
    return placed


def _whole_groups(reporting: Sequence[Row], size: int) -> tuple[list[list[Row]], list[int]]:
    """The scored units in chunks of at most ``size``, each holding whole emulation groups, and the groups
    larger than ``size`` (split across chunks of their own, so they are ranked from the stored rows)."""
    by_group: dict[int, list[Row]] = {}
    for unit in reporting:
        by_group.setdefault(unit.group_id, []).append(unit)
    chunks: list[list[Row]] = [[]]
    large = []
    for group_id, group in by_group.items():
        if len(group) > size:
            large.append(group_id)
            chunks.extend(group[start:start + size] for start in range(0, len(group), size))
            continue
        if len(chunks[-1]) + len(group) > size:
            chunks.append([])
        chunks[-1].extend(group)
    return chunks, large


def exact(text: str) -> Fraction:
    """A stored "p/q" string as a Fraction (``Fraction(str)`` parses with a regex, slow for 10,000 rows)."""
    numerator, _, denominator = text.partition("/")
    return Fraction(int(numerator), int(denominator or 1))


def rerank(session: Session, period: Period, group_id: int | None = None) -> set[int]:
    """Rank one emulation group (or all of them) and write only the ranks and tiers that changed;
    returns the groups where some did."""
    by_group: dict[int, list] = {}
    for row in scores.rank_inputs(session, period.id, group_id):
        by_group.setdefault(row.group_id, []).append(row)
    _catalog, context = scoring_context(session, period)
    changed, changed_groups = [], set()
    for rows in by_group.values():
        entries = [
            RankInput(unit_code=row.code, status=RankStatus(row.rank_status), tier=Tier[row.tier],
                      total=exact(row.total), kl_score=exact(row.kl_score) if row.kl_score else None,
                      first_submitted_at=row.first_submitted_at)
            for row in rows
        ]
        ranked = {r.unit_code: r for r in rank_group(entries, context.scheme)}
        for row in rows:
            result = ranked[row.code]
            new = (result.rank, result.tier.name, result.quota_applied)
            if new != (row.rank, row.final_tier, row.quota_applied):
                changed.append((row.id, *new))
                changed_groups.add(row.group_id)
    scores.write_ranks(session, changed)
    return changed_groups


def _queue(session: Session, period: Period, unit_id: int, fields: dict | None, group_ids: set[int]) -> None:
    """Keep a unit's new score row (``None``: remove it) and the groups to re-rank for the commit."""
    pending = _pending(session)
    pending.rows[(period.id, unit_id)] = fields
    pending.rerank(period, group_ids)


def recompute_unit(session: Session, period: Period, unit: Unit) -> None:
    """Score one unit now and write it, with its group's new ranks, when the transaction commits.

    A locked period's snapshot is left alone. The score is computed under the unit's lock, so it sees
    every committed change to its inputs; only the writes at commit hold the lock of the unit's group,
    which every score writer of the group queues for (see :func:`write_pending`).
    """
    _score_units(session, period, [unit])


def _score_units(session: Session, period: Period, changed: list[Unit]) -> None:
    """:func:`recompute_unit` for many units, with one query per kind of input."""
    changed = [unit for unit in changed if unit.group_id is not None]
    if period.status == "locked" or not changed:
        return
    units.lock(session, [unit.id for unit in changed])
    for unit, submission, result, status in _unit_results(session, period, changed):
        _queue(session, period, unit.id, _fields(period, unit, submission, result, status), {unit.group_id})


def _unit_results(session: Session, period: Period, chosen: list[Unit]) -> list[tuple[Unit, Submission | None, UnitScore, RankStatus]]:
    """Score some units of a period now (nothing written): each unit with its report, score and rank status."""
    ids = [unit.id for unit in chosen]
    found = submissions.of_units(session, period.id, ids)
    _catalog, context = scoring_context(session, period)
    if period.spans:
        annual = _annual_results(session, period, ids)
    else:
        entered = _entered_values(session, period.id, ids) if found else {}
        previous = _previous_rates(session, period, ids)
        adjustments = adjustments_repo.adjustments_for(session, period, ids)
    results = []
    for unit in chosen:
        submission = found.get(unit.id)
        if period.spans:
            result, status = _review_score(context, period, unit, annual.get(unit.id, {}))
        else:
            result = _score(context, period, unit, submission, entered.get(unit.id, {}), previous, adjustments)
            status = _rank_status(context, submission)
        results.append((unit, submission, result, status))
    return results


def explanations(session: Session, period: Period, stored: dict[int, dict | None]) -> dict[int, dict]:
    """The explanation of each stored score (``stored``: its explanation by unit id), those stored without
    one built now, from the inputs they were scored from: a deferred recompute writes scores without
    explanations, and its ``EXPLAIN`` job stores them a little later (any change of a unit's inputs in
    between rescores it with its explanation)."""
    missing = [unit_id for unit_id, explanation in stored.items() if explanation is None]
    built = {unit.id: explain(result) for unit, _submission, result, _status
             in _unit_results(session, period, units.by_ids(session, missing))} if missing else {}
    return {unit_id: built[unit_id] if explanation is None else explanation for unit_id, explanation in stored.items()}


def units_changed(session: Session, changed: Sequence[tuple[Unit, int | None]]) -> None:
    """Units were created, moved to another emulation group or given another kind (each with the group it
    left): rescore them in every open period (at commit, together) and re-rank the groups they left, so
    the rankings read as a full recompute would write them. A unit taken out of every group no longer
    has a score in open periods; locked snapshots stay."""
    if not changed:
        return
    pending = _pending(session)
    for period in catalog_repo.periods(session):
        if period.status == "locked":
            continue
        queued = pending.units.setdefault(period.id, (period, {}))[1]
        for unit, left_group_id in changed:
            left = {left_group_id} - {None, unit.group_id}
            queued.pop(unit.id, None)
            if unit.group_id is None:
                _queue(session, period, unit.id, None, left)
            else:
                queued[unit.id] = unit
                pending.rerank(period, left)


def write_pending(session: Session) -> None:
    """Write the unit scores computed in this transaction, re-rank each touched group once, bump each
    period's scores version and announce the groups whose scores or ranks changed (webhooks'
    ``scores.changed``); called by the transaction owner just before COMMIT.

    Last before COMMIT, so the groups' locks are held only for these few statements, not for the rest
    of the request: the shorter that hold, the more saves per second a group takes. A period locked by
    someone else while this transaction ran refuses the change.
    """
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is not None:
        for period, queued in sorted(pending.units.values(), key=lambda entry: entry[0].id):
            _score_units(session, period, list(queued.values()))
    pending = session.info.pop(_PENDING, None)
    if pending is None or not pending.groups:
        return
    for period_id, (_period, group_ids) in sorted(pending.groups.items()):
        units.lock_groups(session, period_id, list(group_ids))
    for period_id, (period, group_ids) in sorted(pending.groups.items()):
        entries = {unit_id: fields for (for_period, unit_id), fields in pending.rows.items() if for_period == period_id}
        computed = [fields for fields in entries.values() if fields is not None]
        removed = [unit_id for unit_id, fields in entries.items() if fields is None]
        scores.delete_units(session, period_id, removed)
        changed = _write(session, period, computed, scores.stored(session, period_id, [f["unit_id"] for f in computed]))
        if removed:
            changed |= group_ids
        for group_id in sorted(group_ids):
            changed |= rerank(session, period, group_id)
        if scores.bump_version(session, period_id) == "locked":
            raise Conflict("Kỳ báo cáo vừa được khóa trong lúc lưu; thay đổi chưa được ghi. Hãy tải lại trang.")
        webhooks.scores_changed(session, period, changed)


def queued_copy(session: Session) -> _Pending:
    """The score work queued so far, to restore if a savepoint rolls back what came after."""
    pending = _pending(session)
    copy = _Pending()
    copy.rows = dict(pending.rows)
    copy.groups = {period_id: (period, set(group_ids)) for period_id, (period, group_ids) in pending.groups.items()}
    copy.units = {period_id: (period, dict(queued)) for period_id, (period, queued) in pending.units.items()}
    return copy


def restore_queued(session: Session, queued: _Pending) -> None:
    session.info[_PENDING] = queued


def discard_pending(session: Session) -> None:
    """A rolled-back transaction's computed scores are never written."""
    session.info.pop(_PENDING, None)


def simulate_period(session: Session, period: Period, context: ScoringContext) -> list[tuple[Unit, UnitScore, object]]:
    """Score and rank every reporting unit of a period under another scheme (``context``), writing
    nothing: what a scheme draft would give on the period's real data. ``(unit, score, ranked)`` each."""
    reporting = units.scored_units(session)
    subs = submissions.states_of_period(session, period.id)
    adjustments = adjustments_repo.adjustments_for(session, period, None)
    values = _entered_values(session, period.id)
    previous = _previous_rates(session, period, None)
    with gc_paused():
        results = [(unit, _score(context, period, unit, subs.get(unit.id), values.get(unit.id, {}), previous,
                                 adjustments)) for unit in reporting]
    by_group: dict[int, list[RankInput]] = {}
    for unit, result in results:
        submission = subs.get(unit.id)
        by_group.setdefault(unit.group_id, []).append(RankInput(
            unit_code=unit.code, status=_rank_status(context, submission), tier=result.tier,
            total=result.total, kl_score=result.pillar_score(Pillar.KL),
            first_submitted_at=submission.first_submitted_at if submission else None))
    ranked = {r.unit_code: r for entries in by_group.values() for r in rank_group(entries, context.scheme)}
    return [(unit, result, ranked[unit.code]) for unit, result in results]


def recompute_period(session: Session, period: Period, *, explained: bool = True) -> int:
    """Recompute every reporting unit's score of a period and re-rank every group, announcing the groups
    that changed; returns the unit count. With ``explained`` False the rows are written without their
    explanations (the deferred recompute's first pass, see ``EXPLAIN``): about half the CPU.

    The garbage collector stays paused throughout (resuming it before re-ranking made the next query pay
    for a full scan of the heap), and scores are built and written a chunk of whole groups at a time, so
    that only one chunk's explanations are in memory at once (:func:`_compute_period`).
    """
    write_pending(session)  # a unit written after this full recompute would undo it
    units.lock_groups(session, period.id)
    with gc_paused():
        inputs = _PeriodInputs.read(session, period, explained)  # before the writer: PostgreSQL's COPY holds the connection
        with scores.computed_writer(session, clock.now()) as write:
            computed = _compute_period(inputs, write)
        _finish_period(session, period, computed)
    return computed.unit_count


@dataclass
class _ComputedPeriod:
    """What a period's recompute leaves to write once its rows are written (:func:`_finish_period`)."""

    unit_count: int
    changed: set[int]  # groups whose rows were written or moved
    moved: list[tuple[int, int | None, str, bool]]  # (score id, rank, final tier, quota) of stored rows placed anew
    rerank: list[int] | None  # groups to re-rank from the stored rows; None: every group


@dataclass
class _PeriodInputs:
    """Everything a period's recompute reads, read at once (:meth:`read`)."""

    period: Period
    reporting: Sequence[Row]
    context: ScoringContext
    subs: dict[int, Row]
    adjustments: dict
    values: dict[int, dict[str, Value]]
    previous: dict[int, dict[str, Fraction]]
    annual: dict[int, dict[str, Row]]
    stored: dict[int, tuple]
    bulk: _Bulk

    @classmethod
    def read(cls, session: Session, period: Period, explained: bool) -> _PeriodInputs:
        values = _entered_values(session, period.id) if not period.spans else {}
        return cls(
            period, units.scored_unit_keys(session), scoring_context(session, period)[1],
            submissions.states_of_period(session, period.id), adjustments_repo.adjustments_for(session, period, None),
            values, _previous_rates(session, period, None) if not period.spans else {},
            _annual_results(session, period, None) if period.spans else {}, scores.stored(session, period.id),
            _Bulk(values, explained),
        )


def _compute_period(inputs: _PeriodInputs, write: Callable[[list[dict]], None]) -> _ComputedPeriod:
    """Score every reporting unit of a period from its inputs and hand the new or changed rows to ``write``,
    a chunk of whole groups at a time.

    Each chunk's groups are ranked in memory: new rows are written with their rank, and only the stored
    rows whose place moved are updated (a first computation wrote every row twice, unranked then ranked).
    Groups larger than a chunk, and every group where the period holds rows of units no longer scored
    (deactivated, or out of every group), which still count in their group's ranking, are re-ranked from
    the stored rows instead (:func:`rerank`).
    """
    period, reporting, context, subs, adjustments, values, previous, annual, stored, bulk = (
        inputs.period, inputs.reporting, inputs.context, inputs.subs, inputs.adjustments, inputs.values,
        inputs.previous, inputs.annual, inputs.stored, inputs.bulk)
    changed: set[int] = set()
    in_memory = stored.keys() <= {unit.id for unit in reporting}
    moved = []
    # Chunks bound the explanations held in memory: rows without one are small, and a single chunk ranks
    # every group in memory (a group larger than a chunk is re-ranked from the stored rows).
    chunks, large = _whole_groups(reporting, _WRITE_CHUNK if bulk.explained else max(len(reporting), 1))
    for chunk in chunks:
        computed = []
        entries: dict[int, dict[str, tuple[int, RankInput]]] = {}
        for unit in chunk:
            submission = subs.get(unit.id)
            if period.spans:
                result, status = _review_score(context, period, unit, annual.get(unit.id, {}))
            else:
                result = _score(context, period, unit, submission, values.get(unit.id, {}), previous, adjustments,
                                memo=bulk.memo)
                status = _rank_status(context, submission)
            fields = _fields(period, unit, submission, result, status, bulk)
            computed.append(fields)
            entries.setdefault(unit.group_id, {})[unit.code] = (unit.id, RankInput(
                unit_code=unit.code, status=status, tier=result.tier, total=result.total,
                kl_score=exact(fields["kl_score"]) if fields["kl_score"] else None,
                first_submitted_at=fields["first_submitted_at"]))
        placed = _place(context, {g: e for g, e in entries.items() if g not in large}) if in_memory else {}
        changed |= _write_period(write, computed, stored, placed)
        for fields in computed:
            found = stored.get(fields["unit_id"])
            if found is not None and fields["unit_id"] in placed and found[2:] != placed[fields["unit_id"]]:
                tier, rank, quota = placed[fields["unit_id"]]
                moved.append((found[0], rank, tier, quota))
                changed.add(fields["group_id"])
        bulk.trim()
    return _ComputedPeriod(len(reporting), changed, moved, large if in_memory else None)


def _finish_period(session: Session, period: Period, computed: _ComputedPeriod) -> None:
    """After a period's rows are written: the moved places, the groups re-ranked from the stored rows, the
    period's scores no longer pending, and the groups that changed announced."""
    changed = set(computed.changed)
    scores.write_ranks(session, computed.moved)
    if computed.rerank is None:
        changed |= rerank(session, period)
    for group_id in computed.rerank or ():
        changed |= rerank(session, period, group_id)
    scores.set_pending(session, [period.id], False)
    webhooks.scores_changed(session, period, changed)


# A recompute of a whole period after the response (a national-scale import): a job per period.
RECOMPUTE = "scores.recompute_period"
# Then the explanations of its scores, which the recompute leaves out so that rankings are fresh at about
# half the CPU (docs/scoring.md, "Explanations after the ranking"), a little later, so that the recomputes
# of the other periods touched, and a clerk's next file, go first (a fill already queued for the period
# covers the next import's rows too).
EXPLAIN = "scores.explain_period"
EXPLAIN_DELAY = timedelta(seconds=10)
_EXPLAIN_CHUNK = 1000  # units a job of EXPLAIN stores the explanations of


def defer_recompute(session: Session, periods: list[Period]) -> None:
    """Mark the periods' scores pending (their rankings say so from this commit on) and queue their
    recompute, one job per period, so memory holds one period at a time."""
    scores.set_pending(session, [period.id for period in periods], True)
    for period in periods:
        jobs.enqueue(session, RECOMPUTE, {"period_id": period.id}, dedupe_key=f"{RECOMPUTE}:{period.id}")


def queue_pending_recomputes(session: Session) -> None:
    """Queue the recompute of every period marked pending without one queued (marked by a migration, or
    by a server older than the job queue), and the explanations of every period holding scores without
    them (a server stopped before it built them)."""
    for code in catalog_repo.pending_period_codes(session):
        period = catalog_repo.period_by_code(session, code)
        jobs.enqueue(session, RECOMPUTE, {"period_id": period.id}, dedupe_key=f"{RECOMPUTE}:{period.id}")
    for period_id in scores.unexplained_periods(session):
        jobs.enqueue(session, EXPLAIN, {"period_id": period_id}, dedupe_key=f"{EXPLAIN}:{period_id}")


def _recompute_job(context: jobs.Context, payload: dict) -> jobs.Finish:
    """The deferred recompute of a period, without explanations (then ``EXPLAIN``'s job is queued).

    On SQLite its rows are computed here, from a read snapshot, and only written in the job's write
    transaction, so that saves (and the recomputes of other periods, in other processes) are held up only
    while they are written. Every commit that rescores units of the period also bumps its
    ``scores_version`` (``write_pending``, ``recompute_period``), and every change of the period's inputs
    rescores the units it touches, so the rows are written only if the version read with them is still the
    period's; otherwise the period is recomputed again inside the write transaction. PostgreSQL recomputes inside the write transaction
    under the period's score locks, which let saves of other periods through."""
    snapshot = _computed_snapshot(context, payload["period_id"]) if _is_sqlite(context) else None

    def writes(session: Session) -> None:
        period = session.get(Period, payload["period_id"])
        if period is None or not period.scores_pending:
            return
        if snapshot is not None and snapshot[0] == period.scores_version:
            _version, rows, computed = snapshot
            with gc_paused():
                with scores.computed_writer(session, clock.now()) as write:
                    write(rows)
                _finish_period(session, period, computed)
        else:
            recompute_period(session, period, explained=False)
        jobs.enqueue(session, EXPLAIN, {"period_id": period.id}, delay=EXPLAIN_DELAY,
                     dedupe_key=f"{EXPLAIN}:{period.id}")

    return writes


def _is_sqlite(context: jobs.Context) -> bool:
    return context.read_sessions.kw["bind"].dialect.name == "sqlite"


def _computed_snapshot(context: jobs.Context, period_id: int) -> tuple[int, list[dict], _ComputedPeriod] | None:
    """(scores version, rows to write, the rest to write) of a pending period's recompute without
    explanations, from one read transaction; None if the period is not pending."""
    with context.read_sessions() as session, session.begin():
        period = session.get(Period, period_id)
        if period is None or not period.scores_pending:
            return None
        rows: list[dict] = []
        with gc_paused():
            computed = _compute_period(_PeriodInputs.read(session, period, explained=False), rows.extend)
        return period.scores_version, rows, computed


def _explain_job(context: jobs.Context, payload: dict) -> jobs.Finish:
    """Store the explanations a deferred recompute left out, a chunk of units at a time (a job per chunk,
    each queuing the next), so that no write transaction lasts longer than one chunk's update and memory
    holds one chunk's explanations. Each is built in a read transaction (on PostgreSQL its statements may see
    different commits), and written only where the row still holds what it was built for: no explanation,
    and the score its inputs were read to give (a unit rescored meanwhile got its own explanation). A row
    whose stored score is not that one (its inputs changed, or aged: a deadline passed since) is rescored
    instead, in the job's write transaction."""
    period_id, after = payload["period_id"], payload.get("after", 0)
    with context.read_sessions() as session, session.begin():
        period = session.get(Period, period_id)
        if period is None or period.status == "locked":  # a locked period was recomputed whole when locked
            return jobs.nothing
        stored = scores.unexplained(session, period_id, after, _EXPLAIN_CHUNK)
        filled, aged = [], []
        with gc_paused():
            for unit, submission, result, status in _unit_results(session, period, units.by_ids(session, list(stored))):
                fields = _fields(period, unit, submission, result, status)
                score_id, fingerprint = stored[unit.id]
                if _fingerprint({**fields, "explanation": None}) == fingerprint:
                    filled.append((score_id, fingerprint, fields["explanation"], _fingerprint(fields)))
                else:
                    aged.append(unit.id)

    def writes(session: Session) -> None:
        scores.fill_explanations(session, filled)
        if aged:
            _score_units(session, session.get(Period, period_id), units.by_ids(session, aged))
        if len(stored) == _EXPLAIN_CHUNK:
            jobs.enqueue(session, EXPLAIN, {"period_id": period_id, "after": max(stored)},
                         dedupe_key=f"{EXPLAIN}:{period_id}")

    return writes


# A national period takes minutes: its lease is longer than the default. Periods are recomputed in
# parallel (PostgreSQL: each under its own (period, group) locks, see ``units.lock_groups``; SQLite: the
# deferred recompute from read snapshots, see ``_recompute_job``).
JOB_KINDS = {
    RECOMPUTE: jobs.JobKind(_recompute_job, lease_seconds=3600, parallel=True),
    EXPLAIN: jobs.JobKind(_explain_job, lease_seconds=3600, parallel=True),
}
