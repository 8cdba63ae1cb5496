"""The per-process cap on API requests in flight: the rest wait on the event loop, and all are answered."""

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from api.middleware.concurrency import ConcurrencyLimitMiddleware


def _app(limit: int) -> tuple[ConcurrencyLimitMiddleware, dict[str, int]]:
    seen = {"now": 0, "most": 0}

    async def slow(_request):
        seen["now"] += 1
        seen["most"] = max(seen["most"], seen["now"])
        await asyncio.sleep(0.02)
        seen["now"] -= 1
        return PlainTextResponse("ok")

    routes = [Route("/api/v1/slow", slow), Route("/static/slow", slow)]
    return ConcurrencyLimitMiddleware(Starlette(routes=routes), limit=limit), seen


async def _burst(app, path: str, count: int) -> list[int]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        responses = await asyncio.gather(*(client.get(path) for _ in range(count)))
    return [response.status_code for response in responses]


def test_api_requests_beyond_the_limit_wait_their_turn_and_are_all_answered():
    app, seen = _app(limit=3)
    assert asyncio.run(_burst(app, "/api/v1/slow", 20)) == [200] * 20
    assert seen["most"] == 3


def test_requests_outside_the_api_are_not_limited():
    app, seen = _app(limit=3)
    assert asyncio.run(_burst(app, "/static/slow", 20)) == [200] * 20
    assert seen["most"] > 3
