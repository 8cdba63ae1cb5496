"""Scoring a unit: applicability, pillar scores, total, bonus, deductions, tiers, vetoes, explanations."""

import dataclasses
import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from api.domain import (
    Adjustment,
    Pillar,
    Scheme,
    Tier,
    TimelinessStatus,
    UnitKind,
    Value,
    display,
    explain,
    score_unit,
    timeliness,
)
from api.domain.scoring import IndicatorResult, PillarScore, UnitScore, _result

POLICE = UnitKind.COMMUNE_POLICE


def score(catalog, kind, values, period, scheme=None, **options):
    return score_unit(kind, catalog, values, period, scheme or catalog.scheme, **options)


class TestApplicability:
    def test_indicators_by_kind(self, catalog):
        codes = {kind: {i.code for i in catalog.for_kind(kind)} for kind in UnitKind}
        assert "GD-03" in codes[UnitKind.COMMUNE_POLICE] and "GD-03" not in codes[UnitKind.POLICE_DEPARTMENT]
        assert codes[UnitKind.COMMUNE_POLICE] - codes[UnitKind.POLICE_DEPARTMENT] == {"GD-03"}
        assert codes[UnitKind.DEPARTMENT] == {"SN-01", "SN-02", "SN-03", "SN-04", "SN-05", "SN-06"}
        assert codes[UnitKind.COMMUNE] == {"SN-01", "SN-02", "SN-03", "SN-06"}
        assert not codes[UnitKind.PROVINCE] and not codes[UnitKind.POLICE_PROVINCE]

    def test_results_list_only_the_kinds_indicators(self, catalog, half_year):
        result = score(catalog, UnitKind.COMMUNE, {}, half_year)
        assert sorted(r.code for r in result.indicators) == ["SN-01", "SN-02", "SN-03", "SN-06"]

    def test_perfect_unit_scores_100(self, catalog, half_year, perfect_values):
        for kind in (
            UnitKind.COMMUNE_POLICE,
            UnitKind.POLICE_DEPARTMENT,
            UnitKind.DEPARTMENT,
            UnitKind.COMMUNE,
        ):
            result = score(catalog, kind, perfect_values(kind, half_year), half_year)
            assert result.total == 100 and result.tier is Tier.XUAT_SAC and not result.missing, kind

    def test_not_applicable_leaves_the_pillar_denominator(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.DEPARTMENT, half_year)
        values["SN-04"] = Value(numerator=0, denominator=0)  # TT pillar: SN-04 drops out
        values["SN-05"] = Value(numerator=9, denominator=10)  # not met
        tt = score(catalog, UnitKind.DEPARTMENT, values, half_year).pillar_score(Pillar.TT)
        assert tt == 0  # 0 of 1 applicable, not 0 of 2 or 1 of 2

    def test_pillar_without_applicable_indicator_leaves_the_total(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.COMMUNE, half_year)  # a commune has no TT indicator
        values["SN-02"] = Value(numerator=1, denominator=2)  # GD: SN-02 fails, SN-06 met -> 50
        result = score(catalog, UnitKind.COMMUNE, values, half_year)
        assert result.pillar_score(Pillar.TT) is None
        assert result.pillar_score(Pillar.GD) == 50 and result.pillar_score(Pillar.KL) == 100
        assert result.total == 75


