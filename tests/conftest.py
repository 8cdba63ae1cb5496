"""Databases for the backend tests: built by Alembic once per session, then copied for each test.

The template is migrated and seeded with the demo province once; every test gets its own copy of the
SQLite file, so tests are isolated even though requests commit, and the suite stays fast.
PostgreSQL tests use ``BANHAT_TEST_POSTGRES_URL`` and a fresh schema per run; without it they skip.
"""

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEMO_PASSWORD = "BaNhat@2026"


def seed_database(url: str) -> None:
    from api.db.engine import make_engine, session_factories
    from api.db.migrate import upgrade
    from api.services.seed import seed

    upgrade(url)
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        seed(session, demo=True)
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "banhat.sqlite3"
    seed_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(seeded_sqlite, tmp_path) -> str:
    copy = tmp_path / "banhat.sqlite3"
    shutil.copyfile(seeded_sqlite, copy)
    return f"sqlite:///{copy}"


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


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh schema on the configured PostgreSQL for this run, dropped afterwards."""
    base = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PostgreSQL tests skipped: BANHAT_TEST_POSTGRES_URL is not set (no PostgreSQL reachable).")
    schema = f"banhat_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
