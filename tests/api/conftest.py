"""A row counter to prove failed requests change nothing."""

import pytest
from sqlalchemy import func, select


@pytest.fixture
def count_rows(database):
    """``count_rows(Model)``: rows in a table, read straight from the database file."""

    def count(model) -> int:
        with database.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model))

    return count
