"""The catalog data file and its loader's error messages."""

import copy
import json
from datetime import date
from fractions import Fraction

import pytest

from api.domain import CatalogError, PeriodKind, Tier, UnitKind, default_catalog_path, load_catalog

# docs/domain.md, the indicator table: code -> (pillar, measure, rule kind, veto)
EXPECTED = {
    "KL-01": ("KL", "ratio", "at_least", False),
    "KL-02": ("KL", "ratio", "zero_or_lower", False),
    "KL-03": ("KL", "flag", "flag_yes", False),
    "KL-04": ("KL", "count", "zero", False),
    "KL-05": ("KL", "ratio", "at_least", False),
    "KL-06": ("KL", "count", "zero", False),
    "KL-07": ("KL", "count", "zero", False),
    "KL-08": ("KL", "ratio", "at_least", False),
    "KL-09": ("KL", "count", "zero", True),
    "TT-01": ("TT", "count", "zero", True),
    "TT-02": ("TT", "count", "zero", False),
    "TT-03": ("TT", "count", "frequency", False),
    "TT-04": ("TT", "ratio", "at_least", False),
    "TT-05": ("TT", "count", "zero", True),
    "TT-06": ("TT", "ratio", "at_least", False),
    "TT-07": ("TT", "flag", "flag_yes", False),
    "TT-08": ("TT", "count", "zero", True),
    "TT-09": ("TT", "count", "frequency", False),
    "GD-01": ("GD", "flag", "flag_yes", False),
    "GD-02": ("GD", "ratio", "at_least", False),
    "GD-03": ("GD", "count", "frequency", False),
    "GD-04": ("GD", "ratio", "at_least", False),
    "GD-05": ("GD", "ratio", "at_least", False),
    "GD-06": ("GD", "ratio", "at_least", False),
    "GD-07": ("GD", "count", "zero", False),
    "GD-08": ("GD", "count", "frequency", False),
    "SN-01": ("KL", "date", "date_by", False),
    "SN-02": ("GD", "ratio", "at_least", False),
    "SN-03": ("KL", "count", "zero", True),
    "SN-04": ("TT", "ratio", "at_least", False),
    "SN-05": ("TT", "ratio", "above", False),
    "SN-06": ("GD", "count", "frequency", False),
}


@pytest.fixture
def raw():
    return json.loads(default_catalog_path().read_text(encoding="utf-8"))


def test_the_plans_32_indicators(catalog):
    assert {
        i.code: (i.pillar.value, i.measure.value, i.rule.kind.value, i.veto) for i in catalog.indicators
    } == EXPECTED


def test_thresholds_from_the_plan(catalog):
    thresholds = {i.code: i.rule.threshold for i in catalog.indicators if i.rule.threshold is not None}
    assert thresholds["GD-02"] == 95 and thresholds["GD-05"] == 85 and thresholds["SN-05"] == 95
    assert {code for code, t in thresholds.items() if t != 100} == {"GD-02", "GD-05", "SN-05"}
    assert catalog.indicator("SN-01").rule.deadline == date(2026, 5, 5)
    assert catalog.indicator("GD-03").rule.text == "Tối thiểu 01 lần/tuần"


def test_default_scheme(catalog):
    scheme = catalog.scheme
    assert scheme.version == "2026.1" and not scheme.partial_credit and scheme.excellent_quota is None
    assert scheme.bonus_cap == 10 and scheme.late_report_deduction == 2 and scheme.veto_cap is Tier.HOAN_THANH
    assert scheme.occurrence_penalty == Fraction(1, 4)
    assert [scheme.tier_thresholds[t] for t in (Tier.XUAT_SAC, Tier.TOT, Tier.HOAN_THANH)] == [90, 70, 50]


def test_default_periods(catalog):
    codes = [p.code for p in catalog.periods]
    assert codes[:2] == ["2026-H1", "2026-Y"] and codes[-2:] == ["2028-S", "2030-T"] and len(codes) == 12
    h1 = catalog.period("2027-H1")
    assert (h1.start, h1.end, h1.due) == (date(2027, 1, 1), date(2027, 6, 30), date(2027, 6, 20))
    assert catalog.period("2027-Y").due == date(2027, 11, 30)
    assert catalog.period("2028-S").spans == ("2026-Y", "2027-Y", "2028-Y")
    assert (
        catalog.period("2030-T").kind is PeriodKind.FINAL_REVIEW and len(catalog.period("2030-T").spans) == 5
    )


