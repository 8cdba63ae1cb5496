"""A row counter to prove failed requests change nothing; the demo database on each engine behind an app
(`target`, for the modules that run their tests on SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import func, select

from tests.security.hostile import Target


@pytest.fixture
def count_rows(database):
    """``count_rows(Model)``: rows in a table, read straight from the database file."""

    def count(model) -> int:
        with database.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model))

    return count


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request, tmp_path):
    """The demo database on each engine, behind an app."""
    from api.main import create_app
    from api.settings import Settings

    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_database")
    application = create_app(Settings(database_url=url, evidence_dir=tmp_path / "evidence",
                                      frontend_dist=tmp_path / "no-spa"))  # fmt: skip
    yield Target(application, url)
    application.state.engine.dispose()
