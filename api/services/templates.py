"""XLSX templates for entering a period's values offline, one per unit kind and period.

A template is itself a valid import file: the same header names as `VALUE_COLUMNS`, one row per unit
and applicable indicator, the unit's current values filled in. Importing it back unchanged reports
every value as unchanged. Extra columns (unit name, the plan's wording, the rule) help the person
typing and are ignored on import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from api.db.repositories import catalog as catalog_repo
from api.db.repositories import value_imports
from api.domain import Indicator, Period, UnitKind, Value
from api.domain.indicators import UNIT_KIND_LABELS
from api.domain.values import MEASURE_FIELDS
from api.services.access import Principal
from api.services.catalog import domain_period, scoring_context
from api.services.errors import Invalid, NotFound
from api.services.exports import DATE_FORMAT, Column, Sheet, write_xlsx
from api.services.imports.columns import VALUE_COLUMNS

NOT_USED_FILL = PatternFill("solid", start_color="D9D9D9")
FLAG_CHOICES = ("Có", "Không")
KIND_LABELS: dict[str, str] = {kind.value: label for kind, label in UNIT_KIND_LABELS.items()}

_TITLES = {spec.field: spec.title for spec in VALUE_COLUMNS.specs}
# Layout: identification, help for the person typing, then the measure's fields and the note.
_LAYOUT: tuple[tuple[str, Column], ...] = (
    ("unit", Column(_TITLES["unit"], 18)),
    ("unit_name", Column("Tên đơn vị", 30)),
    ("period", Column(_TITLES["period"], 14)),
    ("indicator", Column(_TITLES["indicator"], 12)),
    ("plan_text", Column("Nội dung chỉ tiêu (theo Kế hoạch)", 60, wrap=True)),
    ("rule", Column("Yêu cầu", 26, wrap=True)),
    ("numerator", Column(_TITLES["numerator"], 10, "0")),
    ("denominator", Column(_TITLES["denominator"], 10, "0")),
    ("count", Column(_TITLES["count"], 10, "0")),
    ("flag", Column(_TITLES["flag"], 11)),
    ("date", Column(_TITLES["date"], 14, DATE_FORMAT)),
    ("note", Column(_TITLES["note"], 40, wrap=True)),
)
FIELDS = tuple(field for field, _ in _LAYOUT)
MEASURE_COLUMNS = frozenset(("numerator", "denominator", "count", "flag", "date"))


@dataclass(frozen=True, slots=True)
class TemplateUnit:
    code: str
    name: str


def template_filename(kind: str, period_code: str) -> str:
    return f"mau-nhap-{period_code}-{kind}.xlsx"


def write_values_template(
    target: BinaryIO,
    *,
    kind: str,
    period: Period,
    units: Sequence[TemplateUnit],
    indicators: Sequence[Indicator],
    current: Mapping[tuple[str, str], Value],
) -> None:
    """Write the template of `kind` units for `period`; `current` maps (unit, indicator) codes to the
    stored value. `indicators` are those that apply to the kind, in catalog order."""
    rows = list(_rows(period, units, indicators, current))
    measures = [indicator.measure for _ in units for indicator in indicators]

    def grey_unused(cell: WriteOnlyCell, row_index: int, column_index: int) -> None:
        field = FIELDS[column_index]
        if field in MEASURE_COLUMNS and field not in MEASURE_FIELDS[measures[row_index]]:
            cell.fill = NOT_USED_FILL

    data = Sheet(
        name="Nhập số liệu",
        columns=[column for _, column in _LAYOUT],
        rows=rows,
        title=f"Mẫu nhập số liệu phong trào thi đua “Ba nhất” - {period.name} - {KIND_LABELS.get(kind, kind)}",
        prepare=lambda worksheet, header_row: _add_validation(worksheet, header_row, len(rows)),
        style_cell=grey_unused,
    )
    guide = Sheet(
        name="Hướng dẫn",
        columns=[Column("Hướng dẫn", 110, wrap=True)],
        rows=[[line] for line in _guide(period)],
    )
    write_xlsx(target, [data, guide])


def _rows(
    period: Period,
    units: Sequence[TemplateUnit],
    indicators: Sequence[Indicator],
    current: Mapping[tuple[str, str], Value],
) -> Iterator[list[object]]:
    for unit in units:
        for indicator in indicators:
            value = current.get((unit.code, indicator.code))
            yield [
                unit.code,
                unit.name,
                period.code,
                indicator.code,
                indicator.plan_text or indicator.name,
                indicator.rule.text + (" (chỉ tiêu phủ quyết)" if indicator.veto else ""),
                value.numerator if value else None,
                value.denominator if value else None,
                value.count if value else None,
                _flag_text(value.flag) if value else None,
                value.date if value else None,
                (value.note or None) if value else None,
            ]


def _flag_text(flag: bool | None) -> str | None:
    return None if flag is None else FLAG_CHOICES[0] if flag else FLAG_CHOICES[1]


def _add_validation(worksheet: WriteOnlyWorksheet, header_row: int, row_count: int) -> None:
    first, last = header_row + 1, header_row + max(row_count, 1)

    def column_range(field: str) -> str:
        letter = get_column_letter(FIELDS.index(field) + 1)
        return f"{letter}{first}:{letter}{last}"

    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Nhập số nguyên không âm.",
    )
    for field in ("numerator", "denominator", "count"):
        whole.add(column_range(field))
    flag = DataValidation(
        type="list",
        formula1='"' + ",".join(FLAG_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Chọn Có hoặc Không.",
    )
    flag.add(column_range("flag"))
    day = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày không hợp lệ",
        error="Nhập ngày theo dạng dd/mm/yyyy.",
    )
    day.add(column_range("date"))
    for validation in (whole, flag, day):
        worksheet.data_validations.append(validation)


def _guide(period: Period) -> list[str]:
    return [
        (
            f"Kỳ báo cáo: {period.name} ({period.code}), số liệu từ {period.start:%d/%m/%Y} "
            f"đến {period.end:%d/%m/%Y}, hạn gửi {period.due:%d/%m/%Y}."
        ),
        (
            "Mỗi dòng là một chỉ tiêu của một đơn vị. Chỉ nhập vào các ô trắng của cột "
            "Tử số, Mẫu số, Số lần, Có/Không, Ngày thực hiện và Ghi chú; ô màu xám không dùng cho chỉ tiêu đó."
        ),
        (
            "Tỷ lệ: Tử số là số đạt yêu cầu, Mẫu số là tổng số (Tử số không lớn hơn Mẫu số). "
            "Mẫu số bằng 0 nghĩa là không phát sinh, chỉ tiêu không tính điểm."
        ),
        "Số lần: số nguyên không âm. Có/Không: chọn trong danh sách. Ngày: dd/mm/yyyy.",
        (
            "Không sửa các cột Mã đơn vị, Mã kỳ báo cáo, Mã chỉ tiêu. Dòng để trống được bỏ qua, "
            "không xóa số liệu đã có."
        ),
        "Nhập tệp tại trang Nhập số liệu hoặc bằng lệnh: banhat import values <tệp>.",
    ]


def values_template(
    session: Session, principal: Principal, period_code: str, kind: str, target: BinaryIO
) -> str:
    """Write the template of `kind` units for a period with their stored values; a reporter gets
    only its own unit. Returns the file name."""
    principal.require("submissions:read")
    period = catalog_repo.period_by_code(session, period_code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo «{period_code}».")
    try:
        unit_kind = UnitKind(kind)
    except ValueError as error:
        raise Invalid(f"Loại đơn vị «{kind}» không hợp lệ.") from error
    catalog, _context = scoring_context(session, period)
    units = [
        unit for unit in value_imports.units_of_kind(session, unit_kind.value) if principal.sees_unit(unit.id)
    ]
    stored = value_imports.values_of_period(session, period.id, [unit.id for unit in units])
    current = {
        (unit_code, indicator_code): Value(
            numerator=numerator, denominator=denominator, count=count, flag=flag, date=day, note=note or ""
        )
        for unit_code, indicator_code, numerator, denominator, count, flag, day, note in stored
    }
    write_values_template(
        target,
        kind=unit_kind.value,
        period=domain_period(period),
        units=[TemplateUnit(unit.code, unit.name) for unit in units],
        indicators=catalog.for_kind(unit_kind),
        current=current,
    )
    return template_filename(unit_kind.value, period.code)
