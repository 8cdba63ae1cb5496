"""Errors raised by use cases, and the one builder of their RFC 9457 problem+json body (Vietnamese
text), used by the app's error handlers, the raw ASGI middleware and the imports' stored answers."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PROBLEM_JSON = "application/problem+json"


def problem_document(status: int, title: str, detail: str | None = None,
                     errors: Sequence[dict[str, Any]] = (), extensions: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The body of every error answer: RFC 9457 fields plus the invalid places in ``errors`` and the
    error's own members (``required_scope`` of a 403)."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, "errors": list(errors),
            **(extensions or {})}


def problem_bytes(status: int, title: str, detail: str | None = None, errors: Sequence[dict[str, Any]] = (),
                  extensions: Mapping[str, Any] | None = None) -> bytes:
    """:func:`problem_document` as UTF-8 JSON, for code that writes a response itself."""
    document = problem_document(status, title, detail, errors, extensions)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class FieldProblem:
    loc: list[str | int]
    message: str


@dataclass
class ServiceError(Exception):
    detail: str
    errors: list[FieldProblem] = field(default_factory=list)
    status = 400
    title = "Yêu cầu không hợp lệ"

    def headers(self) -> dict[str, str]:
        """Response headers that go with this error."""
        return {}

    def extensions(self) -> dict[str, Any]:
        """Members of the problem body beyond RFC 9457's and ``errors``."""
        return {}


class Invalid(ServiceError):
    status = 422
    title = "Dữ liệu không hợp lệ"


class Unauthenticated(ServiceError):
    status = 401
    title = "Chưa đăng nhập"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


@dataclass
class Forbidden(ServiceError):
    required_scope: str | None = None  # the permission (a token's scope) that was missing
    status = 403
    title = "Không có quyền"

    def extensions(self) -> dict[str, Any]:
        return {"required_scope": self.required_scope} if self.required_scope else {}


class NotFound(ServiceError):
    status = 404
    title = "Không tìm thấy"


class Conflict(ServiceError):
    status = 409
    title = "Xung đột trạng thái"


class PreconditionFailed(ServiceError):
    status = 412
    title = "Dữ liệu đã bị thay đổi"


class PreconditionRequired(ServiceError):
    status = 428
    title = "Thiếu điều kiện phiên bản"


class PayloadTooLarge(ServiceError):
    status = 413
    title = "Tệp quá lớn"


class UnsupportedMedia(ServiceError):
    status = 415
    title = "Loại tệp không được hỗ trợ"


@dataclass
class TooManyRequests(ServiceError):
    retry_after: int = 60
    status = 429
    title = "Quá nhiều yêu cầu"

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}