class TestTotals:
    def test_missing_values_score_zero_and_are_listed(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.COMMUNE, half_year)
        del values["SN-06"]
        result = score(catalog, UnitKind.COMMUNE, values, half_year)
        assert result.missing == ("SN-06",) and result.pillar_score(Pillar.GD) == 50

    def test_worked_example_with_quarters(self, catalog, half_year, perfect_values):
        # commune police, H1: KL has 9 indicators; KL-04 counts 1 occurrence (3/4), KL-05 misses 100%
        values = perfect_values(POLICE, half_year)
        values["KL-04"] = Value(count=1)
        values["KL-05"] = Value(numerator=39, denominator=40)
        result = score(catalog, POLICE, values, half_year)
        kl = next(p for p in result.pillars if p.pillar is Pillar.KL)
        assert (kl.points, kl.weight_total) == (Fraction(31, 4), 9)
        assert kl.score == Fraction(775, 9)  # 86.11
        assert result.total == (Fraction(775, 9) + 100 + 100) / 3
        assert display(result.total) == Decimal("95.37")

    def test_indicator_and_pillar_weights(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.COMMUNE, half_year)
        values["SN-02"] = Value(numerator=1, denominator=2)
        weighted = Scheme(
            "w", indicator_weights={"SN-02": Fraction(3)}, pillar_weights={Pillar.GD: Fraction(2)}
        )
        result = score(catalog, UnitKind.COMMUNE, values, half_year, weighted)
        assert result.pillar_score(Pillar.GD) == 25  # 100 * 1 / (3 + 1)
        assert result.total == Fraction(100 * 1 + 25 * 2, 3)

    def test_bonus_is_capped(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.COMMUNE, half_year)
        bonus = [
            Adjustment(Fraction(8), "Điển hình tiên tiến"),
            Adjustment(Fraction(5), "Khắc phục thiên tai"),
        ]
        result = score(catalog, UnitKind.COMMUNE, values, half_year, bonus=bonus)
        assert (result.bonus_requested, result.bonus_applied, result.total) == (13, 10, 110)
        assert result.bonus_capped

    def test_late_report_costs_two_points(self, catalog, half_year, perfect_values):
        values = perfect_values(UnitKind.COMMUNE, half_year)
        late = timeliness(
            datetime(2026, 6, 22, 2, 0, tzinfo=UTC), half_year.due, datetime(2026, 7, 1, tzinfo=UTC)
        )
        assert late.status is TimelinessStatus.LATE
        result = score(catalog, UnitKind.COMMUNE, values, half_year, timeliness=late)
        assert result.total == 98 and result.deductions[-1].reason == "Báo cáo muộn 2 ngày"

    def test_on_time_report_costs_nothing(self, catalog, half_year, perfect_values):
        on_time = timeliness(
            datetime(2026, 6, 1, tzinfo=UTC), half_year.due, datetime(2026, 7, 1, tzinfo=UTC)
        )
        values = perfect_values(UnitKind.COMMUNE, half_year)
        assert score(catalog, UnitKind.COMMUNE, values, half_year, timeliness=on_time).total == 100

    def test_deductions_never_push_below_zero(self, catalog, half_year):
        result = score(
            catalog,
            UnitKind.COMMUNE,
            {},
            half_year,
            deductions=[Adjustment(Fraction(15), "Kiểm tra chuyên đề: vi phạm")],
        )
        assert result.base == 0 and result.total == 0 and result.deductions_total == 15


class TestTiers:
    scheme = Scheme("t")

    def test_boundaries(self):
        assert self.scheme.tier_for(Fraction(90)) is Tier.XUAT_SAC
        assert self.scheme.tier_for(Fraction(8999, 100)) is Tier.TOT
        assert self.scheme.tier_for(Fraction(70)) is Tier.TOT
        assert self.scheme.tier_for(Fraction(50)) is Tier.HOAN_THANH
        assert self.scheme.tier_for(Fraction(4999, 100)) is Tier.KHONG_HOAN_THANH

    def test_labels(self):
        assert Tier.XUAT_SAC.label == "Hoàn thành xuất sắc nhiệm vụ" and Tier.TOT > Tier.HOAN_THANH

    def test_boundary_through_scoring(self, catalog, half_year, perfect_values):
        # a perfect commune with a 10-point deduction lands exactly on 90: still XUAT_SAC
        values = perfect_values(UnitKind.COMMUNE, half_year)
        exact = score(
            catalog, UnitKind.COMMUNE, values, half_year, deductions=[Adjustment(Fraction(10), "x")]
        )
        assert exact.total == 90 and exact.tier is Tier.XUAT_SAC
        below = score(
            catalog, UnitKind.COMMUNE, values, half_year, deductions=[Adjustment(Fraction(1001, 100), "x")]
        )
        assert below.tier is Tier.TOT


