"""Stored scores: one row per (period, unit)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from api.db.engine import json_bytes
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


def stored(session: Session, period_id: int, unit_ids: list[int] | None = None) -> dict[int, tuple]:
    """(score row id, content fingerprint, final tier, rank, quota applied) by unit id for a period (or for
    some units of it)."""
    query = select(Score.unit_id, Score.id, Score.fingerprint, Score.final_tier, Score.rank,
                   Score.quota_applied).where(Score.period_id == period_id)
    if unit_ids is not None:
        query = query.where(Score.unit_id.in_(unit_ids))
    session.flush()  # the Core read below does not autoflush
    return {unit: tuple(rest) for unit, *rest in session.connection().execute(query).all()}


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


# The columns a score's computation sets (rank, final tier and quota come from re-ranking its group).
COMPUTED = ("period_id", "unit_id", "group_id", "scheme_code", "total", "kl_score", "tier", "rank_status",
            "submission_status", "first_submitted_at", "pillars", "explanation", "veto_failed", "fingerprint",
            "computed_at")
_JSON = ("pillars", "explanation", "veto_failed")
PLACE = ("final_tier", "rank", "quota_applied")
_UPSERT_TAIL = (
    " ON CONFLICT (period_id, unit_id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in COMPUTED[2:])
)


@contextmanager
def computed_writer(session: Session, computed_at: datetime) -> Iterator[Callable[[list[dict]], None]]:
    """A function that inserts or updates (by period and unit) computed score rows, chunk after chunk:
    dicts of :data:`COMPUTED` but ``computed_at``, and :data:`PLACE`, which only a new row takes (an update
    leaves the stored place to re-ranking). A new row is not frozen. Every row is written when the block
    ends.

    A period's recompute writes 10,000 rows of about 9 KB of JSON each, so this skips the ORM and the
    Core's per-row bind processing: JSON is encoded once here (an ``orjson.Fragment`` explanation is
    written as is). PostgreSQL takes the rows by one ``COPY`` into a temporary table, fed by a thread
    while the caller computes the next chunk (the server parses and compresses one chunk while Python
    scores the next: on two cores the two overlap), then one ``INSERT ... ON CONFLICT``; SQLite by an
    ``executemany`` of the same upsert per chunk.
    """
    connection = session.connection()
    columns = ", ".join(COMPUTED + PLACE)
    upsert = f"INSERT INTO scores ({columns}, frozen)"
    raw = connection.connection.dbapi_connection
    if connection.dialect.name != "postgresql":
        stamp_type = Score.__table__.c.computed_at.type
        stamp = stamp_type.dialect_impl(connection.dialect).bind_processor(connection.dialect)  # its text form
        at = stamp(computed_at)
        statement = f"{upsert} VALUES ({', '.join('?' * len(COMPUTED + PLACE))}, 0){_UPSERT_TAIL}"

        def write_sqlite(rows: list[dict]) -> None:
            cursor = raw.cursor()
            try:
                cursor.executemany(statement, [
                    (
                        *(row[name] for name in COMPUTED[:9]),
                        None if row["first_submitted_at"] is None else stamp(row["first_submitted_at"]),
                        *(None if row[name] is None else json_bytes(row[name]).decode() for name in _JSON),
                        row["fingerprint"], at, *[row[name] for name in PLACE],
                    )
                    for row in rows
                ])
            finally:
                cursor.close()

        yield write_sqlite
        return
    from psycopg.copy import QueuedLibpqWriter  # here: SQLite deployments need no libpq

    with raw.cursor() as cursor:
        # lz4 where the server has it: pglz compressing 100 MB of explanations took twice as long. Set for
        # this transaction, it applies to the temporary table too, whose compressed values the INSERT then
        # copies as they are.
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings"
            " WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        cursor.execute(
            "CREATE TEMPORARY TABLE score_rows (period_id integer, unit_id integer, group_id integer,"
            " scheme_code text, total text, kl_score text, tier text, rank_status text, submission_status text,"
            " first_submitted_at timestamptz, pillars json, explanation json, veto_failed json,"
            " fingerprint text, computed_at timestamptz, final_tier text, rank integer, quota_applied boolean)"
            " ON COMMIT DROP"
        )
        at = _copy_field(computed_at)
        written = 0

        def write_postgresql(rows: list[dict]) -> None:
            nonlocal written
            if rows:
                copy.write(b"\n".join([
                    b"\t".join([
                        *[_copy_field(row[name]) for name in COMPUTED[:10]],
                        *[b"\\N" if row[name] is None else json_bytes(row[name]).replace(b"\\", b"\\\\")
                          for name in _JSON],
                        _copy_field(row["fingerprint"]), at,
                        *[_copy_field(row[name]) for name in PLACE],
                    ])
                    for row in rows
                ]) + b"\n")  # one write a chunk: a write per row waited on the server each
                written += len(rows)

        with cursor.copy(f"COPY score_rows ({columns}) FROM STDIN", writer=QueuedLibpqWriter(cursor)) as copy:
            yield write_postgresql
        if written:
            cursor.execute(f"{upsert} SELECT {columns}, false FROM score_rows{_UPSERT_TAIL}")
        cursor.execute("DROP TABLE score_rows")


def _copy_field(value) -> bytes:
    """One field of ``COPY``'s text format: NULL as ``\\N``, datetimes (aware) in ISO form, text escaped."""
    if value is None:
        return b"\\N"
    if isinstance(value, datetime):
        return value.isoformat().encode()
    if isinstance(value, bool):
        return b"t" if value else b"f"
    if isinstance(value, str):
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value).encode()


