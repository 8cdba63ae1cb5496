"""The public page's data, without login: aggregates of the latest locked period, models, hotlines."""

from fastapi import APIRouter

from api.routers.deps import DbSession
from api.schemas.common import problem_responses
from api.schemas.public import PublicSummary
from api.services.reports import public

router = APIRouter(prefix="/public", tags=["public"], responses=problem_responses(404))


@router.get("/summary", response_model=PublicSummary)
def summary(session: DbSession) -> PublicSummary:
    return PublicSummary.model_validate(public.summary(session))
