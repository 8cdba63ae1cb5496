"""Migration 16: stored explanations get every exact number as a string, and bonus_capped."""

import pytest
from sqlalchemy import create_engine, select, update

from api.db.migrate import downgrade, upgrade
from api.db.models import Score
from api.schemas.scores import Explanation


def _old_encoding(explanation: dict) -> dict:
    """What the encoder before migration 16 stored: whole exact numbers as JSON numbers, no bonus_capped."""
    def number(text):
        return int(text) if isinstance(text, str) and text.lstrip("-").isdigit() else text

    old = {key: number(value) for key, value in explanation.items() if key != "bonus_capped"}
    old["bonus_requested"], old["bonus_applied"] = 12, 10
    old["bonuses"] = [{"points": 12, "reason": "Thành tích đột xuất"}]
    old["pillars"] = [{key: number(value) for key, value in p.items()} for p in explanation["pillars"]]
    old["indicators"] = [{key: number(value) for key, value in i.items()} for i in explanation["indicators"]]
    return old


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    downgrade(url, "15")
    engine = create_engine(url)
    with engine.begin() as connection:
        score_id, explanation = connection.execute(select(Score.id, Score.explanation).limit(1)).one()
        old = _old_encoding(explanation)
        assert any(isinstance(i["weight"], int) for i in old["indicators"])
        connection.execute(update(Score).where(Score.id == score_id).values(explanation=old))
    upgrade(url)
    with engine.connect() as connection:
        migrated = connection.scalar(select(Score.explanation).where(Score.id == score_id))
    engine.dispose()
    assert migrated["bonus_requested"] == "12" and migrated["bonus_applied"] == "10" and migrated["bonus_capped"] is True
    assert migrated["bonuses"] == [{"points": "12", "reason": "Thành tích đột xuất"}]
    assert all(isinstance(i["weight"], str) and isinstance(i["points"], str) for i in migrated["indicators"])
    assert all(isinstance(i["windows_total"], int) for i in migrated["indicators"])  # counts stay numbers
    Explanation.model_validate(migrated)


def test_stored_explanations_take_the_one_encoding_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_stored_explanations_take_the_one_encoding_on_postgresql(postgres_database):
    _run(postgres_database)
