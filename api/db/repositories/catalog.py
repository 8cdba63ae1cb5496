"""Catalog versions, indicators, schemes and periods."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import CatalogVersion, Period, Scheme
from api.domain import PeriodKind


def catalog_version(session: Session, version: str) -> CatalogVersion | None:
    return session.scalar(select(CatalogVersion).where(CatalogVersion.version == version))


def catalog_version_code(session: Session, catalog_version_id: int) -> str | None:
    """The version string alone: the (large) document is loaded only when it is not cached."""
    return session.scalar(select(CatalogVersion.version).where(CatalogVersion.id == catalog_version_id))


def catalog_version_by_id(session: Session, catalog_version_id: int) -> CatalogVersion | None:
    return session.get(CatalogVersion, catalog_version_id)


def active_scheme(session: Session) -> Scheme | None:
    return session.scalar(select(Scheme).where(Scheme.active.is_(True)).order_by(Scheme.id.desc()))


def scheme_by_id(session: Session, scheme_id: int) -> Scheme | None:
    return session.get(Scheme, scheme_id)


def scheme_codes(session: Session, scheme_id: int) -> tuple[str, str] | None:
    """(catalog version, scheme code) of a scheme, without loading its parameters document."""
    row = session.execute(
        select(CatalogVersion.version, Scheme.code)
        .join(CatalogVersion, Scheme.catalog_version_id == CatalogVersion.id)
        .where(Scheme.id == scheme_id)
    ).first()
    return None if row is None else (row[0], row[1])


def scheme_by_code(session: Session, code: str) -> Scheme | None:
    return session.scalar(select(Scheme).where(Scheme.code == code))


def period_by_code(session: Session, code: str) -> Period | None:
    return session.scalar(select(Period).where(Period.code == code))


def periods(session: Session) -> list[Period]:
    return list(session.scalars(select(Period).order_by(Period.start, Period.code)))


def pending_period_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Period.code).where(Period.scores_pending.is_(True)).order_by(Period.code)))


def periods_by_codes(session: Session, codes: list[str]) -> list[Period]:
    return list(session.scalars(select(Period).where(Period.code.in_(codes)))) if codes else []


def previous_period(session: Session, period: Period) -> Period | None:
    """The latest period of the same kind that ended before this one started (for "lower than last year")."""
    return session.scalar(
        select(Period).where(Period.kind == period.kind, Period.end < period.start).order_by(Period.end.desc())
    )


def scheme_in_force(session: Session, day: date) -> Scheme | None:
    """The scheme of the latest period started by ``day`` (half-year before year on the same start, so the
    period a unit reports next; review periods only average others). None before the first period."""
    scored_by_values = [kind.value for kind in PeriodKind if not kind.is_review]
    started = select(Period.scheme_id).where(Period.start <= day, Period.kind.in_(scored_by_values))
    scheme_id = session.scalar(started.order_by(Period.start.desc(), Period.end).limit(1))
    return session.get(Scheme, scheme_id) if scheme_id is not None else None


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def latest_locked_period(session: Session) -> Period | None:
    query = select(Period).where(Period.status == "locked").order_by(Period.end.desc(), Period.id.desc())
    return session.scalars(query.limit(1)).first()
