"""No 500 on input, on SQLite and on PostgreSQL: numbers beyond the documented maximums or not written
with ASCII digits, absurd dates, control characters in any text, path or query, deeply nested JSON.
Each is refused with a 4xx problem (422 naming the field, or the file's row and column), and the
database is unchanged after each refusal.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.imports.files import csv_bytes
from tests.security.hostile import refused, send_json
from tests.security.support import SUBMISSION, count_indicator, reset_to_draft

IMPORT_HEADER = [
    "Mã đơn vị",
    "Mã kỳ báo cáo",
    "Mã chỉ tiêu",
    "Tử số",
    "Mẫu số",
    "Số lần",
    "Có/Không",
    "Ghi chú",
]
NUMBER_ATTACKS: list[Any] = [2**63, 10**30, -(2**63) - 1, "²", "--5", "１２", "٣", "9" * 5000, True, 1e308,
                             "1e308", "12.5", 12.5, "0x10", " 1 2 ", "1_000", float("inf")]  # fmt: skip
CONTROL = ["a\x00b", "\x00", "a\x07b", "a\x1bb", "a\x7fb", "a\x85b", "a\ud800b"]
DEEP = b"[" * 50_000 + b"]" * 50_000


def raw_json(value: Any) -> bytes:
    """JSON as an attacker may write it: huge integers and 1e308 as numbers, infinity as a bare word."""
    return json.dumps(value).encode()


def test_numbers_in_saves_and_previews_are_bounded_ascii_whole_numbers(target, clients):
    reporter, reviewer = clients("baocao.cax"), clients("reviewer")
    etag = reset_to_draft(reviewer, reporter)
    indicator = count_indicator(reporter)
    for attack in NUMBER_ATTACKS:
        body = raw_json({"values": [{"indicator": indicator, "count": attack}]})
        refused(target, lambda b=body: reporter.put(f"{SUBMISSION}/values", content=b, headers={
            "If-Match": etag, "Content-Type": "application/json"}), ["body", "values", 0, "count"])  # fmt: skip
        refused(target, lambda b=body: reporter.post("/api/v1/scores/2026-H1/CAX-001/preview", content=b,
                headers={"Content-Type": "application/json"}), ["body", "values", 0, "count"])  # fmt: skip
    # A 5,000-digit number written as a JSON number, not a string.
    body = b'{"values": [{"indicator": "%s", "count": %s}]}' % (indicator.encode(), b"9" * 5000)
    refused(target, lambda: reporter.put(f"{SUBMISSION}/values", content=body, headers={
        "If-Match": etag, "Content-Type": "application/json"}), ["body", "values", 0, "count"])  # fmt: skip
    # The documented maximum itself is accepted.
    ok = reporter.put(f"{SUBMISSION}/values", json={"values": [{"indicator": indicator, "count": 1_000_000_000}]},
                      headers={"If-Match": etag})  # fmt: skip
    assert ok.status_code == 200, ok.text


def test_numbers_in_imports_are_refused_by_row_and_column(target, clients):
    reporter = clients("baocao.cax")
    indicator = count_indicator(reporter)
    for attack in [
        "9223372036854775808",
        "1" + "0" * 30,
        "²",
        "--5",
        "１２",
        "٣",
        "9" * 5000,
        "1e308",
        "12.5",
    ]:
        data = csv_bytes([IMPORT_HEADER, ["CAX-001", "2026-Y", indicator, "", "", attack, "", ""]])
        body = refused(target, lambda d=data: reporter.post(
            "/api/v1/imports/values", files={"file": ("so-lieu.csv", d, "text/csv")}))  # fmt: skip
        assert [(p["row"], p["column"]) for p in body["problems"]] == [(2, "Số lần")], (attack, body)
    for bad in ("a\x00b", "\x1b[31m", "a\x85b"):
        data = csv_bytes([IMPORT_HEADER, ["CAX-001", "2026-Y", indicator, "", "", "1", "", bad]])
        body = refused(target, lambda d=data: reporter.post(
            "/api/v1/imports/values", files={"file": ("so-lieu.csv", d, "text/csv")}))  # fmt: skip
        assert [(p["row"], p["column"]) for p in body["problems"]] == [(2, "Ghi chú")], (bad, body)
    admin = clients("admin")
    units = csv_bytes([["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], ["UBX-998", "Phường\x00thử", "commune"]])
    body = refused(target, lambda: admin.post("/api/v1/imports/units", files={
        "file": ("don-vi.csv", units, "text/csv")}))  # fmt: skip
    assert [p["row"] for p in body["problems"]] == [2], body


def test_a_json_import_with_a_list_as_unit_or_deep_nesting_is_refused(target, clients):
    reporter = clients("baocao.cax")
    indicator = count_indicator(reporter)
    rows = [{"unit": ["CAX-001"], "period": "2026-Y", "indicator": indicator, "count": 1}]
    body = refused(target, lambda: reporter.post("/api/v1/imports/values", files={
        "file": ("so-lieu.json", json.dumps(rows).encode(), "application/json")}))  # fmt: skip
    assert body["problems"] and body["problems"][0]["row"] == 1
    for deep in (DEEP, b'[{"count": ' + b"9" * 5000 + b"}]"):
        response = reporter.post("/api/v1/imports/values",
                                 files={"file": ("so-lieu.json", deep, "application/json")})  # fmt: skip
        assert 400 <= response.status_code < 500, response.text[:300]


def test_deeply_nested_json_bodies_are_a_4xx(target, clients):
    reporter, reviewer = clients("baocao.cax"), clients("reviewer")
    etag = reset_to_draft(reviewer, reporter)
    headers = {"Content-Type": "application/json"}
    for send in (
        lambda: reporter.put(f"{SUBMISSION}/values", content=DEEP, headers={**headers, "If-Match": etag}),
        lambda: TestClient(target.app).post("/api/v1/auth/login", content=DEEP, headers=headers),
        lambda: reporter.post(
            "/api/v1/scores/2026-H1/CAX-001/preview", content=b'{"values": ' + DEEP + b"}", headers=headers
        ),
    ):
        before = target.snapshot()
        response = send()
        assert 400 <= response.status_code < 500, response.text[:300]
        assert response.headers["content-type"].startswith("application/problem+json")
        assert target.snapshot() == before


@pytest.mark.parametrize("day", ["9999-01-01", "0001-01-01", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("field", ["start", "end", "due"])
def test_period_dates_are_bounded(target, clients, field, day):
    admin = clients("admin")
    period = {"code": "2031-H1", "name": "Kỳ thử", "kind": "half_year", "start": "2031-01-01",
              "end": "2031-06-30", "due": "2031-07-10", field: day}  # fmt: skip
    refused(target, lambda: admin.post("/api/v1/periods", json=period), ["body", field])
    refused(target, lambda: admin.patch("/api/v1/periods/2026-H1", json={field: day}), ["body", field])


@pytest.mark.parametrize("bad", CONTROL)
def test_control_characters_are_refused_in_bodies_paths_and_queries(target, clients, bad):
    reporter, reviewer, admin = clients("baocao.cax"), clients("reviewer"), clients("admin")
    etag = reset_to_draft(reviewer, reporter)
    indicator = count_indicator(reporter)
    anonymous = TestClient(target.app)
    for payload, loc in (
        ({"username": bad, "password": "x"}, ["body", "username"]),
        ({"username": "admin", "password": bad}, ["body", "password"]),
        ({"username": "admin", "password": "x", bad: 1}, ["body"]),
    ):
        refused(target, lambda p=payload: send_json(anonymous, "POST", "/api/v1/auth/login", p), loc)
    refused(target, lambda: send_json(reporter, "PUT", f"{SUBMISSION}/values", {
        "values": [{"indicator": indicator, "count": 1, "note": bad}]}, **{"If-Match": etag}),
        ["body", "values", 0, "note"])  # fmt: skip
    refused(
        target, lambda: send_json(admin, "PATCH", "/api/v1/units/CAX-001", {"name": bad}), ["body", "name"]
    )
    refused(target, lambda: send_json(admin, "POST", "/api/v1/budget/items", {
        "year": 2026, "unit": "CAX-001", "description": bad, "amount": 1}), ["body", "description"])  # fmt: skip
    refused(target, lambda: send_json(admin, "POST", "/api/v1/periods", {
        "code": "2031-H1", "name": bad, "kind": "half_year", "start": "2031-01-01", "end": "2031-06-30",
        "due": "2031-07-10"}), ["body", "name"])  # fmt: skip
    if "\ud800" in bad:
        return  # a URL travels as UTF-8, where a lone surrogate has no form (it would arrive as U+FFFD)
    in_url = quote(bad, safe="")
    refused(target, lambda: admin.get(f"/api/v1/units?q={in_url}"), ["query", "q"])
    refused(
        target, lambda: admin.get(f"/api/v1/exports/2026-H1/explained?group={in_url}"), ["query", "group"]
    )
    refused(target, lambda: admin.get(f"/api/v1/units/CAX{in_url}"), ["path"])
    refused(target, lambda: admin.get(f"/api/v1/submissions/2026-H1/CAX{in_url}"), ["path"])


def test_huge_integers_in_any_body_or_query_are_refused(target, clients):
    admin = clients("admin")
    for amount in (2**63, 10**30, -(2**64)):
        refused(target, lambda a=amount: send_json(admin, "POST", "/api/v1/budget/items", {
            "year": 2026, "unit": "CAX-001", "description": "Hội nghị", "amount": a}),
            ["body", "amount"])  # fmt: skip
    refused(target, lambda: admin.get("/api/v1/units", params={"page": 10**30}), ["query", "page"])
    refused(target, lambda: admin.get("/api/v1/audit", params={"page": 2**63}), ["query", "page"])


def test_text_with_tabs_and_line_breaks_is_still_accepted(target, clients):
    reporter, reviewer = clients("baocao.cax"), clients("reviewer")
    etag = reset_to_draft(reviewer, reporter)
    indicator = count_indicator(reporter)
    response = reporter.put(f"{SUBMISSION}/values", headers={"If-Match": etag}, json={
        "values": [{"indicator": indicator, "count": 3, "note": "Dòng một\r\nDòng hai\tcột"}]})  # fmt: skip
    assert response.status_code == 200, response.text
