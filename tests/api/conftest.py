"""Signed-in clients for each demo role, and a row counter to prove failed requests change nothing."""

import pytest
from sqlalchemy import create_engine, func, select


@pytest.fixture
def count_rows(sqlite_url):
    """``count_rows(Model)``: rows in a table, read straight from the database file."""
    engine = create_engine(sqlite_url)

    def count(model) -> int:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model))

    yield count
    engine.dispose()
