"""CSV text encodings, decided on the whole file among those Vietnamese offices produce; text stored as NFC,
exactly; an undecidable file is refused naming the encodings tried, and the `encoding` parameter decides."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from sqlalchemy.orm import Session

from tests.imports.conftest import PERIOD, upload
from tests.imports.files import csv_bytes, to_cp1258
from tests.imports.test_values_import import UNIT, stored

ENGLISH_HEADER = ["unit", "period", "indicator", "numerator", "denominator", "count", "flag", "note"]


def test_a_one_row_windows_1258_csv_with_english_headers_stores_nfc_notes_exactly(reporter, query):
    note = "Đạt, Tốt: Công an xã Phụng Công"
    data = csv_bytes([ENGLISH_HEADER, [UNIT, PERIOD, "KL-03", "", "", "", "Có", note]], encoding="cp1258")
    assert "\u0301".encode("cp1258") in data and "\u0323".encode("cp1258") in data  # combining tone marks
    response = upload(reporter, data)
    assert response.status_code == 200, response.text
    assert stored(query)["KL-03"] == (None, None, None, 1, note)
    assert unicodedata.is_normalized("NFC", stored(query)["KL-03"][-1])


def long_file(database) -> list[list[object]]:
    """4,000 valid rows (units x their indicators in 2026-Y, then 2027-Y), ASCII only."""
    from api.db.repositories import catalog as catalog_repo
    from api.db.repositories import value_imports
    from api.domain import UnitKind
    from api.services.catalog import scoring_context

    rows = []
    with Session(database) as session:
        units = sorted(value_imports.unit_index(session), key=lambda unit: unit[1])
        for period in (PERIOD, "2027-Y"):
            cells = {"ratio": ("1", "1", "", "", ""), "count": ("", "", "1", "", ""),
                     "flag": ("", "", "", "Co", ""), "date": ("", "", "", "", f"15/06/{period[:4]}")}  # fmt: skip
            catalog, _context = scoring_context(session, catalog_repo.period_by_code(session, period))
            for _id, code, kind, _group in units:
                for indicator in catalog.indicators:
                    if indicator.applies(UnitKind(kind)):
                        rows.append([code, period, indicator.code, *cells[indicator.measure.value], ""])
    assert len(rows) >= 4000
    return [[*ENGLISH_HEADER[:-1], "date", "note"], *rows[:4000]]


def test_a_long_windows_1258_csv_whose_only_accent_is_on_its_last_line(admin, query, database):
    rows = long_file(database)
    rows[-1][-1] = "Tốt"
    data = csv_bytes(rows, encoding="cp1258")
    assert data[:-20].isascii() and not data.isascii() and len(data) > 64 * 1024
    wrong = upload(admin, data, encoding="utf-8")
    assert wrong.status_code == 422
    assert "dòng 4001" in wrong.json()["detail"] and "UTF-8" in wrong.json()["detail"]
    response = upload(admin, data)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["rows"], report["created"], report["rejected"]) == (4000, 4000, 0)
    unit, period, indicator = rows[-1][:3]
    assert query(
        "SELECT v.note FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN units u ON u.id = s.unit_id WHERE u.code = :u AND v.indicator_code = :i "
        "AND s.period_id = (SELECT id FROM periods WHERE code = :p)",
        u=unit, i=indicator, p=period,
    ) == [("Tốt",)]  # fmt: skip


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_a_utf_16_file_with_its_byte_order_mark(reporter, query, bom):
    note = "Hồ sơ đầy đủ, đúng hạn"
    text = csv_bytes([ENGLISH_HEADER, [UNIT, PERIOD, "KL-04", "", "", 3, "", note]], delimiter="\t").decode()
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    response = upload(reporter, bom + text.encode(codec))
    assert response.status_code == 200, response.text
    assert stored(query)["KL-04"] == (None, None, 3, None, note)


def test_an_undecidable_file_is_refused_naming_the_encodings_and_the_parameter_decides(
    reporter, query, db_state
):
    note = "Đạt yêu cầu"
    rows = [ENGLISH_HEADER, [UNIT, PERIOD, "KL-04", "", "", 2, "", note]]
    data = (
        csv_bytes(rows, delimiter="\t").decode().encode("utf-16-le")
    )  # Excel's "Unicode text" without its mark
    before = db_state()
    refused = upload(reporter, data)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    detail = refused.json()["detail"]
    for named in ("UTF-8", "Windows-1258", "encoding", "utf-16", "cp1258", "dòng 1"):
        assert named in detail, detail
    assert db_state() == before
    response = upload(reporter, data, encoding="utf-16")
    assert response.status_code == 200, response.text
    assert stored(query)["KL-04"] == (None, None, 2, None, note)


@pytest.mark.parametrize(
    ("text", "encoding"), [("关东地区报告", "gbk"), ("台北報告書", "big5"), ("Crème brûlée", "cp1252")]
)
def test_a_file_that_is_not_vietnamese_is_not_read_as_windows_1258(reporter, db_state, text, encoding):
    data = csv_bytes([ENGLISH_HEADER, [UNIT, PERIOD, "KL-04", "", "", 2, "", text]]).decode().encode(encoding)
    before = db_state()
    refused = upload(reporter, data)
    assert refused.status_code == 422, refused.text
    assert "Windows-1258 (dòng 2:" in refused.json()["detail"]
    assert db_state() == before


def test_a_forced_encoding_must_decode_the_whole_file(reporter, db_state):
    data = to_cp1258(",".join(ENGLISH_HEADER) + "\r\n" + f"{UNIT},{PERIOD},KL-04,,,2,,ok\r\n") + b"\x81\r\n"
    before = db_state()
    refused = upload(reporter, data, encoding="cp1258")
    assert refused.status_code == 422
    assert "Windows-1258" in refused.json()["detail"] and "dòng 3" in refused.json()["detail"]
    assert db_state() == before
