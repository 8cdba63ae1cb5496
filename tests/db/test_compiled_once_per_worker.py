"""The test harness's one cache of compiled statements (tests/backend_support.py) shares what is alike."""

from backend_support import CompiledOncePerWorker
from sqlalchemy import column, create_engine, select, table

from api.db.engine import make_engine


def test_engines_made_alike_share_statements_and_others_keep_their_own(tmp_path):
    cache = CompiledOncePerWorker()
    alike = [make_engine(f"sqlite:///{tmp_path / name}") for name in ("a.sqlite3", "b.sqlite3")]
    plain = create_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")  # the standard library's JSON functions
    statement = select(column("x")).select_from(table("numbers", column("x")))
    for number, engine in enumerate([*alike, plain]):
        with engine.begin() as connection:
            connection.execution_options(compiled_cache=cache)
            connection.exec_driver_sql("CREATE TABLE numbers (x INTEGER)")
            connection.exec_driver_sql(f"INSERT INTO numbers VALUES ({number})")
            assert connection.execute(statement).scalars().all() == [number]  # each reads its own database
        engine.dispose()
    assert len(cache) == 2  # one statement for the two engines made alike, one for the plain engine
