"""A period's bulk recompute ranks groups larger than its write chunk as a small chunk would have them."""

import json

import pytest
from sqlalchemy import select, text

from api.db.engine import make_engine, session_factories
from api.db.models import Period
from api.services import scoring, transaction


@pytest.fixture(params=["sqlite", "postgres"])
def url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_database")


def _recompute(url: str) -> dict[int, tuple]:
    """Recompute 2026-H1 and return each unit's stored (rank, final tier, quota applied, fingerprint)."""
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        period = session.scalars(select(Period).where(Period.code == "2026-H1")).one()
        scoring.recompute_period(session, period)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT s.unit_id, s.rank, s.final_tier, s.quota_applied, s.fingerprint FROM scores s "
            "JOIN periods p ON p.id = s.period_id WHERE p.code = '2026-H1'"))  # fmt: skip
        stored = {unit_id: tuple(rest) for unit_id, *rest in rows}
    engine.dispose()
    return stored


def _change(url: str, sql: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()


def test_groups_larger_than_a_chunk_are_ranked_as_whole_groups_on_both_engines(url, monkeypatch):
    """With chunks of 7 units every demo group but the smallest is spread over several chunks (and re-ranked
    from the stored rows): new rows and stored rows whose place is wrong end up placed as with whole groups
    in one chunk."""
    whole = _recompute(url)
    assert max(rank or 0 for rank, *_rest in whole.values()) > 7  # groups larger than a chunk of 7
    monkeypatch.setattr(scoring, "_WRITE_CHUNK", 7)
    _change(url, "DELETE FROM scores WHERE period_id = (SELECT id FROM periods WHERE code = '2026-H1')")
    assert _recompute(url) == whole  # every row new
    _change(url, "UPDATE scores SET rank = NULL, final_tier = 'D', quota_applied = true "
                 "WHERE period_id = (SELECT id FROM periods WHERE code = '2026-H1')")  # fmt: skip
    assert _recompute(url) == whole  # every stored place wrong, no row's content changed


def test_a_bulk_recompute_stores_its_json_columns_as_json_text(url):
    """The bulk writer bypasses the ORM's JSON type (scores.computed_writer): its columns must still hold JSON
    text that SQL's JSON functions read (on SQLite a BLOB would be taken for JSONB and refused), agreeing
    with the row's own columns."""
    _change(url, "DELETE FROM scores WHERE period_id = (SELECT id FROM periods WHERE code = '2026-H1')")
    assert _recompute(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        where = "WHERE period_id = (SELECT id FROM periods WHERE code = '2026-H1')"
        assert connection.scalar(text(
            f"SELECT count(*) FROM scores {where} AND (explanation ->> 'total' IS DISTINCT FROM total"
            " OR explanation ->> 'tier' IS DISTINCT FROM tier)")) == 0  # fmt: skip
        if engine.dialect.name == "sqlite":
            types = connection.execute(text(
                f"SELECT DISTINCT typeof(pillars), typeof(explanation), typeof(veto_failed) FROM scores {where}"))
            assert types.all() == [("text", "text", "text")]
    engine.dispose()


def test_a_recompute_without_explanations_ranks_alike_and_its_explanations_are_built_alike(url):
    """The deferred recompute's first pass (``explained=False``) stores the totals, tiers and places a full
    recompute stores, with no explanation; ``scoring.explanations`` then builds each one as the full
    recompute (the EXPLAIN job) stores it."""
    engine = make_engine(url)
    sessions = session_factories(engine)[1]
    columns = ("SELECT s.unit_id, s.total, s.tier, s.final_tier, s.rank, s.rank_status, s.veto_failed FROM scores s "
               "JOIN periods p ON p.id = s.period_id WHERE p.code = '2026-H1'")

    def recompute(explained: bool) -> tuple[dict, dict, dict]:
        """The period's score rows, their stored explanations (parsed) and the ones readers are given."""
        with transaction.owned(sessions) as session:
            period = session.scalars(select(Period).where(Period.code == "2026-H1")).one()
            scoring.recompute_period(session, period, explained=explained)
        with transaction.owned(sessions) as session:
            period = session.scalars(select(Period).where(Period.code == "2026-H1")).one()
            stored = {unit_id: json.loads(found) if isinstance(found, str) else found for unit_id, found in
                      session.execute(text("SELECT unit_id, explanation FROM scores WHERE period_id = :p"),
                                      {"p": period.id})}
            given = scoring.explanations(session, period, stored)
            rows = {unit_id: tuple(rest) for unit_id, *rest in session.execute(text(columns))}
        return rows, stored, given

    full, stored_full, _given = recompute(True)
    partial, stored_partial, given_partial = recompute(False)
    assert partial == full and len(full) > 20
    assert set(stored_partial.values()) == {None}
    assert given_partial == stored_full  # built on reading, as the full recompute stores them
    assert recompute(True)[:2] == (full, stored_full)
    engine.dispose()
