"""Fixtures for the security tests: the OpenAPI document of a fresh app, and the hostile-input tests' app on
SQLite or PostgreSQL (`target`) with its signed-in `clients`."""

import pytest
from fastapi.testclient import TestClient

from tests.security.hostile import Target


@pytest.fixture
def openapi(app) -> dict:
    return app.openapi()


@pytest.fixture(scope="module")
def postgres_target(seeded_postgres, tmp_path_factory):
    from api.main import create_app
    from api.settings import Settings

    url = seeded_postgres()
    folder = tmp_path_factory.mktemp("pg-hostile")
    application = create_app(Settings(database_url=url, evidence_dir=folder / "evidence",
                                      frontend_dist=folder / "no-spa"))  # fmt: skip
    yield Target(application, url)
    application.state.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request):
    if request.param == "postgres":
        return request.getfixturevalue("postgres_target")
    return Target(request.getfixturevalue("app"), request.getfixturevalue("sqlite_url"))


@pytest.fixture
def clients(target):
    made: dict[str, TestClient] = {}

    def client(username: str) -> TestClient:
        if username not in made:
            made[username] = target.login(username)
        return made[username]

    yield client
    for one in made.values():
        one.close()
