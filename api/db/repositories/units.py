"""Units and emulation groups."""

from sqlalchemy import ColumnElement, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from api.db.models import EmulationGroup, Unit
from api.db.repositories.rows import ordered
from api.domain.search import UnitSort, fold


def by_code(session: Session, code: str) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.code == code))


def by_id(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def by_ids(session: Session, unit_ids: list[int]) -> list[Unit]:
    return list(session.scalars(select(Unit).where(Unit.id.in_(unit_ids)).order_by(Unit.id)))


def _has_row_locks(session: Session) -> bool:
    """SQLite has no row locks (its single writer serialises everything): skip the lock query there."""
    return session.get_bind().dialect.name != "sqlite"


def lock(session: Session, unit_ids: list[int]) -> None:
    """Queue up transactions that change these units' score inputs, in id order (no-op on SQLite, which
    has one writer).

    ``FOR NO KEY UPDATE`` does not wait for the key-share locks that inserting rows referencing the
    unit takes, so it cannot deadlock against them.
    """
    if _has_row_locks(session):
        session.execute(select(Unit.id).where(Unit.id.in_(unit_ids)).order_by(Unit.id).with_for_update(key_share=True)).all()


def lock_groups(session: Session, period_id: int, group_ids: list[int] | None = None) -> None:
    """Queue up the score writers of one period per emulation group (``None``: every group), in group id
    order (no-op on SQLite, which has one writer). A transaction writing several periods takes them in
    period id order, so two transactions never wait for each other's locks.

    Re-ranking rewrites the ranks of a whole group in a period: two saves in one group would otherwise
    lock the same score rows in different orders and deadlock on PostgreSQL. The lock is a transaction
    advisory lock keyed by (period id, group id), so the recompute of one period never holds up the saves
    or the recompute of another.
    """
    if not _has_row_locks(session):
        return
    if group_ids is None:
        group_ids = list(session.scalars(select(EmulationGroup.id)))
    statement = select(func.pg_advisory_xact_lock(period_id, bindparam("group_id")))
    for group_id in sorted(group_ids):
        session.execute(statement, {"group_id": group_id})


def code_taken(session: Session, code: str) -> bool:
    """Whether a unit has ``code`` in any letter case (codes are unique after normalisation)."""
    return session.scalar(select(Unit.id).where(func.upper(Unit.code) == code.upper()).limit(1)) is not None


def group_by_code(session: Session, code: str) -> EmulationGroup | None:
    return session.scalar(select(EmulationGroup).where(EmulationGroup.code == code))


def matching(q: str | None, *also: ColumnElement[str]) -> ColumnElement[bool] | None:
    """The condition of a search for units by name or code, for every list of units (units, ranking, review
    queue, reporting status) and of their records: any case, with or without diacritics ("pho hien" finds
    "Phố Hiến"), folded text against the stored folded name (``api/domain/search.py``), and against the
    records' own folded columns ``also`` (an inspection's topic, a model's name); None for an empty query."""
    folded = fold(q or "")
    if not folded:
        return None
    return or_(Unit.search_name.contains(folded, autoescape=True), func.lower(Unit.code).contains(folded, autoescape=True),
               *(column.contains(folded, autoescape=True) for column in also))


def search(
    session: Session, *, kind: str | None, group_id: int | None, parent_id: int | None, q: str | None,
    offset: int, limit: int, sort: UnitSort | None = None,
) -> tuple[list[tuple], int]:
    """Rows of (unit, parent code, group code) and the total matching count, by code unless ``sort`` says
    otherwise (a name sorts folded, the same on both engines)."""
    parent = aliased(Unit)
    conditions = [Unit.active.is_(True)]
    if kind:
        conditions.append(Unit.kind == kind)
    if group_id is not None:
        conditions.append(Unit.group_id == group_id)
    if parent_id is not None:
        conditions.append(Unit.parent_id == parent_id)
    if (found := matching(q)) is not None:
        conditions.append(found)
    total = session.scalar(select(func.count()).select_from(Unit).where(*conditions)) or 0
    rows = session.execute(
        select(Unit, parent.code, EmulationGroup.code)
        .outerjoin(parent, Unit.parent_id == parent.id)
        .outerjoin(EmulationGroup, Unit.group_id == EmulationGroup.id)
        .where(*conditions)
        .order_by(*(ordered({"code": Unit.code, "name": Unit.search_name, "kind": Unit.kind,
                             "group": EmulationGroup.code}, sort, Unit.code) if sort else (Unit.code,)))
        .offset(offset)
        .limit(limit)
    ).all()
    return [tuple(row) for row in rows], total


def all_for_tree(session: Session) -> list[tuple[int, int | None, str, str, str, str | None]]:
    """(id, parent_id, code, name, kind, group code) of every active unit, in code order."""
    return [
        tuple(row)
        for row in session.execute(
            select(Unit.id, Unit.parent_id, Unit.code, Unit.name, Unit.kind, EmulationGroup.code)
            .outerjoin(EmulationGroup, Unit.group_id == EmulationGroup.id)
            .where(Unit.active.is_(True))
            .order_by(Unit.code)
        ).all()
    ]


def scored_units(session: Session, q: str | None = None) -> list[Unit]:
    """Units that report: every active unit in an emulation group (those ``q`` finds, see :func:`matching`)."""
    conditions = [Unit.group_id.is_not(None), Unit.active.is_(True)]
    if (found := matching(q)) is not None:
        conditions.append(found)
    return list(session.scalars(select(Unit).where(*conditions)))


def scored_unit_keys(session: Session):
    """The scored units as rows of (id, kind, group_id, code): what a bulk recompute reads of 10,000 units,
    without building an entity for each."""
    return session.execute(
        select(Unit.id, Unit.kind, Unit.group_id, Unit.code).where(Unit.group_id.is_not(None), Unit.active.is_(True))
    ).all()


def every_unit(session: Session) -> list[Unit]:
    """Every unit, active or not (the lookup table of a units or users import)."""
    return list(session.scalars(select(Unit)))


def every_group(session: Session) -> list[EmulationGroup]:
    return list(session.scalars(select(EmulationGroup)))


def groups_with_counts(session: Session) -> list[tuple[EmulationGroup, int]]:
    count = func.count(Unit.id)
    rows = session.execute(
        select(EmulationGroup, count)
        .outerjoin(Unit, (Unit.group_id == EmulationGroup.id) & Unit.active.is_(True))
        .group_by(EmulationGroup.id)
        .order_by(EmulationGroup.code)
    ).all()
    return [(group, n) for group, n in rows]


def add(session: Session, unit: Unit) -> Unit:
    session.add(unit)
    session.flush()
    return unit
