"""Reading import files: formats, encodings, delimiters, header search, file-level refusals."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.utils.datetime import to_excel

from api.services.imports import cells
from api.services.imports.columns import VALUE_COLUMNS
from api.services.imports.report import ImportFileError
from api.services.imports.tables import TableFormat, UncomputedFormula, open_table
from tests.imports.files import csv_bytes, xlsx_bytes

HEADER = ["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Tử số", "Mẫu số", "Ghi chú"]
ROWS = [
    ["CAX-PHUNGCONG", "2026-H1", "KL-01", "38", "40", "Đã ký cam kết, Công an xã Phụng Công"],
    ["CAX-PHUNGCONG", "2026-H1", "KL-05", "12", "12", "Hồ sơ đúng hạn"],
]


def read(data: bytes, **options):
    table = open_table(io.BytesIO(data), VALUE_COLUMNS, **options)
    return table, list(table.rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_in_every_encoding_and_delimiter_reads_the_same_text(encoding, delimiter):
    table, rows = read(csv_bytes([HEADER, *ROWS], encoding=encoding, delimiter=delimiter))
    assert table.format is TableFormat.CSV
    assert [number for number, _ in rows] == [2, 3]
    record = rows[0][1]
    assert record["unit"] == "CAX-PHUNGCONG"
    assert cells.plain(record["note"]) == "Đã ký cam kết, Công an xã Phụng Công"
    assert record["numerator"] == "38" and record["denominator"] == "40"
    assert table.columns.title_of("numerator") == "Tử số"


def test_headers_match_english_keys_and_loose_spelling():
    header = ["unit", "PERIOD", "  mã chỉ tiêu (*) ", "count"]
    table, rows = read(csv_bytes([header, ["CAX-1", "2026-H1", "KL-04", "0"]]))
    assert table.columns.fields == ("unit", "period", "indicator", "count")
    assert rows[0][1]["count"] == "0"


def test_blank_lines_are_skipped_but_row_numbers_stay_those_of_the_file():
    _, rows = read(csv_bytes([HEADER, ROWS[0], [], ["", "", ""], ROWS[1]]))
    assert [number for number, _ in rows] == [2, 5]


def test_xlsx_under_title_rows_with_merged_two_row_header():
    header_top = ["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Tỷ lệ", None, "Ghi chú"]
    header_bottom = [None, None, None, "Tử số", "Mẫu số", None]
    data = xlsx_bytes(
        [header_top, header_bottom, ["CAX-1", "2026-H1", "KL-01", 38, 40, None]],
        title_rows=2,
        merges=["A1:F1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"],
    )
    table, rows = read(data)
    assert table.format is TableFormat.XLSX
    assert table.columns.fields == ("unit", "period", "indicator", "numerator", "denominator", "note")
    assert rows == [
        (
            5,
            {
                "unit": "CAX-1",
                "period": "2026-H1",
                "indicator": "KL-01",
                "numerator": 38,
                "denominator": 40,
                "note": None,
            },
        )
    ]
    assert table.columns.cell_of("denominator", 5) == "E5"


def test_xlsx_formulas_without_saved_results_are_flagged_not_read_as_empty():
    data = xlsx_bytes([HEADER, ["CAX-1", "2026-H1", "KL-01", "=20+18", 40, None]])
    _, rows = read(data)
    formula = rows[0][1]["numerator"]
    assert formula == UncomputedFormula("=20+18")
    with pytest.raises(cells.CellError, match="=20\\+18"):
        cells.plain(formula)


def test_xlsx_dates_as_date_cells_and_as_serial_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Ngày thực hiện"])
    sheet.append(["UBND-1", "2026-H1", "SN-01", datetime(2026, 5, 4)])
    sheet.append(["UBND-2", "2026-H1", "SN-01", int(to_excel(datetime(2026, 5, 5)))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _, rows = read(buffer.getvalue())
    assert [cells.day(record["date"]) for _, record in rows] == [date(2026, 5, 4), date(2026, 5, 5)]


def test_json_list_and_wrapped_list():
    items = [{"unit": "CAX-1", "period": "2026-H1", "indicator": "KL-04", "count": 2}]
    for document in (items, {"values": items}):
        table, rows = read(json.dumps(document).encode())
        assert table.format is TableFormat.JSON
        assert rows == [(1, {"unit": "CAX-1", "period": "2026-H1", "indicator": "KL-04", "count": 2})]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "rỗng"),
        (b"  \r\n", "rỗng"),
        (b"%PDF-1.4\n" + b"x" * 200, "không được hỗ trợ"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "không được hỗ trợ"),
        (csv_bytes([["tên", "tuổi"], ["An", "3"]]), "Mã đơn vị"),
        (b'{"values": 3}', "danh sách"),
        (b"[]", "rỗng"),
    ],
)
def test_unreadable_files_are_refused_with_a_vietnamese_reason(data, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        read(data)
    assert caught.value.status == 422


def test_a_file_over_the_limit_is_refused_with_413():
    with pytest.raises(ImportFileError, match="quá lớn") as caught:
        read(csv_bytes([HEADER, *ROWS]), max_bytes=50)
    assert caught.value.status == 413


@pytest.mark.parametrize(
    ("encoding", "bad", "lines"),
    [
        ("utf-16", "\udcff", 3000),  # a lone surrogate, after 3,000 lines of the same chunk
        ("utf-8", "\xff", 300_000),  # 1.5 MB: the byte is in a later chunk
    ],
)
def test_a_forced_encoding_names_the_line_of_the_first_undecodable_character(encoding, bad, lines):
    from api.services.imports.tables import Encoding

    text = "Mã đơn vị,Ghi chú\r\n" + "a,b\r\n" * lines + f"x,{bad}\r\n"
    if encoding == "utf-16":
        raw = text.encode("utf-16-le", "surrogatepass")
    else:
        raw = text[:-4].encode() + b"\xff\r\n"
    with pytest.raises(ImportFileError, match=f"dòng {lines + 2}:"):
        open_table(io.BytesIO(raw), VALUE_COLUMNS, encoding=Encoding(encoding))
