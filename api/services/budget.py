"""The budget estimate (dự toán kinh phí): activity lines entered by the standing body plus award money, and
Sở Tài chính's appraisal of each activity line (``api.domain.appraisal``)."""

from sqlalchemy.orm import Session

from api import clock
from api.db.budget_models import BudgetItem
from api.db.models import Unit
from api.db.repositories import audit, rows
from api.db.repositories import awards as awards_repo
from api.db.repositories import budget as repo
from api.domain.appraisal import AppraisalAction, AppraisalError, AppraisalStatus, appraise_step
from api.domain.awards import ACTIVITY, AWARD, BudgetLine, BudgetTotal, summarize_budget
from api.services.access import Principal
from api.services.audit import fields
from api.services.awards import award_catalog
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound
from api.services.lookups import unit_by_code


def budget(session: Session, principal: Principal, years: list[int]) -> tuple[list[BudgetTotal], list[BudgetLine],
                                                                          dict[str, str]]:
    """Activity lines and award money of ``years``: totals per year and unit, the lines, unit names."""
    principal.require("budget:read")
    lines: list[BudgetLine] = []
    names: dict[str, str] = {}
    for item, unit in repo.budget_items(session, years):
        names[unit.code] = unit.name
        lines.append(activity_line(item, unit))
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


def activity_line(item: BudgetItem, unit: Unit) -> BudgetLine:
    return BudgetLine(item.year, unit.code, ACTIVITY, item.description, item.amount, item_id=item.id,
                      status=AppraisalStatus(item.status), appraised_amount=item.appraised_amount,
                      return_reason=item.return_reason, appraised_by=item.appraised_by,
                      appraised_at=item.appraised_at)


# Who takes each step: Sở Tài chính appraises or returns, the standing body resubmits what was returned.
ACTION_PERMISSIONS = {AppraisalAction.APPRAISE: "budget:appraise", AppraisalAction.RETURN: "budget:appraise",
                      AppraisalAction.RESUBMIT: "budget:write"}
AUDITED = ("status", "description", "amount", "appraised_amount", "return_reason")


def appraise(session: Session, principal: Principal, item_id: int, action: AppraisalAction, *,
             amount: int | None = None, reason: str | None = None,
             revision: tuple[str | None, int | None] = (None, None)) -> tuple[BudgetLine, str]:
    """One appraisal step on an activity line, audited; the line after it and its unit's name.

    ``amount`` is the appraised amount, ``reason`` why the line is returned; a resubmitted line may be
    revised (``revision``: new description, new proposed amount). 404 for an unknown line, 409 when its
    state does not allow the step, 422 naming the field when the amount or reason is missing or wrong.
    """
    principal.require(ACTION_PERMISSIONS[action])
    found = repo.item_for_update(session, item_id)
    if found is None:
        raise NotFound("Không tìm thấy khoản dự toán.")
    item, unit = found
    try:
        step = appraise_step(AppraisalStatus(item.status), action, amount=amount, reason=reason)
    except AppraisalError as error:
        if error.field is None:
            raise Conflict(str(error)) from error
        raise Invalid(str(error), [FieldProblem(["body", error.field], str(error))]) from error
    before = fields(item, *AUDITED)
    description, proposed = revision
    if description is not None:
        if not description.strip():
            message = "Nội dung khoản dự toán không được để trống."
            raise Invalid(message, [FieldProblem(["body", "description"], message)])
        item.description = description.strip()
    if proposed is not None:
        item.amount = proposed
    item.status, item.appraised_amount, item.return_reason = step.status.value, step.appraised_amount, step.return_reason
    by_finance = action is not AppraisalAction.RESUBMIT  # a resubmitted line waits for a new appraisal
    item.appraised_by, item.appraised_at = (principal.username, clock.now()) if by_finance else (None, None)
    session.flush()
    audit.record(session, actor=principal.username, action=f"budget.{action.value}", entity="budget_item",
                 entity_key=str(item.id), before=before, after=fields(item, *AUDITED), reason=step.return_reason)
    return activity_line(item, unit), unit.name
