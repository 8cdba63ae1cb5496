"""The refusal tests' "nothing changed" check (backend_support.CommittedState) sees every commit, even one
made while it keeps its last read."""

import sqlite3

from backend_support import CommittedState
from sqlalchemy import create_engine


def test_a_commit_by_another_connection_is_seen_and_a_rolled_back_write_is_not(tmp_path):
    path = tmp_path / "watched.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE units (code TEXT)")
        setup.execute("INSERT INTO units VALUES ('CAX-001')")
    engine = create_engine(f"sqlite:///{path}")
    state = CommittedState(engine, ("units",))
    before = state.read()
    writer = sqlite3.connect(path, isolation_level=None)

    writer.execute("BEGIN")
    writer.execute("UPDATE units SET code = 'CAX-002'")
    writer.execute("ROLLBACK")
    assert state.read() is before  # nothing committed: the last read holds

    writer.execute("UPDATE units SET code = 'CAX-002'")  # committed at once
    assert state.read() == {"units": [("CAX-002",)]}
    writer.close()
    engine.dispose()
