"""Every rule and its boundaries, evaluated one indicator at a time."""

from datetime import date
from fractions import Fraction

import pytest

from api.domain import Cadence, Scheme, Value, evaluate


def ratio(numerator, denominator):
    return Value(numerator=numerator, denominator=denominator)


def test_19_of_20_meets_at_least_95_but_not_above_95(catalog, scheme, half_year):
    at_least, above = catalog.indicator("GD-02"), catalog.indicator("SN-05")
    assert at_least.rule.text == "Tối thiểu 95%" and above.rule.text == "Trên 95%"
    assert evaluate(at_least, ratio(19, 20), half_year, scheme).met
    assert not evaluate(above, ratio(19, 20), half_year, scheme).met


@pytest.mark.parametrize(
    ("numerator", "denominator", "met_at_least", "met_above"),
    [
        (18, 19, False, False),  # 94.7%
        (95, 100, True, False),  # exactly 95%
        (951, 1000, True, True),  # 95.1%
        (20, 20, True, True),
        (0, 1, False, False),
    ],
)
def test_strict_and_non_strict_95(
    catalog, scheme, half_year, numerator, denominator, met_at_least, met_above
):
    assert (
        evaluate(catalog.indicator("GD-02"), ratio(numerator, denominator), half_year, scheme).met
        is met_at_least
    )
    assert (
        evaluate(catalog.indicator("SN-05"), ratio(numerator, denominator), half_year, scheme).met
        is met_above
    )


def test_100_percent_needs_every_item(catalog, scheme, half_year):
    indicator = catalog.indicator("KL-01")
    assert evaluate(indicator, ratio(200, 200), half_year, scheme).attainment == 1
    missed = evaluate(indicator, ratio(199, 200), half_year, scheme)
    assert (missed.met, missed.attainment, missed.points) == (False, 0, 0)


def test_denominator_zero_is_not_applicable(catalog, scheme, half_year):
    result = evaluate(catalog.indicator("GD-06"), ratio(0, 0), half_year, scheme)
    assert not result.applicable and "Mẫu số bằng 0" in result.reason_not_applicable


@pytest.mark.parametrize(
    ("count", "attainment"),
    [
        (0, 1),
        (1, Fraction(3, 4)),
        (2, Fraction(1, 2)),
        (3, Fraction(1, 4)),
        (4, 0),
        (9, 0),
    ],
)
def test_zero_count_loses_a_quarter_per_occurrence(catalog, scheme, half_year, count, attainment):
    result = evaluate(catalog.indicator("KL-04"), Value(count=count), half_year, scheme)
    assert result.attainment == attainment
    assert result.met is (count == 0)


def test_occurrence_penalty_is_a_scheme_parameter(catalog, half_year):
    harsh = Scheme("test", occurrence_penalty=Fraction(1, 2))
    assert evaluate(catalog.indicator("KL-04"), Value(count=1), half_year, harsh).attainment == Fraction(1, 2)
    assert evaluate(catalog.indicator("KL-04"), Value(count=2), half_year, harsh).attainment == 0


class TestZeroOrLowerThanLastYear:
    def test_zero_is_met_without_previous_year(self, catalog, scheme, half_year):
        assert evaluate(catalog.indicator("KL-02"), ratio(0, 50), half_year, scheme, None).met

    def test_any_violation_fails_without_previous_year(self, catalog, scheme, half_year):
        assert not evaluate(catalog.indicator("KL-02"), ratio(1, 50), half_year, scheme, None).met

    def test_lower_rate_than_last_year_is_met(self, catalog, scheme, half_year):
        # 1/50 = 2% against 5% last year
        result = evaluate(catalog.indicator("KL-02"), ratio(1, 50), half_year, scheme, Fraction(5))
        assert result.met and result.threshold == 5

    def test_equal_rate_is_not_lower(self, catalog, scheme, half_year):
        assert not evaluate(catalog.indicator("KL-02"), ratio(1, 50), half_year, scheme, Fraction(2)).met

    def test_higher_rate_fails(self, catalog, scheme, half_year):
        assert not evaluate(catalog.indicator("KL-02"), ratio(2, 50), half_year, scheme, Fraction(3)).met


