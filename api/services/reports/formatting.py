"""Vietnamese display of exact numbers: the only place report figures are rounded (half up)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from api.domain import display


def rounded(value: Fraction | int, places: int = 2) -> Decimal:
    """Exact value rounded half up for display; Excel cells get this, never a float of the fraction."""
    return display(value, places)


def vn_number(value: Fraction | int, places: int = 2) -> str:
    """1234.5 -> "1.234,50": dot groups thousands, comma marks decimals (Vietnamese usage)."""
    text = f"{rounded(value, places):,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def vn_money(amount: int) -> str:
    return vn_number(amount, 0)


def vn_percent(ratio: Fraction) -> str:
    return f"{vn_number(ratio * 100)}%"


def vn_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")
