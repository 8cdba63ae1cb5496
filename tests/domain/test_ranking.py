"""Ranking inside an emulation group, every tie-break level, the quota, and review totals."""

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from api.domain import RankInput, Scheme, Tier, excellent_quota, rank_group, review_total

T0 = datetime(2026, 6, 10, 3, 0, tzinfo=UTC)
SCHEME = Scheme("r")


def entry(code, total=80, *, approved=True, tier=None, kl=80, submitted=T0):
    total = Fraction(total)
    return RankInput(
        code,
        approved,
        tier if tier is not None else SCHEME.tier_for(total),
        total,
        None if kl is None else Fraction(kl),
        submitted,
    )


def ranks(entries, scheme=SCHEME):
    return {ranked.unit_code: ranked.rank for ranked in rank_group(entries, scheme)}


def test_approved_report_first():
    assert ranks([entry("A", 95, approved=False), entry("B", 75)]) == {"B": 1, "A": 2}


def test_then_tier():
    # A's higher total is capped by a veto
    assert ranks([entry("A", 95, tier=Tier.HOAN_THANH), entry("B", 75)]) == {"B": 1, "A": 2}


def test_then_total():
    assert ranks([entry("A", Fraction(7501, 100)), entry("B", 75)]) == {"A": 1, "B": 2}


def test_then_kl_pillar():
    assert ranks([entry("A", 80, kl=70), entry("B", 80, kl=Fraction(7001, 100))]) == {"B": 1, "A": 2}


def test_no_kl_score_ranks_below_any_kl_score():
    assert ranks([entry("A", 80, kl=None), entry("B", 80, kl=0)]) == {"B": 1, "A": 2}


def test_then_earlier_first_submission():
    later = T0 + timedelta(microseconds=1)
    assert ranks([entry("A", 80, submitted=later), entry("B", 80)]) == {"B": 1, "A": 2}


def test_never_submitted_ranks_last_among_equals():
    assert ranks([entry("A", 80, submitted=None), entry("B", 80, submitted=T0 + timedelta(days=90))]) == {
        "B": 1,
        "A": 2,
    }


def test_competition_ranking_skips_after_a_tie():
    result = rank_group([entry("A", 90), entry("B", 85), entry("C", 85), entry("D", 70)], SCHEME)
    assert [(r.unit_code, r.rank) for r in result] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_empty_group():
    assert rank_group([], SCHEME) == []


class TestQuota:
    scheme = Scheme("q", excellent_quota=Fraction(1, 5))

    @pytest.mark.parametrize(("eligible", "expected"), [(4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3)])
    def test_quota_rounds_down(self, eligible, expected):
        entries = [entry(f"U{i}", 95) for i in range(eligible)] + [entry("LOW", 60)]
        assert excellent_quota(self.scheme, entries) == expected

    def test_off_by_default(self):
        assert excellent_quota(SCHEME, [entry("A", 95)]) is None
        assert all(not r.quota_applied for r in rank_group([entry(f"U{i}", 95) for i in range(5)], SCHEME))

    def test_lower_ranked_excellent_units_drop_to_good(self):
        entries = [entry(f"U{i}", 99 - i) for i in range(5)] + [entry(f"G{i}", 75) for i in range(5)]
        result = {r.unit_code: r for r in rank_group(entries, self.scheme)}  # 10 eligible -> 2 keep
        kept = sorted(code for code, r in result.items() if r.tier is Tier.XUAT_SAC)
        assert kept == ["U0", "U1"]
        assert result["U2"].tier is Tier.TOT and result["U2"].quota_applied
        assert result["U2"].tier_before_quota is Tier.XUAT_SAC and result["U2"].rank == 3
        assert not result["G0"].quota_applied

    def test_tie_at_the_boundary_drops_together(self):
        entries = [entry("A", 99), entry("B", 95), entry("C", 95)] + [entry(f"G{i}", 75) for i in range(7)]
        result = {r.unit_code: r.tier for r in rank_group(entries, self.scheme)}  # quota 2
        assert result == {
            "A": Tier.XUAT_SAC,
            "B": Tier.TOT,
            "C": Tier.TOT,
            **{f"G{i}": Tier.TOT for i in range(7)},
        }


    def test_no_lower_unit_keeps_excellent_after_a_tie_dropped(self):
        entries = [entry("A", 99), entry("B", 95), entry("C", 95), entry("D", 92)]
        entries += [entry(f"G{i}", 75) for i in range(6)]  # 10 eligible: quota 2
        result = {r.unit_code: r for r in rank_group(entries, self.scheme)}
        assert result["A"].tier is Tier.XUAT_SAC
        assert [result[code].tier for code in "BCD"] == [Tier.TOT] * 3 and result["D"].quota_applied


class TestReviewTotal:
    def test_mean_of_annual_totals(self):
        assert review_total([Fraction(90), Fraction(80), Fraction(85)]) == 85

    def test_missing_year_counts_zero(self):
        assert review_total([Fraction(90), None, Fraction(90)]) == 60

    def test_exact(self):
        assert review_total([Fraction(100), Fraction(90), Fraction(91)]) == Fraction(281, 3)

    def test_five_year_final_review(self):
        assert review_total([Fraction(95)] * 4 + [None]) == 76
