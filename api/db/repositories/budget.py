"""The budget estimate's activity lines."""

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