def test_loads_from_a_mapping(raw):
    assert len(load_catalog(raw).for_kind(UnitKind.DEPARTMENT)) == 6


def broken(raw, edit):
    data = copy.deepcopy(raw)
    edit(data)
    with pytest.raises(CatalogError) as error:
        load_catalog(data)
    return str(error.value)


def test_error_names_the_path(raw):
    message = broken(raw, lambda d: d["indicators"][3]["rule"].update(kind="at_least", threshold="95"))
    assert message.startswith("indicators[3].rule.kind:")
    assert "indicators[19].rule.threshold:" in broken(
        raw, lambda d: d["indicators"][19]["rule"].update(threshold="x")
    )
    assert "indicators[0].rule.threshold:" in broken(
        raw, lambda d: d["indicators"][0]["rule"].update(threshold=120)
    )


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d["indicators"][0].pop("name"), "indicators[0].name"),
        (lambda d: d["indicators"][0].update(pillar="XX"), "indicators[0].pillar"),
        (lambda d: d["indicators"][2].update(applies_to=["police"]), "indicators[2].applies_to[0]"),
        (lambda d: d["indicators"][1].update(code="KL-01"), "indicators[1].code"),
        (lambda d: d["indicators"][11]["rule"].update(count=0), "indicators[11].rule.count"),
        (lambda d: d["scheme"]["tier_thresholds"].update(TOT=95), "scheme.tier_thresholds"),
        (lambda d: d["scheme"]["indicator_weights"].update({"XX-01": 2}), "scheme.indicator_weights.XX-01"),
        (lambda d: d["scheme"].update(veto_cap="BEST"), "scheme.veto_cap"),
        (lambda d: d["scheme"].update(bonus_cap=-1), "scheme.bonus_cap"),
        (lambda d: d["periods"][0].update(end="2025-01-01"), "periods[0].end"),
        (lambda d: d["periods"][1].update(due="30/11/2026"), "periods[1].due"),
        (lambda d: d["periods"][10].update(spans=["2031-Y"]), "periods[10].spans"),
    ],
)
def test_errors(raw, edit, where):
    assert broken(raw, edit).startswith(where + ":")


def test_unreadable_file(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CatalogError, match="JSON"):
        load_catalog(path)
    with pytest.raises(CatalogError, match="Không đọc được"):
        load_catalog(tmp_path / "missing.json")


def test_catalog_2027_1_is_2026_1_with_the_plans_monthly_plans_conduct_and_propaganda_fields(catalog):
    """api/catalog/ba-nhat-2027.json (docs/scoring.md, "Catalog 2027.1"): everything else is unchanged."""
    later = load_catalog(default_catalog_path().with_name("ba-nhat-2027.json"))
    assert later.scheme.version == "2027.1" and later.code == "ba-nhat-2026@2027.1"
    assert later.periods == catalog.periods and later.scheme.tier_thresholds == catalog.scheme.tier_thresholds
    added = {i.code for i in later.indicators} - {i.code for i in catalog.indicators}
    assert added == {"TT-10", "GD-09"} and len(later.indicators) == 34
    monthly, quarterly = later.indicator("TT-10").rule, later.indicator("TT-03").rule
    assert (monthly.cadence.value, monthly.count, quarterly.cadence.value) == ("month", 1, "quarter")
    conduct = later.indicator("GD-09")
    assert (conduct.pillar.value, conduct.rule.kind.value, conduct.veto) == ("GD", "zero", False)
    assert conduct.applies_to == {UnitKind.POLICE_DEPARTMENT, UnitKind.COMMUNE_POLICE}
    assert "thái độ đúng mực, tận tụy, văn minh khi tiếp xúc với Nhân dân" in conduct.plan_text
    assert later.indicator("SN-06").activity_fields == {"subject", "channel"}
    unchanged = {i.code for i in catalog.indicators} - {"TT-03", "SN-06"}
    assert all(later.indicator(code) == catalog.indicator(code) for code in unchanged)
