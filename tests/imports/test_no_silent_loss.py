"""Imports never lose data by omission: an absent column or an empty cell keeps what is stored, only the
clear marker clears, and the report counts every data row of the file."""

from __future__ import annotations

import json

import pytest

from tests.imports.conftest import PERIOD, VALUE_HEADER, upload
from tests.imports.files import csv_bytes, xlsx_bytes
from tests.imports.test_values_import import UNIT, rows_for, stored

COUNTS = ("rows", "created", "updated", "unchanged", "rejected", "skipped_empty")
WITHOUT_NOTE = VALUE_HEADER[:-1]


def counts(report: dict) -> tuple[int, ...]:
    assert report["rows"] == sum(report[name] for name in COUNTS[1:]), report
    return tuple(report[name] for name in COUNTS)


def noted() -> list[list[object]]:
    rows = rows_for()
    rows[2][7], rows[3][7] = "Đủ 12 buổi", "Đạt"
    return rows


def seed(reporter) -> None:
    response = upload(reporter, csv_bytes(noted()))
    assert response.status_code == 200, response.text
    assert counts(response.json()) == (3, 3, 0, 0, 0, 0)


def as_file(rows: list[list[object]], kind: str) -> tuple[bytes, str]:
    if kind == "csv":
        return csv_bytes(rows), "so-lieu.csv"
    if kind == "xlsx":
        return xlsx_bytes([[None if cell == "" else cell for cell in row] for row in rows]), "so-lieu.xlsx"
    header, *data = rows
    items = [{key: cell for key, cell in zip(header, row, strict=True) if cell != ""} for row in data]
    return json.dumps(items, ensure_ascii=False).encode(), "so-lieu.json"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_a_file_without_the_note_column_changes_values_and_keeps_every_note(reporter, query, kind):
    seed(reporter)
    rows = [row[:-1] for row in noted()]
    rows[1][3] = 39  # KL-01 numerator 38 -> 39
    data, filename = as_file(rows, kind)
    report = upload(reporter, data, filename=filename).json()
    assert counts(report) == (3, 0, 1, 2, 0, 0)
    assert stored(query) == {
        "KL-01": (39, 40, None, None, "Đã ký cam kết"),
        "KL-04": (None, None, 0, None, "Đủ 12 buổi"),
        "KL-03": (None, None, None, 1, "Đạt"),
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_empty_note_cells_keep_notes_and_the_marker_clears_one(reporter, query, kind):
    seed(reporter)
    rows = rows_for()  # every note cell empty
    rows[1][3] = 39
    rows[3][7] = "[xóa]"
    data, filename = as_file(rows, kind)
    report = upload(reporter, data, filename=filename).json()
    assert counts(report) == (3, 0, 2, 1, 0, 0)
    assert stored(query) == {
        "KL-01": (39, 40, None, None, "Đã ký cam kết"),
        "KL-04": (None, None, 0, None, "Đủ 12 buổi"),
        "KL-03": (None, None, None, 1, None),
    }


def test_empty_measure_cells_keep_the_value_and_a_note_alone_updates_the_note(reporter, query):
    seed(reporter)
    rows = [VALUE_HEADER, [UNIT, PERIOD, "KL-01", "", "", "", "", "Đã ký cam kết, bổ sung"],
            [UNIT, PERIOD, "KL-05", "", "", "", "", "Chưa có số liệu"]]  # fmt: skip
    refused = upload(reporter, csv_bytes(rows))
    assert refused.status_code == 422
    assert [(p["row"], "KL-05" in p["message"]) for p in refused.json()["problems"]] == [(3, True)]
    report = upload(reporter, csv_bytes(rows[:2])).json()
    assert counts(report) == (1, 0, 1, 0, 0, 0)
    assert stored(query)["KL-01"] == (38, 40, None, None, "Đã ký cam kết, bổ sung")


def test_the_marker_in_the_measure_cells_deletes_the_value(reporter, query):
    seed(reporter)
    rows = [VALUE_HEADER, [UNIT, PERIOD, "KL-04", "", "", "[XÓA]", "", ""],
            [UNIT, PERIOD, "KL-05", "", "", "[xoa]", "", ""]]  # fmt: skip
    report = upload(reporter, csv_bytes(rows)).json()
    assert counts(report) == (2, 0, 1, 1, 0, 0)  # KL-05 was never stored: nothing to clear
    assert set(stored(query)) == {"KL-01", "KL-03"}
    mixed = [VALUE_HEADER, [UNIT, PERIOD, "KL-01", "[xóa]", "", "", "", "bổ sung"]]
    refused = upload(reporter, csv_bytes(mixed)).json()
    assert [(p["row"], p["column"]) for p in refused["problems"]] == [(2, "Ghi chú")]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_empty_rows_are_counted_as_skipped(reporter, query, kind):
    rows = noted()
    blank = ["", "", "", "", "", "", "", ""]
    codes_only = [UNIT, PERIOD, "KL-06", "", "", "", "", ""]
    data, filename = as_file([rows[0], rows[1], blank, blank, codes_only, rows[2], blank, rows[3], blank], kind)
    report = upload(reporter, data, filename=filename).json()
    assert counts(report) == (8, 3, 0, 0, 0, 5)
    assert set(stored(query)) == {"KL-01", "KL-03", "KL-04"}
    items = [{"unit": UNIT, "period": PERIOD, "indicator": "KL-04", "count": 2}, {}, {"note": None}]
    report = upload(reporter, json.dumps(items).encode(), filename="so-lieu.json").json()
    assert counts(report) == (3, 0, 1, 0, 0, 2)


def test_a_units_file_without_the_group_column_keeps_groups(admin, query):
    before = query("SELECT code, group_id, parent_id FROM units WHERE code = :c", c=UNIT)
    [(code, group_id, parent_id)] = before
    assert group_id is not None
    name = query("SELECT name FROM units WHERE code = :c", c=UNIT)[0][0]
    data = csv_bytes(
        [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], [code, name + " (mới)", "commune_police"], []]
    )
    report = upload(admin, data, kind="units").json()
    assert counts(report) == (2, 0, 1, 0, 0, 1)
    assert query("SELECT group_id, parent_id FROM units WHERE code = :c", c=UNIT) == [(group_id, parent_id)]


@pytest.mark.parametrize("note", ["Đạt", "Ghi chú"])
def test_a_first_data_row_whose_note_reads_like_a_header_stays_data(reporter, query, note):
    header = ["unit", "period", "indicator", "count", "note"]
    data = csv_bytes([header, [UNIT, PERIOD, "KL-04", 1, note], [UNIT, PERIOD, "KL-06", 0, note]])
    report = upload(reporter, data).json()
    assert counts(report) == (2, 2, 0, 0, 0, 0)
    assert stored(query)["KL-04"][-1] == note
