"""Rankings, explained scores and what-if previews, read from the stored (always fresh) scores."""

import hashlib
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy.orm import Session

from api import clock
from api.db.loop_reads import LoopConnection
from api.db.models import Period
from api.db.repositories import callers, scores
from api.db.repositories import catalog as catalog_repo
from api.domain import RankStatus, Tier, display, explain
from api.domain.search import fold
from api.services import accounts, scoring, submissions, units
from api.services.access import Credential, Principal
from api.services.errors import NotFound
from api.services.security import digest


class Page(NamedTuple):
    """A slice of a ranking: page ``number`` (from 1) of ``size`` units."""

    number: int
    size: int


def _period(session: Session, code: str) -> Period:
    period = catalog_repo.period_by_code(session, code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo «{code}».")
    return period


def ranking_etag(session: Session, principal: Principal, period_code: str, group: str | None,
                 kind: str | None, page: Page | None = None, q: str | None = None) -> tuple[Period, str]:
    """The ranking's version tag: it changes whenever any stored score of the period changes."""
    principal.require("scores:read")
    period = _period(session, period_code)
    return period, ranking_tag(period.code, period.id, period.scores_version, period.status, group, kind, page, q)


class PolledRanking(NamedTuple):
    principal: Principal
    etag: str


async def polled_ranking_etag(reads: LoopConnection, credential: Credential, period_code: str,
                              group: str | None, kind: str | None, page: Page | None,
                              q: str | None = None) -> PolledRanking | None:
    """The caller and :func:`ranking_etag` in one event-loop read; None whenever the full path must
    answer instead (credential not valid now, no right to read scores, unknown period, no read possible)."""
    found = await callers.caller_and_period(reads, credential.kind, digest(credential.secret), period_code,
                                            clock.now())
    if found is None:
        return None
    principal = accounts.principal_of(found.caller)
    if not principal.can("scores:read"):
        return None
    return PolledRanking(principal, ranking_tag(period_code, found.period_id, found.scores_version,
                                                found.period_status, group, kind, page, q))


def ranking_tag(period_code: str, period_id: int, scores_version: int, status: str, group: str | None,
                kind: str | None, page: Page | None, q: str | None = None) -> str:
    tag = f"{period_code}|{period_id}|{scores_version}|{status}|{group or ''}|{kind or ''}|{page or ''}|{fold(q) if q else ''}"
    return '"' + hashlib.sha256(tag.encode()).hexdigest()[:32] + '"'


@lru_cache(maxsize=8192)
def _number(value: str | None) -> str | None:
    """Display form of a stored exact number; cached, since a ranking repeats the same few totals."""
    return None if value is None else str(display(Fraction(value)))


def _ranking_item(row) -> dict:
    """One unit of a ranking. A unit without a result (no submitted report) has no rank, total or tier:
    only its rank status says why (docs/scoring.md, 5)."""
    status = RankStatus(row.rank_status)
    shown = status.has_result
    return {
        "rank": row.rank, "rank_status": status.value, "rank_status_label": status.label,
        "unit": {"code": row.unit_code, "name": row.unit_name, "kind": row.unit_kind},
        "group": row.group_code, "total": _number(row.total) if shown else None,
        "total_exact": row.total if shown else None, "tier": row.final_tier if shown else None,
        "tier_label": Tier[row.final_tier].label if shown else status.label,
        "tier_before_quota": row.tier if shown else None, "quota_applied": row.quota_applied,
        "pillars": {k: _number(v) if shown else None for k, v in row.pillars.items()},
        "submission_status": row.submission_status, "first_submitted_at": row.first_submitted_at,
        "veto_failed": row.veto_failed if shown else [],
    }


def ranking(session: Session, period: Period, group: str | None, kind: str | None, q: str | None = None) -> dict:
    """The documented ``Ranking``; ``q`` keeps the units whose name or code contains it (case and
    diacritics ignored), with the ranks they have in their whole group."""
    group_id_ = units.group_id(session, group)
    items = [_ranking_item(row) for row in scores.ranking(session, period.id, group_id_, kind, q)]
    _catalog_version, scheme_code = catalog_repo.scheme_codes(session, period.scheme_id)
    previous = catalog_repo.previous_period(session, period)
    return {"period": period.code, "period_name": period.name, "status": period.status,
            "previous_period": previous.code if previous else None,
            "frozen": period.status == "locked", "scores_pending": period.scores_pending,
            "scheme_version": scheme_code, "items": items}


def explained(session: Session, principal: Principal, period_code: str, unit_code: str) -> dict:
    principal.require("scores:read")
    period = _period(session, period_code)
    unit = units.get(session, unit_code)
    if not principal.sees_score_detail(unit.id):
        raise NotFound("Không tìm thấy điểm của đơn vị này.")
    score = scores.find(session, period.id, unit.id)
    if score is None:
        raise NotFound("Đơn vị này chưa có điểm trong kỳ (đơn vị không thuộc cụm, khối thi đua nào).")
    return {
        "period": period.code, "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "rank": score.rank, "rank_status": score.rank_status, "rank_status_label": RankStatus(score.rank_status).label,
        "total": _number(score.total), "total_exact": score.total, "tier": score.final_tier,
        "tier_label": Tier[score.final_tier].label, "quota_applied": score.quota_applied, "frozen": score.frozen,
        "scheme_version": score.scheme_code, "computed_at": score.computed_at,
        "pillars": {k: _number(v) for k, v in score.pillars.items()},
        "explanation": scoring.explanations(session, period, {unit.id: score.explanation})[unit.id],
    }


def history(session: Session, principal: Principal, unit_code: str) -> dict:
    """A unit's result in every period, in time order, each with the period it compares with: the same
    kind of period a year earlier (H1 with H1, Y with Y), never another kind. A period that has not
    started, or where the unit has no result (no submitted report), has ``total: null``, never 0."""
    principal.require("scores:read")
    unit = units.get(session, unit_code)
    if not principal.sees_score_detail(unit.id):
        raise NotFound("Không tìm thấy điểm của đơn vị này.")
    today = clock.today()
    stored = scores.results_of_unit(session, unit.id)
    points, last_of_kind = [], {}
    for period in catalog_repo.periods(session):
        row = stored.get(period.id)
        status = RankStatus(row.rank_status) if row is not None else None
        shown = period.start <= today and status is not None and status.has_result
        points.append({
            "period": period.code, "name": period.name, "kind": period.kind, "start": period.start,
            "end": period.end, "started": period.start <= today, "compares_with": last_of_kind.get(period.kind),
            "total": _number(row.total) if shown else None, "tier": row.final_tier if shown else None,
            "rank": row.rank if shown else None, "rank_status": status.value if status else None,
            "rank_status_label": status.label if status else None,
        })
        last_of_kind[period.kind] = period.code
    return {"unit": {"code": unit.code, "name": unit.name, "kind": unit.kind}, "points": points}


def preview(session: Session, principal: Principal, period_code: str, unit_code: str, entries: list[dict]) -> dict:
    """Score the stored values overlaid with the posted ones, without saving anything, as the report
    would score if submitted now (`scoring.score_values`); `lateness` says what being late costs."""
    loaded = submissions.load(session, principal, period_code, unit_code, "scores:preview")
    values = {code: scoring.to_value(row) for code, (row, _files) in submissions.values_with_evidence(session, loaded).items()}
    for code, value in submissions.parse_entries(submissions.applicable_indicators(session, loaded), entries).items():
        if value is None:
            values.pop(code, None)
        else:
            values[code] = value
    result = scoring.score_values(session, loaded.period, loaded.unit, loaded.submission, values)
    late = scoring.lateness_if_submitted_now(session, loaded.period, loaded.submission)
    return {
        "lateness": None if late is None else {"days_late": late[0], "deduction": str(display(late[1]))},
        "period": loaded.period.code, "unit": {"code": loaded.unit.code, "name": loaded.unit.name, "kind": loaded.unit.kind},
        "rank": None, "rank_status": None, "rank_status_label": None, "total": str(display(result.total)), "total_exact": str(result.total), "tier": result.tier.name,
        "tier_label": result.tier.label, "quota_applied": False, "frozen": False,
        "scheme_version": result.scheme_version, "computed_at": None,
        "pillars": {p.pillar.value: None if p.score is None else str(display(p.score)) for p in result.pillars},
        "explanation": explain(result),
    }
