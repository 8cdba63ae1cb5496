"""Engine and session factories.

SQLite is tuned for a small web server: WAL so readers never block the writer, a bounded busy timeout
instead of immediate "database is locked" errors, foreign keys enforced, and ``BEGIN IMMEDIATE`` for
write transactions so two read-then-write requests cannot deadlock on the lock upgrade, queued in the
kernel rather than in SQLite's polling busy handler (``api.db.sqlite_writers``).

A request's waits are bounded on both engines, so a busy database is a 503 with Retry-After (the error
handler of ``api.main``), not a request hanging or a 500: SQLite through ``busy_seconds`` (the writer
queue and the busy timeout), PostgreSQL through :func:`bound_request_waits` (``lock_timeout`` and
``statement_timeout`` set for each of the request's transactions).
"""

import sqlite3
from fractions import Fraction

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from api.db.sqlite_writers import QueuedWriterConnection

WRITE_OPTION = "banhat_write"


def _exact_number(value):
    """An exact number (a Fraction) is stored as its "p/q" text, as in score explanations."""
    if isinstance(value, Fraction):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_bytes(value) -> bytes:
    """The JSON encoding used for JSON columns (orjson; exact numbers as "p/q" text)."""
    return orjson.dumps(value, default=_exact_number)


def _json_text(value) -> str:
    """JSON columns through orjson: a bulk recompute writes one explanation document per unit."""
    return json_bytes(value).decode()


def make_engine(url: str, pool_size: int | None = None, busy_seconds: float = 30, **kwargs) -> Engine:
    """Create an engine for ``url``; SQLite connections get the pragmas and explicit BEGIN.

    ``pool_size``: connections kept open (10 more may be opened under a burst); an in-memory SQLite
    database has one connection per thread and ignores it. ``busy_seconds``: how long a SQLite
    connection waits for the writer's place or a lock before "database is locked".
    """
    parsed = make_url(url)
    kwargs = {"json_serializer": _json_text, "json_deserializer": orjson.loads, **kwargs}
    if pool_size is not None and parsed.database not in (None, "", ":memory:"):
        kwargs |= {"pool_size": pool_size, "max_overflow": 10}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": busy_seconds, "factory": QueuedWriterConnection},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={round(busy_seconds * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        if connection.get_execution_options().get(WRITE_OPTION, False):
            try:
                connection.connection.dbapi_connection.begin_write()
            except sqlite3.OperationalError as error:
                # Raised in an event, the driver's error is not wrapped by SQLAlchemy: wrap it, so the
                # one handler of database errors answers it (503), not the catch-all (500).
                raise OperationalError("BEGIN IMMEDIATE", None, error) from error
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def bound_request_waits(session: Session, lock_seconds: float, statement_seconds: float) -> None:
    """PostgreSQL: every transaction of ``session`` (a request may commit and begin again, as imports
    do) gives up waiting for a lock after ``lock_seconds`` (LockNotAvailable) and runs no statement
    longer than ``statement_seconds`` (QueryCanceled; 0: no limit), both answered 503. SQLite: nothing,
    its waits are bounded per connection."""
    if session.get_bind().dialect.name != "postgresql":
        return
    lock, statement = f"{round(lock_seconds * 1000)}ms", f"{round(statement_seconds * 1000)}ms"

    @event.listens_for(session, "after_begin")
    def _bounded(_session, transaction, connection) -> None:
        if transaction.nested:  # a savepoint: its transaction has the settings already
            return
        connection.exec_driver_sql(
            "SELECT set_config('lock_timeout', %s, true), set_config('statement_timeout', %s, true)",
            (lock, statement),
        )


def session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Return (read, write) session factories; write sessions take the SQLite write lock up front."""
    read = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
    write = sessionmaker(
        bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False, autoflush=False
    )
    return read, write
