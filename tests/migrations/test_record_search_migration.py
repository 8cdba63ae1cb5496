"""Migration 27: inspections' topics, models' and exemplars' names, bonuses' reasons folded into their
search columns, bonuses' points as a number to sort by (existing rows filled), and back."""

import pytest
from sqlalchemy import create_engine, inspect, text

from api.db.migrate import downgrade, upgrade
from api.domain.search import fold

# table: (column folded, folded column, a value, the row's insert at revision 26)
ROWS = {
    "inspections": ("topic", "search_topic", "Phòng cháy, chữa cháy", (
        "INSERT INTO inspections (unit_id, topic, planned_on, status, created_by, created_at) "
        "VALUES (:unit, :text, '2026-05-01', 'planned', 'admin', '2026-05-01 00:00:00+00')")),
    "safety_models": ("name", "search_name", "Tổ liên gia Đồng Tâm", (
        "INSERT INTO safety_models (unit_id, kind, name, status, updated_at) "
        "VALUES (:unit, 'camera-an-ninh', :text, 'active', '2026-05-01 00:00:00+00')")),
    "exemplars": ("name", "search_name", "Đội Ứng cứu", (
        "INSERT INTO exemplars (unit_id, recipient, name, achievement, year, published) "
        "VALUES (:unit, 'collective', :text, 'Thành tích', 2026, false)")),
    "bonus_entries": ("reason", "search_reason", "Bắt giữ đối tượng truy nã", (
        "INSERT INTO bonus_entries (period_id, unit_id, points, reason, created_by, created_at) "
        "VALUES ((SELECT id FROM periods WHERE code = '2026-H1'), :unit, '3/4', :text, 'reviewer', "
        "'2026-05-01 00:00:00+00')")),
}  # fmt: skip


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    downgrade(url, "26")
    engine = create_engine(url)
    for table, (_source, folded, _text, _insert) in ROWS.items():
        assert folded not in {column["name"] for column in inspect(engine).get_columns(table)}
    assert "points_value" not in {column["name"] for column in inspect(engine).get_columns("bonus_entries")}
    with engine.begin() as connection:
        unit = connection.scalar(text("SELECT id FROM units WHERE code = 'CAX-001'"))
        for _source, _folded, written, insert in ROWS.values():
            connection.execute(text(insert), {"unit": unit, "text": written})
    engine.dispose()
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        for table, (source, folded, written, _insert) in ROWS.items():
            rows = connection.execute(text(f"SELECT {source}, {folded} FROM {table}")).all()
            assert (written, fold(written)) in rows and all(stored == fold(plain) for plain, stored in rows)
        values = connection.execute(text("SELECT points_value FROM bonus_entries WHERE points = '3/4'")).scalars()
        assert list(values) == [0.75]
    engine.dispose()


def test_topics_and_names_are_folded_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_topics_and_names_are_folded_on_postgresql(postgres_database):
    _run(postgres_database)
