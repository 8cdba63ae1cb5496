"""Bonus entries (điểm thưởng) recorded by the standing body; the score caps their sum."""

from fractions import Fraction

from fastapi import APIRouter, Response

from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.bonuses import BonusIn, BonusOut
from api.schemas.common import BonusSortQuery, CodeFilter, SearchText, problem_responses
from api.services import bonuses
from api.services.lookups import unit_by_code
from api.services.reports.formatting import rounded

router = APIRouter(prefix="/bonuses", tags=["bonuses"])


def _bonus(entry, unit, period_code: str) -> BonusOut:
    return BonusOut(id=entry.id, period=period_code, unit={"code": unit.code, "name": unit.name},
                    points=str(rounded(Fraction(entry.points))), reason=entry.reason, created_by=entry.created_by,
                    created_at=entry.created_at)


@router.get("", response_model=list[BonusOut])
def list_bonuses(session: DbSession, principal: CurrentPrincipal, period: CodeFilter = None,
                 unit: CodeFilter = None, q: SearchText = None, sort: BonusSortQuery = None) -> list[BonusOut]:
    """Điểm thưởng đã ghi, cũ nhất trước (hoặc theo `sort`); `q` tìm theo tên hoặc mã đơn vị."""
    return [_bonus(*row) for row in bonuses.list_bonuses(session, principal, period, unit, q, sort)]


@router.post("", response_model=BonusOut, status_code=201, responses=problem_responses(409))
def add_bonus(body: BonusIn, session: DbSession, principal: CurrentPrincipal) -> BonusOut:
    entry = bonuses.add_bonus(session, principal, body.period, body.unit, body.points, body.reason)
    unit = unit_by_code(session, body.unit)
    return _bonus(entry, unit, body.period)


@router.delete("/{bonus_id}", status_code=204, response_class=Response, responses=problem_responses(409))
def delete_bonus(bonus_id: RowId, session: DbSession, principal: CurrentPrincipal) -> Response:
    bonuses.delete_bonus(session, principal, bonus_id)
    return Response(status_code=204)
