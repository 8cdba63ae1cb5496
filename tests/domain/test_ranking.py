"""Ranking inside an emulation group, every tie-break level, the quota, and review totals."""

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from api.domain import (
    AnnualResult,
    Pillar,
    RankInput,
    RankStatus,
    Scheme,
    Tier,
    excellent_quota,
    rank_group,
    rank_status,
    review_rank_status,
    review_score,
    review_total,
)

T0 = datetime(2026, 6, 10, 3, 0, tzinfo=UTC)
SCHEME = Scheme("r")


def entry(code, total=80, *, approved=True, tier=None, kl=80, submitted=T0, status=None):
    total = Fraction(total)
    return RankInput(
        code,
        status or (RankStatus.RANKED if approved else RankStatus.PROVISIONAL),
        tier if tier is not None else SCHEME.tier_for(total),
        total,
        None if kl is None else Fraction(kl),
        submitted,
    )


def ranks(entries, scheme=SCHEME):
    return {ranked.unit_code: ranked.rank for ranked in rank_group(entries, scheme)}


def test_approved_report_first():
    assert ranks([entry("A", 95, approved=False), entry("B", 75)]) == {"B": 1, "A": 2}


class TestOnlyWhatCanBeRanked:
    """Decision 6 of docs/domain.md: no rank without a report; a submitted one is ranked provisionally."""

    def test_unsubmitted_units_get_no_rank_and_come_last(self):
        result = rank_group(
            [entry("A", 0, status=RankStatus.NOT_SUBMITTED), entry("B", 60, approved=False), entry("C", 75)], SCHEME
        )
        assert [(r.unit_code, r.rank, r.status) for r in result] == [
            ("C", 1, RankStatus.RANKED),
            ("B", 2, RankStatus.PROVISIONAL),
            ("A", None, RankStatus.NOT_SUBMITTED),
        ]

    def test_nobody_first_when_nobody_reported(self):
        result = rank_group([entry(code, 0, status=RankStatus.NOT_SUBMITTED, submitted=None) for code in "BA"], SCHEME)
        assert [(r.unit_code, r.rank) for r in result] == [("A", None), ("B", None)]

    def test_a_draft_with_the_best_score_is_not_first(self):
        result = ranks([entry("DRAFT", 100, status=RankStatus.NOT_SUBMITTED), entry("B", 51)])
        assert result == {"B": 1, "DRAFT": None}

    def test_unranked_units_do_not_count_for_the_quota(self):
        scheme = Scheme("q", excellent_quota=Fraction(1, 5))
        entries = [entry(f"U{i}", 95) for i in range(4)] + [entry("X", 95, status=RankStatus.NOT_SUBMITTED)]
        assert excellent_quota(scheme, entries) == 0

    @pytest.mark.parametrize(
        ("workflow", "approval_required", "expected"),
        [
            (None, False, RankStatus.NOT_SUBMITTED),
            ("draft", False, RankStatus.NOT_SUBMITTED),
            ("returned", False, RankStatus.RETURNED),
            ("submitted", False, RankStatus.PROVISIONAL),
            ("submitted", True, RankStatus.NOT_APPROVED),
            ("approved", True, RankStatus.RANKED),
            ("approved", False, RankStatus.RANKED),
        ],
    )
    def test_status_from_the_workflow_and_the_scheme(self, workflow, approval_required, expected):
        assert rank_status(workflow, approval_required=approval_required) is expected

    def test_labels_say_why(self):
        assert RankStatus.NOT_SUBMITTED.label == "Chưa nộp"
        assert RankStatus.NOT_APPROVED.label == "Chưa duyệt"
        assert not RankStatus.NOT_APPROVED.ranked and RankStatus.PROVISIONAL.ranked

    def test_review_period_ranks_a_unit_with_any_ranked_year(self):
        assert review_rank_status(0) is RankStatus.NO_RESULT
        assert review_rank_status(1) is RankStatus.RANKED


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


class TestReviewScore:
    """Review periods carry the vetoes and caps of the years they span (docs/scoring.md, 6 F)."""

    scheme = Scheme("r")

    def year(self, total, veto=(), kl=100):
        return AnnualResult(Fraction(total), {Pillar.KL: Fraction(kl), Pillar.TT: None, Pillar.GD: Fraction(80)},
                            tuple(veto))

    def test_a_veto_failed_in_one_year_caps_the_review_tier(self):
        review = review_score([self.year(96), self.year(95, ["TT-08"]), self.year(97)], self.scheme)
        assert review.total == 96 and review.tier_before_veto is Tier.XUAT_SAC
        assert review.tier is Tier.HOAN_THANH and review.veto_failed == ("TT-08",)

    def test_without_vetoes_the_mean_is_tiered(self):
        review = review_score([self.year(96), self.year(95), self.year(97)], self.scheme)
        assert (review.tier, review.veto_failed, review.status) == (Tier.XUAT_SAC, (), RankStatus.RANKED)

    def test_pillars_are_means_and_a_missing_year_counts_zero(self):
        review = review_score([self.year(90, kl=90), None, self.year(60, kl=60)], self.scheme)
        assert review.total == 50 and review.pillars[Pillar.KL] == 50
        assert review.pillars[Pillar.TT] is None and review.pillars[Pillar.GD] == Fraction(160, 3)

    def test_nobody_ranked_in_any_year_has_no_result(self):
        review = review_score([None] * 5, self.scheme)
        assert review.total == 0 and review.status is RankStatus.NO_RESULT
