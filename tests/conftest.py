"""Databases for the backend tests: built by Alembic once per run, then copied for each test.

The template is migrated and seeded with the demo province once; every test gets its own copy of the
SQLite file, so tests are isolated even though requests commit, and the suite stays fast.
PostgreSQL tests use ``BANHAT_TEST_POSTGRES_URL`` and a fresh schema per run; without it they skip.
"""

import fcntl
import gc
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from backend_support import DEMO_PASSWORD, CompiledOncePerWorker, running_smtp, seed_database
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from api.services import security

# Every login verifies an argon2 hash with the parameters it was made with: 0.12 s with the production
# parameters, paid on about every test. The test accounts are hashed with argon2-cffi's profile meant for
# tests instead; production's parameters are checked by tests/test_password_hashing.py in a process of
# its own.
security.PASSWORD_HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)

# Each test's app has an engine of its own, and each engine compiled every statement anew; their connections
# share one cache of compiled statements instead (tests/backend_support.py says how it keys them).
_COMPILED = CompiledOncePerWorker()
event.listen(Engine, "engine_connect", lambda connection: connection.execution_options(compiled_cache=_COMPILED))

# No job worker thread in the apps and servers the tests start (their settings and their environment
# come from here): tests run the queued jobs themselves (tests/jobs), at the instant they choose, and the
# reminder schedule does not write into databases other tests compare. A test that wants the server's
# worker turns it on in the server's environment (tests/reliability/test_crash_webhooks.py).
os.environ["BANHAT_RUN_WORKER"] = "false"
# Nor a pool of recompute processes (about 250 MB each), whatever the developer's environment says: a test
# about the pool sets it in its own settings or server environment (tests/reliability/test_recompute_processes.py).
os.environ["BANHAT_RECOMPUTE_PROCESSES"] = "0"

# Every PostgreSQL database a run makes is named after the run (xdist's workers inherit the controller's
# environment), and the controller drops them all once its workers have exited
# (`pytest_sessionfinish`). A worker's own teardown then has nothing slow left to do: execnet sends
# SIGINT to a worker still busy 5 s after it was told to stop, which cut its drops short and left
# databases behind.
RUN_ID = os.environ.setdefault("BANHAT_TEST_RUN", uuid.uuid4().hex[:8])


def run_database_name() -> str:
    """A new database name of this run, dropped with the others when the run ends."""
    return f"banhat_test_{RUN_ID}_{uuid.uuid4().hex[:8]}"


def pytest_unconfigure(config):
    """A worker's garbage collection is off once its tests are done. Its interpreter then frees a run's worth of
    objects at exit, collection after collection (each timed by hypothesis's gc callback), and execnet
    interrupted a worker still at it 5 s after it was told to stop: a KeyboardInterrupt warning that ended
    every run."""
    if hasattr(config, "workerinput"):
        gc.disable()


# Tests that spend part of their time waiting (on the servers they start and kill, on timeouts, on PostgreSQL's
# commits) run first, while the SPA's checks run beside pytest and use the core they leave idle
# (scripts/test); the tests that keep a core busy run last, when pytest is alone. xdist's worksteal hands each
# worker an equal, contiguous share of the collection at the start (and later moves tests from the end of a
# share), so each share starts with its part of the waiting tests. In file order, they ran at the end of the
# run and left the cores about three quarters busy (scripts/cpu-busy, docs/testing.md).
_WAITING = ("tests/reliability/", "tests/migrations/")


def _waits(item) -> bool:
    return item.nodeid.startswith(_WAITING) or "postgres" in item.nodeid.lower()


def pytest_collection_modifyitems(config, items):
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    waiting = [item for item in items if _waits(item)]
    busy = [item for item in items if not _waits(item)]
    items[:] = [item for share in range(workers) for item in (*waiting[share::workers], *busy[share::workers])]


