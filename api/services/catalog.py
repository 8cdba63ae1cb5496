"""The catalog as stored: loading the data file (seed) and rebuilding the domain objects from the database."""

import json
import threading
from datetime import date
from pathlib import Path

from cachetools import LRUCache, cached
from sqlalchemy.orm import Session

from api import clock
from api.db.models import CatalogVersion, Indicator, Period, Scheme
from api.db.repositories import catalog as repo
from api.db.repositories import schemes as schemes_repo
from api.domain import Catalog, PeriodKind, ScoringContext, load_catalog
from api.domain import Period as DomainPeriod
from api.services import lookups
from api.services.access import Principal
from api.services.errors import NotFound

# Catalog versions and schemes are immutable once stored, so their parsed forms are kept by code: a few
# versions in a process's life, and a compiled context per (version, period) of the periods being scored
# (an edited period leaves its old key to age out).
_catalogs_lock, _contexts_lock = threading.Lock(), threading.Lock()
_SCHEME_CODES = "banhat_scheme_codes"  # session.info key: scheme id -> (catalog version, scheme code)


def load_file(session: Session, path: Path) -> tuple[CatalogVersion, Scheme, int]:
    """Store the catalog file, its scheme and its periods; idempotent (existing codes are left alone).

    Returns the catalog version, the active scheme and the number of periods created.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    version, scheme = store(session, document, activate=repo.active_scheme(session) is None)
    created = 0
    for period in load_catalog(document).periods:
        if repo.period_by_code(session, period.code) is None:
            repo.add(session, Period(
                code=period.code, name=period.name, kind=period.kind.value, start=period.start, end=period.end,
                due=period.due, status="open", scheme_id=scheme.id, spans=list(period.spans), scores_version=0,
            ))
            created += 1
    session.flush()
    return version, scheme, created


def store(session: Session, document: dict, *, activate: bool) -> tuple[CatalogVersion, Scheme]:
    """Store a validated catalog document as a catalog version with its indicators, and its scheme;
    existing codes are left alone (both are immutable once stored)."""
    catalog = load_catalog(document)
    version = repo.catalog_version(session, catalog.code)
    if version is None:
        version = repo.add(session, CatalogVersion(version=catalog.code, document=document,
                                                   loaded_at=clock.now()))
        for indicator, raw in zip(catalog.indicators, document["indicators"], strict=True):
            session.add(Indicator(
                catalog_version_id=version.id, code=indicator.code, pillar=indicator.pillar.value,
                measure=indicator.measure.value, name=indicator.name, veto=indicator.veto,
                applies_to=sorted(kind.value for kind in indicator.applies_to), definition=raw,
            ))
    scheme = repo.scheme_by_code(session, catalog.scheme.version)
    if scheme is None:
        scheme = repo.add(session, Scheme(code=catalog.scheme.version, catalog_version_id=version.id,
                                          parameters=document["scheme"], active=activate))
    return version, scheme


def adopt(session: Session, document: dict, start: date) -> tuple[Scheme, list[Period], list[str]]:
    """Store a catalog document as the active scheme (new periods take it) and move every open period
    starting on or after ``start`` to it; locked periods keep the version their snapshot was scored with.

    Returns the scheme, the periods moved (their scores are to be recomputed) and the locked ones kept.
    """
    schemes_repo.deactivate_all(session)
    _version, scheme = store(session, document, activate=True)
    moved, kept = [], []
    for period in schemes_repo.periods_from(session, start):
        if period.status == "locked":
            kept.append(period.code)
        else:
            period.scheme_id = scheme.id
            moved.append(period)
    session.flush()
    return scheme, moved, kept


def load_version_file(session: Session, path: Path, from_period: str) -> Scheme | None:
    """Adopt a later catalog version file from ``from_period`` on, as the scheme editor activates a draft;
    nothing when its scheme is stored already (loaded before, or by its migration)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if repo.scheme_by_code(session, load_catalog(document).scheme.version) is not None:
        return None
    period = repo.period_by_code(session, from_period)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ «{from_period}» để áp dụng bộ tiêu chí {path.name}.")
    return adopt(session, document, period.start)[0]


