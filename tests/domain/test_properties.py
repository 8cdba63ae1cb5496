"""Properties of scoring and ranking, checked on generated units (hypothesis, modest example counts)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.domain import (
    Measure,
    RankInput,
    RankStatus,
    RuleKind,
    Scheme,
    ScoringContext,
    Tier,
    UnitKind,
    Value,
    default_catalog_path,
    load_catalog,
    rank_group,
)

CATALOG = load_catalog(default_catalog_path())
PERIOD = CATALOG.period("2026-Y")
SCHEMES = (CATALOG.scheme, Scheme("partial", partial_credit=True, partial_credit_floor=Fraction(60)))
KINDS = (UnitKind.COMMUNE_POLICE, UnitKind.POLICE_DEPARTMENT, UnitKind.DEPARTMENT, UnitKind.COMMUNE)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def value_for(draw, indicator):
    if indicator.measure is Measure.RATIO:
        denominator = draw(st.integers(0, 60))
        return Value(numerator=draw(st.integers(0, denominator)), denominator=denominator)
    if indicator.measure is Measure.COUNT:
        return Value(count=draw(st.integers(0, 60)))
    if indicator.measure is Measure.FLAG:
        return Value(flag=draw(st.booleans()))
    return Value(date=indicator.rule.deadline + timedelta(days=draw(st.integers(-30, 30))))


@st.composite
def units(draw, kind=None):
    kind = kind or draw(st.sampled_from(KINDS))
    values = {}
    for indicator in CATALOG.for_kind(kind):
        if draw(st.integers(0, 9)):  # about one value in ten left missing
            values[indicator.code] = draw(value_for(indicator))
    return kind, values


def total(scheme, kind, values):
    return ScoringContext(CATALOG.indicators, PERIOD, scheme).score(kind, values).total


@FAST
@given(unit=units(), scheme=st.sampled_from(SCHEMES), data=st.data())
def test_raising_a_met_or_unmet_ratio_never_lowers_the_score(unit, scheme, data):
    kind, values = unit
    ratios = [
        code
        for code, value in values.items()
        if value.denominator and CATALOG.indicator(code).rule.kind in (RuleKind.AT_LEAST, RuleKind.ABOVE)
    ]
    if not ratios:
        return
    code = data.draw(st.sampled_from(ratios))
    value = values[code]
    raised = replace(value, numerator=data.draw(st.integers(value.numerator, value.denominator)))
    assert total(scheme, kind, {**values, code: raised}) >= total(scheme, kind, values)


@FAST
@given(unit=units(), data=st.data())
def test_lowering_a_violation_count_never_lowers_the_score(unit, data):
    kind, values = unit
    counts = [code for code, value in values.items() if CATALOG.indicator(code).rule.kind is RuleKind.ZERO]
    if not counts:
        return
    code = data.draw(st.sampled_from(counts))
    lowered = Value(count=data.draw(st.integers(0, values[code].count)))
    before = ScoringContext(CATALOG.indicators, PERIOD, CATALOG.scheme).score(kind, values)
    after = ScoringContext(CATALOG.indicators, PERIOD, CATALOG.scheme).score(kind, {**values, code: lowered})
    assert after.total >= before.total and after.tier >= before.tier


@st.composite
def rank_inputs(draw):
    size = draw(st.integers(1, 12))
    start = datetime(2026, 6, 1, tzinfo=UTC)
    entries = []
    for number in range(size):
        total = Fraction(draw(st.integers(0, 40)) * 5, 2)  # few distinct totals, so ties happen
        entries.append(
            RankInput(
                f"U{number:02d}",
                draw(st.sampled_from(list(RankStatus))),
                min(CATALOG.scheme.tier_for(total), draw(st.sampled_from(list(Tier)))),
                total,
                draw(st.sampled_from([None, Fraction(50), Fraction(100)])),
                draw(st.sampled_from([None, start, start + timedelta(hours=1)])),
            )
        )
    return entries


@FAST
@given(
    entries=rank_inputs(),
    order=st.randoms(use_true_random=False),
    quota=st.sampled_from([None, Fraction(1, 5), Fraction(1, 2)]),
)
def test_ranks_do_not_depend_on_input_order(entries, order, quota):
    scheme = Scheme("q", excellent_quota=quota)
    shuffled = list(entries)
    order.shuffle(shuffled)
    assert rank_group(shuffled, scheme) == rank_group(entries, scheme)


@FAST
@given(entries=rank_inputs())
def test_ranks_are_competition_ranks(entries):
    result = rank_group(entries, CATALOG.scheme)
    ranks = [ranked.rank for ranked in result if ranked.rank is not None]
    assert len(ranks) == sum(1 for entry in entries if entry.status.ranked)
    assert [ranked.rank for ranked in result[len(ranks):]] == [None] * (len(result) - len(ranks))  # unranked last
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    for position, rank in enumerate(ranks):
        assert rank == position + 1 or rank == ranks[position - 1]


@FAST
@given(unit=units(), others=st.lists(units(), max_size=4))
def test_a_units_score_does_not_depend_on_other_units(unit, others):
    kind, values = unit
    alone = ScoringContext(CATALOG.indicators, PERIOD, CATALOG.scheme).score(kind, values)
    shared = ScoringContext(CATALOG.indicators, PERIOD, CATALOG.scheme)
    for other_kind, other_values in others:
        shared.score(other_kind, other_values)
    assert shared.score(kind, values) == alone
    batch = shared.score_many([(k, v, {}) for k, v in others] + [(kind, values, {})])
    assert batch[-1] == alone
