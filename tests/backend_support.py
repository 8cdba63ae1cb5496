"""Helpers shared by the backend tests (a module with a unique name: several conftest.py files exist)."""

DEMO_PASSWORD = "BaNhat@2026"

def seed_database(url: str) -> None:
    from api.db.engine import make_engine, session_factories
    from api.db.migrate import upgrade
    from api.services.seed import seed

    upgrade(url)
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        seed(session, demo=True)
    engine.dispose()
