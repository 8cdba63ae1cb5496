"""Read an uploaded file (CSV, XLSX or JSON) as a stream of rows keyed by field.

Nothing here holds the whole file: CSV is decoded and split incrementally, XLSX is read with
openpyxl's read-only mode, so memory is bounded by a row, not by the file. (JSON is the exception:
it is parsed whole, which is why its size limit is smaller.)

The type is decided from the content, not from the name: magic bytes (`filetype`), then JSON's
opening bracket, then text detection (`charset-normalizer`, which recognises the Windows-1258 and
UTF-16 files that Vietnamese Excel writes). The delimiter is found by `csv.Sniffer`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, islice
from typing import BinaryIO

import charset_normalizer
import filetype
import openpyxl

from api.services.imports.columns import HEADER_SEARCH_ROWS, ColumnSet, Located
from api.services.imports.report import ImportFileError
from api.settings import ImportLimits

SNIFF_BYTES = 64 * 1024
MAX_FILE_BYTES = ImportLimits.max_bytes
MAX_JSON_BYTES = 32 * 1024 * 1024
ACCEPTED = "CSV (UTF-8, UTF-16, Windows-1258), Excel .xlsx hoặc JSON"


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class UncomputedFormula:
    """An XLSX formula cell saved without its result (e.g. written by a script, never opened in
    Excel): we do not evaluate formulas, so the cell is reported instead of read as empty."""

    formula: str


@dataclass
class Table:
    """The located header and the data rows that hold anything, numbered as in the file.

    `raw_rows` gives each row as the file's list of cells (the fast path of large imports);
    `rows` gives `{field: raw cell}` for the known fields. Use one or the other, once. The data rows
    that hold nothing are skipped and counted in `blank_rows` as they are read. At most `max_rows`
    rows that hold anything are read: the next one raises `ImportFileError` (413)."""

    format: TableFormat
    columns: Located
    source: Iterator[list[object]]
    first_number: int
    max_rows: int | None = None
    blank_rows: int = 0

    @property
    def raw_rows(self) -> Iterator[tuple[int, list[object]]]:
        left = sys.maxsize if self.max_rows is None else self.max_rows
        for number, row in enumerate(self.source, start=self.first_number):
            # any(row) settles the usual case in C; the generator only runs for rows of empties and zeros.
            if any(row) or any(cell is not None and cell != "" for cell in row):
                if not left:
                    raise _too_many_rows(self.max_rows, number)
                left -= 1
                yield number, row
            else:
                self.blank_rows += 1

    @property
    def rows(self) -> Iterator[tuple[int, dict[str, object]]]:
        pairs = tuple(zip(self.columns.fields, self.columns.indexes, strict=True))
        width = max(self.columns.indexes) + 1
        for number, row in self.raw_rows:
            if len(row) < width:
                row = list(row) + [None] * (width - len(row))
            yield number, {field: row[index] for field, index in pairs}


def detect_format(head: bytes) -> TableFormat:
    """The file's format from its first bytes."""
    if not head.strip():
        raise ImportFileError("Tệp rỗng: không có dữ liệu để nhập.")
    kind = filetype.guess(head)
    if kind is not None:
        if kind.extension == "xlsx":
            return TableFormat.XLSX
        raise ImportFileError(f"Loại tệp không được hỗ trợ ({kind.mime}). Hãy dùng {ACCEPTED}.")
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(f"Tệp nén không phải bảng tính Excel .xlsx. Hãy dùng {ACCEPTED}.")
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] in (b"[", b"{"):
        return TableFormat.JSON
    return TableFormat.CSV


def file_size(file: BinaryIO) -> int:
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def open_table(
    file: BinaryIO, columns: ColumnSet, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int | None = None
) -> Table:
    """Open a seekable binary file, check its size and type, and locate its header. With `max_rows`,
    reading the data row after the first `max_rows` raises `ImportFileError` (413): the caller, which
    streams, has written nothing it keeps (it rolls back)."""
    size = file_size(file)
    if size > max_bytes:
        raise ImportFileError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB); giới hạn là {max_bytes / 1048576:.0f} MB.", status=413
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    table_format = detect_format(head)
    if table_format is TableFormat.XLSX:
        raw_rows = _xlsx_rows(file)
    elif table_format is TableFormat.JSON:
        if size > MAX_JSON_BYTES:
            raise ImportFileError(
                f"Tệp JSON quá lớn; giới hạn là {MAX_JSON_BYTES / 1048576:.0f} MB. Hãy dùng CSV cho tệp lớn.",
                status=413,
            )
        return _json_table(file, columns, max_rows)
    else:
        raw_rows = _csv_rows(file, head)
    return _keyed(table_format, raw_rows, columns, max_rows)


