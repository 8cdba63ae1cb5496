"""The SPA is served on the same origin with an index.html fallback; the CLI seeds and creates users."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from api.cli import app as cli
from api.db.models import Unit, User
from api.main import create_app
from api.settings import get_settings


@pytest.fixture
def spa_client(settings, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Ba Nhất</title>", encoding="utf-8")
    (dist / "assets" / "app.js").write_text("console.log('ba nhat')", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    application = create_app(settings.model_copy(update={"frontend_dist": dist}))
    with TestClient(application) as client:
        yield client
    application.state.engine.dispose()


def test_spa_files_and_client_route_fallback(spa_client):
    assert spa_client.get("/").text.startswith("<!doctype html>")
    assert spa_client.get("/bao-cao/2026-H1/CAX-001").text.startswith("<!doctype html>")
    assert spa_client.get("/assets/app.js").text == "console.log('ba nhat')"
    assert spa_client.get("/favicon.svg").text == "<svg/>"
    assert spa_client.get("/../pyproject.toml").text.startswith("<!doctype html>")


def test_unknown_api_path_is_not_the_spa(spa_client):
    response = spa_client.get("/api/v1/khong-co")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.fixture
def cli_database(sqlite_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    yield create_engine(sqlite_url)
    get_settings.cache_clear()


def count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model))


def test_seed_is_idempotent(cli_database):
    units, users = count(cli_database, Unit), count(cli_database, User)
    result = CliRunner().invoke(cli, ["seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert '"submissions_created": 0' in result.output and '"narratives_created": 0' in result.output
    assert (count(cli_database, Unit), count(cli_database, User)) == (units, users)


def test_create_user_and_refuse_bad_role(cli_database):
    users = count(cli_database, User)
    ok = CliRunner().invoke(cli, ["create-user", "canbo.moi", "reviewer", "--password", "matkhau-moi"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["create-user", "x.y", "superuser", "--password", "matkhau-moi"])
    assert bad.exit_code != 0 and "Vai trò" in bad.output
    assert count(cli_database, User) == users + 1
