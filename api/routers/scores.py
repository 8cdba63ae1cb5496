"""Rankings (cached by version, 304 when unchanged), explained scores and what-if previews."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.routers.deps import CurrentPrincipal, DbSession, current_principal, etag_matches
from api.schemas.common import COMMON_PROBLEMS
from api.schemas.scores import ExplainedScore, Ranking
from api.schemas.submissions import ValuesIn
from api.services import scores

router = APIRouter(prefix="/scores", tags=["scores"], responses=COMMON_PROBLEMS)
CACHE_LIMIT = 512


@router.get("/{period}", response_model=Ranking, responses={304: {"description": "Không thay đổi"}})
async def ranking(period: str, request: Request,
                  group: Annotated[str | None, Query()] = None, kind: Annotated[str | None, Query()] = None,
                  page: Annotated[int | None, Query(ge=1, description="Trang (bắt đầu từ 1); bỏ trống: cả bảng")] = None,
                  page_size: Annotated[int, Query(ge=1, le=1000, description="Số đơn vị mỗi trang")] = 100) -> Response:
    """The ranking's rendered bytes are kept per version tag, so a poll costs two small queries.

    With `page`, only that slice of `items` is returned; `X-Total-Count` gives the number of ranked
    units and `Link` (rel="next"/"prev") the neighbouring pages; each page has its own ETag."""
    # The most polled route (other systems, dashboards): one trip to a worker thread for the caller,
    # the version and the cached bytes together, instead of one per dependency.
    return await run_in_threadpool(_ranking, request, period, group, kind, page, page_size)


def _ranking(request: Request, period: str, group: str | None, kind: str | None, page: int | None,
             page_size: int) -> Response:
    with request.app.state.read_sessions() as session:
        principal = current_principal(request, session)
        found, tag = scores.ranking_etag(session, principal, period, group, kind)
        if page is not None:
            tag = f'{tag.removesuffix(chr(34))}.p{page}.{page_size}"'
        headers = {"ETag": tag, "Cache-Control": "private, no-cache"}
        if etag_matches(request, tag):
            return Response(status_code=304, headers=headers)
        cache: dict[str, tuple[bytes, int]] = request.app.state.ranking_cache
        cached = cache.get(tag)
        if cached is None:
            document = Ranking.model_validate(scores.ranking(session, found, group, kind))
            total = len(document.items)
            if page is not None:
                document.items = document.items[(page - 1) * page_size : page * page_size]
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cached = cache[tag] = (document.model_dump_json().encode(), total)
    body, total = cached
    if page is not None:
        headers["X-Total-Count"] = str(total)
        links = [(page + 1, "next")] if page * page_size < total else []
        links += [(page - 1, "prev")] if page > 1 else []
        if links:
            headers["Link"] = ", ".join(
                f'<{request.url.include_query_params(page=number)}>; rel="{rel}"' for number, rel in links
            )
    return Response(body, media_type="application/json", headers=headers)


@router.get("/{period}/{unit}", response_model=ExplainedScore)
def explained(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> ExplainedScore:
    return ExplainedScore.model_validate(scores.explained(session, principal, period, unit))


@router.post("/{period}/{unit}/preview", response_model=ExplainedScore)
def preview(period: str, unit: str, body: ValuesIn, session: DbSession, principal: CurrentPrincipal) -> ExplainedScore:
    return ExplainedScore.model_validate(
        scores.preview(session, principal, period, unit, [v.model_dump() for v in body.values])
    )
