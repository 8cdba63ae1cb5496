"""Rankings (cached by version, 304 when unchanged), explained scores and what-if previews."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.routers.deps import CurrentPrincipal, DbSession, etag_matches
from api.schemas.common import COMMON_PROBLEMS
from api.schemas.scores import ExplainedScore, Ranking
from api.schemas.submissions import ValuesIn
from api.services import scores

router = APIRouter(prefix="/scores", tags=["scores"], responses=COMMON_PROBLEMS)
CACHE_LIMIT = 512


@router.get("/{period}", response_model=Ranking, responses={304: {"description": "Không thay đổi"}})
def ranking(period: str, request: Request, session: DbSession, principal: CurrentPrincipal,
            group: Annotated[str | None, Query()] = None, kind: Annotated[str | None, Query()] = None) -> Response:
    """The ranking's rendered bytes are kept per version tag, so a poll costs two small queries."""
    found, tag = scores.ranking_etag(session, principal, period, group, kind)
    headers = {"ETag": tag, "Cache-Control": "private, no-cache"}
    if etag_matches(request, tag):
        return Response(status_code=304, headers=headers)
    cache: dict[str, bytes] = request.app.state.ranking_cache
    body = cache.get(tag)
    if body is None:
        body = Ranking.model_validate(scores.ranking(session, found, group, kind)).model_dump_json().encode()
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        cache[tag] = body
    return Response(body, media_type="application/json", headers=headers)


@router.get("/{period}/{unit}", response_model=ExplainedScore)
def explained(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> ExplainedScore:
    return ExplainedScore.model_validate(scores.explained(session, principal, period, unit))


@router.post("/{period}/{unit}/preview", response_model=ExplainedScore)
def preview(period: str, unit: str, body: ValuesIn, session: DbSession, principal: CurrentPrincipal) -> ExplainedScore:
    return ExplainedScore.model_validate(
        scores.preview(session, principal, period, unit, [v.model_dump() for v in body.values])
    )