class TestVeto:
    def test_unmet_veto_caps_the_tier(self, catalog, half_year, perfect_values):
        values = perfect_values(POLICE, half_year)
        values["TT-08"] = Value(count=1)
        result = score(catalog, POLICE, values, half_year)
        assert result.veto_failed == ("TT-08",)
        assert result.tier_before_veto is Tier.XUAT_SAC and result.tier is Tier.HOAN_THANH

    def test_veto_cap_does_not_raise_a_lower_tier(self, catalog, half_year):
        values = {"SN-03": Value(count=2)}
        result = score(catalog, UnitKind.COMMUNE, values, half_year)
        assert result.veto_failed == ("SN-03",) and result.tier is Tier.KHONG_HOAN_THANH

    def test_missing_veto_value_fails_the_veto(self, catalog, half_year, perfect_values):
        values = perfect_values(POLICE, half_year)
        del values["KL-09"]
        assert score(catalog, POLICE, values, half_year).veto_failed == ("KL-09",)

    def test_cap_is_a_scheme_parameter(self, catalog, half_year, perfect_values):
        values = perfect_values(POLICE, half_year)
        values["TT-01"] = Value(count=1)
        scheme = replace(catalog.scheme, veto_cap=Tier.TOT)
        assert score(catalog, POLICE, values, half_year, scheme).tier is Tier.TOT


class TestExplanation:
    def test_indicator_explanation_fields(self, catalog, half_year, perfect_values):
        values = perfect_values(POLICE, half_year)
        values["GD-02"] = Value(numerator=19, denominator=20)
        result = score(catalog, POLICE, values, half_year)
        gd02 = next(r for r in result.indicators if r.code == "GD-02")
        assert (gd02.rule_text, gd02.threshold, gd02.met, gd02.attainment, gd02.weight, gd02.points) == (
            "Tối thiểu 95%",
            95,
            True,
            1,
            1,
            1,
        )
        assert gd02.rate == 95

    def test_explain_is_json_with_every_exact_number_a_string(self, catalog, half_year, perfect_values):
        values = perfect_values(POLICE, half_year)
        values["KL-04"] = Value(count=1)
        data = json.loads(json.dumps(explain(score(catalog, POLICE, values, half_year))))
        assert data["tier"] == "XUAT_SAC" and data["unit_kind"] == "commune_police"
        kl04 = next(r for r in data["indicators"] if r["code"] == "KL-04")
        assert kl04["attainment"] == "3/4" and kl04["value"]["count"] == 1 and kl04["rate"] is None
        assert Fraction(data["total"]) == (Fraction(100 * 35, 4 * 9) + 200) / 3  # KL: 8.75 of 9
        # Whole or not, an exact number is a string: the field never switches between number and string.
        kl01 = next(r for r in data["indicators"] if r["code"] == "KL-01")
        assert (kl01["attainment"], kl01["weight"], kl01["points"]) == ("1", "1", "1")
        assert data["bonus_requested"] == data["bonus_applied"] == "0" and data["bonus_capped"] is False

    def test_explain_names_every_field_and_property_of_the_result(self, catalog, half_year, perfect_values):
        """The hand-written encoder cannot drift from the dataclasses: a new field must be explained."""
        result = score(catalog, POLICE, perfect_values(POLICE, half_year), half_year)
        data = explain(result)
        fields = {f.name for f in dataclasses.fields(UnitScore)} | {"bonus_capped"}
        assert set(data) == fields
        indicator_fields = {f.name for f in dataclasses.fields(IndicatorResult)} | {"rate"}
        assert set(data["indicators"][0]) == indicator_fields
        assert set(data["indicators"][0]["value"]) == {f.name for f in dataclasses.fields(Value)} - {"dates"}
        assert set(data["pillars"][0]) == {f.name for f in dataclasses.fields(PillarScore)}

    def test_fast_result_constructor_builds_an_ordinary_result(self):
        args = ("GD-02", Pillar.GD, True, "", Value(count=1), "x", 95, True, 1, 1, 1, False, False)
        assert _result(*args) == IndicatorResult(*args)
        assert repr(_result(*args)) == repr(IndicatorResult(*args))


def test_display_rounds_half_up_only_for_display():
    assert display(Fraction(95125, 1000)) == Decimal("95.13")
    assert display(Fraction(2, 3)) == Decimal("0.67")
    assert display(Fraction(-1, 8), 2) == Decimal("-0.13")
    assert display(100, 0) == Decimal(100)
