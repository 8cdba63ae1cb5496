"""Stored scores: one row per (period, unit)."""

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, Period, Score, Unit
from api.db.repositories import units


def find(session: Session, period_id: int, unit_id: int) -> Score | None:
    return session.scalar(select(Score).where(Score.period_id == period_id, Score.unit_id == unit_id))


def rank_inputs(session: Session, period_id: int, group_id: int | None = None):
    """Just the columns ranking needs, for one group or every group (explanations stay unloaded)."""
    query = (
        select(Score.id, Score.group_id, Unit.code, Score.rank_status, Score.tier, Score.total,
               Score.kl_score, Score.first_submitted_at, Score.rank, Score.final_tier, Score.quota_applied)
        .join(Unit, Score.unit_id == Unit.id)
        .where(Score.period_id == period_id, Score.group_id.is_not(None))
    )
    if group_id is not None:
        query = query.where(Score.group_id == group_id)
    return session.connection().execute(query).all()  # plain rows: the ORM's result handling cost more


def stored(session: Session, period_id: int, unit_ids: list[int] | None = None) -> dict[int, tuple[int, str]]:
    """(score row id, content fingerprint) by unit id for a period (or for some units of it)."""
    query = select(Score.unit_id, Score.id, Score.fingerprint).where(Score.period_id == period_id)
    if unit_ids is not None:
        query = query.where(Score.unit_id.in_(unit_ids))
    return {unit: (score_id, fingerprint) for unit, score_id, fingerprint in session.execute(query)}


def bulk_insert(session: Session, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(insert(Score.__table__), rows)


def bulk_update(session: Session, rows: list[dict]) -> None:
    """UPDATE by primary key (each dict carries ``id``) as one Core executemany per set of columns."""
    if not rows:
        return
    table = Score.__table__
    columns = [name for name in rows[0] if name != "id"]
    statement = (
        update(table).where(table.c.id == bindparam("score_id"))
        .values({name: bindparam(f"new_{name}") for name in columns})
    )
    session.execute(statement, [
        {"score_id": row["id"], **{f"new_{name}": row[name] for name in columns}} for row in rows
    ])


def annual_results(session: Session, period_ids: list[int], unit_ids: list[int] | None) -> list:
    """The units' (``None``: every unit's) stored total, pillar scores, rank status and failed vetoes in
    these periods, for review periods: rows with ``unit_id`` and ``period_id``."""
    query = select(Score.unit_id, Score.period_id, Score.total, Score.pillars, Score.rank_status,
                   Score.veto_failed).where(Score.period_id.in_(period_ids))  # fmt: skip
    if unit_ids is not None:
        query = query.where(Score.unit_id.in_(unit_ids))
    return list(session.execute(query))


def results_of_unit(session: Session, unit_id: int) -> dict:
    """A unit's stored total, tier, rank and rank status in every period, by period id."""
    rows = session.execute(
        select(Score.period_id, Score.total, Score.final_tier, Score.rank, Score.rank_status)
        .where(Score.unit_id == unit_id)
    )
    return {row.period_id: row for row in rows}


def ranking(session: Session, period_id: int, group_id: int | None, kind: str | None, q: str | None = None):
    """Ranking rows in rank order: the score columns a ranking shows, never the explanation; ``q`` a
    search by unit name or code (``units.matching``)."""
    conditions = [Score.period_id == period_id, Unit.active.is_(True)]
    if (found := units.matching(q)) is not None:
        conditions.append(found)
    if group_id is not None:
        conditions.append(Score.group_id == group_id)
    if kind:
        conditions.append(Unit.kind == kind)
    return session.execute(
        select(Score.rank, Score.rank_status, Score.total, Score.tier, Score.final_tier, Score.quota_applied,
               Score.pillars,
               Score.submission_status, Score.first_submitted_at, Score.veto_failed,
               Unit.code.label("unit_code"), Unit.name.label("unit_name"), Unit.kind.label("unit_kind"),
               EmulationGroup.code.label("group_code"))
        .join(Unit, Score.unit_id == Unit.id)
        .outerjoin(EmulationGroup, Score.group_id == EmulationGroup.id)
        .where(*conditions)
        .order_by(EmulationGroup.code, Score.rank.is_(None), Score.rank, Unit.code)  # unranked last, both engines
    ).all()


_periods = Period.__table__


def bump_version(session: Session, period_id: int) -> str:
    """Count a change of the period's scores (the ranking's ETag) and return the period's status as
    committed now: the row lock the update takes means nobody can lock the period before we commit.

    A Core update: the ORM's would first look for the period among the session's objects to update
    them too, at several times the statement's cost, and nothing reads the version back from them."""
    return session.connection().scalar(
        update(_periods).where(_periods.c.id == period_id).values(scores_version=_periods.c.scores_version + 1)
        .returning(_periods.c.status)
    )


def set_pending(session: Session, period_ids: list[int], pending: bool) -> None:
    """Mark periods whose scores lag their values (or no longer), as a new scores version: a cached
    ranking never shows the old flag."""
    session.connection().execute(
        update(_periods).where(_periods.c.id.in_(period_ids))
        .values(scores_pending=pending, scores_version=_periods.c.scores_version + 1)
    )


def set_frozen(session: Session, period_id: int, frozen: bool) -> None:
    session.execute(update(Score).where(Score.period_id == period_id).values(frozen=frozen))


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def delete_units(session: Session, period_id: int, unit_ids: list[int]) -> None:
    if unit_ids:
        session.execute(delete(Score).where(Score.period_id == period_id, Score.unit_id.in_(unit_ids)))


def standing_row(session: Session, period_id: int, unit_id: int) -> tuple[Score, str | None] | None:
    """The unit's stored score of the period with its group's name."""
    row = session.execute(
        select(Score, EmulationGroup.name)
        .outerjoin(EmulationGroup, Score.group_id == EmulationGroup.id)
        .where(Score.period_id == period_id, Score.unit_id == unit_id)
    ).first()
    return None if row is None else (row[0], row[1])


def scores_of_period(session: Session, period_id: int) -> list[tuple[Score, str]]:
    """Every stored score of the period with its unit's code."""
    rows = session.execute(
        select(Score, Unit.code).join(Unit, Score.unit_id == Unit.id).where(Score.period_id == period_id)
    )
    return [tuple(row) for row in rows]