def write_ranks(session: Session, rows: list[tuple[int, int | None, str, bool]]) -> None:
    """Set (score id, rank, final tier, quota applied) of many score rows: after a period's first
    computation every row of it, so PostgreSQL takes many by ``COPY`` and one ``UPDATE ... FROM``, SQLite
    by one ``executemany``."""
    if not rows:
        return
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if connection.dialect.name != "postgresql":
        cursor = raw.cursor()
        try:
            cursor.executemany("UPDATE scores SET rank = ?, final_tier = ?, quota_applied = ? WHERE id = ?",
                               [(rank, tier, quota, score_id) for score_id, rank, tier, quota in rows])
        finally:
            cursor.close()
    elif len(rows) < 500:  # a group's re-ranking after a save: no temporary table
        bulk_update(session, [{"id": i, "rank": r, "final_tier": t, "quota_applied": q} for i, r, t, q in rows])
    else:
        with raw.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE score_ranks (id integer, rank integer, final_tier text,"
                           " quota_applied boolean) ON COMMIT DROP")
            with cursor.copy("COPY score_ranks FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("UPDATE scores SET rank = r.rank, final_tier = r.final_tier, quota_applied = r.quota_applied"
                           " FROM score_ranks r WHERE scores.id = r.id")
            cursor.execute("DROP TABLE score_ranks")


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


def unexplained(session: Session, period_id: int, after: int, limit: int) -> dict[int, tuple[int, str]]:
    """(score id, fingerprint) by unit id of the period's scores stored without an explanation, the first
    ``limit`` units after unit id ``after``."""
    rows = session.execute(
        select(Score.unit_id, Score.id, Score.fingerprint)
        .where(Score.period_id == period_id, Score.unit_id > after, Score.explanation.is_(None))
        .order_by(Score.unit_id).limit(limit)
    )
    return {unit_id: (score_id, fingerprint) for unit_id, score_id, fingerprint in rows}


def fill_explanations(session: Session, rows: list[tuple[int, str, object, str]]) -> None:
    """Store (score id, fingerprint it was built for, explanation, new fingerprint) where the row has still
    no explanation and that fingerprint."""
    if rows:
        session.execute(
            update(Score.__table__)
            .where(Score.id == bindparam("score_id"), Score.explanation.is_(None), Score.fingerprint == bindparam("old"))
            .values(explanation=bindparam("explanation"), fingerprint=bindparam("new")),
            [{"score_id": score_id, "old": old, "explanation": explanation, "new": new}
             for score_id, old, explanation, new in rows],
        )


def unexplained_periods(session: Session) -> set[int]:
    """The periods holding scores written without their explanation (a deferred recompute's)."""
    return set(session.scalars(select(Score.period_id).where(Score.explanation.is_(None)).distinct()))


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
