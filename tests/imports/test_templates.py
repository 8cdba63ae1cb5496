"""The XLSX template is a valid import file carrying the unit's current values."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from api.domain import UnitKind, Value, default_catalog_path, load_catalog, validate_value
from api.services.imports import cells
from api.services.imports.columns import VALUE_COLUMNS
from api.services.imports.tables import open_table
from api.services.templates import TemplateUnit, write_values_template

CATALOG = load_catalog(default_catalog_path())
UNITS = [
    TemplateUnit("CAX-PHUNGCONG", "Công an xã Phụng Công"),
    TemplateUnit("CAX-NGHIATRU", "Công an xã Nghĩa Trụ"),
]


def build(current):
    indicators = CATALOG.for_kind(UnitKind.COMMUNE_POLICE)
    buffer = io.BytesIO()
    write_values_template(
        buffer,
        kind="commune_police",
        period=CATALOG.period("2026-H1"),
        units=UNITS,
        indicators=indicators,
        current=current,
    )
    buffer.seek(0)
    return buffer, indicators


def test_template_reads_back_as_the_values_it_was_made_from():
    current = {
        ("CAX-PHUNGCONG", "KL-01"): Value(numerator=38, denominator=40, note="Đủ quân số"),
        ("CAX-PHUNGCONG", "KL-03"): Value(flag=True),
        ("CAX-NGHIATRU", "KL-04"): Value(count=2),
    }
    buffer, indicators = build(current)
    table = open_table(buffer, VALUE_COLUMNS)
    read_back = {}
    rows = list(table.rows)
    assert len(rows) == len(UNITS) * len(indicators)
    for _, record in rows:
        indicator = CATALOG.indicator(record["indicator"])
        raw = {
            field: cells.plain(record.get(field))
            for field in ("numerator", "denominator", "count", "flag", "note")
        }
        raw["date"] = cells.day(record.get("date"))
        value, errors = validate_value(indicator, raw)
        assert errors == []
        assert record["period"] == "2026-H1"
        if value is not None:
            read_back[(record["unit"], record["indicator"])] = value
    assert read_back == current


def test_template_has_validation_frozen_header_and_plan_wording():
    buffer, indicators = build({})
    sheet = openpyxl.load_workbook(buffer).worksheets[0]
    assert sheet.freeze_panes == "A4"
    assert sheet["A3"].value == "Mã đơn vị"
    assert "Ba nhất" in sheet["A1"].value
    kl01 = CATALOG.indicator("KL-01")
    assert sheet["E4"].value == (kl01.plan_text or kl01.name)
    validations = {
        validation.type: str(validation.sqref) for validation in sheet.data_validations.dataValidation
    }
    last = 3 + len(UNITS) * len(indicators)
    assert validations["list"] == f"J4:J{last}"
    assert validations["whole"] == f"G4:G{last} H4:H{last} I4:I{last}"
    # KL-01 is a ratio: its count cell is greyed, its numerator cell is not.
    assert sheet["I4"].fill.start_color.rgb.endswith("D9D9D9")
    assert sheet["G4"].fill.fill_type is None


def test_date_values_are_written_as_excel_dates():
    code = "SN-01"
    indicators = [CATALOG.indicator(code)]
    buffer = io.BytesIO()
    write_values_template(
        buffer,
        kind="commune",
        period=CATALOG.period("2026-H1"),
        units=[TemplateUnit("UBND-1", "UBND xã A")],
        indicators=indicators,
        current={("UBND-1", code): Value(date=date(2026, 5, 4))},
    )
    buffer.seek(0)
    cell = openpyxl.load_workbook(buffer).worksheets[0]["K4"]
    assert cell.is_date and cell.value.date() == date(2026, 5, 4)
    assert cell.number_format == "dd/mm/yyyy"
