"""Request dependencies: the transaction the request owns, and who is calling."""

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams

from api.db.engine import bound_request_waits
from api.services import accounts, transaction
from api.services.access import Credential, Principal
from api.services.errors import Forbidden, PreconditionFailed, PreconditionRequired, Unauthenticated
from api.settings import Settings

SESSION_COOKIE = "banhat_session"
CSRF_COOKIE = "banhat_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A row id in a path: bounded to the database's integer range, so a huge number is a 422, not a driver overflow.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
QueryModel = TypeVar("QueryModel", bound=BaseModel)
# ``openapi_extra`` of a route that reads the caller's credential itself instead of depending on
# ``current_principal``: the contract (api/routers/contract.py) declares it signed in all the same.
AUTHENTICATES_ITSELF = {"x-authenticates-itself": True}


def documented_parameters(path: tuple[str, ...], query: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI ``parameters`` (for ``openapi_extra``) of a route that reads its string path
    parameters from ``request.path_params`` and its query string with :func:`parse_query`."""
    schema = query.model_json_schema(ref_template="#/components/schemas/{model}")  # its enums are the app's
    return {"parameters": [
        *({"name": name, "in": "path", "required": True, "schema": {"type": "string", "title": name.title()}}
          for name in path),
        *({"name": name, "in": "query", "required": name in schema.get("required", ()), "schema": field,
           **({"description": field["description"]} if "description" in field else {})}
          for name, field in schema["properties"].items()),
    ]}


def parse_query(request: Request, model: type[QueryModel]) -> QueryModel:
    """The query string validated as one model, for the most polled route: FastAPI resolves each
    declared parameter on every request at several microseconds apiece, a large share of a cached
    poll's cost (docs/benchmarks.md); errors are the same 422 naming the parameter. The model must be
    frozen: a poller sends the same query string again and again, and gets the same validated instance."""
    try:
        return _validated_query(model, request.scope["query_string"])
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in error.errors()]) from None


@lru_cache(maxsize=1024)
def _validated_query(model: type[QueryModel], query_string: bytes) -> QueryModel:
    return model.model_validate(QueryParams(query_string))


def db_session(request: Request) -> Iterator[Session]:
    """The request's transaction, owned here: committed (with the score work the route's services
    queued) when the route succeeds, rolled back when it raises, before the response is sent.
    A write transaction (SQLite's lock taken up front) for unsafe methods."""
    state = request.app.state
    with transaction.owned(state.read_sessions if request.method in SAFE_METHODS else state.write_sessions) as session:
        _bounded(request, session)
        yield session


def read_db_session(request: Request) -> Iterator[Session]:
    """A read-only transaction beside the request's own, for slow checks that must not hold the write lock."""
    with transaction.owned(request.app.state.read_sessions) as session:
        _bounded(request, session)
        yield session


def _bounded(request: Request, session: Session) -> None:
    """A request waits for the database a bounded time, then is answered 503 (``BANHAT_DATABASE_*``)."""
    configured = request.app.state.settings
    bound_request_waits(session, configured.database_busy_seconds, configured.database_statement_seconds)


def commit_before_answering(session: Session) -> None:
    """End the request's transaction now, for a route that builds its answer from a fresh read: the
    write lock (SQLite) or the group's row lock (PostgreSQL) is released before the answer's reads.
    The dependency then has nothing left to commit."""
    transaction.commit(session)


DbSession = Annotated[Session, Depends(db_session, scope="function")]
ReadSession = Annotated[Session, Depends(read_db_session, scope="function")]


def settings(request: Request) -> Settings:
    return request.app.state.settings


AppSettings = Annotated[Settings, Depends(settings)]


def credential(request: Request) -> Credential | None:
    """A bearer API token if the request has one, else the session cookie if it has one."""
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return Credential("token", authorization[7:].strip())
    session_id = request.cookies.get(SESSION_COOKIE)
    return Credential("session", session_id) if session_id else None


async def current_principal(request: Request) -> Principal:
    """A bearer API token, or a session cookie (with the CSRF header on unsafe methods).

    Checked on the event loop in one query (`api.db.loop_reads`), outside the request's transaction,
    so a write does not hold SQLite's write lock while the caller is looked up; when that read cannot
    answer (no valid credential, connection busy), the database path in a worker thread says why."""
    presented = credential(request)
    found = None
    if presented is not None:
        found = await accounts.polled_principal(request.app.state.loop_reads, presented)
    if found is None:
        found = await run_in_threadpool(_principal_from_a_read, request, presented)
    principal, csrf = found
    if csrf is not None and request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) != csrf:
        raise Forbidden("Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).")
    return principal


def _principal_from_a_read(request: Request, presented: Credential | None) -> tuple[Principal, str | None]:
    with request.app.state.read_sessions() as session:
        return principal_from_database(session, presented)


def principal_from_database(session: Session, presented: Credential | None) -> tuple[Principal, str | None]:
    """The caller and (for a browser session) its CSRF token, or the error that says what is wrong."""
    if presented is not None and presented.kind == "token":
        principal = accounts.principal_from_token(session, presented.secret)
        if principal is None:
            raise Unauthenticated("Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
        return principal, None
    found = accounts.principal_from_session(session, presented.secret) if presented is not None else None
    if found is None:
        raise Unauthenticated("Vui lòng đăng nhập.")
    return found


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_if_match(request: Request, current_etag: str) -> None:
    """Optimistic concurrency: 428 without If-Match or with ``*`` (any version: a blind overwrite),
    412 when it names another version."""
    if_match = request.headers.get("if-match")
    candidates = {tag.strip().removeprefix("W/") for tag in (if_match or "").split(",")} - {""}
    if not candidates or "*" in candidates:
        raise PreconditionRequired("Thiếu phiên bản trong tiêu đề If-Match (không nhận «*»): "
                                   "hãy tải lại dữ liệu trước khi lưu.")
    if current_etag not in candidates:
        raise PreconditionFailed("Báo cáo đã được người khác thay đổi. Hãy tải lại rồi lưu lại.")


def page_headers(request: Request, page: int, page_size: int, total: int) -> dict[str, str]:
    """The pagination of every list (docs/api.md): `X-Total-Count`, and `Link` to the next and
    previous pages (the request's own URL with another `page`)."""
    links = [(page + 1, "next")] if page * page_size < total else []
    links += [(page - 1, "prev")] if page > 1 else []
    headers = {"X-Total-Count": str(total)}
    if links:
        headers["Link"] = ", ".join(f'<{request.url.include_query_params(page=number)}>; rel="{rel}"'
                                    for number, rel in links)
    return headers


def etag_matches(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    return bool(header) and (header.strip() == "*" or etag in {t.strip().removeprefix("W/") for t in header.split(",")})
