"""Scoring one unit for one period: indicator results, pillar scores, total and tier, all explained.

Arithmetic is exact. Ratio thresholds are compared by integer cross-multiplication (19 of 20 against 95%
is ``100 * 19 * 1 >= 95 * 20``), attainments are ``int`` 0/1 or exact ``Fraction`` values, and the pillar
and total scores are ``Fraction``. Rounding happens only in :func:`api.domain.serialize.display`.

``ScoringContext`` compiles the catalog once per period and scheme (applicability, required counts,
integer forms of thresholds), so a bulk recompute pays that cost once, not once per unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .indicators import Indicator, Pillar, RuleKind, UnitKind
from .periods import Period, Timeliness, TimelinessStatus
from .schemes import Adjustment, Scheme, Tier
from .values import Value

ZERO = Fraction(0)
HUNDRED = Fraction(100)


@dataclass(frozen=True, slots=True)
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


class _Compiled:
    """One indicator prepared for one period and scheme."""

    __slots__ = ("indicator", "kind", "not_applicable", "threshold", "num_factor", "den_factor",
                 "required", "weight", "rule_text", "partial")

    def __init__(self, indicator: Indicator, period: Period, scheme: Scheme) -> None:
        rule = indicator.rule
        self.indicator = indicator
        self.kind = rule.kind
        self.rule_text = rule.text
        self.weight = _exact(Fraction(scheme.indicator_weight(indicator.code)))
        self.not_applicable = ""
        self.threshold: Fraction | int | date | None = None
        self.partial: tuple[Fraction, Fraction] | None = None
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
            self.required = rule.count * period.whole_windows(rule.cadence)
            self.threshold = self.required
            if not self.required:
                self.not_applicable = (
                    f"Kỳ báo cáo không chứa trọn {rule.cadence.label} nào nên không yêu cầu số lần tối thiểu."
                )
        elif rule.kind is RuleKind.DATE_BY:
            self.threshold = rule.deadline
            if not period.contains(rule.deadline):
                self.not_applicable = f"Thời hạn {rule.deadline:%d/%m/%Y} không thuộc kỳ báo cáo này."


class _Penalties:
    """Attainments of "= 0" count rules: 1 - penalty * count, never below 0, cached per count."""

    def __init__(self, penalty: Fraction) -> None:
        self.penalty = penalty
        self.table = [_exact(max(ZERO, 1 - penalty * n)) for n in range(self.limit(penalty) + 1)]

    @staticmethod
    def limit(penalty: Fraction) -> int:
        return -(-1 // penalty) if penalty > 0 else 0  # ceil(1 / penalty): counts from here score 0

    def attainment(self, count: int) -> Fraction | int:
        if self.penalty <= 0:
            return 1
        return self.table[count] if count < len(self.table) else 0


def _evaluate(entry: _Compiled, value: Value | None, previous_rate: Fraction | None,
              penalties: _Penalties) -> IndicatorResult:
    indicator = entry.indicator
    kind = entry.kind
    threshold = entry.threshold
    if entry.not_applicable:
        return IndicatorResult(indicator.code, indicator.pillar, False, entry.not_applicable, value,
                               entry.rule_text, threshold, False, 0, entry.weight, 0, indicator.veto, False)
    if value is None:
        return IndicatorResult(indicator.code, indicator.pillar, True, "", None, entry.rule_text, threshold,
                               False, 0, entry.weight, 0, indicator.veto, True)
    attainment: Fraction | int
    if kind is RuleKind.ZERO:
        count = value.count
        met = count == 0
        attainment = 1 if met else penalties.attainment(count)
    elif kind is RuleKind.FREQUENCY:
        met = value.count >= entry.required
        attainment = 1 if met else 0
    elif kind is RuleKind.FLAG_YES:
        met = value.flag is True
        attainment = 1 if met else 0
    elif kind is RuleKind.DATE_BY:
        met = value.date <= threshold
        attainment = 1 if met else 0
    else:
        numerator, denominator = value.numerator, value.denominator
        if not denominator:
            return IndicatorResult(indicator.code, indicator.pillar, False,
                                   "Mẫu số bằng 0: không phát sinh việc để tính tỷ lệ.", value, entry.rule_text,
                                   threshold, False, 0, entry.weight, 0, indicator.veto, False)
        if kind is RuleKind.AT_LEAST:
            met = numerator * entry.num_factor >= entry.den_factor * denominator
        elif kind is RuleKind.ABOVE:
            met = numerator * entry.num_factor > entry.den_factor * denominator
        else:  # ZERO_OR_LOWER: rate 0, or below last year's rate
            threshold = previous_rate
            met = numerator == 0 or (
                previous_rate is not None
                and 100 * numerator * previous_rate.denominator < previous_rate.numerator * denominator
            )
        attainment = 1 if met else 0
        if not met and entry.partial is not None:
            floor, span = entry.partial
            attainment = _exact(min(Fraction(1), max(ZERO, (Fraction(100 * numerator, denominator) - floor) / span)))
    weight = entry.weight
    return IndicatorResult(indicator.code, indicator.pillar, True, "", value, entry.rule_text, threshold, met,
                           attainment, weight, weight * attainment if attainment else 0, indicator.veto, False)


class ScoringContext:
    """The catalog compiled for one period and scheme; score many units with :meth:`score`."""

    def __init__(self, indicators: Sequence[Indicator], period: Period, scheme: Scheme) -> None:
        self.period = period
        self.scheme = scheme
        self._indicators = tuple(indicators)
        self._penalties = _Penalties(scheme.occurrence_penalty)
        self._plans: dict[UnitKind, tuple[_Compiled, ...]] = {}
        self._pillar_weights = {pillar: _exact(Fraction(scheme.pillar_weight(pillar))) for pillar in Pillar}

    def plan(self, unit_kind: UnitKind) -> tuple[_Compiled, ...]:
        plan = self._plans.get(unit_kind)
        if plan is None:
            plan = tuple(_Compiled(i, self.period, self.scheme) for i in self._indicators if i.applies(unit_kind))
            self._plans[unit_kind] = plan
        return plan

    def evaluate(self, indicator: Indicator, value: Value | None,
                 previous_rate: Fraction | None = None) -> IndicatorResult:
        return _evaluate(_Compiled(indicator, self.period, self.scheme), value, previous_rate, self._penalties)

    def score(
        self,
        unit_kind: UnitKind,
        values: Mapping[str, Value],
        *,
        bonus: Sequence[Adjustment] = (),
        deductions: Sequence[Adjustment] = (),
        previous_rates: Mapping[str, Fraction] | None = None,
        timeliness: Timeliness | None = None,
    ) -> UnitScore:
        """Score one unit of ``unit_kind`` from its entered values (by indicator code)."""
        previous_rates = previous_rates or {}
        penalties = self._penalties
        results = []
        sums = {pillar: [0, 0, 0] for pillar in Pillar}  # points, weights, applicable count
        veto_failed = []
        missing = []
        for entry in self.plan(unit_kind):
            code = entry.indicator.code
            result = _evaluate(entry, values.get(code), previous_rates.get(code), penalties)
            results.append(result)
            if result.applicable:
                pillar_sums = sums[result.pillar]
                pillar_sums[0] += result.points
                pillar_sums[1] += result.weight
                pillar_sums[2] += 1
                if not result.met:
                    if result.veto:
                        veto_failed.append(code)
                    if result.missing:
                        missing.append(code)
        pillars = []
        weighted = weight_total = 0
        for pillar, (points, weights, count) in sums.items():
            pillar_weight = self._pillar_weights[pillar]
            score = Fraction(100 * points, weights) if count else None
            if count:
                weighted += pillar_weight * score
                weight_total += pillar_weight
            pillars.append(PillarScore(pillar, score, pillar_weight, points, weights, count))
        base = Fraction(weighted, weight_total) if weight_total else ZERO
        return self._finish(unit_kind, base, bonus, deductions, timeliness, tuple(veto_failed), tuple(missing),
                            tuple(pillars), tuple(results))

    def _finish(self, unit_kind, base, bonus, deductions, timeliness, veto_failed, missing, pillars, results):
        scheme = self.scheme
        deductions = tuple(deductions)
        if timeliness is not None and timeliness.status is TimelinessStatus.LATE:
            deductions += (Adjustment(scheme.late_report_deduction, f"Báo cáo muộn {timeliness.days_late} ngày"),)
        bonus_requested = sum((entry.points for entry in bonus), 0)
        bonus_applied = min(bonus_requested, scheme.bonus_cap)
        deductions_total = sum((entry.points for entry in deductions), 0)
        total = max(ZERO, base + bonus_applied - deductions_total)
        tier_before_veto = scheme.tier_for(total)
        tier = min(tier_before_veto, scheme.veto_cap) if veto_failed else tier_before_veto
        return UnitScore(unit_kind, self.period.code, scheme.version, base, bonus_requested, bonus_applied,
                         deductions_total, total, tier_before_veto, Tier(tier), veto_failed, missing,
                         tuple(bonus), deductions, pillars, results)


def evaluate(indicator: Indicator, value: Value | None, period: Period, scheme: Scheme,
             previous_rate: Fraction | None = None) -> IndicatorResult:
    """Score one indicator for one period; ``previous_rate`` (percent) feeds "lower than last year"."""
    return ScoringContext((indicator,), period, scheme).evaluate(indicator, value, previous_rate)


def score_unit(
    unit_kind: UnitKind,
    catalog_or_indicators,
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
    indicators = getattr(catalog_or_indicators, "indicators", catalog_or_indicators)
    return ScoringContext(indicators, period, scheme).score(
        unit_kind, values, bonus=bonus, deductions=deductions, previous_rates=previous_rates, timeliness=timeliness
    )