def _keyed(
    table_format: TableFormat, raw_rows: Iterator[list[object]], columns: ColumnSet, max_rows: int | None
) -> Table:
    first = list(islice(raw_rows, HEADER_SEARCH_ROWS))
    if not any(_filled(row) for row in first):
        raise ImportFileError("Tệp rỗng: không có dữ liệu để nhập.")
    located = columns.locate(first)
    rest = chain(first[located.data_start :], raw_rows)
    return Table(table_format, located, rest, located.data_start + 1, max_rows)


def _too_many_rows(max_rows: int, number: int) -> ImportFileError:
    limit = f"{max_rows:,}".replace(",", ".")  # Vietnamese thousands separator
    return ImportFileError(
        f"Tệp có quá nhiều dòng dữ liệu: giới hạn là {limit} dòng mỗi lần nhập, dòng {number} của tệp "
        "vượt giới hạn. Không ghi dòng nào; hãy chia tệp thành nhiều tệp nhỏ hơn.",
        status=413,
        row=number,
    )


def _filled(row: list[object]) -> bool:
    return any(cell is not None and cell != "" for cell in row)


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(head).best()
    if best is None:
        raise ImportFileError(f"Không đọc được tệp: không phải văn bản CSV. Hãy dùng {ACCEPTED}.")
    return best.encoding


def _sniff_delimiter(sample: str) -> str:
    lines = "\n".join(sample.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(lines, delimiters=",;\t").delimiter
    except csv.Error:
        first_line = lines.split("\n", 1)[0]
        return max(",;\t", key=first_line.count)


def _csv_rows(file: BinaryIO, head: bytes) -> Iterator[list[object]]:
    encoding = _detect_encoding(head)
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    delimiter = _sniff_delimiter(sample.lstrip("\ufeff"))
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield from reader
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"Tệp có ký tự không đọc được theo bảng mã {encoding} (gần dòng {reader.line_num + 1}). "
            "Hãy lưu lại tệp dạng CSV UTF-8."
        ) from error
    except csv.Error as error:
        raise ImportFileError(f"Tệp CSV hỏng ở dòng {reader.line_num}: {error}.") from error
    finally:
        text.detach()


def _xlsx_rows(file: BinaryIO) -> Iterator[list[object]]:
    """Rows of the first sheet with cached formula results; a formula without a cached result
    becomes `UncomputedFormula`, read from a second pass over the same rows in lockstep."""
    try:
        values_book = openpyxl.load_workbook(file, read_only=True, data_only=True)
        file.seek(0)
        formulas_book = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged archive
        raise ImportFileError(f"Không mở được bảng tính Excel: {error}.") from error
    try:
        values = values_book.worksheets[0].iter_rows(values_only=True)
        formulas = formulas_book.worksheets[0].iter_rows(values_only=True)
        for value_row, formula_row in zip(values, formulas, strict=False):
            row = list(value_row)
            for index, cell in enumerate(row):
                if (
                    cell is None
                    and isinstance(formula_row[index], str)
                    and formula_row[index].startswith("=")
                ):
                    row[index] = UncomputedFormula(formula_row[index])
            yield row
    finally:
        values_book.close()
        formulas_book.close()


def _json_table(file: BinaryIO, columns: ColumnSet, max_rows: int | None) -> Table:
    """JSON: a list of objects, or an object holding one list (e.g. `{"values": [...]}`).
    Row numbers are 1-based positions in the list; columns are the keys."""
    try:
        document = json.loads(file.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"Tệp JSON không hợp lệ: {error}.") from error
    except RecursionError as error:
        raise ImportFileError("Tệp JSON không hợp lệ: dữ liệu lồng nhau quá sâu.") from error
    except ValueError as error:  # an integer beyond Python's 4,300-digit conversion limit
        raise ImportFileError("Tệp JSON không hợp lệ: có số quá dài.") from error
    if isinstance(document, dict):
        lists = [value for value in document.values() if isinstance(value, list)]
        document = lists[0] if len(lists) == 1 else None
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ImportFileError("Tệp JSON phải là một danh sách các đối tượng, mỗi đối tượng là một dòng.")
    if not document:
        raise ImportFileError("Tệp rỗng: không có dữ liệu để nhập.")
    keys = list(dict.fromkeys(key for item in document for key in item))
    located = columns.locate([keys])
    rows = ([_scalar(item.get(key)) for key in keys] for item in document)
    return Table(TableFormat.JSON, located, rows, 1, max_rows)


def _scalar(cell: object) -> object:
    """A cell is a scalar: a list or an object in a JSON row becomes its JSON text, which no code, number
    or yes/no matches, so the row is refused by row and column like any other wrong value."""
    if isinstance(cell, list | dict):
        return json.dumps(cell, ensure_ascii=False)
    return cell
