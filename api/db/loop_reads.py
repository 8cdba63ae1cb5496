"""Tiny reads answered on the event loop, for the routes polled hardest.

SQLAlchemy's per-execution machinery (session, pool checkout, statement caching, result rows) costs
about 100 µs, ten times a primary-key lookup in SQLite, and a trip to the thread pool costs as much
again. :class:`LoopStatement` is a Core select compiled once and run on a plain DBAPI cursor, with the
column types' own bind and result conversions; :class:`LoopConnection` is the one connection a worker
runs them on, kept open in autocommit mode (one round trip on PostgreSQL, no transaction to end; the
worker serves other requests while it waits).

Only for reads that never wait on a lock (SQLite WAL readers and PostgreSQL MVCC readers do not) and
whose failure is not an error: a caller falls back to the ordinary path, which reports problems.
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import psycopg
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
    """One connection per worker for :class:`LoopStatement` reads made on the event loop.

    SQLite is read in place (a lookup is 10-20 µs); PostgreSQL through psycopg's asyncio connection,
    so the worker serves other requests during the round trip instead of blocking on it. Returns None,
    never raises, when the read cannot be made: the connection busy (another thread's event loop, as in
    tests with several clients, or still connecting) or broken (dropped, reopened on the next call).
    Closed with the engine's pool.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._asynchronous = engine.dialect.name == "postgresql"
        self._connection = None  # a detached pool connection (SQLite) or a psycopg AsyncConnection
        self._loop: asyncio.AbstractEventLoop | None = None
        self._busy = threading.Lock()
        self._connecting = False
        self._closing: set[asyncio.Task] = set()
        self._statements: dict[str, LoopStatement] = {}
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    async def first(self, name: str, build: Callable[[], Select], **values: Any) -> tuple | None:
        """The first row of the statement ``name`` (built once by ``build``), or None."""
        statement = self._statements.get(name)
        if statement is None:
            statement = self._statements[name] = LoopStatement(build(), self._engine.dialect)
        parameters = statement.parameters(values)
        try:
            if self._asynchronous:
                raw = await self._fetch_async(statement.sql, parameters)
            else:
                raw = self._fetch(statement.sql, parameters)
            return statement.row(raw)
        except _Busy:
            return None
        except Exception:
            log.warning("event-loop read failed; the connection is reopened", exc_info=True)
            self.close()
            return None

    def _fetch(self, sql: str, parameters: tuple | dict) -> tuple | None:
        if not self._busy.acquire(blocking=False):
            raise _Busy
        try:
            if self._connection is None:
                fairy = self._engine.raw_connection()
                fairy.rollback()  # a pre-ping may have opened a transaction
                fairy.detach()
                self._connection = fairy
            cursor = self._connection.cursor()
            try:
                cursor.execute(sql, parameters)
                return cursor.fetchone()
            finally:
                cursor.close()
        finally:
            self._busy.release()

    async def _fetch_async(self, sql: str, parameters: tuple | dict) -> tuple | None:
        """Concurrent requests share the connection: psycopg queues their queries on it."""
        loop = asyncio.get_running_loop()
        if self._connection is not None and self._loop is not loop:
            self.close()  # opened on another event loop (another test client's), unusable here
        if self._connection is None:
            if self._connecting:
                raise _Busy
            self._connecting = True
            try:
                arguments, options = self._engine.dialect.create_connect_args(self._engine.url)
                connection = await psycopg.AsyncConnection.connect(*arguments, autocommit=True, **options)
            finally:
                self._connecting = False
            self._connection, self._loop = connection, loop
        async with self._connection.cursor() as cursor:  # taken before any await: a close may clear it
            await cursor.execute(sql, parameters)
            return await cursor.fetchone()

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if self._asynchronous:
                self._close_async(connection, self._loop)
            else:
                connection.close()
        except Exception:
            log.debug("closing the event-loop connection failed", exc_info=True)

    def _close_async(self, connection: psycopg.AsyncConnection, loop: asyncio.AbstractEventLoop | None) -> None:
        """Close on the connection's own event loop, after the queries other requests have in flight on
        it (psycopg queues the close behind them); with that loop gone, nothing can be in flight."""
        if loop is None or loop.is_closed() or not loop.is_running():
            connection.pgconn.finish()
            return
        close = connection.close()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            task = loop.create_task(close)
            self._closing.add(task)  # asyncio keeps only a weak reference to a task
            task.add_done_callback(self._closing.discard)
        else:
            asyncio.run_coroutine_threadsafe(close, loop)


class _Busy(Exception):
    """The connection is being opened by another request."""
