"""SQLite is set up for a web server; the audit log refuses edits in the database itself."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from api.db.engine import make_engine, session_factories
from api.db.models import AuditEntry


@pytest.fixture
def engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def test_pragmas(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_write_sessions_take_the_write_lock_at_begin(engine, sqlite_url):
    """A second BEGIN IMMEDIATE waits (here: fails fast) while the first write transaction is open."""
    _read, write = session_factories(engine)
    other = make_engine(sqlite_url)
    with write() as session:
        session.execute(text("SELECT 1"))
        with other.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout=50")
            with pytest.raises(DatabaseError, match="locked"):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
    other.dispose()


def test_foreign_keys_are_enforced(engine):
    with engine.connect() as connection, pytest.raises(DatabaseError):
        connection.execute(text("INSERT INTO units (code, name, kind, parent_id, active) VALUES ('Z', 'Z', 'commune', 999999, 1)"))


def test_audit_log_is_append_only(engine):
    _read, write = session_factories(engine)
    with write.begin() as session:
        session.add(AuditEntry(at=datetime.now(UTC), actor="t", action="x", entity="unit", entity_key="Z"))
    for statement in ("UPDATE audit_log SET actor = 'khác'", "DELETE FROM audit_log"):
        with write() as session, pytest.raises(DatabaseError, match="append-only"):
            session.execute(text(statement))
