"""A busy database is a 503 with Retry-After after a bounded wait, on both engines, and changes nothing.

SQLite: a writer waits for the writer's place (this process's queue, another process's file lock,
SQLite's own lock) at most ``BANHAT_DATABASE_BUSY_SECONDS``; a writer kept out longer used to get a 500.
PostgreSQL: a request's transactions run with ``lock_timeout`` (the same setting) and
``statement_timeout`` (``BANHAT_DATABASE_STATEMENT_SECONDS``).
"""

import sqlite3
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from api.db.engine import bound_request_waits, make_engine, session_factories
from api.db.sqlite_writers import QueuedWriterConnection
from api.main import create_app
from api.settings import Settings
from tests.backend_support import DEMO_PASSWORD
from tests.security.hostile import Target
from tests.security.support import SUBMISSION, count_indicator, reset_to_draft

BUSY_SECONDS = 1


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def busy_target(request, tmp_path):
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_database")
    else:
        url = request.getfixturevalue("sqlite_url")
    application = create_app(Settings(database_url=url, evidence_dir=tmp_path / "evidence",
                                       frontend_dist=tmp_path / "no-spa", database_busy_seconds=BUSY_SECONDS))
    yield Target(application, url)
    application.state.engine.dispose()


def _signed_in(target: Target, username: str) -> TestClient:
    client = TestClient(target.app)
    response = client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
    return client


def _assert_busy(target: Target, send) -> None:
    before = target.snapshot()
    started = time.monotonic()
    response = send()
    waited = time.monotonic() - started
    assert response.status_code == 503, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert int(response.headers["retry-after"]) > 0
    assert BUSY_SECONDS * 0.9 <= waited < BUSY_SECONDS + 10
    assert target.snapshot() == before


def _holders(target: Target):
    """Ways another writer holds the database: for SQLite a foreign connection (the sqlite3 shell) in
    BEGIN IMMEDIATE, and a queued writer of this process; for PostgreSQL the report's row locked."""
    url = make_url(target.url)
    if url.get_backend_name() == "sqlite":
        def shell():
            connection = sqlite3.connect(url.database, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            return connection.rollback, connection.close

        def queued_writer():
            connection = QueuedWriterConnection(url.database, timeout=1, isolation_level=None,
                                                check_same_thread=False)  # fmt: skip
            connection.begin_write()
            return connection.rollback, connection.close

        return [shell, queued_writer]

    def row_lock():
        engine = make_engine(target.url)
        connection = engine.connect()
        connection.execute(text("SELECT id FROM submissions FOR UPDATE"))
        return connection.rollback, lambda: (connection.close(), engine.dispose())

    return [row_lock]


def test_a_writer_kept_waiting_gets_503_with_retry_after_and_nothing_changes(busy_target):
    reporter, reviewer = _signed_in(busy_target, "baocao.cax"), _signed_in(busy_target, "reviewer")
    etag = reset_to_draft(reviewer, reporter)
    body = {"values": [{"indicator": count_indicator(reporter), "count": 3}]}
    for hold in _holders(busy_target):
        release, close = hold()
        try:
            _assert_busy(busy_target, lambda: reporter.put(f"{SUBMISSION}/values", json=body,
                                                           headers={"If-Match": etag}))  # fmt: skip
        finally:
            release()
            close()
    saved = reporter.put(f"{SUBMISSION}/values", json=body, headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text  # free again


@pytest.mark.postgres
def test_a_request_statement_over_the_statement_timeout_is_cancelled(new_postgres_schema):
    engine = make_engine(new_postgres_schema())
    _read, write = session_factories(engine)
    with write() as session:
        bound_request_waits(session, lock_seconds=1, statement_seconds=0.2)
        with pytest.raises(OperationalError, match="statement timeout"):
            session.execute(text("SELECT pg_sleep(2)"))
        session.rollback()
        # The limits hold in every transaction of the request, not only its first.
        assert session.execute(text("SHOW lock_timeout")).scalar() == "1s"
    engine.dispose()
