"""The pure award rules: catalog, eligibility with reasons, money rounding, workflow, budget totals."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.domain import PeriodKind, RankStatus, Tier
from api.domain.awards import (
    AwardError,
    BudgetLine,
    Decision,
    ProposalAction,
    ProposalStatus,
    Recipient,
    Standing,
    award_money,
    eligibility,
    eligible_forms,
    load_award_catalog,
    next_status,
    summarize_budget,
)

CATALOG = load_award_catalog()
FLAG = CATALOG.form("CO-TD-UBND")
MERIT = CATALOG.form("BK-CT-UBND")
CERTIFICATE = CATALOG.form("GK")
GROUP = "Khối Công an xã, phường"


def standing(rank=1, tier=Tier.XUAT_SAC, veto=(), status=RankStatus.RANKED, locked=True):
    return Standing("CAX-001", GROUP, rank, tier, tuple(veto), status, locked)


@pytest.mark.parametrize("status", [RankStatus.NOT_SUBMITTED, RankStatus.RETURNED, RankStatus.NOT_APPROVED])
def test_a_unit_without_rank_is_eligible_for_nothing(status):
    """A draft scored 100 must not be offered the flag nor a certificate (docs/scoring.md, 5)."""
    verdicts = eligible_forms(CATALOG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=None, status=status))
    assert not any(verdict.eligible for verdict in verdicts)
    assert all(status.label.lower() in verdict.reason for verdict in verdicts if "không xét" not in verdict.reason)


def test_eligibility_is_provisional_until_the_period_is_locked():
    open_period = eligibility(FLAG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(locked=False))
    assert open_period.eligible and open_period.provisional and not open_period.proposable
    assert "kỳ chưa khóa" in open_period.reason
    locked = eligibility(FLAG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing())
    assert locked.proposable and not locked.provisional


def test_catalog_carries_decree_multipliers():
    assert FLAG.multipliers == {Recipient.COLLECTIVE: Fraction(8)}
    assert MERIT.multipliers[Recipient.INDIVIDUAL] == 1
    assert MERIT.multipliers[Recipient.COLLECTIVE] == 2
    assert CATALOG.rounding_step == 10_000


def test_flag_only_for_first_ranked_excellent_unit():
    first = eligibility(FLAG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=1))
    second = eligibility(FLAG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=2))
    good_first = eligibility(FLAG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=1, tier=Tier.TOT))
    assert first.eligible and "xếp thứ 1" in first.reason
    assert not second.eligible and "xếp thứ 2" in second.reason and GROUP in second.reason
    assert not good_first.eligible and "Hoàn thành xuất sắc nhiệm vụ" in good_first.reason


def test_flag_is_not_given_to_individuals():
    verdict = eligibility(FLAG, Recipient.INDIVIDUAL, PeriodKind.YEAR, standing())
    assert not verdict.eligible and "cá nhân" in verdict.reason


def test_merit_needs_excellent_tier_at_any_rank():
    assert eligibility(MERIT, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=7)).eligible
    verdict = eligibility(MERIT, Recipient.INDIVIDUAL, PeriodKind.YEAR, standing(rank=7, tier=Tier.TOT))
    assert not verdict.eligible and "Hoàn thành tốt nhiệm vụ" in verdict.reason


def test_unmet_veto_blocks_every_form_and_names_the_indicators():
    verdicts = eligible_forms(
        CATALOG, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(veto=["TT-01", "KL-09"])
    )
    assert len(verdicts) == len(CATALOG.forms)
    assert not any(verdict.eligible for verdict in verdicts)
    assert all("TT-01, KL-09" in verdict.reason for verdict in verdicts)


def test_unscored_unit_is_not_eligible():
    verdict = eligibility(CERTIFICATE, Recipient.COLLECTIVE, PeriodKind.YEAR, standing(rank=None, tier=None))
    assert not verdict.eligible and "chưa có kết quả" in verdict.reason


def test_certificate_accepts_good_tier_but_not_plain_completion():
    assert eligibility(
        CERTIFICATE, Recipient.INDIVIDUAL, PeriodKind.FINAL_REVIEW, standing(tier=Tier.TOT)
    ).eligible
    assert not eligibility(
        CERTIFICATE, Recipient.INDIVIDUAL, PeriodKind.YEAR, standing(tier=Tier.HOAN_THANH)
    ).eligible


def test_no_form_is_given_for_a_half_year():
    verdicts = eligible_forms(CATALOG, Recipient.COLLECTIVE, PeriodKind.HALF_YEAR, standing())
    assert not any(verdict.eligible for verdict in verdicts)
    assert all("06 tháng" in verdict.reason for verdict in verdicts)


def test_occasion_outside_form_is_refused():
    catalog = load_award_catalog(
        {
            "version": "t",
            "legal_basis": "t",
            "rounding_step": 10000,
            "forms": [
                {
                    "code": "X",
                    "name": "Chỉ tổng kết",
                    "decided_by": "Chủ tịch UBND tỉnh",
                    "multipliers": {"collective": "1"},
                    "occasions": ["final_review"],
                    "min_tier": "TOT",
                },
            ],
        }
    )
    verdict = eligibility(catalog.forms[0], Recipient.COLLECTIVE, PeriodKind.YEAR, standing())
    assert not verdict.eligible and "hằng năm" in verdict.reason


@pytest.mark.parametrize(
    ("multiplier", "base", "expected"),
    [
        ("8.0", 2_340_000, 18_720_000),  # exact multiple stays
        ("0.3", 2_340_000, 710_000),  # 702,000 rounds up, not to nearest
        ("0.15", 1_490_000, 230_000),  # 223,500 -> 230,000
        ("1.0", 2_340_001, 2_350_000),  # one đồng above a step goes to the next step
    ],
)
def test_money_is_rounded_up_to_ten_thousand(multiplier, base, expected):
    assert award_money(Fraction(multiplier), base) == expected


@given(
    st.fractions(min_value=Fraction(1, 100), max_value=Fraction(100), max_denominator=100),
    st.integers(min_value=1, max_value=50_000_000),
)
def test_money_is_the_smallest_step_not_below_the_exact_amount(multiplier, base):
    money = award_money(multiplier, base)
    assert money % 10_000 == 0
    assert money >= multiplier * base > money - 10_000


def test_money_rejects_non_positive_base():
    with pytest.raises(AwardError):
        award_money(Fraction(1), 0)


def test_workflow_path_to_decision():
    decision = Decision("123/QĐ-UBND", date(2026, 12, 20))
    status = next_status(ProposalStatus.PROPOSED, ProposalAction.RETURN, reason="Thiếu hồ sơ")
    assert status is ProposalStatus.RETURNED
    status = next_status(status, ProposalAction.RESUBMIT)
    status = next_status(status, ProposalAction.FORWARD)
    assert next_status(status, ProposalAction.APPROVE, decision=decision) is ProposalStatus.APPROVED
    assert next_status(status, ProposalAction.REFUSE, decision=decision) is ProposalStatus.REFUSED


@pytest.mark.parametrize(
    ("status", "action", "kwargs", "message"),
    [
        (ProposalStatus.PROPOSED, ProposalAction.RETURN, {"reason": "  "}, "lý do"),
        (ProposalStatus.FORWARDED, ProposalAction.APPROVE, {}, "số và ngày"),
        (
            ProposalStatus.PROPOSED,
            ProposalAction.APPROVE,
            {"decision": Decision("1", date(2026, 1, 1))},
            "trạng thái",
        ),
        (ProposalStatus.APPROVED, ProposalAction.RETURN, {"reason": "x"}, "trạng thái"),
    ],
)
def test_workflow_refuses_bad_steps(status, action, kwargs, message):
    with pytest.raises(AwardError, match=message):
        next_status(status, action, **kwargs)


def test_budget_totals_per_year_and_unit():
    lines = [
        BudgetLine(2026, "CAT", "activity", "Hội nghị sơ kết", 50_000_000),
        BudgetLine(2026, "CAT", "award", "Cờ thi đua", 18_720_000),
        BudgetLine(2026, "CAT", "award", "Bằng khen", 4_680_000),
        BudgetLine(2027, "SNV", "activity", "Tuyên truyền", 10_000_000),
    ]
    totals = summarize_budget(lines)
    assert [(t.year, t.unit_code, t.activities, t.awards, t.total) for t in totals] == [
        (2026, "CAT", 50_000_000, 23_400_000, 73_400_000),
        (2027, "SNV", 10_000_000, 0, 10_000_000),
    ]


def test_budget_rejects_negative_amounts():
    with pytest.raises(AwardError):
        summarize_budget([BudgetLine(2026, "CAT", "activity", "x", -1)])
