"""Write tables as CSV or XLSX for people: Vietnamese headers, frozen header row, column widths and
number formats. Rows are streamed (openpyxl write-only mode), so a national ranking of 10,000 units
does not sit in memory as cell objects.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DATE_FORMAT = "dd/mm/yyyy"
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
HEADER_FILL = PatternFill("solid", start_color="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        if self is ExportFormat.CSV:
            return "text/csv; charset=utf-8"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float = 14
    number_format: str | None = None
    wrap: bool = False


@dataclass
class Sheet:
    """One worksheet: an optional title line above the header, then the header, then the rows."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    title: str | None = None
    # Called once with the worksheet before rows are written (data validation, merged cells, ...).
    prepare: Callable[[WriteOnlyWorksheet, int], None] | None = field(default=None)
    # Styles a data cell: (cell, 0-based data row index, 0-based column index) -> None.
    style_cell: Callable[[WriteOnlyCell, int, int], None] | None = field(default=None)


def cell_value(value: object) -> object:
    """Exact numbers become Decimals Excel can hold; everything else is written as is."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def write_xlsx(target: BinaryIO, sheets: Sequence[Sheet]) -> None:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet.name[:31]), sheet)
    workbook.save(target)


def _write_sheet(worksheet: WriteOnlyWorksheet, sheet: Sheet) -> None:
    header_row = 1
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    if sheet.title:
        header_row = 3
        worksheet.merged_cells.ranges.add(f"A1:{get_column_letter(len(sheet.columns))}1")
    worksheet.freeze_panes = f"A{header_row + 1}"
    if sheet.prepare is not None:
        sheet.prepare(worksheet, header_row)
    if sheet.title:
        title = WriteOnlyCell(worksheet, sheet.title)
        title.font = TITLE_FONT
        worksheet.append([title])
        worksheet.append([])
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, column.title)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        header.append(cell)
    worksheet.append(header)
    for row_index, values in enumerate(sheet.rows):
        row = []
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True)):
            cell = WriteOnlyCell(worksheet, cell_value(value))
            if column.number_format is not None:
                cell.number_format = column.number_format
            if column.wrap:
                cell.alignment = WRAP
            if sheet.style_cell is not None:
                sheet.style_cell(cell, row_index, index)
            row.append(cell)
        worksheet.append(row)


def write_csv(target: BinaryIO, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with a byte-order mark (so Excel shows the accents), comma-separated, dates dd/mm/yyyy,
    decimals with a point: the file is for machines as much as for people."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([column.title for column in columns])
    for values in rows:
        writer.writerow([_csv_text(value) for value in values])
    text.flush()
    text.detach()


def _csv_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value is None:
        return ""
    return cell_value(value)
