"""Property-based fuzzing with the values that broke the API before (issue 19), beyond the schema-driven
fuzzing of ``test_fuzz_openapi.py`` (which found none of them): huge integers, 1e308, "²", "--5",
5,000 digits, NUL and other control characters, lists and objects where scalars are expected, deep
nesting, year 9999 and 0001 dates, full-width and Arabic-Indic digits, ``true``.

Hypothesis puts one such value in one place of a valid request: a field of the JSON body (at any depth)
or a path parameter of every write operation of the authorization matrix, sent by a caller it allows;
or a cell of a one-row values, units or users import in CSV, XLSX or JSON. Every answer is below 500,
every refusal a problem+json that leaves the database unchanged. SQLite gets the larger profile,
PostgreSQL a smaller one; derandomised, no deadline, about 20 s in all.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.imports.files import csv_bytes, xlsx_bytes
from tests.security.hostile import Target
from tests.security.matrix import MATRIX, allowed_callers
from tests.security.support import SUBMISSION, count_indicator, reset_to_draft

# JSON that json.dumps cannot write: put in as a string marker, replaced in the encoded bytes.
RAW = {"<5000 digits>": b"9" * 5000, "<deep>": b"[" * 40 + b"]" * 40, "<-5000 digits>": b"-" + b"1" * 5000}
HOSTILE: list[Any] = [
    2**63, -(2**63) - 1, 10**30, 2**64 + 1, 1e308, -1e308, float("inf"), float("nan"), True, False, None,
    "²", "--5", "１２", "٣", "٣٤", "9" * 5000, "1e308", "12.5", "0x10", " 1 2 ", "1_000", "", " ",
    "a\x00b", "\x00", "\x1b[31m", "a\x07b", "a\x7fb", "a\x85b", "\u202e", "9999-12-31", "0001-01-01",
    "31/12/9999", [], [1], ["a"], {}, {"a": 1}, [[[[1]]]], *RAW,
]  # fmt: skip
hostile = st.sampled_from(HOSTILE) | st.integers(min_value=2**63) | st.integers(max_value=-(2**63) - 1) | st.text(
    alphabet=st.characters(max_codepoint=0x9F) | st.sampled_from("²³¹１２３٣۴߁०\u202e\u2067\ufeff"), max_size=8
)
CALLER_ORDER = ("admin", "reviewer", "reporter", "home_affairs", "leader", "api_client")
ACCOUNTS = {"admin": "admin", "reviewer": "reviewer", "reporter": "baocao.cax", "home_affairs": "noivu",
            "leader": "leader", "api_client": "hethong"}  # fmt: skip
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Richer bodies than the matrix's (which only need to pass authorization).
BODIES = {
    "PUT /api/v1/submissions/{period}/{unit}/values": lambda indicator: {
        "values": [{"indicator": indicator, "count": 1, "note": "Ghi chú"}]},
    "POST /api/v1/scores/{period}/{unit}/preview": lambda indicator: {
        "values": [{"indicator": indicator, "count": 1, "note": "Ghi chú"}]},
}  # fmt: skip
# Sign-out ends the session the other examples use; a refused sign-in records the failure on purpose.
SKIPPED = {"POST /api/v1/auth/logout"}
RECORDS_REFUSALS = {"POST /api/v1/auth/login"}
IMPORTS = {
    "values": ("reporter", ["unit", "period", "indicator", "count", "note"], ["CAX-001", "2026-Y", None, 1, "x"]),
    "units": ("admin", ["code", "name", "kind", "parent"], ["UBX-990", "Phường thử", "commune", "CAX-001"]),
    "users": ("admin", ["username", "full_name", "role", "unit", "password"],
              ["nguoi.thu", "Người thử", "leader", "", "MatKhau@2026"]),
}  # fmt: skip


def _encoded(document: Any) -> bytes:
    body = json.dumps(document, ensure_ascii=True).encode()
    for marker, raw in RAW.items():
        body = body.replace(json.dumps(marker).encode(), raw)
    return body


def _places(node: Any, where: tuple = ()) -> list[tuple]:
    """Every place of a JSON document a value can be put: each key and list item, at any depth."""
    places = [where] if where else []
    if isinstance(node, dict):
        for key, value in node.items():
            places += _places(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _places(value, (*where, index))
    return places


def _put(document: Any, where: tuple, value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    return copy


def _write_operations() -> list[tuple[str, dict, str]]:
    """(operation, matrix row, caller) for each write operation, sent by the first caller it allows."""
    found = []
    for operation, row in sorted(MATRIX["operations"].items()):
        if operation.split(" ")[0] not in WRITE_METHODS or "file" in row or operation in SKIPPED:
            continue
        allowed = allowed_callers(row)
        caller = next((c for c in CALLER_ORDER if c in allowed), None)
        if caller is not None:
            found.append((operation, row, caller))
    return found


def _check(target: Target, operation: str, send) -> None:
    before = target.snapshot()
    response = send()
    assert response.status_code < 500, (operation, response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), (operation, response.text[:200])
        if operation not in RECORDS_REFUSALS:
            assert target.snapshot() == before, (operation, response.status_code, response.text[:300])


def _fuzz(target: Target, examples: int) -> None:
    signed_in: dict[str, Any] = {}

    def clients(role: str):
        if role not in signed_in:
            signed_in[role] = target.login(ACCOUNTS[role])
        return signed_in[role]

    reporter = clients("reporter")
    reset_to_draft(clients("reviewer"), reporter)
    indicator = count_indicator(reporter)
    operations = _write_operations()

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.data())
    def write_routes(data):
        operation, row, caller = data.draw(st.sampled_from(operations), label="operation")
        method, template = operation.split(" ", 1)
        path_values = {**MATRIX["params"], **row.get("params", {})}
        body = BODIES[operation](indicator) if operation in BODIES else row.get("json")
        names = [name for name in path_values if "{" + name + "}" in template]
        places = [("path", name) for name in names] + [("body", *place) for place in _places(body or {})]
        if body is not None:
            places.append(("body",))  # the whole body
        if not places:
            return
        place = data.draw(st.sampled_from(places), label="place")
        value = data.draw(hostile, label="value")
        if place[0] == "path":
            path_values = {**path_values, place[1]: quote(str(value), safe="")}
        elif len(place) == 1:
            body = value
        else:
            body = _put(body, place[1:], value)
        client = clients(caller)
        headers = {"Content-Type": "application/json"}
        if template.endswith("/values") and method == "PUT":
            headers["If-Match"] = client.get(SUBMISSION).headers.get("etag", '"0"')
        url = template.format(**path_values)
        content = _encoded(body) if body is not None else None
        _check(target, operation, lambda: client.request(method, url, content=content, headers=headers))

    @settings(max_examples=max(examples * 2 // 3, 5), deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.sampled_from(sorted(IMPORTS)), st.sampled_from(["csv", "xlsx", "json"]), st.data())
    def imports(kind, file_format, data):
        caller, header, row = IMPORTS[kind]
        row = [indicator if cell is None else cell for cell in row]
        column = data.draw(st.integers(0, len(row) - 1), label="column")
        row[column] = data.draw(hostile, label="value")
        if file_format == "csv":
            cells = [cell if isinstance(cell, str) else json.dumps(cell) for cell in row]
            content = csv_bytes([header, cells])
        elif file_format == "xlsx":
            try:
                content = xlsx_bytes([header, [c if isinstance(c, str | int | float) else json.dumps(c) for c in row]])
            except IllegalCharacterError:  # openpyxl writes no control characters: no such file can exist
                return
        else:
            content = _encoded([dict(zip(header, row, strict=True))])
        files = {"file": (f"tep.{file_format}", content, "application/octet-stream")}
        _check(target, f"POST /api/v1/imports/{kind}", lambda: clients(caller).post(f"/api/v1/imports/{kind}",
                                                                                    files=files))  # fmt: skip

    write_routes()
    imports()


def test_hostile_values_in_every_write_route_and_import_format_sqlite(app, sqlite_url):
    _fuzz(Target(app, sqlite_url), examples=50)


@pytest.mark.postgres
def test_hostile_values_in_every_write_route_and_import_format_postgres(postgres_target):
    _fuzz(postgres_target, examples=15)
