"""The FastAPI application: JSON API v1, problem+json errors, and the built SPA on the same origin."""

import asyncio
import logging
import mimetypes
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute
from starlette.types import Scope

from api import middleware
from api.db.engine import make_engine, session_factories
from api.db.loop_reads import LoopConnection
from api.routers import (
    activities,
    audit,
    auth,
    awards,
    baselines,
    bonuses,
    budget,
    catalog,
    clock,
    contract,
    exemplars,
    exports,
    imports,
    inspections,
    models_registry,
    narratives,
    nominations,
    periods,
    public,
    reminders,
    reports,
    schemes,
    scores,
    submissions,
    tokens,
    units,
    users,
    webhooks,
)
from api.services import worker
from api.services.errors import PROBLEM_JSON, ServiceError, problem_bytes
from api.services.imports import runs as import_runs
from api.settings import Settings, apply_clock, get_settings

API_PREFIX = "/api/v1"
DOCS_URL = f"{API_PREFIX}/docs"
BUSY_RETRY_SECONDS = 5
logger = logging.getLogger("banhat.database")

# Vietnamese wording for the validation errors people actually meet; anything else gets the generic one.
VALIDATION_MESSAGES = {
    "missing": "Trường này là bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "bool_parsing": "Phải là đúng hoặc sai.",
    "bool_type": "Phải là đúng hoặc sai.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "date_parsing": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "date_type": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Quá ngắn.",
    "string_too_long": "Quá dài.",
    "string_pattern_mismatch": "Sai định dạng.",
    "too_short": "Danh sách quá ngắn.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "json_invalid": "JSON không hợp lệ.",
    "extra_forbidden": "Trường không được phép.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "model_attributes_type": "Phải là một đối tượng.",
    "dict_type": "Phải là một đối tượng.",
    "list_type": "Phải là một danh sách.",
}


def _validation_message(error: dict) -> str:
    """The Vietnamese message of a validation error; a value outside a closed set lists the allowed ones."""
    message = VALIDATION_MESSAGES.get(error["type"], "Giá trị không hợp lệ.")
    expected = error.get("ctx", {}).get("expected")
    return f"{message.removesuffix('.')}: {expected}." if error["type"] in ("enum", "literal_error") and expected else message


def problem(status: int, title: str, detail: str | None, errors: list[dict] | None = None,
            headers: dict | None = None, extensions: dict | None = None) -> Response:
    return Response(problem_bytes(status, title, detail, errors or (), extensions), status, headers, PROBLEM_JSON)


def _install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: ServiceError):
        errors = [{"loc": e.loc, "message": e.message} for e in exc.errors]
        return problem(exc.status, exc.title, exc.detail, errors, exc.headers() or None, exc.extensions())

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e["loc"]), "message": _validation_message(e)} for e in exc.errors()]
        return problem(422, "Dữ liệu không hợp lệ", "Có trường dữ liệu không hợp lệ.", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        titles = {404: "Không tìm thấy", 405: "Phương thức không được hỗ trợ"}
        return problem(exc.status_code, titles.get(exc.status_code, "Lỗi"), None, headers=exc.headers)

    async def database_busy(request: Request, exc: Exception):
        """Overload (no pooled connection, SQLite lock wait expired) or a lost database: 503, try again."""
        logger.warning("%s %s answered 503: %s", request.method, request.url.path, str(exc).splitlines()[0])
        return problem(503, "Hệ thống đang bận",
                       "Hệ thống đang quá tải hoặc mất kết nối cơ sở dữ liệu. Vui lòng thử lại sau.",
                       headers={"Retry-After": str(BUSY_RETRY_SECONDS)})

    app.add_exception_handler(OperationalError, database_busy)
    app.add_exception_handler(PoolTimeout, database_busy)


IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current hashed assets: asked for again on every visit (a 304 when unchanged).
REVALIDATE = "no-cache"


class PrecompressedAssets(StaticFiles):
    """The build's hashed assets: a name never changes content, so browsers keep them a year without
    asking; sent as the build's .br or .gz twin (frontend/vite.config.ts) when the browser accepts it."""

    async def get_response(self, path: str, scope: Scope):
        accepted = {part.split(";")[0].strip() for part in Headers(scope=scope).get("accept-encoding", "").split(",")}
        response = None
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and not path.endswith((".br", ".gz")):
                try:
                    response = await super().get_response(path + suffix, scope)
                except StarletteHTTPException:
                    continue
                if response.status_code in (200, 304):
                    response.headers["Content-Encoding"] = encoding
                    response.headers["Content-Type"] = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    break
                response = None
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["Vary"] = "Accept-Encoding"
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = IMMUTABLE
        return response


def _mount_docs(app: FastAPI, url: str, assets: Path) -> None:
    """Swagger UI for the API, its script, style and icon served from the SPA's build (dist/api-docs,
    copied from the npm package swagger-ui-dist by frontend/vite.config.ts), never from a CDN: the page
    works on an intranet without internet."""
    if assets.is_dir():
        app.mount(f"{url}/assets", StaticFiles(directory=assets), name="api-docs-assets")

    @app.get(url, include_in_schema=False)
    def api_docs() -> Response:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "", title=f"{app.title} - tài liệu",
            swagger_js_url=f"{url}/assets/swagger-ui-bundle.js", swagger_css_url=f"{url}/assets/swagger-ui.css",
            swagger_favicon_url=f"{url}/assets/favicon-32x32.png",
        )


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA; unknown non-API paths get index.html so client-side routes work on reload."""
    index = dist / "index.html"
    if not index.is_file():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", PrecompressedAssets(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str):
        if path.startswith("api/"):
            raise StarletteHTTPException(404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": REVALIDATE})


# How long a thread may run Python before another that waits for the GIL gets it: 0.5 ms instead of Python's
# 5 ms. A thread that waits for the database gives up the GIL and must take it back when the answer comes;
# beside a request's thread that checks rows, the values import's background writer waited for it about a
# quarter of a second per chunk, until that thread itself stopped to wait (docs/benchmarks.md, issue 20).
GIL_SWITCH_SECONDS = 0.0005


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the job worker thread (unless ``BANHAT_RUN_WORKER`` is off) and free the keys of the import runs
    a stopped server of this host left running (:func:`api.services.imports.runs.release_interrupted`, in a
    thread at start-up while requests are served). The worker stops with the server. The server's threads
    share the GIL in short turns (`GIL_SWITCH_SECONDS`)."""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    settings = app.state.settings
    thread = stop = None
    if settings.run_worker:
        thread, stop = worker.start_thread(app.state.read_sessions, app.state.write_sessions, settings)
    recovery = asyncio.create_task(run_in_threadpool(import_runs.release_interrupted, app.state.write_sessions))
    yield
    await recovery
    if stop is not None:
        stop.set()
        await run_in_threadpool(thread.join, settings.webhook_timeout_seconds + 5)