class TestFrequency:
    def test_weeks_in_a_181_day_window(self, catalog, scheme, make_period):
        period = make_period(date(2026, 1, 1), date(2026, 6, 30))
        assert period.days == 181 and period.whole_windows(Cadence.WEEK) == 25
        indicator = catalog.indicator("GD-03")
        assert evaluate(indicator, Value(count=25), period, scheme).met
        short = evaluate(indicator, Value(count=24), period, scheme)
        assert not short.met and short.threshold == 25

    def test_year_cadence_in_a_half_year_is_not_applicable(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("TT-09"), Value(count=0), half_year, scheme)
        assert not result.applicable and result.threshold == 0

    def test_year_cadence_in_a_year_needs_one(self, catalog, scheme, year):
        assert evaluate(catalog.indicator("TT-09"), Value(count=1), year, scheme).met
        assert not evaluate(catalog.indicator("TT-09"), Value(count=0), year, scheme).met

    def test_quarters_count_only_whole_calendar_quarters(self, catalog, scheme, make_period):
        period = make_period(date(2026, 2, 1), date(2026, 12, 30))  # Q2 and Q3 whole, Q1 and Q4 cut
        result = evaluate(catalog.indicator("GD-08"), Value(count=1), period, scheme)
        assert result.threshold == 2 and not result.met

    def test_missing_value_of_an_inapplicable_frequency_stays_inapplicable(self, catalog, scheme, half_year):
        result = evaluate(catalog.indicator("TT-09"), None, half_year, scheme)
        assert not result.applicable and not result.missing


class TestDate:
    def test_on_the_deadline_is_met(self, catalog, scheme, half_year):
        assert evaluate(catalog.indicator("SN-01"), Value(date=date(2026, 5, 5)), half_year, scheme).met

    def test_a_day_late_fails(self, catalog, scheme, half_year):
        assert not evaluate(catalog.indicator("SN-01"), Value(date=date(2026, 5, 6)), half_year, scheme).met

    def test_deadline_outside_the_period_is_not_applicable(self, catalog, scheme):
        result = evaluate(catalog.indicator("SN-01"), None, catalog.period("2027-H1"), scheme)
        assert not result.applicable and "05/05/2026" in result.reason_not_applicable


def test_flag_must_be_yes(catalog, scheme, half_year):
    assert evaluate(catalog.indicator("TT-07"), Value(flag=True), half_year, scheme).met
    assert not evaluate(catalog.indicator("TT-07"), Value(flag=False), half_year, scheme).met


def test_missing_value_counts_as_not_met_and_is_flagged(catalog, scheme, half_year):
    result = evaluate(catalog.indicator("GD-02"), None, half_year, scheme)
    assert result.applicable and result.missing and not result.met and result.attainment == 0


class TestPartialCredit:
    scheme = Scheme("partial", partial_credit=True, partial_credit_floor=Fraction(50))

    def test_off_by_default(self, catalog, scheme, half_year):
        assert evaluate(catalog.indicator("GD-05"), ratio(80, 100), half_year, scheme).attainment == 0

    def test_linear_between_floor_and_threshold(self, catalog, half_year):
        # GD-05 needs 85%; 80% is (80 - 50) / (85 - 50) = 6/7 of the way
        result = evaluate(catalog.indicator("GD-05"), ratio(80, 100), half_year, self.scheme)
        assert result.attainment == Fraction(6, 7) and not result.met

    def test_clipped_at_the_floor(self, catalog, half_year):
        assert evaluate(catalog.indicator("GD-05"), ratio(40, 100), half_year, self.scheme).attainment == 0

    def test_not_for_strict_rules(self, catalog, half_year):
        assert evaluate(catalog.indicator("SN-05"), ratio(90, 100), half_year, self.scheme).attainment == 0


def test_without_occurrence_penalty_a_count_is_still_not_met(catalog, half_year):
    lenient = Scheme("test", occurrence_penalty=Fraction(0))
    result = evaluate(catalog.indicator("KL-04"), Value(count=3), half_year, lenient)
    assert (result.met, result.attainment) == (False, 1)
