"""The OpenAPI document as generators read it, derived from the routes rather than written per route.

FastAPI describes what a route returns; this module adds what every route shares, from the route's shape:
who may call it (a route depending on ``current_principal`` is signed in: a session cookie, with the
CSRF header on unsafe methods, or a bearer token), the problems it can answer (401/403 when signed in,
404 with path parameters, 413 with a body, 422 on any, 503 when it reads the database; 409, 412,
413, 415, 428 and 429 declared by the route), each as ``application/problem+json`` with the ``Problem``
schema (or the route's own model, e.g. an import's ``ImportRefused``), uploads and downloads as binary,
``resource_action`` operation ids, and the security schemes.
"""

import copy
from collections.abc import Callable, Iterator
from typing import Any, get_args, get_origin

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from api.routers.deps import AUTHENTICATES_ITSELF, CSRF_HEADER, SESSION_COOKIE, current_principal
from api.schemas.common import ATTACHMENT, Problem, header
from api.services import errors
from api.services.errors import PROBLEM_JSON

PROBLEM_REF = "#/components/schemas/Problem"
SECURITY_SCHEMES = {
    "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                "description": "Phiên đăng nhập của trình duyệt (`POST /api/v1/auth/login`)"},
    "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER,
             "description": "Giá trị cookie `banhat_csrf`, bắt buộc cùng phiên đăng nhập với POST, PUT, PATCH, DELETE"},
    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "bn_...",
               "description": "Mã truy cập (`POST /api/v1/tokens`), quyền là giao của vai trò chủ mã và phạm vi của mã"},
}
# Tokens are managed from a browser session only (api/services/accounts.py: _require_signed_in).
SESSION_ONLY_TAGS = frozenset({"tokens"})
UNSAFE = frozenset({"post", "put", "patch", "delete"})
# The Vietnamese title of each status, from the errors that carry it.
TITLES = {cls.status: cls.title for cls in vars(errors).values()
          if isinstance(cls, type) and issubclass(cls, errors.ServiceError)} | {503: "Hệ thống đang bận"}
RETRY_AFTER = {"Retry-After": header("Số giây nên chờ trước khi thử lại", {"type": "integer"})}
STATUS_HEADERS = {
    401: {"WWW-Authenticate": header("`Bearer`")},
    429: RETRY_AFTER,
    503: RETRY_AFTER,
}
BINARY = {"type": "string", "format": "binary"}


def operation_id(route: APIRoute) -> str:
    """`resource_action`: the route's first tag, then its function's name without the resource's own
    words (`units` + `list_units` -> `units_list`, `scores` + `ranking` -> `scores_ranking`)."""
    resource = route.tags[0] if route.tags else "app"
    own = {resource, resource.removesuffix("s")}
    action = [word for word in route.name.split("_") if word not in own] or ["get"]
    return "_".join([resource, *action])


def install(app: FastAPI, prefix: str, routers: list[APIRouter]) -> None:
    """Serve the refined document as ``app.openapi()`` (built once, like FastAPI's); ``routers`` are
    those included under ``prefix``."""
    plain = app.openapi
    routes = [(prefix, route) for router in routers for route in router.routes]

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = refine(plain(), routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def refine(document: dict[str, Any], routes: list[tuple[str, Any]]) -> dict[str, Any]:
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, schema in schemas["Problem"].pop("$defs", {}).items():
        schemas[name] = schema
    components["securitySchemes"] = SECURITY_SCHEMES
    for prefix, route in routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods:
            operation = document["paths"][prefix + route.path_format].get(method.lower())
            if operation is not None:
                _refine_operation(route, method.lower(), operation, schemas)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    for node in _dicts(document):
        _binary(node)
    return document


def _refine_operation(route: APIRoute, method: str, operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    signed_in = operation.pop(next(iter(AUTHENTICATES_ITSELF)), False) or _depends_on(route.dependant, current_principal)
    if signed_in:
        session = {"session": [], "csrf": []} if method in UNSAFE else {"session": []}
        operation["security"] = [session] if set(route.tags) & SESSION_ONLY_TAGS else [session, {"bearer": []}]
    else:
        operation["security"] = []
    responses = operation["responses"]
    for status in _derived_problems(route, operation, signed_in):
        responses.setdefault(str(status), {})
    for code, response in responses.items():
        if code.isdigit() and int(code) >= 400:
            _as_problem(int(code), response)
        elif code.startswith("2"):
            _describe_success(response, _examples(route.response_model, schemas))
    operation["responses"] = dict(sorted(responses.items()))


def _examples(response_model: Any, schemas: dict[str, Any]) -> Any:
    """The example of a route's answer: its model's first (a list of one for a list of them), or None.
    FastAPI drops every null from the document, so the model's examples are put back as written."""
    listed = get_origin(response_model) is list
    model = get_args(response_model)[0] if listed else response_model
    extra = getattr(model, "model_config", {}).get("json_schema_extra")
    if not isinstance(extra, dict) or not extra.get("examples"):
        return None
    for example in extra["examples"]:
        model.model_validate(example)  # an example left behind by a change of its model fails here
    schemas[model.__name__]["examples"] = copy.deepcopy(extra["examples"])
    example = copy.deepcopy(extra["examples"][0])
    return [example] if listed else example


def _describe_success(response: dict[str, Any], example: Any) -> None:
    """A download is binary and named by Content-Disposition; a JSON answer shows its model's example."""
    for media_type, content in response.get("content", {}).items():
        if media_type != "application/json":
            content["schema"] = content.get("schema") or dict(BINARY)
            response["headers"] = ATTACHMENT | response.get("headers", {})
        elif example is not None and "example" not in content:
            content["example"] = example


def _derived_problems(route: APIRoute, operation: dict[str, Any], signed_in: bool) -> set[int]:
    # 422 from anywhere: the input guard refuses control characters in any path or query string.
    statuses = {422}
    if signed_in:
        statuses |= {401, 403}
    if any(parameter["in"] == "path" for parameter in operation.get("parameters", ())):
        statuses.add(404)
    if operation.get("requestBody"):
        statuses.add(413)
    if signed_in or route.dependant.dependencies:
        statuses.add(503)
    return statuses


def _as_problem(status: int, response: dict[str, Any]) -> None:
    """The route's own problem model if it declared one (FastAPI put it under application/json), else
    ``Problem``; always under application/problem+json, the only error type the server sends."""
    content = response.get("content", {})
    schema = next((c["schema"] for c in content.values() if c.get("schema")), None)
    if schema is None or schema.get("$ref", "").endswith("/HTTPValidationError"):
        schema = {"$ref": PROBLEM_REF}
    response["content"] = {PROBLEM_JSON: {"schema": schema}}
    if not response.get("description") or response["description"] in ("Lỗi", "Validation Error"):
        response["description"] = TITLES.get(status, "Lỗi")
    if status in STATUS_HEADERS:
        response["headers"] = STATUS_HEADERS[status] | response.get("headers", {})


def _depends_on(dependant: Dependant, call: Callable) -> bool:
    return any(d.call is call or _depends_on(d, call) for d in dependant.dependencies)


def _binary(node: dict[str, Any]) -> None:
    """An uploaded file: FastAPI writes JSON Schema's ``contentMediaType``; generators want ``format: binary``."""
    if node.get("type") == "string" and node.pop("contentMediaType", None) == "application/octet-stream":
        node["format"] = "binary"


def _dicts(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dicts(value)