def pytest_sessionfinish(session):
    server = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not server or hasattr(session.config, "workerinput"):
        return  # nothing was made, or this is a worker: its controller cleans up after it
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            names = connection.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :run"), {"run": f"banhat_test_{RUN_ID}_%"}
            ).scalars().all()
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def made_once_per_run(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """`name` in the folder the run's xdist workers share (the controller's base temp), made by `make` by the
    first worker to need it while the others wait on a lock file: the demo province is seeded once per run,
    not once per worker (each seed is seconds of CPU while the SPA's checks also want the cores)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.exists():
            partial = path.with_name(f"{name}.partial")
            make(partial)
            partial.rename(path)  # a worker interrupted mid-seed leaves no file the others would take
    return path


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory) -> Path:
    return made_once_per_run(tmp_path_factory, "seeded.sqlite3", lambda path: seed_database(f"sqlite:///{path}"))


@pytest.fixture
def sqlite_url(seeded_sqlite, tmp_path) -> str:
    copy = tmp_path / "banhat.sqlite3"
    shutil.copyfile(seeded_sqlite, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def database(sqlite_url):
    """An engine on the test's database file, for checking or ageing rows behind the API's back."""
    engine = create_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(sqlite_url, tmp_path):
    from api.settings import Settings

    return Settings(database_url=sqlite_url, evidence_dir=tmp_path / "evidence", evidence_max_bytes=64 * 1024,
                    frontend_dist=tmp_path / "no-spa")


@pytest.fixture
def app(settings):
    from api.main import create_app

    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def anonymous(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        yield client


@pytest.fixture
def login(app):
    """``login(username)`` returns a client signed in with a session cookie and the CSRF header set."""
    from fastapi.testclient import TestClient

    clients = []

    def sign_in(username: str, password: str = DEMO_PASSWORD):
        client = TestClient(app)
        clients.append(client)
        response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        return client

    yield sign_in
    for client in clients:
        client.close()


@pytest.fixture
def clock():
    """``clock.set_now(instant)`` puts the application on ``instant``; real time again after the test."""
    from api import clock as application_clock

    yield application_clock
    application_clock.set_now(None)


@pytest.fixture
def smtp_server(app):
    """A real SMTP server in this process on a free port (its ``messages``), and the app's settings pointed at
    it; ask for it before ``run_jobs``, whose worker takes the settings when it is made."""
    with running_smtp() as (inbox, port):
        app.state.settings = app.state.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
        yield inbox


@pytest.fixture
def run_jobs(app, clock):
    """``run_jobs(seconds=0)``: move the clock on by ``seconds`` and run every due job of the queue with a
    worker of the app's database, as the server's worker thread would; returns how many ran."""
    from datetime import timedelta

    from api.services.worker import Worker

    worker = Worker(app.state.read_sessions, app.state.write_sessions, app.state.settings)

    def run(seconds: float = 0) -> int:
        clock.set_now(clock.now() + timedelta(seconds=seconds))
        return worker.run_until_idle()

    yield run
    worker.close()


@pytest.fixture(scope="session")
def new_postgres_schema():
    """``new_postgres_schema()`` returns a URL on a fresh schema of the configured PostgreSQL.

    The schemas are made in a database of the run's own (each xdist worker's own), dropped at the run's end:
    PostgreSQL's change notifications (migration b007) reach every listener of a database, and another
    worker's would empty the caches that tests/db/test_caller_cache.py watches. Without
    BANHAT_TEST_POSTGRES_URL the tests that need one are skipped and say why.
    """
    server = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("PostgreSQL tests skipped: BANHAT_TEST_POSTGRES_URL is not set (no PostgreSQL reachable).")
    database = run_database_name()
    maker = create_engine(server, isolation_level="AUTOCOMMIT")
    with maker.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    base = make_url(server).set(database=database).render_as_string(hide_password=False)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")

    def create() -> str:
        schema = f"banhat_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    yield create
    admin.dispose()
    maker.dispose()


@pytest.fixture(scope="session")
def seeded_postgres(tmp_path_factory):
    """``seeded_postgres()`` returns the URL of a new database holding the migrated demo province.

    Migrating and seeding PostgreSQL takes 10-15 s; it is done once per run (`made_once_per_run`) into a
    template database, and each call copies it with ``CREATE DATABASE ... TEMPLATE`` (under a second).
    Every copy is its own database, so its change notifications reach no other test. All are dropped at
    the end of the run (`pytest_sessionfinish`); ``postgres_database`` drops its copy at the end of its test.
    """
    server = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("PostgreSQL tests skipped: BANHAT_TEST_POSTGRES_URL is not set (no PostgreSQL reachable).")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")

    def new_database(template: str | None = None) -> str:
        name = run_database_name()
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return name

    def make_template(path: Path) -> None:
        name = new_database()
        seed_database(make_url(server).set(database=name).render_as_string(hide_password=False))
        path.write_text(name)

    template = made_once_per_run(tmp_path_factory, "seeded-postgres-template", make_template).read_text()

    def copy() -> str:
        return make_url(server).set(database=new_database(template)).render_as_string(hide_password=False)

    yield copy
    admin.dispose()


@pytest.fixture
def postgres_database(seeded_postgres):
    """A database of its own holding the migrated demo province, dropped after the test."""
    url = seeded_postgres()
    yield url
    admin = create_engine(os.environ["BANHAT_TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_url(new_postgres_schema) -> str:
    """One fresh PostgreSQL schema shared by the tests of this run."""
    return new_postgres_schema()


# Signed-in clients for the demo roles, shared by every suite.
@pytest.fixture
def admin(login):
    return login("admin")


@pytest.fixture
def reviewer(login):
    return login("reviewer")


@pytest.fixture
def reporter(login):
    """Reports for CAX-001."""
    return login("baocao.cax")


@pytest.fixture
def leader(login):
    return login("leader")


@pytest.fixture
def noivu(login):
    """Sở Nội vụ."""
    return login("noivu")
