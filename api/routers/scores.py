"""Rankings (cached by version, 304 when unchanged), explained scores and what-if previews."""

import threading

import orjson
from cachetools import LRUCache
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.routers.deps import (
    AUTHENTICATES_ITSELF,
    CurrentPrincipal,
    DbSession,
    credential,
    documented_parameters,
    etag_matches,
    page_headers,
    parse_query,
    principal_from_database,
)
from api.schemas.common import ETAG, PAGE_HEADERS
from api.schemas.scores import ExplainedScore, Ranking, RankingQuery, ScorePreview
from api.schemas.submissions import ValuesIn
from api.services import scores
from api.services.access import Principal

router = APIRouter(prefix="/scores", tags=["scores"])
# Rendered rankings by version tag, the most recently used kept: a tag is (caller's reach, period, version,
# filters, page), so a few hundred cover every dashboard polling one period. The event loop and the
# worker threads share it; cachetools' caches are not thread-safe, so every use holds the lock.
_RANKINGS_KEPT = 512
_rankings_lock = threading.Lock()


def ranking_cache() -> LRUCache:
    """The app's cache of rendered rankings (``app.state.ranking_cache``)."""
    return LRUCache(maxsize=_RANKINGS_KEPT)


def _kept(request: Request, tag: str) -> tuple[bytes, int] | None:
    with _rankings_lock:
        return request.app.state.ranking_cache.get(tag)


@router.get("/{period}", response_model=Ranking,
            responses={200: {"headers": ETAG | PAGE_HEADERS}, 304: {"description": "Không thay đổi", "headers": ETAG}},
            openapi_extra=documented_parameters(("period",), RankingQuery) | AUTHENTICATES_ITSELF)
async def ranking(request: Request) -> Response:
    """The ranking's rendered bytes are kept per version tag, and the caller and version behind the tag
    until a change is committed, so an unchanged poll reads nothing from the database but, on SQLite,
    whether anything was committed.

    With `page`, only that slice of `items` is returned; `X-Total-Count` gives the number of ranked
    units and `Link` (rel="next"/"prev") the neighbouring pages; each page has its own ETag."""
    # The most polled route (other systems, dashboards): an unchanged ranking is answered on the event
    # loop from the kept (or one freshly read) caller and version; anything else goes to a worker thread.
    # Parameters are read here, not declared: FastAPI's resolution of them cost more than the query.
    period = request.path_params["period"]
    filters = parse_query(request, RankingQuery)
    group, kind, q = filters.group, filters.kind, filters.q
    slice_ = scores.Page(filters.page, filters.page_size) if filters.page is not None else None
    presented = credential(request)
    polled = presented and await scores.polled_ranking_etag(
        request.app.state.loop_reads, presented, period, group, kind, slice_, q
    )
    if polled:
        rendered = _kept(request, polled.etag)
        if rendered is not None or etag_matches(request, polled.etag):
            return _cached_response(request, polled.etag, rendered, slice_)
    known = polled.principal if polled else None  # a cache miss need not look the caller up again
    return await run_in_threadpool(_ranking, request, known, period, group, kind, slice_, q)


def _ranking(request: Request, principal: Principal | None, period: str, group: str | None, kind: str | None,
             slice_: scores.Page | None, q: str | None) -> Response:
    with request.app.state.read_sessions() as session:
        if principal is None:
            principal, _csrf = principal_from_database(session, credential(request))
        found, tag = scores.ranking_etag(session, principal, period, group, kind, slice_, q)
        rendered = _kept(request, tag)
        if rendered is None and not etag_matches(request, tag):
            # The service builds the documented shape (`Ranking`); orjson writes it ten times faster than
            # Pydantic would validate and dump it again, and every save makes the next pull render anew.
            document = scores.ranking(session, found, group, kind, q)
            total = len(document["items"])
            if slice_ is not None:
                document["items"] = document["items"][(slice_.number - 1) * slice_.size : slice_.number * slice_.size]
            rendered = (orjson.dumps(document, option=orjson.OPT_UTC_Z), total)
            with _rankings_lock:
                request.app.state.ranking_cache[tag] = rendered
    return _cached_response(request, tag, rendered, slice_)


def _cached_response(request: Request, tag: str, rendered: tuple[bytes, int] | None,
                     slice_: scores.Page | None) -> Response:
    """304 when the caller has ``tag``, else the ranking rendered for it with the page headers."""
    headers = {"ETag": tag, "Cache-Control": "private, no-cache"}
    if rendered is None or etag_matches(request, tag):
        return Response(status_code=304, headers=headers)
    body, total = rendered
    if slice_ is not None:
        headers |= page_headers(request, slice_.number, slice_.size, total)
    return Response(body, media_type="application/json", headers=headers)


@router.get("/{period}/{unit}", response_model=ExplainedScore)
def explained(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> ExplainedScore:
    return ExplainedScore.model_validate(scores.explained(session, principal, period, unit))


@router.post("/{period}/{unit}/preview", response_model=ScorePreview)
def preview(period: str, unit: str, body: ValuesIn, session: DbSession, principal: CurrentPrincipal) -> ScorePreview:
    """Điểm báo cáo sẽ được nếu nộp ngay bây giờ: gồm trừ điểm nộp muộn tính đến hôm nay, điểm thưởng,
    điểm trừ kiểm tra đã ghi và hạ loại do chỉ tiêu phủ quyết."""
    return ScorePreview.model_validate(
        scores.preview(session, principal, period, unit, [v.model_dump() for v in body.values])
    )
