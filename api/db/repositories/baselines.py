"""Last year's rates entered as baselines for "lower than last year" rules."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Unit
from api.db.plan_models import Baseline


def find(session: Session, unit_id: int, indicator_code: str, year: int, *, for_update: bool = False) -> Baseline | None:
    query = select(Baseline).where(Baseline.unit_id == unit_id, Baseline.indicator_code == indicator_code,
                                   Baseline.year == year)
    return session.scalar(query.with_for_update() if for_update else query)


def by_id(session: Session, baseline_id: int) -> Baseline | None:
    return session.get(Baseline, baseline_id)


def listing(session: Session, *, unit_id: int | None, status: str | None) -> list[tuple[Baseline, Unit]]:
    query = select(Baseline, Unit).join(Unit, Baseline.unit_id == Unit.id)
    if unit_id is not None:
        query = query.where(Baseline.unit_id == unit_id)
    if status is not None:
        query = query.where(Baseline.status == status)
    return [tuple(row) for row in session.execute(query.order_by(Unit.code, Baseline.indicator_code, Baseline.year))]


def approved_rates(session: Session, year: int, unit_ids: list[int] | None):
    """(unit id, indicator code, numerator, denominator) of the approved baselines of ``year``."""
    query = select(Baseline.unit_id, Baseline.indicator_code, Baseline.numerator, Baseline.denominator).where(
        Baseline.year == year, Baseline.status == "approved")
    if unit_ids is not None:
        query = query.where(Baseline.unit_id.in_(unit_ids))
    return session.execute(query)


def add(session: Session, baseline: Baseline) -> Baseline:
    session.add(baseline)
    session.flush()
    return baseline
