"""Column specifications of the import files and the search for their header.

Headers are matched by alias after normalisation (Unicode NFC, case-folded, punctuation and extra
spaces removed), so "Mã đơn vị", "MÃ ĐƠN VỊ (*)" and "unit" all name the unit column. The header
may sit under title rows and span several rows (merged header cells): the header block is the run of
consecutive rows, among the first rows of the sheet, that contain known column names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from api.services.imports.report import ImportFileError

HEADER_SEARCH_ROWS = 20

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_header(text: object) -> str:
    """The comparable form of a header cell: NFC, case-folded, words joined by single spaces."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    return _NON_WORD.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One logical column: `field` is the key used in code, `title` the Vietnamese header we write
    in templates and exports, `aliases` the other headers accepted on import."""

    field: str
    title: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        return {normalise_header(name) for name in (self.field, self.title, *self.aliases)}


@dataclass(frozen=True, slots=True)
class Located:
    """Where each known field sits in the file: its 0-based index and the header text as written."""

    fields: tuple[str, ...]
    indexes: tuple[int, ...]
    titles: tuple[str, ...]
    data_start: int  # index (0-based, into the rows inspected) of the first data row

    def title_of(self, field: str) -> str:
        return self.titles[self.fields.index(field)]

    def cell_of(self, field: str, row: int) -> str:
        return f"{get_column_letter(self.indexes[self.fields.index(field)] + 1)}{row}"


class ColumnSet:
    """The columns of one kind of import file, with the header search."""

    def __init__(self, specs: Sequence[ColumnSpec]) -> None:
        self.specs = tuple(specs)
        self._field_by_name: dict[str, str] = {}
        for spec in self.specs:
            for name in spec.names():
                self._field_by_name[name] = spec.field

    def field_for(self, header: object) -> str | None:
        return self._field_by_name.get(normalise_header(header))

    def locate(self, first_rows: Sequence[Sequence[object]]) -> Located:
        """Find the header block among `first_rows` and map every known field to its column.

        Within a block, the lowest row naming a column wins, so a merged group title above
        ("Tỷ lệ" over "Tử số" and "Mẫu số") does not hide the sub-headers under it.
        """
        matches = [self._matches(row) for row in first_rows]
        best = max(range(len(matches)), key=lambda i: len(matches[i]), default=None)
        if best is None or not matches[best]:
            raise ImportFileError(self._missing_message(self._required_fields()))
        # Rows joining the header block hold header names only: a data row whose note reads "Đạt" or
        # "Ghi chú" holds codes too, and stays data.
        only_names = [
            bool(matches[i]) and len(matches[i]) == _filled(first_rows[i]) for i in range(len(matches))
        ]
        top = best
        while top > 0 and only_names[top - 1]:
            top -= 1
        bottom = best
        while bottom + 1 < len(matches) and only_names[bottom + 1]:
            bottom += 1
        found: dict[str, tuple[int, str]] = {}
        for row_index in range(top, bottom + 1):
            for column, (field, text) in matches[row_index].items():
                if field in found and found[field][0] != column:
                    raise ImportFileError(f"Cột «{text}» xuất hiện nhiều lần trong dòng tiêu đề.")
                found[field] = (column, text)
        missing = [field for field in self._required_fields() if field not in found]
        if missing:
            raise ImportFileError(self._missing_message(missing))
        ordered = [spec.field for spec in self.specs if spec.field in found]
        return Located(
            fields=tuple(ordered),
            indexes=tuple(found[field][0] for field in ordered),
            titles=tuple(found[field][1] for field in ordered),
            data_start=bottom + 1,
        )

    def _matches(self, row: Sequence[object]) -> dict[int, tuple[str, str]]:
        matched: dict[int, tuple[str, str]] = {}
        for column, cell in enumerate(row):
            field = self.field_for(cell) if isinstance(cell, str) else None
            if field is not None:
                matched[column] = (field, unicodedata.normalize("NFC", cell.strip()))
        return matched

    def _required_fields(self) -> list[str]:
        return [spec.field for spec in self.specs if spec.required]

    def _missing_message(self, fields: Sequence[str]) -> str:
        titles = ", ".join(f"«{spec.title}»" for spec in self.specs if spec.field in fields)
        return f"Không tìm thấy dòng tiêu đề có các cột bắt buộc: {titles}."


def _filled(row: Sequence[object]) -> int:
    return sum(1 for cell in row if cell is not None and str(cell).strip() != "")


VALUE_COLUMNS = ColumnSet(
    [
        ColumnSpec("unit", "Mã đơn vị", ("unit_code", "ma don vi", "đơn vị"), required=True),
        ColumnSpec("period", "Mã kỳ báo cáo", ("period_code", "mã kỳ", "kỳ báo cáo", "kỳ"), required=True),
        ColumnSpec("indicator", "Mã chỉ tiêu", ("indicator_code", "chỉ tiêu"), required=True),
        ColumnSpec("numerator", "Tử số", ("tu so",)),
        ColumnSpec("denominator", "Mẫu số", ("mau so",)),
        ColumnSpec("count", "Số lần", ("số lượng", "so lan")),
        ColumnSpec("flag", "Có/Không", ("có không", "đạt", "flag value")),
        ColumnSpec("date", "Ngày thực hiện", ("ngày", "ngay thuc hien")),
        ColumnSpec("note", "Ghi chú", ("ghi chu",)),
    ]
)

MEASURE_FIELDS = ("numerator", "denominator", "count", "flag", "date")
