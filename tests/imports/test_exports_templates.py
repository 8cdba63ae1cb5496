"""Exports (CSV and XLSX) and templates over HTTP; a template and a values export import back unchanged."""

from __future__ import annotations

import csv
import io

import openpyxl

from tests.imports.conftest import API, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import rows_for

DEMO_PERIOD = "2026-H1"


def test_ranking_xlsx_has_vietnamese_headers_frozen_row_and_number_formats(admin):
    response = admin.get(f"{API}/exports/{DEMO_PERIOD}/scores", params={"format": "xlsx", "group": "CAX"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.freeze_panes == "A4"
    assert [cell.value for cell in sheet[3]][:6] == [
        "Hạng",
        "Mã đơn vị",
        "Tên đơn vị",
        "Cụm, khối thi đua",
        "Tổng điểm",
        "Xếp loại",
    ]
    ranking = admin.get(f"{API}/scores/{DEMO_PERIOD}", params={"group": "CAX"}).json()["items"]
    assert sheet.max_row - 3 == len(ranking)
    first = ranking[0]
    assert sheet["B4"].value == first["unit"]["code"] and sheet["A4"].value == first["rank"]
    assert round(float(sheet["E4"].value), 2) == round(float(first["total"]), 2)
    assert sheet["E4"].number_format == "#,##0.00"
    assert sheet.column_dimensions["C"].width == 36


def test_ranking_csv_is_utf8_with_bom(admin):
    response = admin.get(f"{API}/exports/{DEMO_PERIOD}/scores", params={"format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Hạng" and len(rows) > 100


def test_explained_export_lists_every_indicator_of_a_unit(admin):
    response = admin.get(f"{API}/exports/{DEMO_PERIOD}/explained", params={"format": "csv", "group": "CAX"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    unit = rows[0]["Mã đơn vị"]
    explained = admin.get(f"{API}/scores/{DEMO_PERIOD}/{unit}").json()["explanation"]["indicators"]
    assert [row["Mã chỉ tiêu"] for row in rows if row["Mã đơn vị"] == unit] == [i["code"] for i in explained]


def test_values_export_imports_back_unchanged(reporter):
    assert upload(reporter, csv_bytes(rows_for())).status_code == 200
    exported = reporter.get(f"{API}/exports/2026-Y/values", params={"format": "csv"})
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 4  # header and the reporter's three values, no other unit's
    report = upload(reporter, exported.content).json()
    assert (report["unchanged"], report["created"], report["updated"], report["rejected"]) == (3, 0, 0, 0)


def test_template_for_a_kind_imports_back_unchanged(admin):
    response = admin.get(f"{API}/imports/templates/{DEMO_PERIOD}", params={"kind": "commune_police"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].endswith('mau-nhap-2026-H1-commune_police.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    filled = sum(
        1
        for row in sheet.iter_rows(min_row=4, min_col=7, max_col=11, values_only=True)
        if any(cell is not None for cell in row)
    )
    assert filled > 100  # the demo's stored values are in the template
    report = upload(admin, response.content, filename="mau.xlsx", dry_run=True).json()
    assert report["rejected"] == 0 and report["created"] == 0 and report["updated"] == 0
    assert report["unchanged"] == filled


def test_reporter_template_holds_only_its_unit(reporter):
    response = reporter.get(f"{API}/imports/templates/2026-Y", params={"kind": "commune_police"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert {row[0] for row in sheet.iter_rows(min_row=4, values_only=True)} == {"CAX-001"}
