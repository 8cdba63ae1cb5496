"""The submission workflow as a state machine, without a database."""

import pytest

from api.domain.submissions import (
    Actor,
    SubmissionAction,
    SubmissionStatus,
    WorkflowError,
    editable,
    next_status,
)

S, A = SubmissionStatus, SubmissionAction
ALLOWED = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.RETURNED, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.SUBMITTED, A.APPROVE): S.APPROVED,
    (S.APPROVED, A.REOPEN): S.RETURNED,
}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_pair_is_allowed_exactly_as_the_plan_says(status, action):
    if (status, action) in ALLOWED:
        assert next_status(status, action, reason="Bổ sung minh chứng") is ALLOWED[(status, action)]
    else:
        with pytest.raises(WorkflowError, match=status.label):
            next_status(status, action, reason="Bổ sung minh chứng")


@pytest.mark.parametrize("action", [A.RETURN, A.REOPEN])
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_returning_and_reopening_need_a_reason(action, reason):
    status = S.SUBMITTED if action is A.RETURN else S.APPROVED
    with pytest.raises(WorkflowError, match="lý do"):
        next_status(status, action, reason=reason)


def test_only_the_unit_submits_and_only_the_standing_body_reviews():
    assert A.SUBMIT.actor is Actor.UNIT
    assert {a.actor for a in (A.RETURN, A.APPROVE, A.REOPEN)} == {Actor.STANDING_BODY}


@pytest.mark.parametrize("status", list(S))
def test_editable_only_as_draft_or_returned_in_an_open_regular_period(status):
    expected = status in (S.DRAFT, S.RETURNED)
    assert editable(status, locked=False, review=False) is expected
    assert editable(status, locked=True, review=False) is False
    assert editable(status, locked=False, review=True) is False
