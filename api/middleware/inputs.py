"""A guard on every request's text before any route reads it: what no field of the API may hold is
refused here, once, with a 422 problem naming where it is, instead of a driver error (500) later.

- Control characters (C0 but tab, line feed and carriage return in bodies; DEL; C1), lone surrogates
  and the non-characters U+FFFE/U+FFFF, in the path, the query string (names and values) and every
  string (keys included) of a JSON body. PostgreSQL refuses a NUL in text, and SQLite would store it.
- Integers a database cannot hold: beyond 64 bits in a JSON body (even when longer than Python's
  4,300-digit conversion limit) or in the query string.
- JSON nested deeper than ``MAX_DEPTH`` levels (50,000 brackets would exhaust the parser's recursion).

A JSON body is scanned as bytes first (regular expressions and counts, in C); it is parsed here only
when the scan finds something to look at, so ordinary requests pay a few microseconds. Request bodies are
capped by the body size limit, which runs before this guard.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.domain.text import FORBIDDEN, FORBIDDEN_IN_URL, forbidden_character, message
from api.services.errors import PROBLEM_JSON, problem_bytes

MAX_DEPTH = 32
INT64 = 2**63
FORBIDDEN_IN_BODY = FORBIDDEN  # the rule of api.domain.text, for every text of the application
# What in a JSON body's bytes may decode to one of those, or to a huge integer, or nest deeply.
_SUSPICIOUS = re.compile(
    rb"\\u(?:00[01]|007[fF]|00[89]|[dD][89a-fA-F]|[fF]{3}[eEfF])|\x7f|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]|\d{19,}"
)
_LONG_INTEGER = re.compile(r"-?\d{19,}")
# A query string of these bytes (no escapes, no run of 19 digits) has neither a control character nor a
# huge integer: the polls of other systems are all like that, and skip parsing it here.
_PLAIN_QUERY = re.compile(rb"[A-Za-z0-9._~=&+,:-]*")
_DIGIT_RUN = re.compile(rb"\d{19}")
CONTROL_MESSAGE = message("{code}")
NUMBER_MESSAGE = "Số quá lớn."


class _Huge:
    """An integer of a JSON body beyond 64 bits, kept as its text while the body is checked."""

    __slots__ = ()


_HUGE = _Huge()


def _integer(text: str) -> int | _Huge:
    if len(text.lstrip("-")) > 19:
        return _HUGE
    number = int(text)
    return _HUGE if not -INT64 <= number < INT64 else number


def _shown(loc: list) -> list:
    """A location fit to be written back: a forbidden character in a key is shown as U+FFFD."""
    return [FORBIDDEN_IN_URL.sub("\ufffd", part) if isinstance(part, str) else part for part in loc]


def _control(text: str, pattern: re.Pattern[str]) -> str | None:
    return forbidden_character(text, pattern)


def url_problems(scope: Scope) -> list[dict]:
    problems = []
    code = _control(scope["path"], FORBIDDEN_IN_URL)
    if code:
        problems.append({"loc": ["path"], "message": CONTROL_MESSAGE.format(code=code)})
    query = scope.get("query_string", b"")
    if query and not (_PLAIN_QUERY.fullmatch(query) and not _DIGIT_RUN.search(query)):
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8",
                                     errors="surrogateescape"):  # fmt: skip
            code = _control(name, FORBIDDEN_IN_URL) or _control(value, FORBIDDEN_IN_URL)
            if code:
                problems.append({"loc": ["query", name], "message": CONTROL_MESSAGE.format(code=code)})
            elif _LONG_INTEGER.fullmatch(value.strip()) and isinstance(_integer(value.strip()), _Huge):
                problems.append({"loc": ["query", name], "message": NUMBER_MESSAGE})
    return problems


def body_problems(body: bytes) -> list[dict]:
    """The problems of a JSON body; [] for a clean one and for one that is not valid JSON at all (the
    route's own validation says so)."""
    if not _SUSPICIOUS.search(body) and body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return []
    try:
        document = json.loads(body, parse_int=_integer)
    except RecursionError:
        return [{"loc": ["body"], "message": f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)."}]
    except ValueError:  # not JSON, or not UTF-8: FastAPI answers 422 json_invalid
        return []
    problems: list[dict] = []
    pending: list[tuple[list, Any, int]] = [(["body"], document, 0)]
    while pending and len(problems) < 50:
        loc, node, depth = pending.pop()
        if depth > MAX_DEPTH:
            return [{"loc": ["body"], "message": f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)."}]
        if isinstance(node, str):
            code = _control(node, FORBIDDEN_IN_BODY)
            if code:
                problems.append({"loc": loc, "message": CONTROL_MESSAGE.format(code=code)})
        elif node is _HUGE:
            problems.append({"loc": loc, "message": NUMBER_MESSAGE})
        elif isinstance(node, dict):
            for key, value in node.items():
                code = _control(key, FORBIDDEN_IN_BODY)
                if code:
                    problems.append({"loc": [*loc, key], "message": CONTROL_MESSAGE.format(code=code)})
                pending.append(([*loc, key], value, depth + 1))
        elif isinstance(node, list):
            pending.extend(([*loc, index], value, depth + 1) for index, value in enumerate(node))
    problems.sort(key=lambda problem: [str(part) for part in problem["loc"]])
    return problems


class InputGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problems = url_problems(scope)
        if problems:
            await _refuse(send, problems)
            return
        content_type = dict(scope["headers"]).get(b"content-type", b"")
        if scope["method"] not in ("POST", "PUT", "PATCH", "DELETE") or b"json" not in content_type.lower():
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problems = body_problems(body)
        if problems:
            await _refuse(send, problems)
            return
        await self.app(
            scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send
        )


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def replayed() -> Message:
        return messages.pop(0) if messages else await receive()

    return replayed


async def _refuse(send: Send, errors: list[dict]) -> None:
    errors = [{**error, "loc": _shown(error["loc"])} for error in errors]
    body = problem_bytes(422, "Dữ liệu không hợp lệ", "Có trường dữ liệu không hợp lệ.", errors)
    await send({
        "type": "http.response.start", "status": 422,
        "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
