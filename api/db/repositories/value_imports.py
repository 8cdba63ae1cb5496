"""Set-based queries of the values import: a staging table, counts against stored values, the merge.

Rows are loaded into a temporary staging table in chunks (PostgreSQL: COPY; SQLite: executemany on
the driver connection, its fastest path), then compared with and merged into `submission_values` by
a few statements that touch every row inside the database, never one row per round trip.

A staged row may keep parts of the stored value: `keep_measure` (its measure cells were empty: only the
note is given) and `keep_note` (no note column, or an empty note cell); `fill_kept` copies those parts
from the stored value before anything is compared. `clear` rows delete the stored value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db.models import AuditEntry, Period, Submission, SubmissionValue, Unit

VALUE_FIELDS = ("numerator", "denominator", "count", "flag", "date", "note")
STAGING_COLUMNS = (
    "row_number", "period_id", "unit_id", "indicator_code", "locked", *VALUE_FIELDS, "keep_measure", "keep_note",
    "clear",
)  # fmt: skip

_staging_metadata = MetaData()
staging = Table(
    "import_value_staging",
    _staging_metadata,
    Column("row_number", Integer),
    Column("period_id", Integer),
    Column("unit_id", Integer),
    Column("indicator_code", String(32)),
    # The report is approved/submitted or the period locked: the row may only repeat the stored value.
    Column("locked", Boolean),
    Column("numerator", BigInteger),
    Column("denominator", BigInteger),
    Column("count", BigInteger),
    Column("flag", Boolean),
    Column("date", Date),
    Column("note", Text),
    Column("keep_measure", Boolean),
    Column("keep_note", Boolean),
    Column("clear", Boolean),
    prefixes=["TEMPORARY"],
)
# Per report touched by a chunk of staged rows: what they do to it (see `count_outcomes`); a report whose
# rows span two chunks has two rows, added up by `_per_report`.
outcomes = Table(
    "import_value_outcomes",
    _staging_metadata,
    Column("period_id", Integer),
    Column("unit_id", Integer),
    Column("created", Integer),
    Column("updated", Integer),
    Column("unchanged", Integer),
    prefixes=["TEMPORARY"],
)
# The reports a PostgreSQL import created at their bumped version already (`draft_creator`), which
# `bump_versions` leaves alone.
new_reports = Table("import_new_reports", _staging_metadata, Column("id", Integer), prefixes=["TEMPORARY"])
_submissions = Submission.__table__
_values = SubmissionValue.__table__
_audit = AuditEntry.__table__
_periods = Period.__table__
_units = Unit.__table__


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def create_staging(session: Session) -> None:
    connection = session.connection()
    for table in (staging, outcomes, new_reports):
        table.drop(connection, checkfirst=True)
        table.create(connection)


def drop_staging(session: Session) -> None:
    for table in (staging, outcomes, new_reports):
        table.drop(session.connection(), checkfirst=True)


def stage(session: Session, load: Callable[[Sequence[tuple]], None], rows: Sequence[tuple], *, analyse: bool) -> None:
    """PostgreSQL: replace the staged rows by the next chunk's (`load`: `staging_loader`); with
    `analyse`, analyse them (see `analysed`; every chunk but the last has the same size). TRUNCATE
    leaves no dead rows behind: nothing vacuums a temporary table."""
    session.execute(text(f"TRUNCATE {staging.name}"))
    load(rows)
    if analyse:
        analysed(session)


def analysed(session: Session) -> None:
    """Give PostgreSQL's planner the staging table's statistics (temporary tables are never analysed
    automatically), so the statements below are planned for its real size."""
    if is_postgresql(session):
        session.execute(text(f"ANALYZE {staging.name}"))


def staging_loader(session: Session) -> Callable[[Sequence[tuple]], None]:
    """A function that appends rows (in `STAGING_COLUMNS` order; dates as ISO text on SQLite, as
    stored there) to the staging table (`_bulk_inserter`)."""
    return _bulk_inserter(session, staging, STAGING_COLUMNS)


def _bulk_inserter(session: Session, table: Table, columns: Sequence[str]) -> Callable[[Sequence[tuple]], None]:
    """A function that inserts rows (tuples in `columns` order, values as stored) into `table`: PostgreSQL by
    `COPY`, SQLite by `_rows_inserter`. It holds the driver connection, not the session, so it may run in
    another thread while the caller reads on (never while the caller queries)."""
    if not is_postgresql(session):
        return _rows_inserter(session, table, columns)
    driver = session.connection().connection.driver_connection
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"

    def copy_rows(rows: Sequence[tuple]) -> None:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    return copy_rows


def _rows_inserter(
    session: Session, table: Table, columns: Sequence[str], *, fixed: dict[str, str] | None = None
) -> Callable[[Sequence[tuple]], None]:
    """SQLite: a function that inserts rows (tuples in `columns` order, values as stored) into `table`, with
    the `fixed` SQL expressions for the other columns named; like `_bulk_inserter`'s, it may run in another
    thread.

    The rows go as one JSON text, unpacked by SQLite (`json_each`) in one statement: the driver holds the
    GIL only to encode them. `executemany` gave it up and took it back at every row, and a thread that
    takes the GIL back waits while another runs Python: beside the request's thread, which checks the
    next chunk meanwhile, a chunk's `executemany` hardly advanced until that thread waited for it
    (docs/benchmarks.md). Numbers are whole and at most `api.domain.values.MAX_NUMBER`, so JSON keeps them
    exact; booleans arrive as 1 and 0, as SQLite stores them."""
    driver = session.connection().connection.driver_connection
    fixed = fixed or {}
    unpacked = [f"value ->> {index}" for index in range(len(columns))]
    statement = (
        f"INSERT INTO {table.name} ({', '.join([*columns, *fixed])}) "
        f"SELECT {', '.join([*unpacked, *fixed.values()])} FROM json_each(?)"
    )

    def insert_rows(rows: Sequence[tuple]) -> None:
        if rows:
            driver.execute(statement, (json.dumps(rows),))

    return insert_rows


def value_writer(session: Session) -> Callable[[Sequence[tuple]], None]:
    """A function that inserts the values of reports this transaction created (`report_creator`,
    `draft_creator`), given as (report id, indicator code, value fields as stored), from any thread
    (`_bulk_inserter`).

    PostgreSQL: without the foreign key's per-row check where `_may_skip_value_triggers` allows it: every
    row references a report this transaction created, which no other transaction can see, let alone
    delete."""
    insert_rows = _bulk_inserter(session, _values, ("submission_id", "indicator_code", *VALUE_FIELDS))
    if not is_postgresql(session) or not _may_skip_value_triggers(session):
        return insert_rows
    driver = session.connection().connection.driver_connection

    def insert_unchecked(rows: Sequence[tuple]) -> None:
        driver.execute("SELECT set_config('session_replication_role', 'replica', true)")
        insert_rows(rows)
        driver.execute("SELECT set_config('session_replication_role', 'origin', true)")

    return insert_unchecked


def next_report_id(session: Session) -> int:
    """The id after every report's: where an import holding SQLite's write lock numbers the reports it creates."""
    return session.scalar(select(func.coalesce(func.max(_submissions.c.id), 0) + 1))


def report_creator(session: Session) -> Callable[[Sequence[tuple[int, int, int]], datetime], None]:
    """SQLite: a function that creates draft reports given as (id, period id, unit id), updated at a time, at
    version 1 (bumped with the others)."""
    dialect = session.get_bind().dialect
    stored_time = _submissions.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
    insert_rows = _rows_inserter(session, _submissions, ("id", "period_id", "unit_id", "updated_at"),
                                 fixed={"status": "'draft'", "version": "1"})  # fmt: skip

    def create(reports: Sequence[tuple[int, int, int]], now: datetime) -> None:
        at = stored_time(now)
        insert_rows([(*report, at) for report in reports])

    return create


def draft_creator(session: Session) -> Callable[[Sequence[tuple[int, int]], datetime], list[int]]:
    """PostgreSQL: a function that creates the draft reports of (period id, unit id) pairs, updated at a time,
    and returns their ids (the sequence's) in the same order. They are made at version 2, the version
    `bump_versions` gives a report an import changes, and recorded in `new_reports` so that it leaves them
    alone (40,000 reports bumped took 0.53 s). A report a form created since the import read its period
    makes it raise `IntegrityError` (see `existing_reports`)."""
    statement = text(
        "WITH drafts AS (INSERT INTO submissions (period_id, unit_id, status, version, updated_at) "
        "SELECT period_id, unit_id, 'draft', 2, :now "
        "FROM unnest(CAST(:periods AS integer[]), CAST(:units AS integer[])) AS report(period_id, unit_id) "
        f"RETURNING id, period_id, unit_id), recorded AS (INSERT INTO {new_reports.name} (id) SELECT id FROM drafts) "
        "SELECT id, period_id, unit_id FROM drafts"
    ).bindparams(bindparam("now", type_=_submissions.c.updated_at.type))  # fmt: skip

    def create(reports: Sequence[tuple[int, int]], now: datetime) -> list[int]:
        if not reports:
            return []
        periods, units = zip(*reports, strict=True)
        created = session.execute(statement, {"now": now, "periods": list(periods), "units": list(units)})
        ids = {(period_id, unit_id): report_id for report_id, period_id, unit_id in created}
        return [ids[report] for report in reports]

    return create


def existing_reports(session: Session, reports: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """PostgreSQL: which of these (period id, unit id) pairs have a report, created by a form since the
    import read their period (after a rollback of `draft_creator`'s attempt to create them)."""
    periods, units = zip(*reports, strict=True) if reports else ((), ())
    rows = session.execute(
        text("SELECT s.period_id, s.unit_id FROM submissions s "
             "JOIN unnest(CAST(:periods AS integer[]), CAST(:units AS integer[])) AS report(period_id, unit_id) "
             "ON s.period_id = report.period_id AND s.unit_id = report.unit_id"),
        {"periods": list(periods), "units": list(units)},
    )  # fmt: skip
    return {(period_id, unit_id) for period_id, unit_id in rows}


def add_outcomes(session: Session, rows: Sequence[tuple[int, int, int, int, int]]) -> None:
    """Outcomes counted outside the staging table, as (period id, unit id, created, updated, unchanged)."""
    _bulk_inserter(session, outcomes, [column.name for column in outcomes.c])(rows)


def _joined():
    submission = and_(
        _submissions.c.period_id == staging.c.period_id, _submissions.c.unit_id == staging.c.unit_id
    )
    value = and_(
        _values.c.submission_id == _submissions.c.id, _values.c.indicator_code == staging.c.indicator_code
    )
    return staging.outerjoin(_submissions, submission).outerjoin(_values, value)


def _unchanged():
    return and_(*(staging.c[name].is_not_distinct_from(_values.c[name]) for name in VALUE_FIELDS))


def _stored(*conditions):
    """A stored value of the staged row's slot (correlated to the staging row) meeting `conditions`."""
    return (
        select(_values.c.id)
        .select_from(_values.join(_submissions, _values.c.submission_id == _submissions.c.id))
        .where(
            _submissions.c.period_id == staging.c.period_id,
            _submissions.c.unit_id == staging.c.unit_id,
            _values.c.indicator_code == staging.c.indicator_code,
            *conditions,
        )
        .exists()
    )


def _no_change():
    """The staged row changes nothing: it repeats the stored value, or clears a value never stored."""
    return or_(_stored(_unchanged()), and_(staging.c.clear.is_(True), not_(_stored())))


def _locked_change():
    return and_(staging.c.locked.is_(True), not_(_no_change()))


def _unresolved():
    """A note-only row (measure cells empty) whose slot holds no value to annotate."""
    return staging.c.keep_measure.is_(True)


def fill_kept(session: Session) -> None:
    """Copy the kept parts (measure, note) of each staged row from its stored value, then mark the
    measure resolved; a note-only row without a stored value stays `keep_measure` (see `unresolved`)."""
    kept_measure = staging.c.keep_measure.is_(True)
    kept_note = staging.c.keep_note.is_(True)
    values = {
        name: case((kept_measure, _values.c[name]), else_=staging.c[name]) for name in VALUE_FIELDS[:-1]
    }
    statement = (
        update(staging)
        .where(
            _submissions.c.period_id == staging.c.period_id,
            _submissions.c.unit_id == staging.c.unit_id,
            _values.c.submission_id == _submissions.c.id,
            _values.c.indicator_code == staging.c.indicator_code,
            or_(kept_measure, kept_note),
        )
        .values(**values, note=case((kept_note, _values.c.note), else_=staging.c.note), keep_measure=False)
    )
    session.execute(statement)


def _rows_where(session: Session, condition, limit: int) -> tuple[int, list[tuple[int, int, int, str]]]:
    """(how many staged rows meet `condition`, the first `limit` of them as (row_number, period_id,
    unit_id, indicator_code) in file order)."""
    total = session.scalar(select(func.count()).select_from(staging).where(condition))
    rows = session.execute(
        select(staging.c.row_number, staging.c.period_id, staging.c.unit_id, staging.c.indicator_code)
        .where(condition)
        .order_by(staging.c.row_number)
        .limit(limit)
    )
    return int(total or 0), [tuple(row) for row in rows]


def unresolved(session: Session, limit: int) -> tuple[int, list[tuple[int, int, int, str]]]:
    """Note-only rows with no stored value (after `fill_kept`); see `_rows_where`."""
    return _rows_where(session, _unresolved(), limit)


def drop_unresolved(session: Session) -> None:
    session.execute(delete(staging).where(_unresolved()))


def locked_changes(session: Session, limit: int) -> tuple[int, list[tuple[int, int, int, str]]]:
    """Staged rows that would change a locked report; see `_rows_where`."""
    return _rows_where(session, _locked_change(), limit)


def drop_locked_changes(session: Session) -> None:
    session.execute(delete(staging).where(_locked_change()))


def count_outcomes(session: Session) -> tuple[int, int, int]:
    """Count the staged rows per report they touch, in one pass over them, into the outcomes table
    (period_id, unit_id, created, updated, unchanged); return the chunk's totals (created, updated,
    unchanged). Run after the refused rows have left the staging table."""
    clear = staging.c.clear.is_(True)
    absent = _values.c.id.is_(None)
    same = or_(and_(_values.c.id.is_not(None), _unchanged()), and_(absent, clear))
    created = func.sum(case((and_(absent, not_(clear)), 1), else_=0))
    unchanged = func.sum(case((same, 1), else_=0))
    query = (
        select(staging.c.period_id, staging.c.unit_id, created, func.count() - created - unchanged, unchanged)
        .select_from(_joined())
        .group_by(staging.c.period_id, staging.c.unit_id)
    )
    columns = ("created", "updated", "unchanged")
    statement = insert(outcomes).from_select([column.name for column in outcomes.c], query)
    rows = session.execute(statement.returning(*(outcomes.c[name] for name in columns))).all()
    return tuple(sum(row[index] for row in rows) for index in range(len(columns)))


def _per_report():
    """The outcomes added up per report, over every chunk."""
    return (
        select(outcomes.c.period_id, outcomes.c.unit_id, func.sum(outcomes.c.created).label("created"),
               func.sum(outcomes.c.updated).label("updated"))
        .group_by(outcomes.c.period_id, outcomes.c.unit_id)
        .subquery()
    )  # fmt: skip


def _changed_report(reports):
    return or_(reports.c.created > 0, reports.c.updated > 0)


def changed_reports(session: Session) -> list[tuple[int, int]]:
    """(period_id, unit_id) of every report the merge changes."""
    reports = _per_report()
    query = select(reports.c.period_id, reports.c.unit_id).where(_changed_report(reports))
    return [tuple(row) for row in session.execute(query)]


def create_missing_submissions(session: Session, now: datetime) -> None:
    """A draft report for every report the staged rows create values in and that has none yet (run
    when `count_outcomes` counted created rows)."""
    report = and_(_submissions.c.period_id == staging.c.period_id, _submissions.c.unit_id == staging.c.unit_id)
    source = (
        select(staging.c.period_id, staging.c.unit_id, literal("draft"), literal(1),
               literal(now, _submissions.c.updated_at.type))
        .where(staging.c.clear.is_not(True), not_(select(_submissions.c.id).where(report).exists()))
        .distinct()
    )  # fmt: skip
    columns = ["period_id", "unit_id", "status", "version", "updated_at"]
    # A first save committed since the counts already made the row (PostgreSQL): keep it.
    dialect_insert = postgresql.insert if is_postgresql(session) else sqlite.insert
    session.execute(dialect_insert(_submissions).from_select(columns, source).on_conflict_do_nothing(
        index_elements=["period_id", "unit_id"]))


def _staged_slots():
    """Staged rows to write (not clears) joined to their report, which exists by now."""
    report = and_(_submissions.c.period_id == staging.c.period_id, _submissions.c.unit_id == staging.c.unit_id)
    return staging.join(_submissions, report), staging.c.clear.is_not(True)


def merge_values(session: Session, counts: tuple[int, int, int]) -> None:
    """Insert new values and update changed ones, delete the cleared ones; unchanged rows are not
    written. `counts` are the staged rows' (created, updated, unchanged) from `count_outcomes`.

    Changed values are updated and new ones inserted by two plain statements, each skipped when the
    counts say it has nothing to do: an `INSERT ... ON CONFLICT` checks the unique index a second time
    for every row (on PostgreSQL 200,000 rows took 5.0 s instead of 2.9 s), and when no staged slot
    holds a stored value the insert needs no anti-join either. A value a form saved for a new slot
    since the counts (PostgreSQL; SQLite has one writer) makes the plain insert fail: it is rolled
    back to its savepoint and the rows are merged by the `INSERT ... ON CONFLICT DO UPDATE` instead."""
    created, updated, unchanged = counts
    joined, written = _staged_slots()
    same_slot = and_(_values.c.submission_id == _submissions.c.id, _values.c.indicator_code == staging.c.indicator_code)
    if updated:
        changed = or_(*(_values.c[name].is_distinct_from(staging.c[name]) for name in VALUE_FIELDS))
        session.execute(
            update(_values)
            .where(_submissions.c.period_id == staging.c.period_id, _submissions.c.unit_id == staging.c.unit_id,
                   same_slot, written, changed)
            .values({_values.c[name]: staging.c[name] for name in VALUE_FIELDS})
        )  # fmt: skip
    columns = ["submission_id", "indicator_code", *VALUE_FIELDS]
    source = select(_submissions.c.id, staging.c.indicator_code, *(staging.c[name] for name in VALUE_FIELDS))
    source = source.select_from(joined).where(written)
    if created:
        new = source.where(not_(select(_values.c.id).where(same_slot).exists())) if updated or unchanged else source
        try:
            with session.begin_nested():
                skipped = _skip_value_triggers(session)
                session.execute(insert(_values).from_select(columns, new))
                if skipped:
                    session.execute(text("SELECT set_config('session_replication_role', 'origin', true)"))
        except IntegrityError:
            dialect_insert = postgresql.insert if is_postgresql(session) else sqlite.insert
            # SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT (`written`).
            statement = dialect_insert(_values).from_select(columns, source)
            statement = statement.on_conflict_do_update(
                index_elements=["submission_id", "indicator_code"],
                set_={name: statement.excluded[name] for name in VALUE_FIELDS},
                where=or_(*(_values.c[name].is_distinct_from(statement.excluded[name]) for name in VALUE_FIELDS)),
            )
            session.execute(statement)
    # Driven by the (few) clear rows through the values' unique index, never a scan of every stored value.
    cleared = (
        select(_values.c.id)
        .select_from(staging.join(_submissions, and_(_submissions.c.period_id == staging.c.period_id,
                                                     _submissions.c.unit_id == staging.c.unit_id))
                     .join(_values, and_(_values.c.submission_id == _submissions.c.id,
                                         _values.c.indicator_code == staging.c.indicator_code)))
        .where(staging.c.clear.is_(True))
    )  # fmt: skip
    session.execute(delete(_values).where(_values.c.id.in_(cleared)))


def _may_skip_value_triggers(session: Session) -> bool:
    """PostgreSQL: whether the connected role may set `session_replication_role` (a superuser, or a role
    granted SET on it), it is not set already, and `submission_values` has no trigger of its own (only
    its foreign key's internal ones), which the setting would skip as well. Set to `replica` for an insert
    of new values, PostgreSQL does not check the foreign key of `submission_values.submission_id` once per
    row (its row trigger: 5 of the 8.5 s of inserting 1,000,000 values); the caller guarantees instead
    that every report referenced exists and stays (`_skip_value_triggers`, `value_writer`)."""
    privilege = (
        "has_parameter_privilege('session_replication_role', 'SET')"
        if session.get_bind().dialect.server_version_info >= (15,)
        else "current_setting('is_superuser')::boolean"
    )
    return bool(session.scalar(text(
        f"SELECT {privilege} AND current_setting('session_replication_role') = 'origin' AND NOT EXISTS ("
        f"SELECT 1 FROM pg_trigger WHERE tgrelid = '{_values.name}'::regclass AND NOT tgisinternal)"
    )))  # fmt: skip


def _skip_value_triggers(session: Session) -> bool:
    """PostgreSQL, where `_may_skip_value_triggers`: set `session_replication_role` to `replica` for the
    insert of the staged rows' new values. No lock is taken beyond what the per-row check takes: what that
    check guarantees is done here once per report instead, in one statement, and the switch is refused (the
    insert runs with its triggers) unless it holds: every report the staged rows write to exists and is
    locked `FOR KEY SHARE`, as the per-row check locks it, so no other transaction can delete it (or change
    its key) before this one ends; the insert takes `submission_id` from a join to these rows, so each
    value references one of them. (Staged rows are those of reports that existed when the import read
    their period, or that a form created since: `_NewReports` in api/services/imports/values.py.)
    The caller resets the setting after the insert (a rollback to its savepoint resets it too);
    nothing else of the transaction runs without triggers. Returns whether the setting was changed."""
    if not is_postgresql(session) or not _may_skip_value_triggers(session):
        return False
    reports = select(staging.c.period_id, staging.c.unit_id).where(staging.c.clear.is_not(True)).distinct().cte("reports")
    locked = (
        select(_submissions.c.id)
        .join(reports, and_(_submissions.c.period_id == reports.c.period_id,
                            _submissions.c.unit_id == reports.c.unit_id))
        .with_for_update(read=True, key_share=True, of=_submissions)
        .subquery()
    )  # fmt: skip
    count = lambda query: select(func.count()).select_from(query).scalar_subquery()
    # One round trip for the lock and the check, then the setting, which CASE evaluates only when the check
    # holds (run in the background thread while the request's thread checks rows: each trip waits for the GIL).
    switch = func.set_config("session_replication_role", "replica", True) == "replica"
    return bool(session.scalar(select(case((count(reports) == count(locked), switch), else_=False))))


def bump_versions(session: Session, now: datetime) -> None:
    """New version (the form's ETag) for every changed report, so a stale form gets 412."""
    reports = _per_report()
    created_here = select(new_reports.c.id).where(new_reports.c.id == _submissions.c.id).exists()
    statement = (
        update(_submissions)
        .where(reports.c.period_id == _submissions.c.period_id, reports.c.unit_id == _submissions.c.unit_id,
               _changed_report(reports), not_(created_here))
        .values(version=_submissions.c.version + 1, updated_at=now)
    )  # fmt: skip
    session.execute(statement)


def record_audit(session: Session, now: datetime, actor: str, run_id: int | None, address: str | None) -> None:
    """One `values.import` entry per changed report (the import run and its counts), in one statement."""
    build = func.json_build_object if is_postgresql(session) else func.json_object
    reports = _per_report()
    after = build("import_run", literal(run_id, Integer), "created", reports.c.created,
                  "updated", reports.c.updated)  # fmt: skip
    source = (
        select(literal(now, _audit.c.at.type), literal(actor, String), literal("values.import", String),
               literal("submission", String), _periods.c.code.concat("/").concat(_units.c.code), after,
               literal(address, String))
        .select_from(reports.join(_periods, _periods.c.id == reports.c.period_id)
                     .join(_units, _units.c.id == reports.c.unit_id))
        .where(_changed_report(reports))
        .order_by(reports.c.period_id, reports.c.unit_id)
    )  # fmt: skip
    columns = ["at", "actor", "action", "entity", "entity_key", "after", "client_address"]
    session.execute(insert(_audit).from_select(columns, source))


def unit_index(session: Session) -> list[tuple[int, str, str, int | None]]:
    """(id, code, kind, group_id) of every unit: the lookup table of an import."""
    return [tuple(row) for row in session.execute(select(Unit.id, Unit.code, Unit.kind, Unit.group_id))]


def statuses(session: Session, period_id: int) -> dict[int, str]:
    rows = session.execute(
        select(Submission.unit_id, Submission.status).where(Submission.period_id == period_id)
    )
    return {unit_id: status for unit_id, status in rows}


def values_of_period(session: Session, period_id: int, unit_ids: Sequence[int] | None):
    """(unit code, indicator code, value columns...) of a period, for templates and exports."""
    query = (
        select(Unit.code, _values.c.indicator_code, *(_values.c[name] for name in VALUE_FIELDS))
        .join(_submissions, _submissions.c.id == _values.c.submission_id)
        .join(Unit, Unit.id == _submissions.c.unit_id)
        .where(_submissions.c.period_id == period_id)
        .order_by(Unit.code, _values.c.indicator_code)
    )
    if unit_ids is not None:
        query = query.where(_submissions.c.unit_id.in_(unit_ids))
    return [tuple(row) for row in session.execute(query)]


def units_of_kind(session: Session, kind: str) -> list[Unit]:
    return list(
        session.scalars(select(Unit).where(Unit.kind == kind, Unit.active.is_(True)).order_by(Unit.code))
    )
