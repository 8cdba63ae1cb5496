"""The budget estimate (dự toán kinh phí), Sở Tài chính's appraisal of its lines, and its export."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.domain.appraisal import AppraisalAction
from api.domain.awards import BudgetLine
from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.awards import ReturnIn
from api.schemas.budget import AppraiseIn, BudgetItemIn, BudgetLineOut, BudgetOut, ResubmitIn
from api.schemas.common import problem_responses
from api.services import budget as budget_service
from api.services.reports import build_budget_xlsx

router = APIRouter(tags=["awards"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _years(year: int | None) -> list[int]:
    return [year] if year else list(range(2026, 2031))


def _line(line: BudgetLine, unit_name: str) -> BudgetLineOut:
    return BudgetLineOut(
        id=line.item_id, year=line.year, unit=line.unit_code, unit_name=unit_name, category=line.category,
        description=line.description, amount=line.amount, status=line.status,
        status_label=line.status.label if line.status else None, appraised_amount=line.appraised_amount,
        return_reason=line.return_reason, appraised_by=line.appraised_by, appraised_at=line.appraised_at,
    )


@router.get("/budget", response_model=BudgetOut)
def budget(session: DbSession, principal: CurrentPrincipal,
           year: Annotated[int | None, Query(ge=2026, le=2030)] = None) -> BudgetOut:
    """Dự toán kinh phí: activities and award money per year and unit, with Sở Tài chính's appraisal."""
    totals, lines, names = budget_service.budget(session, principal, _years(year))
    return BudgetOut(
        totals=[{"year": t.year, "unit": t.unit_code, "unit_name": names[t.unit_code], "activities": t.activities,
                 "awards": t.awards, "total": t.total, "appraised_activities": t.appraised_activities,
                 "appraised_total": t.appraised_total} for t in totals],
        lines=[_line(line, names[line.unit_code]) for line in lines],
        activities_total=sum(t.activities for t in totals),
        awards_total=sum(t.awards for t in totals),
        grand_total=sum(t.total for t in totals),
        appraised_total=sum(t.appraised_total for t in totals),
    )


@router.get("/budget/export.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "Bảng dự toán, số đề nghị và số thẩm định"}})
def budget_export(session: DbSession, principal: CurrentPrincipal,
                  year: Annotated[int | None, Query(ge=2026, le=2030)] = None) -> Response:
    totals, lines, names = budget_service.budget(session, principal, _years(year))
    name = f"du-toan-kinh-phi-{year or '2026-2030'}.xlsx"
    return Response(build_budget_xlsx(totals, lines, names), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/budget/items", response_model=BudgetOut, status_code=201)
def add_budget_item(body: BudgetItemIn, session: DbSession, principal: CurrentPrincipal) -> BudgetOut:
    budget_service.add_budget_item(session, principal, body.year, body.unit, body.description, body.amount)
    return budget(session, principal, body.year)


@router.post("/budget/items/{item_id}/appraise", response_model=BudgetLineOut, responses=problem_responses(409))
def appraise_item(item_id: RowId, body: AppraiseIn, session: DbSession, principal: CurrentPrincipal) -> BudgetLineOut:
    """Sở Tài chính appraises a proposed line with the amount it accepts (whole đồng, 0 or more)."""
    return _line(*budget_service.appraise(session, principal, item_id, AppraisalAction.APPRAISE, amount=body.amount))


@router.post("/budget/items/{item_id}/return", response_model=BudgetLineOut, responses=problem_responses(409))
def return_item(item_id: RowId, body: ReturnIn, session: DbSession, principal: CurrentPrincipal) -> BudgetLineOut:
    """Sở Tài chính returns a proposed line to the standing body with a reason."""
    return _line(*budget_service.appraise(session, principal, item_id, AppraisalAction.RETURN, reason=body.reason))


@router.post("/budget/items/{item_id}/resubmit", response_model=BudgetLineOut, responses=problem_responses(409))
def resubmit_item(item_id: RowId, body: ResubmitIn, session: DbSession, principal: CurrentPrincipal) -> BudgetLineOut:
    """The standing body resubmits a returned line, revised or not; it waits for a new appraisal."""
    return _line(*budget_service.appraise(session, principal, item_id, AppraisalAction.RESUBMIT,
                                          revision=(body.description, body.amount)))
