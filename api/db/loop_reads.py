"""Tiny reads answered on the event loop, for the routes polled hardest.

SQLAlchemy's per-execution machinery (session, pool checkout, statement caching, result rows) costs
about 100 µs, ten times a primary-key lookup in SQLite, and a trip to the thread pool costs as much
again. :class:`LoopStatement` is a Core select compiled once and run on a plain DBAPI cursor, with the
column types' own bind and result conversions; :class:`LoopConnection` is the one connection a worker
runs them on, kept open in autocommit mode (one round trip on PostgreSQL, no transaction to end; the
worker serves other requests while it waits).

Only for reads that never wait on a lock (SQLite WAL readers and PostgreSQL MVCC readers do not) and
whose failure is not an error: a caller falls back to the ordinary path, which reports problems.

On PostgreSQL a round trip through psycopg's asyncio connection costs the worker about 80 µs of CPU
(``bench/bench_poll.py``), more than the rest of a cached ranking poll. So a read asked with a ``cache_key`` keeps its row until
PostgreSQL tells the worker that something it may depend on changed: triggers (migration b007) notify
the channel :data:`CHANGES_CHANNEL` at the commit of any change to tokens, users, sessions or periods,
and the worker's listener then forgets every kept row. Nothing is kept while the listener is not
listening. On SQLite ``PRAGMA data_version`` tells exactly whether another connection has committed
since the last look, for a third of the read's cost. What time alone changes (expiry) the caller
checks on the row itself.
"""

import asyncio
import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any

import psycopg
from cachetools import LRUCache
from sqlalchemy import Engine, Select, event
from sqlalchemy.engine import Dialect

log = logging.getLogger(__name__)

CHANGES_CHANNEL = "banhat_changes"
ROWS_KEPT = 4096  # callers and periods, the most recently used kept
LISTENER_RETRY_SECONDS = 5.0


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
        self._kept: LRUCache[tuple[str, Hashable], tuple] = LRUCache(maxsize=ROWS_KEPT)
        self._kept_lock = threading.Lock()  # cachetools' caches are not thread-safe (tests run several loops)
        self._changes = 0  # counts the notifications (and listener stops) that emptied ``_kept``
        self._listener: asyncio.Task | None = None
        self._listener_connection: psycopg.AsyncConnection | None = None
        self._listener_retry_at = 0.0
        self._listening = False  # LISTEN is active: any change committed from now on will be heard
        self._data_version: int | None = None  # SQLite: the commits by other connections seen so far
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    async def first(self, name: str, build: Callable[[], Select], cache_key: Hashable | None = None,
                    **values: Any) -> tuple | None:
        """The first row of the statement ``name`` (built once by ``build``), or None.

        With ``cache_key`` (all the parameters but the time), a row found is kept for the same key until
        a change is committed: on PostgreSQL a watched one, while the listener listens; on SQLite any,
        by another connection (``PRAGMA data_version``, asked before every use of a kept row)."""
        keep = cache_key is not None and (self._listening or (not self._asynchronous and self._sqlite_unchanged()))
        if keep:
            with self._kept_lock:
                kept = self._kept.get((name, cache_key))
            if kept is not None:
                return kept
        changes = self._changes  # a notification during the read means the row may be stale already
        statement = self._statements.get(name)
        if statement is None:
            statement = self._statements[name] = LoopStatement(build(), self._engine.dialect)
        parameters = statement.parameters(values)
        try:
            if self._asynchronous:
                raw = await self._fetch_async(statement.sql, parameters)
            else:
                raw = self._fetch(statement.sql, parameters)
            row = statement.row(raw)
        except _Busy:
            return None
        except Exception:
            log.warning("event-loop read failed; the connection is reopened", exc_info=True)
            self.close()
            return None
        if keep and row is not None and self._changes == changes and (self._listening or not self._asynchronous):
            with self._kept_lock:
                self._kept[(name, cache_key)] = row
        return row

    def _sqlite_unchanged(self) -> bool:
        """Forget the kept rows if another connection committed since the last look; False (keep
        nothing) when the connection cannot be used now."""
        try:
            version = self._fetch("PRAGMA data_version", ())[0]
        except _Busy:
            return False
        except Exception:
            log.warning("event-loop read failed; the connection is reopened", exc_info=True)
            self.close()
            return False
        if version != self._data_version:
            self._data_version = version
            self.forget()
        return True

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
        arguments, options = self._engine.dialect.create_connect_args(self._engine.url)
        if self._connection is None:
            if self._connecting:
                raise _Busy
            self._connecting = True
            try:
                connection = await psycopg.AsyncConnection.connect(*arguments, autocommit=True, **options)
            finally:
                self._connecting = False
            self._connection, self._loop = connection, loop
        self._start_listener(loop, arguments, options)
        async with self._connection.cursor() as cursor:  # taken before any await: a close may clear it
            await cursor.execute(sql, parameters)
            return await cursor.fetchone()

    def _start_listener(self, loop: asyncio.AbstractEventLoop, arguments: list, options: dict) -> None:
        """(Re)start the listener on this loop, at most every few seconds while it keeps failing."""
        if (self._listener is not None and not self._listener.done()) or loop.time() < self._listener_retry_at:
            return
        self._listener_retry_at = loop.time() + LISTENER_RETRY_SECONDS
        self._listener = loop.create_task(self._listen(arguments, options))

    async def _listen(self, arguments: list, options: dict) -> None:
        """Forget every kept row at each notification; on any failure stop keeping rows at all."""
        connection = None
        try:
            connection = self._listener_connection = await psycopg.AsyncConnection.connect(
                *arguments, autocommit=True, **options
            )
            await connection.execute(f"LISTEN {CHANGES_CHANNEL}")
            self._listening = True
            async for _notification in connection.notifies():
                self.forget()
        except Exception:
            log.warning("change listener stopped; rows are read anew until it is back", exc_info=True)
        finally:
            self._listening = False
            self.forget()
            if connection is not None:
                connection.pgconn.finish()
                if self._listener_connection is connection:
                    self._listener_connection = None

    def forget(self) -> None:
        """Drop every kept row (a notification, or this worker's own commit: heard before any later read).

        A new cache rather than ``clear()``, which cachetools does one item at a time."""
        self._kept = LRUCache(maxsize=ROWS_KEPT)
        self._changes += 1

    def _stop_listener(self) -> None:
        listener, self._listener = self._listener, None
        connection, self._listener_connection = self._listener_connection, None
        self._listening = False
        self.forget()
        if listener is None or listener.done():
            return
        loop = listener.get_loop()
        if loop.is_running():
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is loop:
                listener.cancel()
            else:
                loop.call_soon_threadsafe(listener.cancel)
        elif connection is not None:
            connection.pgconn.finish()  # its loop will not run again to end the task

    def close(self) -> None:
        self._stop_listener()
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
