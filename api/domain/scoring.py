"""Scoring one unit for one period: indicator results, pillar scores, total and tier, all explained.

Arithmetic is exact. Ratio thresholds are compared by integer cross-multiplication (19 of 20 against 95%
is ``100 * 19 * 1 >= 95 * 20``), attainments are ``int`` 0/1 or exact ``Fraction`` values, and the pillar
and total scores are ``Fraction``. Rounding happens only in :func:`api.domain.serialize.display`.

``ScoringContext`` compiles the catalog once per period and scheme (applicability, required counts,
integer forms of thresholds), so a bulk recompute pays that cost once, not once per unit.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .catalog import Catalog
from .indicators import Indicator, Pillar, RuleKind, UnitKind
from .periods import Period, Timeliness, TimelinessStatus, Window
from .schemes import Adjustment, Scheme, Tier
from .values import Value

ZERO = Fraction(0)


@dataclass(frozen=True)
class IndicatorResult:
    """How one indicator scored. ``points = weight * attainment``; the pillar score is 100 * sum / weights."""

    code: str
    pillar: Pillar
    applicable: bool
    reason_not_applicable: str
    value: Value | None
    rule_text: str
    threshold: Fraction | int | date | None  # percent, required count, deadline or last year's rate
    met: bool
    attainment: Fraction | int
    weight: Fraction | int
    points: Fraction | int
    veto: bool
    missing: bool
    # Frequency indicators: "activities" when checked window by window (windows_met of windows_total, the
    # labels of the others in windows_missed), "total" when an aggregate count was checked as a total.
    basis: str = ""
    windows_total: int = 0
    windows_met: int = 0
    windows_missed: tuple[str, ...] = ()

    @property
    def rate(self) -> Fraction | None:
        """The entered ratio in percent, when the indicator is a ratio with a value."""
        if self.value is None or self.value.denominator is None or not self.value.denominator:
            return None
        return Fraction(100 * self.value.numerator, self.value.denominator)


@dataclass(frozen=True, slots=True)
class PillarScore:
    pillar: Pillar
    score: Fraction | None  # None when no indicator of the pillar applies
    weight: Fraction | int  # the pillar's weight in the total
    points: Fraction | int  # sum of the indicators' points
    weight_total: Fraction | int  # sum of the applicable indicators' weights
    applicable_count: int


@dataclass(frozen=True, slots=True)
class UnitScore:
    unit_kind: UnitKind
    period_code: str
    scheme_version: str
    base: Fraction  # weighted mean of the pillar scores
    bonus_requested: Fraction | int  # sum of the bonus entries
    bonus_applied: Fraction | int  # after the cap
    deductions_total: Fraction | int
    total: Fraction  # max(0, base + bonus_applied - deductions_total)
    tier_before_veto: Tier
    tier: Tier
    veto_failed: tuple[str, ...]
    missing: tuple[str, ...]  # applicable indicators without a value (scored as not met)
    bonuses: tuple[Adjustment, ...]
    deductions: tuple[Adjustment, ...]  # inspection findings and the late-report deduction
    pillars: tuple[PillarScore, ...]
    indicators: tuple[IndicatorResult, ...]

    @property
    def bonus_capped(self) -> bool:
        return self.bonus_applied != self.bonus_requested

    def pillar_score(self, pillar: Pillar) -> Fraction | None:
        return next(p.score for p in self.pillars if p.pillar is pillar)


def _exact(number: Fraction) -> Fraction | int:
    """Whole numbers as int: int arithmetic is several times faster than Fraction on the hot path."""
    return number.numerator if number.denominator == 1 else number


def _unscale(scaled: int | Fraction, scale: int) -> Fraction | int:
    """A scaled sum back in points, as an int when whole."""
    if isinstance(scaled, int) and not scaled % scale:
        return scaled // scale
    return Fraction(scaled, scale)


# Module-level names for the rule kinds: the hot path compares with `is` without attribute lookups.
_AT_LEAST, _ABOVE, _ZERO = RuleKind.AT_LEAST, RuleKind.ABOVE, RuleKind.ZERO
_FREQUENCY, _FLAG_YES, _DATE_BY = RuleKind.FREQUENCY, RuleKind.FLAG_YES, RuleKind.DATE_BY
_ZERO_OR_LOWER = RuleKind.ZERO_OR_LOWER
_DENOMINATOR_ZERO = "Mẫu số bằng 0: không phát sinh việc để tính tỷ lệ."


def _count_attainments(penalty: Fraction) -> tuple[Fraction | int, ...]:
    """Attainments of an "= 0" rule by count: 1 - penalty * count, never below 0; the last entry is the floor."""
    if penalty <= 0:
        return (1,)
    steps = -(-1 // penalty)  # ceil(1 / penalty): from this count on, attainment is 0
    return tuple(_exact(max(ZERO, 1 - penalty * count)) for count in range(steps + 1))


class _Compiled:
    """One indicator prepared for one period and scheme."""

    __slots__ = (
        "code",
        "count_attainments",
        "count_points",
        "den_factor",
        "kind",
        "last_step",
        "not_applicable",
        "num_factor",
        "partial",
        "pillar",
        "required",
        "rule_text",
        "scale",
        "scaled_count_points",
        "scaled_weight",
        "threshold",
        "veto",
        "weight",
        "windows",
    )

    def __init__(self, indicator: Indicator, period: Period, scheme: Scheme, scale: int = 1) -> None:
        rule = indicator.rule
        self.code, self.pillar, self.veto = indicator.code, indicator.pillar, indicator.veto
        self.kind = rule.kind
        self.rule_text = rule.text
        self.weight = _exact(Fraction(scheme.indicator_weight(indicator.code)))
        self.not_applicable = ""
        self.threshold: Fraction | int | date | None = None
        self.partial: tuple[Fraction, Fraction] | None = None
        self.count_attainments = _count_attainments(scheme.occurrence_penalty)
        self.count_points = tuple(
            _exact(Fraction(self.weight * a)) if a else 0 for a in self.count_attainments
        )
        # Points times the context's scale are whole numbers, so a unit's sums stay in int arithmetic.
        self.scale = scale
        self.last_step = len(self.count_attainments) - 1
        self.scaled_weight = _exact(Fraction(self.weight * scale))
        self.scaled_count_points = tuple(_exact(Fraction(points * scale)) for points in self.count_points)
        if rule.kind in (RuleKind.AT_LEAST, RuleKind.ABOVE):
            self.threshold = _exact(rule.threshold)
            # rate >= t  <=>  100 * n * t.den >= t.num * d
            self.num_factor = 100 * rule.threshold.denominator
            self.den_factor = rule.threshold.numerator
            floor = scheme.partial_credit_floor
            if rule.kind is RuleKind.AT_LEAST and scheme.partial_credit and floor < rule.threshold:
                self.partial = (floor, rule.threshold - floor)
        elif rule.kind is RuleKind.ZERO:
            self.threshold = 0
        elif rule.kind is RuleKind.FREQUENCY:
            self.windows: tuple[Window, ...] = period.windows(rule.cadence)
            self.required = rule.count * len(self.windows)
            self.threshold = self.required
            if not self.required:
                self.not_applicable = (
                    f"Kỳ báo cáo không chứa trọn {rule.cadence.label} nào nên không yêu cầu số lần tối thiểu."
                )
        elif rule.kind is RuleKind.DATE_BY:
            self.threshold = rule.deadline
            if not period.contains(rule.deadline):
                self.not_applicable = f"Thời hạn {rule.deadline:%d/%m/%Y} không thuộc kỳ báo cáo này."


_new_object, _set_attribute = object.__new__, object.__setattr__


def _result(
    code,
    pillar,
    applicable,
    reason_not_applicable,
    value,
    rule_text,
    threshold,
    met,
    attainment,
    weight,
    points,
    veto,
    missing,
    windows_checked=None,
) -> IndicatorResult:
    """Build an IndicatorResult about 3x faster than the generated ``__init__``, which sets the 13 frozen
    fields one call at a time; this is the hot path of a bulk recompute. The object is the same frozen
    dataclass (equal to, and indistinguishable from, one built the ordinary way)."""
    result = _new_object(IndicatorResult)
    _set_attribute(
        result,
        "__dict__",
        {
            "code": code,
            "pillar": pillar,
            "applicable": applicable,
            "reason_not_applicable": reason_not_applicable,
            "value": value,
            "rule_text": rule_text,
            "threshold": threshold,
            "met": met,
            "attainment": attainment,
            "weight": weight,
            "points": points,
            "veto": veto,
            "missing": missing,
            **(_NOT_WINDOWED if windows_checked is None else windows_checked),
        },
    )
    return result


_NOT_WINDOWED = {"basis": "", "windows_total": 0, "windows_met": 0, "windows_missed": ()}


def _frequency(entry: _Compiled, value: Value) -> tuple[bool, Fraction | int, dict]:
    """Met, attainment and the window facts of a frequency rule.

    Dated activities are checked window by window: attainment is the share of whole windows holding
    the rule's count, so 25 contacts in one week of a 25-week half-year earn 1/25. An aggregate count
    (no dates) is checked against the period's total, 1 or 0, and marked as a total.
    """
    if value.dates is None:
        met = value.count >= entry.required
        return met, int(met), {**_NOT_WINDOWED, "basis": "total"}
    per_window = entry.required // len(entry.windows)
    missed = []
    for window in entry.windows:
        held = 0
        for day in value.dates:
            if window.start <= day <= window.end:
                held += 1
        if held < per_window:
            missed.append(window.label)
    total = len(entry.windows)
    met_count = total - len(missed)
    facts = {"basis": "activities", "windows_total": total, "windows_met": met_count, "windows_missed": tuple(missed)}
    return not missed, _exact(Fraction(met_count, total)), facts


def _evaluate(
    entry: _Compiled, value: Value | None, previous_rate: Fraction | None
) -> tuple[IndicatorResult, Fraction | int]:
    """The indicator's result, and its points times the context's scale (an int unless partial credit)."""
    threshold = entry.threshold
    applicable, reason, met, attainment, points, scaled, missing = True, "", False, 0, 0, 0, False
    windows_checked = None
    if entry.not_applicable:
        applicable, reason = False, entry.not_applicable
    elif value is None:
        missing = True
    elif entry.kind is _ZERO:
        step = min(value.count, entry.last_step)
        met = value.count == 0
        attainment, points, scaled = (
            entry.count_attainments[step],
            entry.count_points[step],
            entry.scaled_count_points[step],
        )
    else:
        kind = entry.kind
        if kind is _FREQUENCY:
            met, attainment, windows_checked = _frequency(entry, value)
            if not met and attainment:
                points = _exact(Fraction(entry.weight * attainment))
                scaled = _exact(Fraction(points * entry.scale))
        elif kind is _FLAG_YES:
            met = value.flag is True
        elif kind is _DATE_BY:
            met = value.date <= threshold
        elif not value.denominator:
            applicable, reason = False, _DENOMINATOR_ZERO
        else:
            numerator, denominator = value.numerator, value.denominator
            if kind is _AT_LEAST:
                met = numerator * entry.num_factor >= entry.den_factor * denominator
            elif kind is _ABOVE:
                met = numerator * entry.num_factor > entry.den_factor * denominator
            else:  # ZERO_OR_LOWER: rate 0, or below last year's rate
                threshold = previous_rate
                met = numerator == 0 or (
                    previous_rate is not None
                    and 100 * numerator * previous_rate.denominator < previous_rate.numerator * denominator
                )
            if not met and entry.partial is not None:
                floor, span = entry.partial
                rate = Fraction(100 * numerator, denominator)
                attainment = _exact(min(Fraction(1), max(ZERO, (rate - floor) / span)))
                points = _exact(Fraction(entry.weight * attainment))
                scaled = _exact(Fraction(points * entry.scale))
        if met:
            attainment, points, scaled = 1, entry.weight, entry.scaled_weight
    result = _result(
        entry.code, entry.pillar, applicable, reason, value, entry.rule_text, threshold,
        met, attainment, entry.weight, points, entry.veto, missing, windows_checked,
    )  # fmt: skip
    return result, scaled


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for bulk work: a recompute (scoring and ranking many units), the
    rows of a large import.

    Scores and checked rows hold no reference cycles, so the collector has nothing to find in them; left
    running, it rescans the growing heap again and again, which doubles the time of a 10,000-unit recompute
    and took a large part of an import's Python (docs/benchmarks.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ScoringContext:
    """The catalog compiled for one period and scheme; score many units with :meth:`score`."""

    def __init__(self, indicators: Sequence[Indicator], period: Period, scheme: Scheme) -> None:
        self.period = period
        self.scheme = scheme
        self._indicators = tuple(indicators)
        self._plans: dict[UnitKind, tuple[tuple[Pillar, tuple[_Compiled, ...]], ...]] = {}
        self._pillar_weights = {pillar: _exact(Fraction(scheme.pillar_weight(pillar))) for pillar in Pillar}
        # Points are summed as ints scaled by this: every weight times every count attainment is a multiple
        # of 1 / scale. Partial credit gives other fractions and falls back to Fraction sums, exact still.
        self._scale = math.lcm(
            scheme.occurrence_penalty.denominator,
            *(
                Fraction(scheme.indicator_weight(indicator.code)).denominator
                for indicator in self._indicators
            ),
        )
        self._bonus_cap = _exact(scheme.bonus_cap)
        # total >= t  <=>  total.numerator * t.den >= t.num * total.denominator
        self._tiers = [
            (tier, scheme.tier_thresholds[tier].numerator, scheme.tier_thresholds[tier].denominator)
            for tier in (Tier.XUAT_SAC, Tier.TOT, Tier.HOAN_THANH)
        ]

    def plan(self, unit_kind: UnitKind) -> tuple[tuple[Pillar, tuple[_Compiled, ...]], ...]:
        """The indicators that apply to ``unit_kind``, compiled and grouped by pillar."""
        plan = self._plans.get(unit_kind)
        if plan is None:
            compiled = [
                _Compiled(i, self.period, self.scheme, self._scale)
                for i in self._indicators
                if i.applies(unit_kind)
            ]
            plan = tuple((pillar, tuple(c for c in compiled if c.pillar is pillar)) for pillar in Pillar)
            self._plans[unit_kind] = plan
        return plan

    def evaluate(
        self, indicator: Indicator, value: Value | None, previous_rate: Fraction | None = None
    ) -> IndicatorResult:
        return _evaluate(_Compiled(indicator, self.period, self.scheme), value, previous_rate)[0]

    def score(
        self,
        unit_kind: UnitKind,
        values: Mapping[str, Value],
        *,
        bonus: Sequence[Adjustment] = (),
        deductions: Sequence[Adjustment] = (),
        previous_rates: Mapping[str, Fraction] | None = None,
        timeliness: Timeliness | None = None,
        memo: dict | None = None,
    ) -> UnitScore:
        """Score one unit of ``unit_kind`` from its entered values (by indicator code).

        ``memo``: a dict shared by the units of one bulk recompute. An indicator given the very same
        ``Value`` object (and last year's rate, for "lower than last year") is evaluated once and every
        unit shares the one ``IndicatorResult``: a period holds few distinct values, and the caller can
        then encode each shared result once (see :func:`api.domain.serialize.explain`).
        """
        previous_rates = previous_rates or {}
        get_value, get_previous = values.get, previous_rates.get
        scale = self._scale
        results = []
        veto_failed = []
        missing = []
        pillars = []
        # base = sum(pw * 100 * P / W) / sum(pw) over pillars that apply, kept as one exact num/den pair
        numerator, denominator, weight_total = 0, 1, 0
        for pillar, entries in self.plan(unit_kind):
            points = weights = count = 0
            for entry in entries:
                code = entry.code
                value = get_value(code)
                previous = get_previous(code) if entry.kind is _ZERO_OR_LOWER else None  # read by that rule only
                if memo is None:
                    result, scaled = _evaluate(entry, value, previous)
                else:
                    key = (code, id(value), previous)
                    found = memo.get(key)
                    # The value is kept with the result: its id cannot be reused while the memo holds it.
                    if found is None or found[0] is not value:
                        found = memo[key] = (value, *_evaluate(entry, value, previous))
                    result, scaled = found[1], found[2]
                results.append(result)
                if result.applicable:
                    count += 1
                    weights += entry.scaled_weight
                    points += scaled
                    if result.met:
                        continue
                    if entry.veto:
                        veto_failed.append(code)
                    if result.missing:
                        missing.append(code)
            pillar_weight = self._pillar_weights[pillar]
            score = None
            if count:
                numerator = numerator * weights + pillar_weight * 100 * points * denominator
                denominator *= weights
                weight_total += pillar_weight
                score = Fraction(100 * points, weights)
            pillars.append(
                PillarScore(
                    pillar, score, pillar_weight, _unscale(points, scale), _unscale(weights, scale), count
                )
            )
        base = Fraction(numerator, denominator * weight_total) if weight_total else ZERO
        return self._finish(
            unit_kind,
            base,
            bonus,
            deductions,
            timeliness,
            tuple(veto_failed),
            tuple(missing),
            tuple(pillars),
            tuple(results),
        )

    def score_many(
        self, units: Iterable[tuple[UnitKind, Mapping[str, Value], Mapping[str, object]]]
    ) -> list[UnitScore]:
        """Score many units: ``(unit_kind, values, keyword arguments of score)`` each, in order.

        The cyclic garbage collector is paused meanwhile (see :func:`gc_paused`).
        """
        with gc_paused():
            return [self.score(kind, values, **options) for kind, values, options in units]

    def _finish(self, unit_kind, base, bonus, deductions, timeliness, veto_failed, missing, pillars, results):
        scheme = self.scheme
        deductions = tuple(deductions)
        if timeliness is not None and timeliness.status is TimelinessStatus.LATE:
            deductions += (
                Adjustment(scheme.late_report_deduction, f"Báo cáo muộn {timeliness.days_late} ngày"),
            )
        bonus_requested = bonus_applied = deductions_total = 0
        total = base
        if bonus or deductions:
            bonus_requested = _exact(Fraction(sum(entry.points for entry in bonus)))
            bonus_applied = min(bonus_requested, self._bonus_cap)
            deductions_total = _exact(Fraction(sum(entry.points for entry in deductions)))
            total = base + (bonus_applied - deductions_total)
            if total < 0:
                total = ZERO
        tier_before_veto = Tier.KHONG_HOAN_THANH
        for tier, threshold_num, threshold_den in self._tiers:
            if total.numerator * threshold_den >= threshold_num * total.denominator:
                tier_before_veto = tier
                break
        tier = min(tier_before_veto, scheme.veto_cap) if veto_failed else tier_before_veto
        return UnitScore(
            unit_kind,
            self.period.code,
            scheme.version,
            base,
            bonus_requested,
            bonus_applied,
            deductions_total,
            total,
            tier_before_veto,
            tier,
            veto_failed,
            missing,
            tuple(bonus),
            deductions,
            pillars,
            results,
        )


def evaluate(
    indicator: Indicator,
    value: Value | None,
    period: Period,
    scheme: Scheme,
    previous_rate: Fraction | None = None,
) -> IndicatorResult:
    """Score one indicator for one period; ``previous_rate`` (percent) feeds "lower than last year"."""
    return ScoringContext((indicator,), period, scheme).evaluate(indicator, value, previous_rate)


def score_unit(
    unit_kind: UnitKind,
    catalog: Catalog,
    values: Mapping[str, Value],
    period: Period,
    scheme: Scheme,
    *,
    bonus: Sequence[Adjustment] = (),
    deductions: Sequence[Adjustment] = (),
    previous_rates: Mapping[str, Fraction] | None = None,
    timeliness: Timeliness | None = None,
) -> UnitScore:
    """Score one unit; for many units of one period build a :class:`ScoringContext` once instead."""
    return ScoringContext(catalog.indicators, period, scheme).score(
        unit_kind,
        values,
        bonus=bonus,
        deductions=deductions,
        previous_rates=previous_rates,
        timeliness=timeliness,
    )
