"""Numbers written the Vietnamese way: a ";" CSV from a Vietnamese-locale Excel reads "1.234" as 1234 and
"38,0" as 38; a number that two conventions read differently is refused by row and column, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.services.imports import cells
from tests.imports.conftest import PERIOD, VALUE_HEADER, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import UNIT, stored


@pytest.mark.parametrize(
    ("text", "decimal_comma", "read"),
    [
        ("1,5", True, Decimal("1.5")),
        ("1,5", False, Decimal("1.5")),  # only a decimal comma reads it
        ("38,0", True, 38),
        ("1.234", True, 1234),
        ("1.234.567", False, 1234567),
        ("1,234,567", False, 1234567),
        ("1.234,5", False, Decimal("1234.5")),
        ("12", False, "12"),
        ("1e3", True, "1e3"),  # not a number with separators: the domain refuses it
    ],
)
def test_numbers_with_separators_are_read_when_only_one_reading_exists(text, decimal_comma, read):
    assert cells.number(text, decimal_comma=decimal_comma) == read


@pytest.mark.parametrize(("text", "decimal_comma"), [("1.234", False), ("1,234", False), ("1,234", True)])
def test_numbers_two_conventions_read_differently_are_refused(text, decimal_comma):
    with pytest.raises(cells.CellError, match="không rõ nghĩa"):
        cells.number(text, decimal_comma=decimal_comma)


def test_a_vietnamese_excel_csv_with_semicolons_and_decimal_commas(reporter, query, db_state):
    rows = [
        VALUE_HEADER,
        [UNIT, PERIOD, "KL-01", "1.200", "1.500,0", "", "", "Số liệu quý"],
        [UNIT, PERIOD, "KL-04", "", "", "38,0", "", ""],
        [UNIT, PERIOD, "KL-03", "", "", "", "Có", "Đạt"],
    ]
    data = csv_bytes(rows, encoding="cp1258", delimiter=";")  # Excel's "CSV" on Vietnamese Windows
    response = upload(reporter, data)
    assert response.status_code == 200, response.text
    assert stored(query) == {
        "KL-01": (1200, 1500, None, None, "Số liệu quý"),
        "KL-04": (None, None, 38, None, None),
        "KL-03": (None, None, None, 1, "Đạt"),
    }
    before = db_state()
    halves = [VALUE_HEADER, [UNIT, PERIOD, "KL-04", "", "", "1,5", "", ""],
              [UNIT, PERIOD, "KL-06", "", "", "2,000", "", ""]]  # fmt: skip
    refused = upload(reporter, csv_bytes(halves, delimiter=";"))
    assert refused.status_code == 422
    problems = [(p["row"], p["column"], p["cell"]) for p in refused.json()["problems"]]
    assert problems == [(2, "Số lần", "F2"), (3, "Số lần", "F3")]
    assert "số nguyên" in refused.json()["problems"][0]["message"]
    assert "không rõ nghĩa" in refused.json()["problems"][1]["message"]
    assert db_state() == before


def test_a_comma_csv_refuses_a_thousands_separator_it_cannot_tell_from_a_decimal_point(reporter, db_state):
    before = db_state()
    rows = [VALUE_HEADER, [UNIT, PERIOD, "KL-01", "1.000", "1.200", "", "", ""]]
    refused = upload(reporter, csv_bytes(rows))
    assert refused.status_code == 422
    problems = [(p["row"], p["column"], p["cell"]) for p in refused.json()["problems"]]
    assert problems == [(2, "Tử số", "D2"), (2, "Mẫu số", "E2")]
    assert db_state() == before
    rows[1][3:5] = ["1,000,000", "1.000.000"]  # each read one way only
    assert upload(reporter, csv_bytes(rows)).json()["created"] == 1
