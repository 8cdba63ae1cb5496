"""Migrations 23 and 22 downgrade a seeded database holding inspections, and upgrade it again."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, func, insert, inspect, select, text

from api.db.inspection_models import CorrectiveAction, Inspection, InspectionFinding
from api.db.migrate import downgrade, upgrade
from api.db.models import Unit, User


def _proposed_finding_with_an_action(connection) -> None:
    """What a commune's committee records on its commune police, and an action on it."""
    units = dict(
        connection.execute(select(Unit.code, Unit.id).where(Unit.code.in_(["CAX-001", "UBX-001"]))).all()
    )
    inspection = connection.scalar(
        insert(Inspection)
        .returning(Inspection.id)
        .values(
            unit_id=units["CAX-001"],
            topic="Kiểm tra công tác tiếp dân",
            planned_on=date(2026, 5, 1),
            inspected_on=date(2026, 5, 2),
            status="done",
            inspector_unit_id=units["UBX-001"],
            created_by="kiemtra.xa",
            created_at=datetime.now(UTC),
        )
    )
    finding = connection.scalar(
        insert(InspectionFinding)
        .returning(InspectionFinding.id)
        .values(
            inspection_id=inspection,
            description="Chậm báo cáo",
            points="1",
            status="proposed",
            recorded_by="kiemtra.xa",
        )
    )
    connection.execute(
        insert(CorrectiveAction).values(
            finding_id=finding, description="Khắc phục", due_on=date(2026, 10, 1), status="open"
        )
    )


def _counts(connection) -> tuple[int, ...]:
    return tuple(
        connection.scalar(select(func.count()).select_from(table))
        for table in (Unit, Inspection, InspectionFinding, CorrectiveAction)
    )


def _run(url: str) -> None:
    """`url`: a copy of the migrated, seeded demo province (tests/conftest.py)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        _proposed_finding_with_an_action(connection)
        before = _counts(connection)
    downgrade(url, "21")
    with engine.connect() as connection:
        assert _counts(connection) == before  # no table copy cascaded into findings or actions
        accounts = dict(
            connection.execute(
                text(
                    "SELECT username, role || ':' || CAST(active AS VARCHAR) FROM users "
                    "WHERE username IN ('kiemtra.xa', 'taichinh', 'vpubnd')"
                )
            ).all()
        )
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    assert set(accounts.values()) <= {"leader:0", "leader:false"} and len(accounts) == 3
    assert "overseer_id" not in {column["name"] for column in inspect(engine).get_columns("units")}
    upgrade(url)
    with engine.connect() as connection:
        assert _counts(connection) == before
        assert (
            connection.scalar(select(func.count()).select_from(Unit).where(Unit.overseer_id.is_not(None))) > 0
        )
        assert connection.scalar(select(func.count()).select_from(User).where(User.role == "inspector")) == 0
    engine.dispose()


def test_a_seeded_database_downgrades_past_23_and_22_on_sqlite(sqlite_url):
    _run(sqlite_url)


@pytest.mark.postgres
def test_a_seeded_database_downgrades_past_23_and_22_on_postgresql(postgres_database):
    _run(postgres_database)
