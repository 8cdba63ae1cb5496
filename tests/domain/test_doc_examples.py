"""The worked examples of docs/scoring.md, so the document cannot drift from the engine."""

from datetime import UTC, date, datetime
from fractions import Fraction

from api.domain import (
    Pillar,
    RankInput,
    RankStatus,
    Tier,
    UnitKind,
    Value,
    rank_group,
    review_total,
    score_unit,
    timeliness,
)


def test_example_b_a_late_commune(catalog, half_year):
    values = {
        "SN-01": Value(date=date(2026, 5, 4)),
        "SN-03": Value(count=0),
        "SN-02": Value(numerator=19, denominator=20),
        "SN-06": Value(count=2),
    }
    late = timeliness(
        datetime(2026, 6, 22, 3, 0, tzinfo=UTC), half_year.due, datetime(2026, 7, 1, tzinfo=UTC)
    )
    result = score_unit(UnitKind.COMMUNE, catalog, values, half_year, catalog.scheme, timeliness=late)
    assert (
        result.pillar_score(Pillar.KL),
        result.pillar_score(Pillar.TT),
        result.pillar_score(Pillar.GD),
    ) == (100, None, 50)
    assert (result.base, result.total, result.tier) == (75, 73, Tier.TOT)


def test_example_c_a_veto(catalog, half_year, perfect_values):
    values = perfect_values(UnitKind.COMMUNE_POLICE, half_year)
    values["TT-08"] = Value(count=1)
    result = score_unit(UnitKind.COMMUNE_POLICE, catalog, values, half_year, catalog.scheme)
    assert result.pillar_score(Pillar.TT) == Fraction(96875, 1000)
    assert result.total == Fraction(2375, 24)
    assert (result.tier_before_veto, result.tier) == (Tier.XUAT_SAC, Tier.HOAN_THANH)


def test_example_e_a_tie(scheme):
    def at(day, hour):
        return datetime(2026, 6, day, hour - 7, tzinfo=UTC)  # Hà Nội time

    entries = [
        RankInput("A", RankStatus.RANKED, Tier.TOT, Fraction(85), Fraction(90), at(10, 8)),
        RankInput("B", RankStatus.RANKED, Tier.TOT, Fraction(85), Fraction(90), at(10, 8)),
        RankInput("C", RankStatus.RANKED, Tier.TOT, Fraction(85), Fraction(80), at(1, 8)),
        RankInput("D", RankStatus.PROVISIONAL, Tier.XUAT_SAC, Fraction(95), Fraction(100), at(2, 8)),
    ]
    assert [(r.unit_code, r.rank) for r in rank_group(entries, scheme)] == [
        ("A", 1),
        ("B", 1),
        ("C", 3),
        ("D", 4),
    ]


def test_example_f_review(scheme):
    total = review_total([Fraction(92), Fraction(88), None])
    assert total == 60 and scheme.tier_for(total) is Tier.HOAN_THANH
