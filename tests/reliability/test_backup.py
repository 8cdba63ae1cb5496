"""Backup and restore: a backup restored into a fresh database gives identical scores."""

import os
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from api.cli import app as cli
from api.main import create_app
from api.settings import Settings, get_settings
from tests.conftest import DEMO_PASSWORD, seed_database


def _ranking(database_url: str, tmp_path) -> dict:
    """The ranking and one explained score, as the API serves them."""
    app = create_app(
        Settings(database_url=database_url, evidence_dir=tmp_path / "ev", frontend_dist=tmp_path / "x")
    )
    try:
        with TestClient(app) as client:
            client.post("/api/v1/auth/login", json={"username": "leader", "password": DEMO_PASSWORD})
            ranking = client.get("/api/v1/scores/2026-H1")
            explained = client.get("/api/v1/scores/2026-H1/CAX-001")
        assert ranking.status_code == 200 and explained.status_code == 200
        return {"ranking": ranking.json(), "explained": explained.json()}
    finally:
        app.state.engine.dispose()


def _invoke(database_url: str, *args: str):
    """Run the ``banhat`` command against ``database_url`` (settings are cached: read them afresh)."""
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": database_url})
    finally:
        get_settings.cache_clear()


def _run(database_url: str, *args: str) -> None:
    result = _invoke(database_url, *args)
    assert result.exit_code == 0, result.output


def test_sqlite_backup_restores_into_a_fresh_database_with_identical_scores(sqlite_url, tmp_path):
    before = _ranking(sqlite_url, tmp_path)
    assert before["ranking"]["items"], "the demo period should have ranked units"
    archive = tmp_path / "banhat.backup"
    _run(sqlite_url, "backup", str(archive))
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    _run(fresh_url, "restore", str(archive), "--yes")
    assert _ranking(fresh_url, tmp_path) == before


def test_restore_replaces_later_changes(sqlite_url, tmp_path):
    archive = tmp_path / "banhat.backup"
    before = _ranking(sqlite_url, tmp_path)
    _run(sqlite_url, "backup", str(archive))
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM scores"))
    engine.dispose()
    _run(sqlite_url, "restore", str(archive), "--yes")
    assert _ranking(sqlite_url, tmp_path) == before


def test_restore_of_a_missing_file_fails_cleanly(sqlite_url, tmp_path):
    result = _invoke(sqlite_url, "restore", str(tmp_path / "none.backup"), "--yes")
    assert result.exit_code != 0
    assert "Không tìm thấy tệp sao lưu" in result.output


@pytest.fixture
def postgres_databases():
    """Two fresh databases on the test server: the source and the restore target."""
    base = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PostgreSQL backup test skipped: BANHAT_TEST_POSTGRES_URL is not set.")
    names = [f"banhat_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield [make_url(base).set(database=name).render_as_string(hide_password=False) for name in names]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_postgresql_backup_restores_into_a_fresh_database_with_identical_scores(postgres_databases, tmp_path):
    source, target = postgres_databases
    seed_database(source)
    before = _ranking(source, tmp_path)
    archive = tmp_path / "banhat.pgdump"
    _run(source, "backup", str(archive))
    _run(target, "restore", str(archive), "--yes")
    assert _ranking(target, tmp_path) == before
