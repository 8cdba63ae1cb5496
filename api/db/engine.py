"""Engine and session factories.

SQLite is tuned for a small web server: WAL so readers never block the writer, a busy timeout instead
of immediate "database is locked" errors, foreign keys enforced, and ``BEGIN IMMEDIATE`` for write
transactions so two read-then-write requests cannot deadlock on the lock upgrade, queued in the
kernel rather than in SQLite's polling busy handler (``api.db.sqlite_writers``).
"""

from fractions import Fraction

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
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


def make_engine(url: str, pool_size: int | None = None, **kwargs) -> Engine:
    """Create an engine for ``url``; SQLite connections get the pragmas and explicit BEGIN.

    ``pool_size``: connections kept open (10 more may be opened under a burst); an in-memory SQLite
    database has one connection per thread and ignores it.
    """
    parsed = make_url(url)
    kwargs = {"json_serializer": _json_text, "json_deserializer": orjson.loads, **kwargs}
    if pool_size is not None and parsed.database not in (None, "", ":memory:"):
        kwargs |= {"pool_size": pool_size, "max_overflow": 10}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 30, "factory": QueuedWriterConnection}, **kwargs
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        if connection.get_execution_options().get(WRITE_OPTION, False):
            connection.connection.dbapi_connection.begin_write()
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Return (read, write) session factories; write sessions take the SQLite write lock up front."""
    read = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
    write = sessionmaker(
        bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False, autoflush=False
    )
    return read, write
