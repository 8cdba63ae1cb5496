"""Helpers shared by the backend tests (a module with a unique name: several conftest.py files exist)."""

DEMO_PASSWORD = "BaNhat@2026"

def seed_database(url: str) -> None:
    from api.db.engine import make_engine, session_factories
    from api.db.migrate import upgrade
    from api.services import transaction
    from api.services.seed import seed

    upgrade(url)
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        seed(session, demo=True)
    engine.dispose()


def recompute_from_scratch(url: str, period_code: str) -> None:
    """Rewrite every score of a period the way a full recompute does (to compare with incremental updates)."""
    from sqlalchemy import select

    from api.db.engine import make_engine, session_factories
    from api.db.models import Period
    from api.services import transaction
    from api.services.scoring import recompute_period

    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        recompute_period(session, session.scalars(select(Period).where(Period.code == period_code)).one())
    engine.dispose()
