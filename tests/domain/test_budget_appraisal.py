"""Sở Tài chính's appraisal of a budget line as a state machine, and the appraised totals, without a database."""

import pytest

from api.domain.appraisal import Appraisal, AppraisalAction, AppraisalError, AppraisalStatus, appraise_step
from api.domain.awards import BudgetLine, summarize_budget

S, A = AppraisalStatus, AppraisalAction
ALLOWED = {
    (S.PROPOSED, A.APPRAISE): S.APPRAISED,
    (S.PROPOSED, A.RETURN): S.RETURNED,
    (S.RETURNED, A.RESUBMIT): S.PROPOSED,
}
VALID_INPUT = {"amount": 30_000_000, "reason": "Chưa có thuyết minh chi tiết"}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_pair_is_allowed_exactly_as_the_plan_says(status, action):
    if (status, action) in ALLOWED:
        assert appraise_step(status, action, **VALID_INPUT).status is ALLOWED[(status, action)]
    else:
        with pytest.raises(AppraisalError, match=status.label) as refused:
            appraise_step(status, action, **VALID_INPUT)
        assert refused.value.field is None  # a state conflict, not a field's fault


def test_appraising_keeps_the_amount_and_no_reason():
    assert appraise_step(S.PROPOSED, A.APPRAISE, amount=25_000_000) == Appraisal(
        S.APPRAISED, 25_000_000, None
    )
    assert (
        appraise_step(S.PROPOSED, A.APPRAISE, amount=0).appraised_amount == 0
    )  # nothing granted is an answer


@pytest.mark.parametrize("amount", [None, -1, 1.5, True, "1000"])
def test_appraising_needs_a_whole_non_negative_amount(amount):
    with pytest.raises(AppraisalError, match="số nguyên không âm") as refused:
        appraise_step(S.PROPOSED, A.APPRAISE, amount=amount)
    assert refused.value.field == "amount"


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_returning_needs_a_reason(reason):
    with pytest.raises(AppraisalError, match="lý do trả lại") as refused:
        appraise_step(S.PROPOSED, A.RETURN, reason=reason)
    assert refused.value.field == "reason"


def test_a_returned_line_keeps_its_reason_trimmed_and_a_resubmitted_one_forgets_it():
    returned = appraise_step(S.PROPOSED, A.RETURN, reason="  Vượt định mức chi hội nghị ")
    assert returned == Appraisal(S.RETURNED, None, "Vượt định mức chi hội nghị")
    assert appraise_step(returned.status, A.RESUBMIT) == Appraisal(S.PROPOSED, None, None)


def test_appraised_totals_count_appraised_lines_and_award_money_only():
    lines = [
        BudgetLine(2026, "CAT", "activity", "Hội nghị sơ kết", 50_000_000, 1, S.APPRAISED, 40_000_000),
        BudgetLine(
            2026, "CAT", "activity", "Pano tuyên truyền", 20_000_000, 2, S.RETURNED, None, "Trùng nội dung"
        ),
        BudgetLine(2026, "CAT", "activity", "In tài liệu", 5_000_000, 3, S.PROPOSED),
        BudgetLine(2026, "CAT", "award", "Cờ thi đua", 18_720_000),
    ]
    (total,) = summarize_budget(lines)
    assert (total.activities, total.awards, total.total) == (75_000_000, 18_720_000, 93_720_000)
    assert (total.appraised_activities, total.appraised_total) == (40_000_000, 58_720_000)
