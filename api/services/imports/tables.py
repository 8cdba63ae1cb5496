"""Read an uploaded file (CSV, XLSX or JSON) as a stream of rows keyed by field.

Nothing here holds the whole file: CSV is decoded and split incrementally, XLSX is read with
openpyxl's read-only mode, so memory is bounded by a row, not by the file. (JSON is the exception:
it is parsed whole, which is why its size limit is smaller.)

The type is decided from the content, not from the name: magic bytes (`filetype`), then JSON's
opening bracket, else CSV. A CSV's text encoding is decided on the whole file, among those Vietnamese
offices produce (`Encoding`): a byte-order mark decides UTF-8 or UTF-16; without one, strict UTF-8,
then strict Windows-1258 whose text must read as Vietnamese. The first encoding that decodes every
byte wins, checked in a first pass over the file in chunks (memory stays bounded), so the second pass,
which reads the rows, cannot meet an undecodable byte. If none fits, the file is refused with the
encodings tried; the caller may then name the encoding. The delimiter is found by `csv.Sniffer`.
Text is normalised to NFC cell by cell (`cells.plain`): Windows-1258 writes tone marks as combining
characters.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, islice
from typing import BinaryIO

import filetype
import openpyxl

from api.services.imports.columns import HEADER_SEARCH_ROWS, ColumnSet, Located
from api.services.imports.report import ImportFileError
from api.settings import ImportLimits

SNIFF_BYTES = 64 * 1024
BLOCK_ROWS = 1000  # rows read ahead of the checks: `Table.raw_blocks`
DECODE_CHUNK = 1024 * 1024
MAX_FILE_BYTES = ImportLimits.max_bytes
MAX_JSON_BYTES = 32 * 1024 * 1024
ACCEPTED = "CSV (UTF-8, UTF-16, Windows-1258), Excel .xlsx hoặc JSON"


class Encoding(StrEnum):
    """The text encodings a CSV may be read as, named by the import routes' `encoding` parameter."""

    UTF8 = "utf-8"  # with or without a byte-order mark
    UTF16 = "utf-16"  # Excel's "Unicode text"; little-endian without a byte-order mark
    CP1258 = "cp1258"  # Windows-1258: Excel's "CSV" on Vietnamese Windows

    def codec(self, head: bytes) -> str:
        """Python's codec for a file starting with `head` (Python's utf-16 requires the mark)."""
        if self is Encoding.UTF16 and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16-le"
        return "utf-8-sig" if self is Encoding.UTF8 else self.value

    @property
    def label(self) -> str:
        return {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1258": "Windows-1258"}[self.value]


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

    `raw_blocks` gives the rows as the file's lists of cells, a block at a time, `raw_rows` one at a
    time, and `rows` gives `{field: raw cell}` for the known fields. Use one of them, once. The data rows
    that hold nothing are skipped and counted in `blank_rows` as they are read. At most `max_rows`
    rows that hold anything are read: the next one raises `ImportFileError` (413)."""

    format: TableFormat
    columns: Located
    source: Iterator[list[object]]
    first_number: int
    max_rows: int | None = None
    # Numbers written the Vietnamese way (1.000,5): a CSV delimited by ";", as Excel writes it where
    # the comma is the decimal separator. Elsewhere the convention is unknown (`cells.number`).
    decimal_comma: bool = False
    blank_rows: int = 0

    @property
    def raw_blocks(self) -> Iterator[tuple[Sequence[int], list[list[object]]]]:
        """The rows that hold anything, up to `BLOCK_ROWS` at a time: their numbers in the file and their
        lists of cells, for checks that pass over a block in C (the fast path of large imports). A block
        past `max_rows` raises before any of its rows is given."""
        left = sys.maxsize if self.max_rows is None else self.max_rows
        number = self.first_number
        while block := list(islice(self.source, BLOCK_ROWS)):
            # any(row) settles the usual case in C; `_filled` only runs for rows of empties and zeros.
            if all(map(any, block)):
                numbers, rows = range(number, number + len(block)), block
            else:
                kept = [(at, row) for at, row in enumerate(block, start=number) if any(row) or _filled(row)]
                numbers, rows = [at for at, _row in kept], [row for _at, row in kept]
                self.blank_rows += len(block) - len(kept)
            number += len(block)
            if len(rows) > left:
                raise _too_many_rows(self.max_rows, numbers[left])
            left -= len(rows)
            if rows:
                yield numbers, rows

    @property
    def raw_rows(self) -> Iterator[tuple[int, list[object]]]:
        for numbers, rows in self.raw_blocks:
            yield from zip(numbers, rows)

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
    file: BinaryIO,
    columns: ColumnSet,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int | None = None,
    encoding: Encoding | None = None,
) -> Table:
    """Open a seekable binary file, check its size and type, and locate its header. With `max_rows`,
    reading the data row after the first `max_rows` raises `ImportFileError` (413): the caller, which
    streams, has written nothing it keeps (it rolls back). `encoding` forces a CSV's encoding (it must
    still decode every byte); XLSX and JSON (UTF-8) ignore it."""
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
        return _keyed(table_format, _xlsx_rows(file), columns, max_rows)
    if table_format is TableFormat.JSON:
        if size > MAX_JSON_BYTES:
            raise ImportFileError(
                f"Tệp JSON quá lớn; giới hạn là {MAX_JSON_BYTES / 1048576:.0f} MB. Hãy dùng CSV cho tệp lớn.",
                status=413,
            )
        return _json_table(file, columns, max_rows)
    codec = decide_encoding(file, head, encoding)
    delimiter = _sniff_delimiter(codecs.getincrementaldecoder(codec)().decode(head).lstrip("\ufeff"))
    rows = _csv_rows(file, codec, delimiter)
    return _keyed(table_format, rows, columns, max_rows, decimal_comma=delimiter == ";")


def _keyed(
    table_format: TableFormat,
    raw_rows: Iterator[list[object]],
    columns: ColumnSet,
    max_rows: int | None,
    *,
    decimal_comma: bool = False,
) -> Table:
    first = list(islice(raw_rows, HEADER_SEARCH_ROWS))
    if not any(_filled(row) for row in first):
        raise ImportFileError("Tệp rỗng: không có dữ liệu để nhập.")
    located = columns.locate(first)
    rest = chain(first[located.data_start :], raw_rows)
    return Table(table_format, located, rest, located.data_start + 1, max_rows, decimal_comma)


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


# What Windows-1258 may not decode to: control characters, letters that are not Vietnamese and combining
# marks left over after NFC (every Vietnamese letter with its tone has a precomposed form). It decodes
# almost any byte, so a GBK, Big5 or Windows-1252 file shows itself by letters such as Ø, æ, û.


def _vietnamese_text() -> re.Pattern:
    marks = {"a": ("", "\u0306", "\u0302"), "e": ("", "\u0302"), "o": ("", "\u0302", "\u031b"),
             "u": ("", "\u031b"), "i": ("",), "y": ("",)}  # fmt: skip
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    letters = {
        unicodedata.normalize("NFC", base + mark + tone)
        for vowel, vowel_marks in marks.items()
        for base in (vowel, vowel.upper())
        for mark in vowel_marks
        for tone in tones
    } | {"đ", "Đ"}
    symbols = {
        char
        for char in bytes(range(0x80, 0x100)).decode("cp1258", errors="ignore")
        if not unicodedata.category(char).startswith(("L", "M", "C"))
    }
    allowed = "".join(sorted(char for char in letters | symbols if not char.isascii()))
    return re.compile(f"[^\t\n\r\x20-\x7e{re.escape(allowed)}]")


_NOT_VIETNAMESE = _vietnamese_text()


def decide_encoding(file: BinaryIO, head: bytes, requested: Encoding | None) -> str:
    """The codec that decodes the whole file: `requested`'s, or the first that fits (see the module)."""
    if requested is not None:
        problem = _undecodable(file, requested.codec(head))
        if problem:
            raise ImportFileError(
                f"Tệp không đọc được theo bảng mã {requested.label} đã chọn ({problem}). "
                f"Hãy chọn bảng mã khác ({_choices()}) hoặc lưu lại tệp dạng CSV UTF-8."
            )
        return requested.codec(head)
    if head.startswith(codecs.BOM_UTF8):
        candidates = [Encoding.UTF8]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [Encoding.UTF16]
    else:
        candidates = [Encoding.UTF8, Encoding.CP1258]
    tried = []
    for candidate in candidates:
        if candidate is Encoding.UTF8 and head.count(b"\x00") * 4 > len(head):
            problem = "dòng 1: nhiều byte 0x00 như tệp UTF-16 không có BOM"
        else:
            refused = _NOT_VIETNAMESE if candidate is Encoding.CP1258 else None
            problem = _undecodable(file, candidate.codec(head), refused)
        if problem is None:
            return candidate.codec(head)
        tried.append(f"{candidate.label} ({problem})")
    raise ImportFileError(
        "Không xác định được bảng mã của tệp CSV. Đã thử: " + "; ".join(tried) + ". Hãy lưu lại tệp bằng "
        "Excel dạng «CSV UTF-8 (Comma delimited)», hoặc chọn bảng mã của tệp bằng tham số encoding "
        f"({_choices()})."
    )