# Routes are matched in order: the most polled one (rankings) comes first.
_ROUTERS = [module.router for module in (
    scores, auth, tokens, users, units, catalog, periods, submissions, imports, exports, webhooks, awards, budget,
    inspections, bonuses, models_registry, exemplars, reports, reminders, public, audit, clock, activities,
    baselines, schemes, nominations, narratives,
)]


@cache
def _api_routes() -> tuple[BaseRoute, ...]:
    """The API's routes under its prefix, included once per process and shared by the apps made in it.

    FastAPI builds an included router's routes (the validation of each parameter) at the first request an
    app receives, about 0.15 s of CPU: once per process in production, but once per test in the test suite,
    which makes an app for each test (docs/testing.md). A route keeps nothing of an app (a handler reaches
    its app's state through the request) except ``app.dependency_overrides``, which no app here uses.
    """
    api = APIRouter(generate_unique_id_function=contract.operation_id)
    for router in _ROUTERS:
        api.include_router(router, prefix=API_PREFIX)
    return tuple(api.routes)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = apply_clock(settings) if settings else get_settings()
    app = FastAPI(
        title="Ba Nhất API",
        version="1.1.0",  # CHANGELOG.md; docs/api.md, "Versions and deprecation"
        description="Chấm điểm, xếp hạng và báo cáo phong trào thi đua “Ba nhất” (Hưng Yên, 2026-2030).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served by _mount_docs, from local assets
        redoc_url=None,
        servers=[{"url": "/", "description": "Máy chủ phục vụ tài liệu này"}],
        generate_unique_id_function=contract.operation_id,
        lifespan=_lifespan,
    )
    # Keep a connection open for every request in flight and its side session (login checks, imports'
    # reads): a connection opened per request cost more than the ranking query itself (SQLite reads the
    # schema anew on each one).
    engine = make_engine(settings.database_url, pool_size=2 * settings.max_concurrent_requests,
                         busy_seconds=settings.database_busy_seconds)
    app.state.settings = settings
    app.state.engine = engine
    app.state.read_sessions, app.state.write_sessions = session_factories(engine)
    app.state.ranking_cache = scores.ranking_cache()
    app.state.loop_reads = LoopConnection(engine)
    # This worker's own changes are seen by its next poll, before PostgreSQL's notification arrives.
    event.listen(app.state.write_sessions, "after_commit", lambda _session: app.state.loop_reads.forget())
    _install_problem_handlers(app)
    docs = None if settings.environment == "production" else DOCS_URL
    middleware.install(app, settings, docs)
    app.router.routes.extend(_api_routes())
    contract.install(app, API_PREFIX, _ROUTERS)
    if docs:
        _mount_docs(app, docs, settings.frontend_dist / "api-docs")
    _mount_spa(app, settings.frontend_dist)
    return app
