"""Reporting periods, their lock, and who has reported."""

from fastapi import APIRouter

from api.db.models import Period
from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.catalog import PeriodIn, PeriodOut, PeriodPatch, ReportingStatus
from api.schemas.common import CodeFilter, SearchText, TimelinessFilter, problem_responses
from api.services import periods

router = APIRouter(prefix="/periods", tags=["periods"], responses=problem_responses(409))


def period_out(period: Period) -> PeriodOut:
    return PeriodOut(code=period.code, name=period.name, kind=period.kind, start=period.start, end=period.end,
                     due=period.due, status=period.status, spans=list(period.spans or []))


@router.get("", response_model=list[PeriodOut])
def list_periods(session: DbSession, principal: CurrentPrincipal) -> list[PeriodOut]:
    return [period_out(p) for p in periods.all_periods(session, principal)]


@router.get("/{code}", response_model=PeriodOut)
def get_period(code: str, session: DbSession, principal: CurrentPrincipal) -> PeriodOut:
    return period_out(periods.get(session, principal, code))


@router.post("", response_model=PeriodOut, status_code=201)
def create_period(body: PeriodIn, session: DbSession, principal: CurrentPrincipal) -> PeriodOut:
    return period_out(periods.create(session, principal, body.model_dump()))


@router.patch("/{code}", response_model=PeriodOut)
def update_period(code: str, body: PeriodPatch, session: DbSession, principal: CurrentPrincipal) -> PeriodOut:
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
    return period_out(periods.update(session, principal, code, changes))


@router.post("/{code}/lock", response_model=PeriodOut)
def lock_period(code: str, session: DbSession, principal: CurrentPrincipal) -> PeriodOut:
    return period_out(periods.lock(session, principal, code))


@router.post("/{code}/unlock", response_model=PeriodOut)
def unlock_period(code: str, session: DbSession, principal: CurrentPrincipal) -> PeriodOut:
    return period_out(periods.unlock(session, principal, code))


@router.get("/{code}/reporting-status", response_model=ReportingStatus)
def reporting_status(
    code: str, session: DbSession, principal: CurrentPrincipal, group: CodeFilter = None, q: SearchText = None,
    timeliness: TimelinessFilter = None,
) -> ReportingStatus:
    """Per group and per unit: who reported on time, late, not yet. `q` keeps the units it finds by name or
    code without diacritics (the groups count them); `timeliness` keeps the unit rows in that state."""
    period, groups, units = periods.reporting_status(session, principal, code, group, q, timeliness)
    return ReportingStatus(period=period.code, due=period.due, groups=groups, units=units)
