"""Queries of the exports that the ranking's own queries do not answer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, Score, Unit


def explained_scores(
    session: Session, period_id: int, group_id: int | None, unit_ids: list[int] | None = None
) -> list[tuple]:
    """(unit id, unit code, unit name, total, final tier, explanation) in ranking order; only ``unit_ids`` if
    given."""
    conditions = [Score.period_id == period_id, Unit.active.is_(True)]
    if unit_ids is not None:
        conditions.append(Score.unit_id.in_(unit_ids))
    if group_id is not None:
        conditions.append(Score.group_id == group_id)
    query = (
        select(Unit.id, Unit.code, Unit.name, Score.total, Score.final_tier, Score.explanation)
        .join(Unit, Score.unit_id == Unit.id)
        .outerjoin(EmulationGroup, Score.group_id == EmulationGroup.id)
        .where(*conditions)
        .order_by(EmulationGroup.code, Score.rank, Unit.code)
    )
    return [tuple(row) for row in session.execute(query)]
