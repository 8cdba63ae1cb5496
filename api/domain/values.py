"""Values a unit enters for an indicator, and their validation with field-named Vietnamese errors.

``validate_value`` is the one gate between raw input (JSON, import rows) and the scoring engine: it never
raises for bad input, it returns the errors so the API can show them next to the right field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .indicators import Indicator, Measure
from .spreadsheet import typed
from .text import forbidden_character
from .text import message as text_message

MEASURE_FIELDS = {
    Measure.RATIO: ("numerator", "denominator"),
    Measure.COUNT: ("count",),
    Measure.FLAG: ("flag",),
    Measure.DATE: ("date",),
}
FIELD_LABELS = {
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "count": "Số lần",
    "flag": "Giá trị có/không",
    "date": "Ngày",
    "note": "Ghi chú",
}
# Ratios count people, cases or documents and counts count events of a unit in one period: a billion
# is far beyond any of them and well inside the database's 64-bit columns (docs/api.md).
MAX_NUMBER = 1_000_000_000
MAX_DIGITS = len(str(MAX_NUMBER))
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: \d would take any script's digits
_TRUE_WORDS = frozenset({"true", "1", "có", "co", "yes", "x"})
_FALSE_WORDS = frozenset({"false", "0", "không", "khong", "no"})


@dataclass(frozen=True, slots=True)
class Value:
    """What a unit entered for one indicator; only the fields of the indicator's measure are set."""

    numerator: int | None = None
    denominator: int | None = None
    count: int | None = None
    flag: bool | None = None
    date: date | None = None
    note: str = ""
    # Frequency indicators recorded as dated activities: their days (checked window by window). None: the
    # count is an aggregate total (an import for a past period), checked against the period's total.
    dates: tuple[date, ...] | None = None


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str  # Vietnamese, for the person who typed the value


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _parse_int(field: str, raw: object) -> tuple[int | None, FieldError | None]:
    """A whole number from 0 to ``MAX_NUMBER``: an int, an integral float (a spreadsheet's 12.0) or text of
    ASCII digits only (no "１２", "٣", "²", "1_000", "1e3"); anything else is refused, never raised."""
    label = FIELD_LABELS[field]
    not_whole = FieldError(field, f"{label} phải là số nguyên.")
    if isinstance(raw, bool):
        return None, not_whole
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
        digits = raw.strip().lstrip("-")
        number = (
            int(raw.strip())
            if len(digits) <= MAX_DIGITS
            else (-1 if raw.strip()[0] == "-" else MAX_NUMBER + 1)
        )
    elif isinstance(raw, str) and raw.strip().isdigit():  # "１２", "٣", "²": digits of another script
        return None, FieldError(field, f"{label} phải là số nguyên, chỉ gồm các chữ số 0-9.")
    else:
        return None, not_whole
    if number < 0:
        return None, FieldError(field, f"{label} không được âm.")
    if number > MAX_NUMBER:
        return None, FieldError(field, f"{label} không được lớn hơn {MAX_NUMBER:,}.".replace(",", "."))
    return number, None


def _parse_flag(raw: object) -> tuple[bool | None, FieldError | None]:
    if isinstance(raw, bool):
        return raw, None
    word = str(raw).strip().lower()
    if word in _TRUE_WORDS:
        return True, None
    if word in _FALSE_WORDS:
        return False, None
    return None, FieldError("flag", "Giá trị phải là Có hoặc Không.")


def parse_date(raw: object) -> tuple[date | None, FieldError | None]:
    if isinstance(raw, datetime):
        return None, FieldError("date", "Ngày phải là một ngày (không kèm giờ).")
    if isinstance(raw, date):
        return raw, None
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date(), None
        except ValueError:
            continue
    return None, FieldError("date", "Ngày không hợp lệ (định dạng dd/mm/yyyy).")


def validate_note(raw: object) -> tuple[str | None, FieldError | None]:
    """A note as entered (None when there is none), or the error that names the field."""
    if raw is None:
        return None, None
    if not isinstance(raw, str):
        return None, FieldError("note", "Ghi chú phải là văn bản.")
    note = typed(raw.strip())  # an exported "'=..." note imports back as it was entered
    code = forbidden_character(note)
    if code:
        return None, FieldError("note", text_message(code))
    return note.strip(), None


def validate_value(indicator: Indicator, raw: Mapping[str, object]) -> tuple[Value | None, list[FieldError]]:
    """Check raw input for ``indicator``; return the value, or None when nothing was entered or it is invalid.

    Errors name the field (``numerator``, ``denominator``, ``count``, ``flag``, ``date``, ``note``).
    """
    errors: list[FieldError] = []
    own_fields = MEASURE_FIELDS[indicator.measure]
    for field in ("numerator", "denominator", "count", "flag", "date"):
        if field not in own_fields and not _blank(raw.get(field)):
            errors.append(
                FieldError(field, f"Chỉ tiêu {indicator.code} không nhập trường «{FIELD_LABELS[field]}».")
            )
    note, error = validate_note(raw.get("note"))
    errors.extend([error] if error else [])
    if all(_blank(raw.get(field)) for field in own_fields):
        return None, errors
    parsed: dict[str, object] = {}
    if indicator.measure is Measure.RATIO:
        for field in own_fields:
            if _blank(raw.get(field)):
                errors.append(FieldError(field, f"Thiếu {FIELD_LABELS[field].lower()}."))
                continue
            parsed[field], error = _parse_int(field, raw[field])
            if error:
                errors.append(error)
        numerator, denominator = parsed.get("numerator"), parsed.get("denominator")
        if numerator is not None and denominator is not None and numerator > denominator:
            errors.append(FieldError("numerator", "Tử số không được lớn hơn mẫu số."))
    elif indicator.measure is Measure.COUNT:
        parsed["count"], error = _parse_int("count", raw["count"])
        errors.extend([error] if error else [])
    elif indicator.measure is Measure.FLAG:
        parsed["flag"], error = _parse_flag(raw["flag"])
        errors.extend([error] if error else [])
    else:
        parsed["date"], error = parse_date(raw["date"])
        errors.extend([error] if error else [])
    if errors:
        return None, errors
    return Value(note=(note or "").strip(), **parsed), []
