"""Bonus entries (điểm thưởng)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.bonus_models import BonusEntry
from api.db.models import Period, Unit
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import BonusSort


def bonuses_for(session: Session, period_id: int, unit_ids: list[int] | None) -> list[BonusEntry]:
    """Bonus entries of a period for some units or (``None``) every unit: a bulk recompute asks for
    all, since a list of 10,000 ids costs PostgreSQL more to plan than the rows cost to read."""
    query = select(BonusEntry).where(BonusEntry.period_id == period_id)
    if unit_ids is not None:
        query = query.where(BonusEntry.unit_id.in_(unit_ids))
    return list(session.scalars(query.order_by(BonusEntry.id)))


def bonuses(session: Session, period_id: int | None, unit_id: int | None, q: str | None = None,
            sort: BonusSort | None = None) -> list[tuple[BonusEntry, Unit, str]]:
    """Bonus entries with their unit and period code, oldest first unless ``sort`` says otherwise (points
    by their value); ``q`` a search by unit name or code or the reason (``units.matching``)."""
    conditions = []
    if (found := units.matching(q, BonusEntry.search_reason)) is not None:
        conditions.append(found)
    if period_id is not None:
        conditions.append(BonusEntry.period_id == period_id)
    if unit_id is not None:
        conditions.append(BonusEntry.unit_id == unit_id)
    rows = session.execute(
        select(BonusEntry, Unit, Period.code).join(Unit, BonusEntry.unit_id == Unit.id)
        .join(Period, BonusEntry.period_id == Period.id).where(*conditions)
        .order_by(*(ordered(_BONUS_ORDER, sort, BonusEntry.id) if sort else (BonusEntry.id,)))
    )
    return [tuple(row) for row in rows]


# A period sorts by its start (its code is "2026-H1", "2026-Y": not an order of time).
_BONUS_ORDER = {"unit": Unit.search_name, "period": Period.start, "points": BonusEntry.points_value,
                "created_at": BonusEntry.created_at}
