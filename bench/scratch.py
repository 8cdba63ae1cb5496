"""A scratch PostgreSQL database for a benchmark run, next to the one in the given URL."""

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def scratch_postgres(postgres_url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database; returns its URL and a function that drops it."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(postgres_url).set(database=name).render_as_string(hide_password=False), drop
