"""The same seed, scores and audit guard on PostgreSQL (psycopg 3)."""

import pytest
from backend_support import seed_database
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from api.db.engine import make_engine, session_factories
from api.db.models import Period, Score
from api.services import scoring

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def seeded_postgres(postgres_url):
    seed_database(postgres_url)
    return postgres_url


def test_seed_is_idempotent_and_scores_every_reporting_unit(seeded_postgres):
    seed_database(seeded_postgres)  # a second run changes nothing and does not fail
    engine = make_engine(seeded_postgres)
    _read, write = session_factories(engine)
    with write.begin() as session:
        period = session.scalar(select(Period).where(Period.code == "2026-H1"))
        assert scoring.recompute_period(session, period) == 252
        assert session.scalar(select(func.count()).select_from(Score).where(Score.period_id == period.id)) == 252
    engine.dispose()


def test_audit_log_is_append_only(seeded_postgres):
    engine = make_engine(seeded_postgres)
    with engine.connect() as connection, pytest.raises(DatabaseError, match="append-only"):
        connection.execute(text("DELETE FROM audit_log"))
    engine.dispose()
