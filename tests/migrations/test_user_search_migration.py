"""Migration 26: accounts' full names folded into users.search_name (existing rows filled), and back."""

import pytest
from sqlalchemy import create_engine, inspect, text

from api.db.migrate import downgrade, upgrade
from api.domain.search import fold


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    downgrade(url, "25")
    engine = create_engine(url)
    assert "search_name" not in {column["name"] for column in inspect(engine).get_columns("users")}
    with engine.begin() as connection:
        connection.execute(text("UPDATE users SET full_name = 'Trần Văn Đức' WHERE username = 'admin'"))
    engine.dispose()
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT username, full_name, search_name FROM users")).all()
    engine.dispose()
    assert names and all(search_name == fold(full_name) for _, full_name, search_name in names)
    assert ("admin", "Trần Văn Đức", "tran van duc") in names


def test_full_names_are_folded_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_full_names_are_folded_on_postgresql(postgres_database):
    _run(postgres_database)
