"""Undo what a file format does to a cell before the domain's `validate_value` reads it.

Only representation is handled here: Excel's date cells and serial day numbers, formulas saved
without a result, combining accents from Windows-1258 files, stray spaces, the clear marker. Whether a value is a
valid number, yes/no or date for its indicator is decided by `api.domain.validate_value` alone.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from openpyxl.utils.datetime import from_excel

from api.domain.text import forbidden_character
from api.domain.text import message as text_message
from api.services.imports.tables import UncomputedFormula


class CellError(ValueError):
    """A cell that cannot be read; the message is Vietnamese."""


_DIGITS = re.compile(r"\d{1,6}")
# Numbers with separators, ASCII digits only. Vietnamese: "1.234.567" or "1.234,5" or "1,5"; English:
# "1,234,567" or "1,234.5" or "1.5".
_VIETNAMESE_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+)")
_ENGLISH_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+)")
_COMMA_THOUSANDS = re.compile(r"-?[0-9]{1,3},[0-9]{3}")
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


def number(raw: object, *, decimal_comma: bool) -> object:
    """A number cell written with separators, as a number (an int when whole, else a Decimal that the
    domain refuses as not whole); anything else unchanged, for the domain to judge.

    A shape only one convention reads ("1,5", "1.234.567", "1,234,567", "1.234,5") is read so. A shape
    both read differently ("1.000": a thousand or one; "1,000": one or a thousand) is refused, unless
    the file says its convention (`decimal_comma`: a CSV delimited by ";", as Vietnamese Excel writes
    it) and the reading is Excel's own: "1.000" is then a thousand. "1,000" is refused even there: a
    decimal comma with three decimals in a whole number is more likely a misplaced thousands separator.
    """
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    vietnamese = _VIETNAMESE_NUMBER.fullmatch(text) is not None
    english = _ENGLISH_NUMBER.fullmatch(text) is not None
    if vietnamese and english and (not decimal_comma or _COMMA_THOUSANDS.fullmatch(text)):
        raise CellError(
            f"Số «{text}» không rõ nghĩa: dấu «{text.lstrip('-')[-4]}» có thể là dấu thập phân hoặc dấu phân "
            "cách hàng nghìn. Hãy ghi số không có dấu phân cách hàng nghìn (ví dụ 1000)."
        )
    if vietnamese:
        value = Decimal(text.replace(".", "").replace(",", "."))
    elif english:
        value = Decimal(text.replace(",", ""))
    else:
        return raw
    return int(value) if value == value.to_integral_value() else value


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