def _choices() -> str:
    return ", ".join(f"{encoding.value}: {encoding.label}" for encoding in Encoding)


def _undecodable(file: BinaryIO, codec: str, refused: re.Pattern | None = None) -> str | None:
    """Why `file` is not text in `codec` (the line and the byte or character), or None when every
    byte decodes strictly to text (NFC) without a `refused` character. Reads the file in chunks from
    the start and leaves it at the start."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    lines, tail = 0, ""
    try:
        file.seek(0)
        while True:
            chunk = file.read(DECODE_CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                lines += error.object[: error.start].decode(codec, errors="replace").count("\n")
                byte = error.object[error.start]
                return f"dòng {lines + 1}: byte 0x{byte:02X} không hợp lệ"
            seen = text if text.isascii() else unicodedata.normalize("NFC", tail + text)
            found = refused.search(seen) if refused else None
            if found:
                line = lines + seen[: found.start()].count("\n") - (seen is not text and tail == "\n") + 1
                return f"dòng {line}: ký tự U+{ord(found.group()):04X} không phải văn bản tiếng Việt"
            lines += text.count("\n")
            tail = text[-1:] or tail
            if not chunk:
                return None
    finally:
        file.seek(0)


def _sniff_delimiter(sample: str) -> str:
    lines = "\n".join(sample.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(lines, delimiters=",;\t").delimiter
    except csv.Error:
        first_line = lines.split("\n", 1)[0]
        return max(",;\t", key=first_line.count)


def _csv_rows(file: BinaryIO, codec: str, delimiter: str) -> Iterator[list[object]]:
    """The rows of a CSV that `decide_encoding` has checked decodes whole with `codec`."""
    text = io.TextIOWrapper(file, encoding=codec, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield from reader
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
