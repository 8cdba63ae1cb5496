"""Every migration upgrades, downgrades and upgrades again, on SQLite and on PostgreSQL; models match."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from api.db.migrate import alembic_config, downgrade, upgrade
from api.db.models import import_all_models


def revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def stairway(url: str) -> None:
    """For each revision in order: upgrade to it, downgrade one step, upgrade again."""
    for revision in revisions(url):
        upgrade(url, revision)
        downgrade(url, "-1")
        upgrade(url, revision)
    downgrade(url, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(url)


def assert_models_match(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), import_all_models())
    engine.dispose()
    assert diff == [], diff


def test_revision_files_sort_in_the_order_they_apply(tmp_path):
    """A reader listing migrations/versions sees them in the order Alembic applies them."""
    script = ScriptDirectory.from_config(alembic_config(f"sqlite:///{tmp_path / 'x.sqlite3'}"))
    applied = [r.path.rsplit("/", 1)[-1] for r in reversed(list(script.walk_revisions()))]
    assert applied == sorted(applied)
    assert all(name[:2].isdigit() and name[2] == "_" for name in applied), applied


def test_stairway_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'stairway.sqlite3'}"
    stairway(url)
    assert_models_match(url)


@pytest.mark.postgres
def test_stairway_on_postgresql(new_postgres_schema):
    url = new_postgres_schema()  # its own schema: other tests leave data that a downgrade cannot hold
    stairway(url)
    assert_models_match(url)
