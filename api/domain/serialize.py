"""Turning results into JSON-ready data, and the one place where numbers are rounded.

``explain`` is the one encoding of a score's explanation (stored with the score, sent by the API): every
exact number is a string, its ``str`` as an integer or a fraction (``"95"``, ``"2375/24"``), never a JSON
number, whether it happens to be whole or not; dates are ISO strings, enums their value (a ``Tier`` its
name). ``display`` rounds for people (half up, to ``places`` decimals) and is used for nothing else:
comparisons and totals always use the exact values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # scoring imports display from here
    from .scoring import IndicatorResult, UnitScore


def display(value: Fraction | int, places: int = 2) -> Decimal:
    """Round an exact number for display: half up, ``places`` decimals (95.125 -> 95.13)."""
    exact = abs(Fraction(value)) * 10**places
    whole, remainder = divmod(exact.numerator, exact.denominator)
    whole += 2 * remainder >= exact.denominator
    sign = "-" if value < 0 and whole else ""
    return Decimal(f"{sign}{whole}").scaleb(-places)


def explain(score: UnitScore, indicator: Callable[[IndicatorResult], object] | None = None) -> dict:
    """The explanation of a score: every indicator, pillar, bonus, deduction and cap, as JSON-ready data.

    Written out field by field (not by reflection): it runs once per unit on every bulk recompute.
    ``indicator`` encodes each indicator result (default :func:`explain_indicator`): a bulk recompute
    passes one that reuses the encoding of a result many units share (``ScoringContext.score``'s memo).
    """
    encode = indicator or explain_indicator
    indicators = [encode(r) for r in score.indicators]
    return {
        "unit_kind": score.unit_kind.value, "period_code": score.period_code, "scheme_version": score.scheme_version,
        "base": str(score.base), "bonus_requested": str(score.bonus_requested),
        "bonus_applied": str(score.bonus_applied), "bonus_capped": score.bonus_capped,
        "deductions_total": str(score.deductions_total), "total": str(score.total),
        "tier_before_veto": score.tier_before_veto.name, "tier": score.tier.name,
        "veto_failed": list(score.veto_failed), "missing": list(score.missing),
        "bonuses": [{"points": str(a.points), "reason": a.reason} for a in score.bonuses],
        "deductions": [{"points": str(a.points), "reason": a.reason} for a in score.deductions],
        "pillars": [
            {"pillar": p.pillar.value, "score": _exact(p.score), "weight": str(p.weight), "points": str(p.points),
             "weight_total": str(p.weight_total), "applicable_count": p.applicable_count}
            for p in score.pillars
        ],
        "indicators": indicators,
    }


def explain_indicator(r: IndicatorResult) -> dict:
    """The explanation of one indicator's result (an entry of ``explain(score)["indicators"]``)."""
    return {
        "code": r.code, "pillar": r.pillar.value, "applicable": r.applicable,
        "reason_not_applicable": r.reason_not_applicable,
        "value": None if r.value is None else {
            "numerator": r.value.numerator, "denominator": r.value.denominator, "count": r.value.count,
            "flag": r.value.flag, "date": None if r.value.date is None else r.value.date.isoformat(),
            "note": r.value.note,
        },
        "rule_text": r.rule_text, "threshold": _threshold(r.threshold), "met": r.met,
        "attainment": str(r.attainment), "weight": str(r.weight), "points": str(r.points), "veto": r.veto,
        "missing": r.missing, "rate": _exact(r.rate), "basis": r.basis, "windows_total": r.windows_total,
        "windows_met": r.windows_met, "windows_missed": list(r.windows_missed),
    }


def _exact(number: Fraction | int | None) -> str | None:
    return None if number is None else str(number)


def _threshold(threshold: Fraction | int | date | None) -> str | None:
    """A percent, a required count or last year's rate as an exact number; a deadline as an ISO date."""
    if isinstance(threshold, date):
        return threshold.isoformat()
    return _exact(threshold)
