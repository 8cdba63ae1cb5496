"""Rows per import are capped (`BANHAT_IMPORT_MAX_ROWS`): a file with more data rows is refused whole
with 413 problem+json naming the limit and the file row where it was exceeded, and the database is
exactly as before, even in partial (not all-or-nothing) mode where earlier rows were already written."""

from __future__ import annotations

import pytest

from api.settings import Settings
from tests.imports.conftest import PERIOD, VALUE_HEADER, upload
from tests.imports.files import csv_bytes, xlsx_bytes
from tests.imports.test_directory_import import UNIT_HEADER, USER_HEADER

CAP = 3


@pytest.fixture
def capped(app):
    app.state.settings = app.state.settings.model_copy(update={"import_max_rows": CAP})
    return app


def value_rows(count: int) -> list[list[object]]:
    """Valid rows for CAX-001 (the reporter's unit); the fourth repeats the first (it is never read)."""
    rows = [
        ["CAX-001", PERIOD, "KL-01", 38, 40, "", "", "Đã ký cam kết"],
        ["CAX-001", PERIOD, "KL-04", "", "", 0, "", ""],
        ["CAX-001", PERIOD, "KL-03", "", "", "", "Có", ""],
    ]
    return (rows + rows)[:count]


def assert_refused_at(response, row: int) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "Tệp quá lớn"
    assert f"giới hạn là {CAP} dòng" in body["detail"] and f"dòng {row} của tệp" in body["detail"]
    assert body["errors"] == [{"loc": ["file", row], "message": body["detail"]}]


def test_default_cap_accepts_the_benchmarks_million_rows(monkeypatch):
    assert Settings().import_limits.max_rows == 1_000_000
    monkeypatch.setenv("BANHAT_IMPORT_MAX_ROWS", "250000")
    assert Settings().import_limits.max_rows == 250_000


def test_values_at_the_cap_are_imported(capped, reporter):
    response = upload(reporter, csv_bytes([VALUE_HEADER, *value_rows(CAP)]))
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == CAP


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("all_or_nothing", [True, False])
def test_values_over_the_cap_are_refused_whole(capped, reporter, db_state, fmt, all_or_nothing):
    before = db_state()
    # A blank line is not a data row; the row over the cap is file row 6 (header 1, blank 3).
    rows = [VALUE_HEADER, *value_rows(1), ["", "", "", ""], *value_rows(4)[1:]]
    data = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
    response = upload(reporter, data, filename=f"so-lieu.{fmt}", all_or_nothing=all_or_nothing)
    assert_refused_at(response, 6)
    assert db_state() == before


def test_reading_stops_at_the_first_row_over_the_cap(capped, reporter, db_state):
    """Rows after the cap are not read: their problems are never reported."""
    before = db_state()
    rows = [VALUE_HEADER, *value_rows(CAP), *[["KHONG-CO", PERIOD, "KL-01", 1, 1, "", "", ""]] * 50]
    response = upload(reporter, csv_bytes(rows))
    assert_refused_at(response, CAP + 2)
    assert "problems" not in response.json()
    assert db_state() == before


@pytest.mark.parametrize("all_or_nothing", [True, False])
def test_units_over_the_cap_are_refused_and_earlier_rows_undone(capped, admin, db_state, all_or_nothing):
    before = db_state()
    rows = [
        UNIT_HEADER,
        *[[f"CAX-9{n:02d}", f"Công an xã {n}", "commune_police", "CAT", "CAX"] for n in range(5)],
    ]
    response = upload(admin, csv_bytes(rows), kind="units", all_or_nothing=all_or_nothing)
    assert_refused_at(response, CAP + 2)
    assert db_state() == before
    assert admin.get("/api/v1/units/CAX-900").status_code == 404


def test_users_over_the_cap_are_refused_and_earlier_rows_undone(capped, admin, anonymous, db_state):
    before = db_state()
    rows = [USER_HEADER, *[[f"baocao.moi{n}", f"Người {n}", "leader", "", "MatKhau@2026"] for n in range(4)]]
    response = upload(admin, xlsx_bytes(rows), kind="users", filename="tai-khoan.xlsx", all_or_nothing=False)
    assert_refused_at(response, CAP + 2)
    assert db_state() == before
    login = anonymous.post("/api/v1/auth/login", json={"username": "baocao.moi0", "password": "MatKhau@2026"})
    assert login.status_code == 401
