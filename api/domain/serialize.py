"""Turning results into JSON-ready data, and the one place where numbers are rounded.

``to_dict`` maps a result dataclass 1:1 onto plain data: ``Fraction`` becomes its exact string
(``"95"``, ``"190/3"``), dates ISO strings, enums their value, tuples lists; derived properties listed
in ``DERIVED`` are added. ``display`` rounds for people (half up, to ``places`` decimals) and is used
for nothing else: comparisons and totals always use the exact values.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, IntEnum
from fractions import Fraction

# Properties of result types worth sending along with their fields.
DERIVED = {
    "IndicatorResult": ("rate",),
    "UnitScore": ("bonus_capped",),
    "Timeliness": ("label",),
}


def display(value: Fraction | int, places: int = 2) -> Decimal:
    """Round an exact number for display: half up, ``places`` decimals (95.125 -> 95.13)."""
    exact = abs(Fraction(value)) * 10**places
    whole, remainder = divmod(exact.numerator, exact.denominator)
    whole += 2 * remainder >= exact.denominator
    sign = "-" if value < 0 and whole else ""
    return Decimal(f"{sign}{whole}").scaleb(-places)


def to_dict(obj: object) -> object:
    """JSON-ready plain data for a domain value (dataclass, enum, Fraction, date, container)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {field.name: to_dict(getattr(obj, field.name)) for field in dataclasses.fields(obj)}
        for name in DERIVED.get(type(obj).__name__, ()):
            data[name] = to_dict(getattr(obj, name))
        return data
    if isinstance(obj, IntEnum):
        return obj.name  # ordered enums (Tier): the stable name, not the rank number
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Fraction):
        return str(obj)
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple, frozenset, set)):
        items = [to_dict(item) for item in obj]
        return sorted(items) if isinstance(obj, (set, frozenset)) else items
    if isinstance(obj, dict):
        return {to_dict(key): to_dict(item) for key, item in obj.items()}
    return obj
