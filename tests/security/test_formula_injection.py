"""No text that reaches a spreadsheet cell is ever a formula (OWASP CSV injection), in every file the API
writes: exports (CSV and XLSX), import templates, the consolidated report and the budget workbook.

Unit names, a group name, notes and a budget line are set to formula payloads behind the API's back (the
writers must be safe whatever the database holds, whichever input rule let the text in); every file is
then read back: no XLSX cell is a formula (data type ``f``) and no text cell, CSV or XLSX, starts with a
formula character, while the payloads are there, behind an apostrophe, and scores are still numbers.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from sqlalchemy import text

from api.domain.spreadsheet import FORMULA_TRIGGERS, inert, typed
from tests.security.support import SUBMISSION, reset_to_draft

PAYLOADS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\uff1dSUM(A1)",  # full-width equals sign
)
UNITS = [f"CAX-00{n}" for n in range(1, 9)]
# A CSV cell may start with "-" only if it is a number the writer put there (a negative score).
NUMBER = re.compile(r"-\d+(\.\d+)?")
CSV_FILES = [
    ("/api/v1/exports/2026-H1/scores", {"format": "csv"}),
    ("/api/v1/exports/2026-H1/explained", {"format": "csv"}),
    ("/api/v1/exports/2026-H1/values", {"format": "csv"}),
]
XLSX_FILES = [
    ("/api/v1/exports/2026-H1/scores", {"format": "xlsx"}),
    ("/api/v1/exports/2026-H1/explained", {"format": "xlsx"}),
    ("/api/v1/exports/2026-H1/values", {"format": "xlsx"}),
    ("/api/v1/imports/templates/2026-H1", {"kind": "commune_police"}),
    ("/api/v1/reports/2026-H1/report.xlsx", {}),
    ("/api/v1/budget/export.xlsx", {"year": 2026}),
]


@pytest.fixture
def poisoned(database, admin, reviewer, reporter):
    """Formula payloads as unit names, a group name, every note of CAX-001's report (stripped, as the API
    stores notes) and a budget line returned by Sở Tài chính with a reason."""
    reset_to_draft(reviewer, reporter)
    assert admin.post("/api/v1/budget/items", json={
        "year": 2026, "unit": "CAX-001", "description": "Hội nghị", "amount": 5000000,
    }).status_code == 201  # fmt: skip
    with database.begin() as connection:
        for code, payload in zip(UNITS, PAYLOADS, strict=True):
            connection.execute(
                text("UPDATE units SET name = :name WHERE code = :code"), {"name": payload, "code": code}
            )
        connection.execute(
            text("UPDATE emulation_groups SET name = :name WHERE code = 'CAX'"), {"name": PAYLOADS[1]}
        )
        connection.execute(text("UPDATE budget_items SET description = :d, status = 'returned', return_reason = :r"),
                           {"d": PAYLOADS[0], "r": PAYLOADS[1]})  # fmt: skip
        ids = [row[0] for row in connection.execute(text(
            "SELECT v.id FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
            "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
            "WHERE u.code = 'CAX-001' AND p.code = '2026-H1' ORDER BY v.id"
        ))]  # fmt: skip
        assert len(ids) >= len(PAYLOADS)
        for index, value_id in enumerate(ids):
            connection.execute(text("UPDATE submission_values SET note = :note WHERE id = :id"),
                               {"note": PAYLOADS[index % len(PAYLOADS)].strip(), "id": value_id})  # fmt: skip


def starts_like_a_formula(value: str) -> bool:
    return bool(value) and value[0] in FORMULA_TRIGGERS


@pytest.mark.parametrize(("path", "query"), XLSX_FILES)
def test_no_xlsx_cell_is_a_formula(poisoned, admin, path, query):
    response = admin.get(path, params=query)
    assert response.status_code == 200, response.text
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    texts, numbers = [], []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (
                    f"{path}: {sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                )
                if isinstance(cell.value, str):
                    assert not starts_like_a_formula(cell.value), (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
                elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    numbers.append(cell.value)
    # The payloads did reach the file, made inert; and numbers stayed numbers.
    assert {inert(p) for p in PAYLOADS} & set(texts), f"{path}: no payload in the file"
    assert numbers, f"{path}: numbers written as text"


@pytest.mark.parametrize(("path", "query"), CSV_FILES)
def test_no_csv_cell_starts_like_a_formula(poisoned, admin, path, query):
    response = admin.get(path, params=query)
    assert response.status_code == 200, response.text
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    for cell in cells:
        assert not starts_like_a_formula(cell) or NUMBER.fullmatch(cell), f"{path}: {cell!r}"
    assert {inert(p) for p in PAYLOADS} & set(cells), f"{path}: no payload in the file"


def test_scores_stay_numbers_in_the_ranking_workbook(poisoned, admin):
    response = admin.get("/api/v1/exports/2026-H1/scores", params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[3]]
    totals = [row[header.index("Tổng điểm")] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert totals and all(isinstance(total, int | float) for total in totals if total is not None)
    ranks = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert all(isinstance(rank, int) for rank in ranks if rank is not None)


def test_an_exported_formula_like_note_imports_back_as_it_was(poisoned, reporter, database):
    """The apostrophe is for spreadsheets only: the values export imported back changes nothing."""
    exported = reporter.get("/api/v1/exports/2026-H1/values", params={"format": "csv"})
    response = reporter.post(
        "/api/v1/imports/values", files={"file": ("so-lieu.csv", exported.content, "text/csv")}
    )
    assert response.status_code == 200, response.text
    assert response.json()["updated"] == 0
    with database.connect() as connection:
        notes = {row[0] for row in connection.execute(text(
            "SELECT v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
            "JOIN units u ON u.id = s.unit_id WHERE u.code = 'CAX-001'"
        ))}  # fmt: skip
    assert {p.strip() for p in PAYLOADS} <= notes
    assert reporter.get(SUBMISSION).status_code == 200


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_rule_and_its_inverse(payload):
    assert inert(payload) == "'" + payload
    assert typed(inert(payload)) == payload
    for safe in ("Công an phường", "12/20", "", "'quoted", 12, -3.5, None):
        assert inert(safe) == safe
