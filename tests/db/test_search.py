"""Searching units ignores case and diacritics, the same on SQLite and PostgreSQL: "pho hien" finds "Phố Hiến"."""

import pytest
from sqlalchemy import select

from api.db.engine import make_engine, session_factories
from api.db.models import Unit
from api.db.repositories import units
from api.domain.search import fold
from api.services import transaction


def test_fold_drops_marks_case_and_extra_spaces():
    assert fold("Công an phường  Phố Hiến") == "cong an phuong pho hien"
    assert fold("ĐỒNG VĂN") == "dong van"
    assert fold("Ủy ban\tnhân dân") == "uy ban nhan dan"


def _names(url: str, q: str) -> list[str]:
    engine = make_engine(url)
    try:
        with session_factories(engine)[0]() as session:
            rows, total = units.search(session, kind=None, group_id=None, parent_id=None, q=q, offset=0, limit=500)
            assert total == len(rows)
            return sorted(unit.name for unit, _parent, _group in rows)
    finally:
        engine.dispose()


def _check_search(url: str) -> None:
    expected = ["Công an phường Phố Hiến", "UBND phường Phố Hiến"]
    for query in ("pho hien", "PHO HIEN", "Phố Hiến", "phố   hiến", "phô hiên"):
        assert _names(url, query) == expected, query
    assert _names(url, "cax-001") == ["Công an phường Phố Hiến"]  # codes in any case
    assert _names(url, "pho hiến x") == []
    assert _names(url, "%") == [] and _names(url, "_") == []  # LIKE wildcards are plain characters

    # A renamed unit is found by its new name, whichever way it is written.
    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        unit = session.scalar(select(Unit).where(Unit.code == "SBN-03"))
        unit.name = "Sở Tài chính Lạc Hồng"
    engine.dispose()
    assert _names(url, "TAI CHINH lac hong") == ["Sở Tài chính Lạc Hồng"]


def test_unit_search_ignores_case_and_diacritics_on_sqlite(sqlite_url):
    _check_search(sqlite_url)


@pytest.mark.postgres
def test_unit_search_ignores_case_and_diacritics_on_postgres(seeded_postgres):
    _check_search(seeded_postgres())


def test_api_search_finds_units_without_diacritics(leader):
    page = leader.get("/api/v1/units?q=pho hien")
    assert page.headers["X-Total-Count"] == "2" and {u["code"] for u in page.json()} == {"CAX-001", "UBX-001"}
