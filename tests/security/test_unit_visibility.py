"""Object-level access on every route that returns unit data: a reporter (by its session or by its own
``scores:read`` token) sees only its own unit's submissions, values and explained scores, whatever the
route, format or query string.

The ranking is the one documented exception (docs/api.md): every holder of ``scores:read`` sees every
unit's rank, total and tier, in JSON or as a file, and nothing more than those ranking columns.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.services.exports import RANKING_COLUMNS

OWN = "CAX-001"
PERIOD = "2026-H1"

# (path, query) of every route a reporter may call that returns data of units; rankings listed apart.
OWN_UNIT_ROUTES: list[tuple[str, dict]] = [
    *(
        (f"/api/v1/exports/{PERIOD}/explained", {"format": fmt, **extra})
        for fmt in ("csv", "xlsx")
        for extra in ({}, {"group": "CAX"}, {"group": "CAP"})
    ),
    *((f"/api/v1/exports/{PERIOD}/values", {"format": fmt}) for fmt in ("csv", "xlsx")),
    ("/api/v1/exports/2026-Y/values", {"format": "csv"}),
    ("/api/v1/submissions", {}),
    ("/api/v1/submissions", {"period": PERIOD}),
    ("/api/v1/submissions", {"period": PERIOD, "unit": "CAX-002"}),
    ("/api/v1/submissions", {"period": PERIOD, "group": "CAX"}),
    ("/api/v1/submissions", {"period": PERIOD, "status": "draft"}),
    ("/api/v1/submissions", {"period": PERIOD, "status": "submitted", "page_size": 500}),
    (f"/api/v1/submissions/{PERIOD}/CAX-002", {}),
    (f"/api/v1/submissions/{PERIOD}/CAX-002/history", {}),
    (f"/api/v1/scores/{PERIOD}/CAX-002", {}),
    (f"/api/v1/scores/{PERIOD}/{OWN}", {}),
    ("/api/v1/imports/templates/2026-H1", {"kind": "commune_police"}),
    ("/api/v1/inspections", {}),
    ("/api/v1/inspections", {"unit": "CAX-002"}),
    ("/api/v1/models", {}),
    ("/api/v1/models", {"unit": "CAX-002"}),
    ("/api/v1/notifications", {}),
]
RANKING_ROUTES: list[tuple[str, dict]] = [
    (f"/api/v1/exports/{PERIOD}/scores", {"format": "csv"}),
    (f"/api/v1/exports/{PERIOD}/scores", {"format": "xlsx", "group": "CAX"}),
]


@pytest.fixture
def unit_codes(database) -> set[str]:
    with database.connect() as connection:
        return {row[0] for row in connection.execute(text("SELECT code FROM units"))}


@pytest.fixture
def reporter_token_client(app, reporter):
    """A client that presents only the reporter's own ``scores:read`` token (no cookie)."""
    created = reporter.post("/api/v1/tokens", json={"name": "bảng tin", "scopes": ["scores:read"]})
    assert created.status_code == 201, created.text
    with TestClient(app, headers={"Authorization": f"Bearer {created.json()['token']}"}) as client:
        yield client


def strings_of(response) -> list[str]:
    """Every text value the response carries: JSON strings, CSV cells or XLSX cells."""
    media = response.headers.get("content-type", "")
    if "json" in media:
        found: list[str] = []

        def walk(node) -> None:
            if isinstance(node, str):
                found.append(node)
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(json.loads(response.content))
        return found
    if media.startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
        for cell in row if isinstance(cell, str)
    ]  # fmt: skip


def other_units_in(response, unit_codes: set[str]) -> set[str]:
    return {value.strip() for value in strings_of(response)} & (unit_codes - {OWN})


@pytest.mark.parametrize("caller", ["session", "token"])
def test_a_reporter_sees_only_its_own_unit_on_every_route_and_format(
    caller, reporter, reporter_token_client, unit_codes
):
    client = reporter if caller == "session" else reporter_token_client
    answered = 0
    for path, query in OWN_UNIT_ROUTES:
        response = client.get(path, params=query)
        assert response.status_code < 500, (path, query, response.text)
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, (path, query, response.status_code, response.text)
        answered += 1
        leaked = other_units_in(response, unit_codes)
        assert not leaked, f"{path} {query} shows other units to the reporter: {sorted(leaked)[:5]}"
    # The routes are really exercised: the session reaches all but the other unit's single objects, the
    # scores:read token the explained exports and its own unit's explained score (not its inspections:
    # a token reaches only its scopes, and inspections:read is never one).
    assert answered >= (6 if caller == "token" else 18)


def test_the_reporters_explained_export_has_its_own_unit_and_nothing_else(reporter):
    response = reporter.get(f"/api/v1/exports/{PERIOD}/explained", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã đơn vị"
    assert rows[1:], "the reporter's own unit is in its explained export"
    assert {row[0] for row in rows[1:]} == {OWN}


def test_the_ranking_files_show_every_unit_but_only_the_rankings_columns(reporter, unit_codes):
    """Documented: the ranking is public to ``scores:read``, in JSON as in files, with no more detail."""
    for path, query in RANKING_ROUTES:
        response = reporter.get(path, params=query)
        assert response.status_code == 200
        assert other_units_in(response, unit_codes)
        if query["format"] == "csv":
            header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
            header = list(next(sheet.iter_rows(min_row=3, max_row=3, values_only=True)))
        assert header == [column.title for column in RANKING_COLUMNS]


@pytest.mark.parametrize("path", [f"/api/v1/exports/{PERIOD}/explained", f"/api/v1/exports/{PERIOD}/scores"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_unknown_group_is_a_404_naming_the_group_not_a_server_error(reviewer, path, fmt):
    response = reviewer.get(path, params={"format": fmt, "group": "NOPE"})
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "NOPE" in response.json()["detail"]
