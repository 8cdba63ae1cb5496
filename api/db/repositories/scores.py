"""Stored scores: one row per (period, unit)."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, Period, Score, Unit


def find(session: Session, period_id: int, unit_id: int) -> Score | None:
    return session.scalar(select(Score).where(Score.period_id == period_id, Score.unit_id == unit_id))


def of_period(session: Session, period_id: int) -> dict[int, Score]:
    return {s.unit_id: s for s in session.scalars(select(Score).where(Score.period_id == period_id))}


def of_group(session: Session, period_id: int, group_id: int) -> list[tuple[Score, str]]:
    rows = session.execute(
        select(Score, Unit.code).join(Unit, Score.unit_id == Unit.id)
        .where(Score.period_id == period_id, Score.group_id == group_id)
    )
    return [(score, code) for score, code in rows]


def totals_of(session: Session, period_ids: list[int], unit_id: int) -> dict[int, str]:
    rows = session.execute(select(Score.period_id, Score.total).where(Score.period_id.in_(period_ids), Score.unit_id == unit_id))
    return dict(rows.all())


def ranking(session: Session, period_id: int, group_id: int | None, kind: str | None):
    """Ranking rows (score, unit code, unit name, unit kind, group code) in rank order."""
    conditions = [Score.period_id == period_id, Unit.active.is_(True)]
    if group_id is not None:
        conditions.append(Score.group_id == group_id)
    if kind:
        conditions.append(Unit.kind == kind)
    return session.execute(
        select(Score, Unit.code, Unit.name, Unit.kind, EmulationGroup.code)
        .join(Unit, Score.unit_id == Unit.id)
        .outerjoin(EmulationGroup, Score.group_id == EmulationGroup.id)
        .where(*conditions)
        .order_by(EmulationGroup.code, Score.rank, Unit.code)
    ).all()


def bump_version(session: Session, period_id: int) -> None:
    session.execute(update(Period).where(Period.id == period_id).values(scores_version=Period.scores_version + 1))


def set_frozen(session: Session, period_id: int, frozen: bool) -> None:
    session.execute(update(Score).where(Score.period_id == period_id).values(frozen=frozen))


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj
