"""Migration 28: a score's explanation may be NULL (the deferred recompute's); a downgrade leaves an older
server nothing it cannot read and recomputes the periods that held such rows."""

import pytest
from sqlalchemy import create_engine, select, text

from api.db.engine import make_engine, session_factories
from api.db.migrate import downgrade, upgrade
from api.db.models import Period
from api.services import scoring, transaction


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        period = session.scalars(select(Period).where(Period.code == "2026-H1")).one()
        scoring.recompute_period(session, period, explained=False)
    engine.dispose()
    engine = create_engine(url)
    count = "SELECT count(*) FROM scores s JOIN periods p ON p.id = s.period_id WHERE p.code = '2026-H1'"
    with engine.connect() as connection:
        rows = connection.scalar(text(count))
        assert connection.scalar(text(f"{count} AND s.explanation IS NULL")) == rows > 0
        assert connection.scalar(text("SELECT scores_pending FROM periods WHERE code = '2026-H1'")) in (False, 0)
    downgrade(url, "27")
    with engine.connect() as connection:
        assert connection.scalar(text(f"{count} AND s.explanation IS NULL")) == 0
        assert connection.scalar(text(f"{count} AND s.fingerprint = ''")) == rows  # rewritten by the recompute
        pending = connection.scalars(text("SELECT code FROM periods WHERE scores_pending")).all()
        assert pending == ["2026-H1"]
    upgrade(url)
    engine.dispose()


def test_a_downgrade_marks_the_periods_without_explanations_for_a_recompute_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_a_downgrade_marks_the_periods_without_explanations_for_a_recompute_on_postgresql(postgres_database):
    _run(postgres_database)
