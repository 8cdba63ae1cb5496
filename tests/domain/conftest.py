"""Shared fixtures of the domain tests: the real catalog file and small hand-made periods."""

from datetime import date

import pytest

from api.domain import Period, PeriodKind, Value, default_catalog_path, load_catalog


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(default_catalog_path())


@pytest.fixture(scope="session")
def scheme(catalog):
    return catalog.scheme


@pytest.fixture(scope="session")
def half_year(catalog):
    return catalog.period("2026-H1")


@pytest.fixture(scope="session")
def year(catalog):
    return catalog.period("2026-Y")


@pytest.fixture(scope="session")
def make_period():
    def make(start: date, end: date, due: date | None = None) -> Period:
        return Period("TEST", "Kỳ thử", PeriodKind.HALF_YEAR, start, end, due or end)

    return make


@pytest.fixture(scope="session")
def perfect_values(catalog):
    """Values meeting every indicator that applies to ``kind`` in ``period``."""
    return lambda kind, period: _perfect_values(catalog, kind, period)


def _perfect_values(catalog, kind, period) -> dict:
    values = {}
    for indicator in catalog.for_kind(kind):
        rule = indicator.rule
        if indicator.measure == "ratio":
            values[indicator.code] = Value(
                numerator=0 if rule.kind == "zero_or_lower" else 40, denominator=40
            )
        elif rule.kind == "zero":
            values[indicator.code] = Value(count=0)
        elif rule.kind == "frequency":
            values[indicator.code] = Value(count=rule.count * period.whole_windows(rule.cadence))
        elif indicator.measure == "flag":
            values[indicator.code] = Value(flag=True)
        else:
            values[indicator.code] = Value(date=rule.deadline)
    return values
