"""The budget estimate's activity lines and their appraisal."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.budget_models import BudgetItem
from api.db.models import Unit


def budget_items(session: Session, years: list[int]) -> list[tuple[BudgetItem, Unit]]:
    rows = session.execute(
        select(BudgetItem, Unit).join(Unit, BudgetItem.unit_id == Unit.id)
        .where(BudgetItem.year.in_(years)).order_by(BudgetItem.year, Unit.code, BudgetItem.id)
    )
    return [tuple(row) for row in rows]


def item_for_update(session: Session, item_id: int) -> tuple[BudgetItem, Unit] | None:
    """A line and its unit, its row locked until the transaction ends (PostgreSQL; SQLite has one writer)."""
    row = session.execute(
        select(BudgetItem, Unit).join(Unit, BudgetItem.unit_id == Unit.id)
        .where(BudgetItem.id == item_id).with_for_update(of=BudgetItem)
    ).one_or_none()
    return None if row is None else (row[0], row[1])
