"""Scheme versions in use and the drafts of new ones."""

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.db.models import CatalogVersion, Period, Scheme
from api.db.plan_models import SchemeDraft


def versions(session: Session) -> list[tuple[Scheme, str, list[str]]]:
    """Every stored scheme with its catalog version and the codes of the periods scored with it."""
    periods: dict[int, list[str]] = {}
    for scheme_id, code in session.execute(select(Period.scheme_id, Period.code).order_by(Period.start, Period.code)):
        periods.setdefault(scheme_id, []).append(code)
    rows = session.execute(
        select(Scheme, CatalogVersion.version).join(CatalogVersion, Scheme.catalog_version_id == CatalogVersion.id)
        .order_by(Scheme.id)
    )
    return [(scheme, catalog, periods.get(scheme.id, [])) for scheme, catalog in rows]


def drafts(session: Session) -> list[SchemeDraft]:
    return list(session.scalars(select(SchemeDraft).order_by(SchemeDraft.id)))


def draft(session: Session, draft_id: int, *, for_update: bool = False) -> SchemeDraft | None:
    query = select(SchemeDraft).where(SchemeDraft.id == draft_id)
    return session.scalar(query.with_for_update() if for_update else query)


def code_taken(session: Session, code: str) -> bool:
    lowered = code.lower()
    return any(session.scalar(select(func.count()).where(func.lower(column) == lowered)) for column in
               (Scheme.code, CatalogVersion.version, SchemeDraft.code))


def periods_from(session: Session, start) -> list[Period]:
    """Periods starting on or after ``start``, in order."""
    return list(session.scalars(select(Period).where(Period.start >= start).order_by(Period.start, Period.code)))


def deactivate_all(session: Session) -> None:
    session.execute(update(Scheme).values(active=False))


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj
