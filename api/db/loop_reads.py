"""Tiny reads answered on the event loop, for the routes polled hardest.

SQLAlchemy's per-execution machinery (session, pool checkout, statement caching, result rows) costs
about 100 µs, ten times a primary-key lookup in SQLite, and a trip to the thread pool costs as much
again. :class:`LoopStatement` is a Core select compiled once and run on a plain DBAPI cursor, with the
column types' own bind and result conversions; :class:`LoopConnection` is the one connection a worker
runs them on, kept open in autocommit mode (one round trip on PostgreSQL, no transaction to end).

Only for reads that never wait on a lock (SQLite WAL readers and PostgreSQL MVCC readers do not) and
whose failure is not an error: a caller falls back to the ordinary path, which reports problems.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, Select, event
from sqlalchemy.engine import Dialect

log = logging.getLogger(__name__)


class LoopStatement:
    """A select compiled for one dialect, with its parameters' and columns' type conversions."""

    def __init__(self, statement: Select, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self.positions = compiled.positiontup if compiled.positional else None
        self.binds: dict[str, Callable[[Any], Any] | None] = {
            name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()
        }
        self.results = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in statement.selected_columns]

    def parameters(self, values: dict[str, Any]) -> tuple | dict:
        converted = {
            name: (process(value) if (process := self.binds[name]) else value) for name, value in values.items()
        }
        return tuple(converted[name] for name in self.positions) if self.positions is not None else converted

    def row(self, raw: tuple | None) -> tuple | None:
        if raw is None:
            return None
        return tuple(process(value) if process else value for process, value in zip(self.results, raw, strict=True))


class LoopConnection:
    """One DBAPI connection per worker for :class:`LoopStatement` reads made on the event loop.

    Returns None, never raises, when the connection is busy (a second event loop thread, as in tests
    with several clients) or broken (it is dropped and reopened on the next call); closed with the
    engine's pool.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection = None
        self._busy = threading.Lock()
        self._statements: dict[str, LoopStatement] = {}
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def first(self, name: str, build: Callable[[], Select], **values: Any) -> tuple | None:
        """The first row of the statement ``name`` (built once by ``build``), or None."""
        if not self._busy.acquire(blocking=False):
            return None
        try:
            statement = self._statements.get(name)
            if statement is None:
                statement = self._statements[name] = LoopStatement(build(), self._engine.dialect)
            cursor = self._open().cursor()
            try:
                cursor.execute(statement.sql, statement.parameters(values))
                return statement.row(cursor.fetchone())
            finally:
                cursor.close()
        except Exception:
            log.warning("event-loop read failed; the connection is reopened", exc_info=True)
            self.close()
            return None
        finally:
            self._busy.release()

    def _open(self):
        if self._connection is None:
            fairy = self._engine.raw_connection()
            fairy.rollback()  # a pre-ping may have opened a transaction
            fairy.detach()
            if self._engine.dialect.name == "postgresql":
                fairy.dbapi_connection.autocommit = True
            self._connection = fairy
        return self._connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                log.debug("closing the event-loop connection failed", exc_info=True)
