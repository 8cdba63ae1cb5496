"""Undo what a file format does to a cell before the domain's `validate_value` reads it.

Only representation is handled here: Excel's date cells and serial day numbers, formulas saved
without a result, combining accents from Windows-1258 files, stray spaces, the clear marker. Whether a value is a
valid number, yes/no or date for its indicator is decided by `api.domain.validate_value` alone.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

from api.domain.text import forbidden_character
from api.domain.text import message as text_message
from api.services.imports.tables import UncomputedFormula


class CellError(ValueError):
    """A cell that cannot be read; the message is Vietnamese."""


_DIGITS = re.compile(r"\d{1,6}")
# Excel serial day numbers from 1900-01-01 to 2199-12-31; outside that a number is not a date.
_SERIAL_RANGE = range(1, 109574)


CLEAR_MARKER = "[xóa]"
_CLEAR_MARKERS = frozenset({CLEAR_MARKER, "[xoa]", "[clear]"})


def is_clear(raw: object) -> bool:
    """The cell asks to clear what is stored (docs/import.md): an empty cell keeps it."""
    return isinstance(raw, str) and unicodedata.normalize("NFC", raw.strip()).casefold() in _CLEAR_MARKERS


def blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def plain(raw: object) -> object:
    """Any cell: text stripped and NFC-normalised, empty text as None, other values unchanged."""
    if isinstance(raw, str):
        control = forbidden_character(raw)
        if control:
            raise CellError(text_message(control))
        value = raw.strip()
        if not value:
            return None
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(raw, UncomputedFormula):
        raise CellError(
            f"Ô chứa công thức {raw.formula} nhưng tệp không lưu kết quả tính; "
            "hãy mở tệp bằng Excel, lưu lại rồi nhập lại."
        )
    return raw


def code(raw: object) -> str | None:
    """A code cell (unit, period, indicator): Excel may have turned a numeric code into 12.0."""
    if raw.__class__ is str and raw.isascii() and raw.isprintable():  # the common case, kept fast
        return raw.strip() or None
    value = plain(raw)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return None if value is None else str(value)


def day(raw: object) -> object:
    """A date cell: Excel date cells and serial day numbers become dates, text is left for the
    domain to parse (dd/mm/yyyy or yyyy-mm-dd)."""
    value = plain(raw)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, bool | date):
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, int | float):
        if int(value) not in _SERIAL_RANGE:
            raise CellError(f"{value:g} không phải ngày hợp lệ (dd/mm/yyyy).")
        return from_excel(value).date()
    return value
