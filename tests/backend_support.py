"""Helpers shared by the backend tests (a module with a unique name: several conftest.py files exist)."""

import sqlite3
import types
from contextlib import contextmanager

DEMO_PASSWORD = "BaNhat@2026"


def table_fingerprints(connection, tables) -> dict[str, list[tuple]]:
    """What a write to any of ``tables`` would change: to prove that a refused request wrote nothing.

    On PostgreSQL each row's physical address and creating transaction (``ctid``, ``xmin``) change on any
    insert, update or delete, and reading them touches no column: whole rows of ``scores`` carry large JSON
    explanations, and reading them made the PostgreSQL hostile-input tests most of the suite's time
    (docs/testing.md). SQLite has no such columns: every row is read.
    """
    from sqlalchemy import text

    if connection.dialect.name == "postgresql":
        query = "SELECT ctid::text, xmin::text FROM {} ORDER BY ctid"
        return {table: [tuple(row) for row in connection.execute(text(query.format(table)))] for table in tables}
    # sqlite3's own cursor makes the tuples in C: through SQLAlchemy's rows, these reads were a sixth of the
    # security and API tests' time (py-spy).
    cursor = connection.connection.driver_connection
    return {table: cursor.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables}


def build_api_routes() -> None:
    """Has FastAPI build the state of every API route (each parameter's validation), which it does at an app's
    first requests, about 0.3 s of CPU once per process (api/main.py, ``_api_routes``). A process that forks
    servers builds it first, so that each server it forks starts with it built. One request to no route makes
    FastAPI match, so build, every route; with no lifespan (no ``with`` block), no thread outlives it."""
    import tempfile
    from pathlib import Path

    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import Settings

    with tempfile.TemporaryDirectory() as workdir:
        # now=None: a BANHAT_NOW of this process's environment must not set the clock its servers inherit.
        settings = Settings(database_url=f"sqlite:///{workdir}/unused.sqlite3", evidence_dir=Path(workdir),
                            frontend_dist=Path(workdir), now=None)
        app = create_app(settings)
        assert TestClient(app).get("/api/v1/no-such-route").status_code == 404
        app.state.engine.dispose()


class CommittedState:
    """``table_fingerprints`` of ``tables``, read again only once something may have been committed.

    On SQLite every row is read, the demo's 17 MB of score explanations included: a tenth of the security
    tests' CPU went there (py-spy, docs/testing.md), mostly re-reading a database no request had changed. A
    connection of its own answers ``PRAGMA data_version`` with a new number whenever another connection has
    committed since its last answer (any table, any transaction); while the number stays, the last read
    still holds. PostgreSQL's read (``ctid``, ``xmin``) is cheap and made each time.
    """

    def __init__(self, engine, tables) -> None:
        self.engine, self.tables = engine, tables
        sqlite = engine.dialect.name == "sqlite"
        self.watch = sqlite3.connect(engine.url.database, isolation_level=None) if sqlite else None
        self.version, self.last = None, None

    def read(self) -> dict[str, list[tuple]]:
        # The version is asked before the read: a commit in between makes the next read a fresh one.
        version = self.watch.execute("PRAGMA data_version").fetchone()[0] if self.watch else None
        if self.watch is None or version != self.version:
            with self.engine.connect() as connection:
                self.last = table_fingerprints(connection, self.tables)
            self.version = version
        return self.last


def seed_database(url: str) -> None:
    from api.db.engine import make_engine, session_factories
    from api.db.migrate import upgrade
    from api.services import transaction
    from api.services.seed import seed

    upgrade(url)
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        seed(session, demo=True)
    engine.dispose()


def recompute_from_scratch(url: str, period_code: str) -> None:
    """Rewrite every score of a period the way a full recompute does (to compare with incremental updates)."""
    from sqlalchemy import select

    from api.db.engine import make_engine, session_factories
    from api.db.models import Period
    from api.services import transaction
    from api.services.scoring import recompute_period

    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        recompute_period(session, session.scalars(select(Period).where(Period.code == period_code)).one())
    engine.dispose()


@contextmanager
def running_smtp():
    """A real SMTP server in this process on a free port: yields (inbox, port); the inbox's ``messages``
    are what it received."""
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    with socket.socket() as probe:  # the controller checks readiness on its port, so it needs a real one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


class CompiledOncePerWorker:
    """SQLAlchemy's compiled statements, shared by every engine of a pytest worker.

    An engine keeps the SQL it compiled in a cache of its own, keyed by its dialect object. Each test makes
    an app, so an engine, and compiled every statement it ran anew: a tenth of the API tests' CPU (py-spy:
    ``Compiled.__init__``). This cache, given to every connection as its ``compiled_cache`` execution option
    (public API), keys a statement by what its SQL depends on instead of by the dialect object: the dialect's
    class and its settings (server version, JSON functions, paramstyle, ...). Engines made alike share their
    statements; an engine made otherwise (a plain ``create_engine`` has other JSON functions) keeps its own.
    A key that does not start with a dialect (another SQLAlchemy version's layout) is kept as it is.
    """

    _SETTING_TYPES = (type(None), bool, int, float, str, tuple,
                      types.FunctionType, types.BuiltinFunctionType, types.ModuleType)  # fmt: skip

    def __init__(self, size: int = 20_000) -> None:
        from sqlalchemy.engine.interfaces import Dialect
        from sqlalchemy.util import LRUCache

        self._compiled = LRUCache(size)
        self._dialect_type = Dialect
        self._alike: dict[tuple, object] = {}  # a dialect's class and settings -> the first dialect seen so

    def _key(self, key):
        dialect = key[0] if isinstance(key, tuple) and key else None
        if not isinstance(dialect, self._dialect_type):
            return key
        settings = sorted(
            (name, value) for name, value in vars(dialect).items() if isinstance(value, self._SETTING_TYPES)
        )
        return (self._alike.setdefault((type(dialect), *settings), dialect), *key[1:])

    def get(self, key, default=None):
        return self._compiled.get(self._key(key), default)

    def __setitem__(self, key, value) -> None:
        self._compiled[self._key(key)] = value

    def __len__(self) -> int:
        return len(self._compiled)
