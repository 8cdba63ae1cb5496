"""Baselines of "lower than last year" rules (KL-02's 2025 rate), entered once per unit and reviewed."""

from fractions import Fraction
from typing import Literal

from fastapi import APIRouter

from api.db.plan_models import Baseline
from api.domain import display
from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.baselines import BaselineIn, BaselineOut, BaselineReviewIn
from api.schemas.common import CodeFilter, problem_responses
from api.services import baselines

router = APIRouter(prefix="/baselines", tags=["baselines"])


def baseline_out(row: Baseline, unit_code: str) -> BaselineOut:
    return BaselineOut(
        id=row.id, unit=unit_code, indicator=row.indicator_code, year=row.year, numerator=row.numerator,
        denominator=row.denominator, rate=str(display(Fraction(100 * row.numerator, row.denominator))),
        note=row.note, status=row.status, entered_by=row.entered_by, entered_at=row.entered_at,
        reviewed_by=row.reviewed_by, reviewed_at=row.reviewed_at, review_note=row.review_note,
    )


@router.get("", response_model=list[BaselineOut])
def list_baselines(session: DbSession, principal: CurrentPrincipal,
                   unit: CodeFilter = None,
                   status: Literal["proposed", "approved", "rejected"] | None = None) -> list[BaselineOut]:
    return [baseline_out(row, u.code) for row, u in baselines.listing(session, principal, unit, status)]


@router.post("", response_model=BaselineOut, status_code=201, responses=problem_responses(409))
def enter_baseline(body: BaselineIn, session: DbSession, principal: CurrentPrincipal) -> BaselineOut:
    """Nhập số liệu năm cơ sở (một lần cho mỗi đơn vị): Cơ quan Thường trực nhập là có hiệu lực ngay;
    đơn vị tự nhập thì chờ Cơ quan Thường trực duyệt."""
    return baseline_out(*baselines.enter(session, principal, body.model_dump()))


@router.post("/{baseline_id}/review", response_model=BaselineOut, responses=problem_responses(409))
def review_baseline(baseline_id: RowId, body: BaselineReviewIn, session: DbSession,
                    principal: CurrentPrincipal) -> BaselineOut:
    return baseline_out(*baselines.review(session, principal, baseline_id, body.approve, body.reason))
