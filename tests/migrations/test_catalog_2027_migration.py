"""Migration 17: catalog 2027.1 is adopted from 2027-H1 by a database seeded before it, as by a new seed."""

from sqlalchemy import create_engine, select

from api.db.migrate import downgrade, upgrade
from api.db.models import CatalogVersion, Indicator, Period, Scheme


def _state(url: str) -> dict:
    engine = create_engine(url)
    with engine.connect() as connection:
        codes = dict(connection.execute(select(Scheme.id, Scheme.code)).all())
        state = {
            "active": connection.scalars(select(Scheme.code).where(Scheme.active)).all(),
            "periods": {code: codes[scheme_id] for code, scheme_id in connection.execute(select(Period.code, Period.scheme_id))},
            "pending": sorted(connection.scalars(select(Period.code).where(Period.scores_pending))),
            "catalogs": sorted(connection.scalars(select(CatalogVersion.version))),
            "indicators": sorted(connection.scalars(
                select(Indicator.code).join(CatalogVersion).where(CatalogVersion.version == "ba-nhat-2026@2027.1"))),
        }
    engine.dispose()
    return state


def test_a_database_seeded_before_2027_1_gets_it_as_a_new_seed_does_and_gives_it_back(sqlite_url):
    url = sqlite_url  # a copy of the migrated, seeded demo province (tests/conftest.py)
    seeded = _state(url)
    assert seeded["active"] == ["2027.1"] and seeded["pending"] == []
    assert {code for code, scheme in seeded["periods"].items() if scheme == "2026.1"} == {
        "2026-H1", "2026-Y", "2028-S", "2030-T"}
    assert {"TT-03", "TT-10", "GD-09", "SN-06"} <= set(seeded["indicators"]) and len(seeded["indicators"]) == 34

    downgrade(url, "17")
    before = _state(url)
    assert before["active"] == ["2026.1"] and set(before["periods"].values()) == {"2026.1"}
    assert before["catalogs"] == ["ba-nhat-2026"] and before["indicators"] == []

    upgrade(url)
    after = _state(url)
    assert {key: after[key] for key in ("active", "periods", "catalogs", "indicators")} == {
        key: seeded[key] for key in ("active", "periods", "catalogs", "indicators")}
    moved = sorted(code for code, scheme in after["periods"].items() if scheme == "2027.1")
    assert after["pending"] == moved and "2027-H1" in moved and "2026-Y" not in moved

    downgrade(url, "17")
    _seed_again(url)  # the seed adopts 2027.1 itself; the migration then finds it and adds nothing
    upgrade(url)
    again = _state(url)
    assert {key: again[key] for key in ("active", "periods", "catalogs", "indicators")} == {
        key: seeded[key] for key in ("active", "periods", "catalogs", "indicators")}


def _seed_again(url: str) -> None:
    """The seed's catalog part: its scoring reads tables of today's schema (inspection findings' status, from
    migration 23), which a database at revision 17 has not."""
    from api.db.engine import make_engine, session_factories
    from api.services import transaction
    from api.services.seed import seed_catalog

    engine = make_engine(url)
    with transaction.owned(session_factories(engine)[1]) as session:
        assert seed_catalog(session)["versions_loaded"] == ["2027.1"]
    engine.dispose()
