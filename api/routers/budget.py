"""The budget estimate (dự toán kinh phí) and its export for Sở Tài chính."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.budget import BudgetItemIn, BudgetOut
from api.services import budget as budget_service
from api.services.reports import build_budget_xlsx

router = APIRouter(tags=["awards"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _years(year: int | None) -> list[int]:
    return [year] if year else list(range(2026, 2031))


@router.get("/budget", response_model=BudgetOut)
def budget(session: DbSession, principal: CurrentPrincipal,
           year: Annotated[int | None, Query(ge=2026, le=2030)] = None) -> BudgetOut:
    """Dự toán kinh phí: activities and award money per year and unit."""
    totals, lines, names = budget_service.budget(session, principal, _years(year))
    return BudgetOut(
        totals=[{"year": t.year, "unit": t.unit_code, "unit_name": names[t.unit_code], "activities": t.activities,
                 "awards": t.awards, "total": t.total} for t in totals],
        lines=[{"year": line.year, "unit": line.unit_code, "category": line.category,
                "description": line.description, "amount": line.amount} for line in lines],
        grand_total=sum(t.total for t in totals),
    )


@router.get("/budget/export.xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "Bảng dự toán cho Sở Tài chính"}})
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