def document_of(session: Session, scheme: Scheme) -> dict:
    """The whole catalog document a scheme scores with: its catalog version's file and its parameters."""
    return {**repo.catalog_version_by_id(session, scheme.catalog_version_id).document, "scheme": scheme.parameters}


def context_for(catalog: Catalog, period: Period) -> ScoringContext:
    """A scoring context of ``catalog`` for a stored period (not cached: drafts change)."""
    return ScoringContext(catalog.indicators, domain_period(period), catalog.scheme)


def catalog_for_scheme(session: Session, scheme: Scheme) -> Catalog:
    """The domain catalog with this scheme's parameters (parsed once per process per version)."""
    key = (repo.catalog_version_code(session, scheme.catalog_version_id), scheme.code)
    return _cached_catalog(session, key, lambda: scheme)


@cached(LRUCache(maxsize=16), key=lambda _session, key, _scheme: key, lock=_catalogs_lock)
def _cached_catalog(session: Session, key: tuple[str, str], scheme) -> Catalog:
    """The catalog for (catalog version, scheme code), parsed once; ``scheme()`` loads the scheme on a miss."""
    stored = scheme()
    document = repo.catalog_version_by_id(session, stored.catalog_version_id).document
    return load_catalog({**document, "scheme": stored.parameters})


@cached(LRUCache(maxsize=256), key=lambda catalog, scheme_code, period: (catalog.code, scheme_code, period),
        lock=_contexts_lock)
def _context(catalog: Catalog, scheme_code: str, period: DomainPeriod) -> ScoringContext:
    return ScoringContext(catalog.indicators, period, catalog.scheme)


def domain_period(period: Period) -> DomainPeriod:
    return DomainPeriod(code=period.code, name=period.name, kind=PeriodKind(period.kind), start=period.start,
                        end=period.end, due=period.due, spans=tuple(period.spans or ()))


def scoring_context(session: Session, period: Period) -> tuple[Catalog, ScoringContext]:
    """The compiled scoring context of a period, reused while the period and its scheme are unchanged.

    On a hit this costs one small query (the codes) per session: schemes are immutable once stored, and
    parsing the scheme's parameters is too costly to repeat on every request (docs/benchmarks.md).
    """
    known = session.info.setdefault(_SCHEME_CODES, {})
    codes = known.get(period.scheme_id)
    if codes is None:  # once per request: a save asks three times (scoring, re-ranking, the answer)
        codes = known[period.scheme_id] = repo.scheme_codes(session, period.scheme_id)
    catalog = _cached_catalog(session, codes, lambda: repo.scheme_by_id(session, period.scheme_id))
    return catalog, _context(catalog, codes[1], domain_period(period))


def active(session: Session, principal: Principal, period: str | None = None) -> tuple[Scheme, Catalog]:
    """The scheme and catalog a period is scored with; without one, those in force today (the latest
    period started by the clock's today). The scheme that new periods take (``repo.active_scheme``) can be
    a later version activated from a period that has not started: it is not today's rules."""
    principal.require("catalog:read")
    if period is not None:
        scheme = repo.scheme_by_id(session, lookups.period_by_code(session, period).scheme_id)
    else:
        scheme = repo.scheme_in_force(session, clock.today()) or repo.active_scheme(session)
    if scheme is None:
        raise NotFound("Chưa có bộ tiêu chí nào được nạp. Hãy chạy «banhat seed».")
    return scheme, catalog_for_scheme(session, scheme)


def indicator(session: Session, principal: Principal, code: str, period: str | None = None):
    """One indicator of a period's catalog (today's by default) and its weight in that scheme."""
    found = active(session, principal, period)[1]
    try:
        chosen = found.indicator(code)
    except KeyError:
        raise NotFound(f"Không tìm thấy chỉ tiêu «{code}».") from None
    return chosen, found.scheme.indicator_weight(code)
