"""A bulk recompute's shortcuts give what scoring each unit on its own gives: the memo of
``ScoringContext.score`` and an encoder of the explanation's indicator entries."""

import json
from fractions import Fraction

from api.domain import ScoringContext, UnitKind, Value, explain, explain_indicator


def test_the_memo_shares_results_without_changing_any_score(catalog, half_year, scheme, perfect_values):
    context = ScoringContext(catalog.indicators, half_year, scheme)
    shared = perfect_values(UnitKind.COMMUNE_POLICE, half_year)
    one_off = {**shared, "KL-02": Value(numerator=1, denominator=50), "KL-04": Value(count=2)}
    units = [
        (shared, None),
        (shared, {"KL-02": Fraction(5)}),  # "lower than last year" reads the previous rate
        (one_off, {"KL-02": Fraction(5)}),
        (one_off, {"KL-02": Fraction(2)}),  # same value, another previous rate: not met this time
        ({}, None),
    ]
    memo: dict = {}
    for values, previous in units:
        alone = context.score(UnitKind.COMMUNE_POLICE, values, previous_rates=previous)
        bulk = context.score(UnitKind.COMMUNE_POLICE, values, previous_rates=previous, memo=memo)
        assert bulk == alone
        assert explain(bulk) == explain(alone)
    first = context.score(UnitKind.COMMUNE_POLICE, shared, memo=memo)
    again = context.score(UnitKind.COMMUNE_POLICE, dict(shared), memo=memo)
    assert all(a is b for a, b in zip(first.indicators, again.indicators, strict=True))
    kl02 = {r.code: r for r in context.score(UnitKind.COMMUNE_POLICE, one_off, memo=memo,
                                             previous_rates={"KL-02": Fraction(2)}).indicators}["KL-02"]
    assert (kl02.met, kl02.threshold) == (False, Fraction(2))


def test_an_indicator_encoder_writes_the_same_explanation(catalog, half_year, scheme, perfect_values):
    context = ScoringContext(catalog.indicators, half_year, scheme)
    score = context.score(UnitKind.COMMUNE_POLICE, perfect_values(UnitKind.COMMUNE_POLICE, half_year))
    encoded = {}

    def once(result):
        return encoded.setdefault(id(result), json.dumps(explain_indicator(result)))

    by_encoder = explain(score, once)
    assert json.loads("[" + ",".join(by_encoder.pop("indicators")) + "]") == explain(score)["indicators"]
    assert by_encoder == {key: value for key, value in explain(score).items() if key != "indicators"}
