"""The budget estimate (dự toán kinh phí): activity lines entered by the standing body plus award money."""

from sqlalchemy.orm import Session

from api import clock
from api.db.budget_models import BudgetItem
from api.db.repositories import audit, rows
from api.db.repositories import awards as awards_repo
from api.db.repositories import budget as repo
from api.domain.awards import ACTIVITY, AWARD, BudgetLine, BudgetTotal, summarize_budget
from api.services.access import Principal
from api.services.audit import fields
from api.services.awards import award_catalog
from api.services.errors import Invalid
from api.services.lookups import unit_by_code


def budget(session: Session, principal: Principal, years: list[int]) -> tuple[list[BudgetTotal], list[BudgetLine],
                                                                          dict[str, str]]:
    """Activity lines and award money of ``years``: totals per year and unit, the lines, unit names."""
    principal.require("budget:read")
    lines: list[BudgetLine] = []
    names: dict[str, str] = {}
    for item, unit in repo.budget_items(session, years):
        names[unit.code] = unit.name
        lines.append(BudgetLine(item.year, unit.code, ACTIVITY, item.description, item.amount))
    for proposal, unit, year in awards_repo.proposals_of_years(session, years):
        names[unit.code] = unit.name
        form = award_catalog().form(proposal.form_code)
        recipient = proposal.person_name or unit.name
        lines.append(BudgetLine(year, unit.code, AWARD, f"{form.name} - {recipient}", proposal.amount))
    return summarize_budget(lines), lines, names


def add_budget_item(session: Session, principal: Principal, year: int, unit_code: str, description: str,
                    amount: int) -> BudgetItem:
    principal.require("budget:write")
    if amount <= 0:
        raise Invalid("Số tiền dự toán phải là số dương.")
    unit = unit_by_code(session, unit_code)
    item = rows.add(session, BudgetItem(year=year, unit_id=unit.id, description=description, amount=amount,
                                        created_by=principal.username, created_at=clock.now()))
    audit.record(session, actor=principal.username, action="budget.create", entity="budget_item",
                 entity_key=str(item.id), after=fields(item, "year", "unit_id", "description", "amount"))
    return item
