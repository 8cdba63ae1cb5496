"""Nominations as a state machine, their checks, and the timely awards, without a database."""

import pytest

from api.domain import PeriodKind
from api.domain.awards import Recipient, load_award_catalog, timely_eligibility
from api.domain.nominations import (
    NominationAction,
    NominationError,
    NominationStatus,
    Nominee,
    check_nomination_period,
    check_nominee,
    narrative_role,
    next_nomination_status,
    nominations_editable,
)

S, A = NominationStatus, NominationAction
ALLOWED = {
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.RETURNED, A.RESUBMIT): S.SUBMITTED,
}
CATALOG = load_award_catalog()


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_pair_is_allowed_exactly_as_the_workflow_says(status, action):
    if (status, action) in ALLOWED:
        assert (
            next_nomination_status(status, action, reason="Thiếu biên bản họp xét")
            is ALLOWED[(status, action)]
        )
    else:
        with pytest.raises(NominationError, match=status.label) as raised:
            next_nomination_status(status, action, reason="Thiếu biên bản họp xét")
        assert raised.value.field is None  # a state rule: 409, not a field


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_return_needs_a_reason(reason):
    with pytest.raises(NominationError, match="lý do") as raised:
        next_nomination_status(S.SUBMITTED, A.RETURN, reason=reason)
    assert raised.value.field == "reason"


def test_only_an_accepted_nomination_is_closed_to_changes():
    assert [status for status in S if not nominations_editable(status)] == [S.ACCEPTED]


def test_an_individual_needs_a_name_and_a_position_and_everyone_achievements():
    with pytest.raises(NominationError) as raised:
        check_nominee(Nominee(Recipient.INDIVIDUAL, " ", "Đội trưởng", "Bắt giữ đối tượng truy nã"))
    assert raised.value.field == "nominee_name"
    with pytest.raises(NominationError) as raised:
        check_nominee(Nominee(Recipient.INDIVIDUAL, "Nguyễn Văn An", None, "Bắt giữ đối tượng truy nã"))
    assert raised.value.field == "nominee_title"
    with pytest.raises(NominationError) as raised:
        check_nominee(Nominee(Recipient.COLLECTIVE, None, None, "  "))
    assert raised.value.field == "achievements"
    trimmed = check_nominee(Nominee(Recipient.COLLECTIVE, "  ", None, " Giữ vững ANTT địa bàn \n"))
    assert (trimmed.name, trimmed.achievements) == (None, "Giữ vững ANTT địa bàn")


def test_a_nomination_names_an_award_period_unless_it_is_timely():
    occasions = CATALOG.occasions
    assert occasions == {PeriodKind.YEAR, PeriodKind.PRELIMINARY_REVIEW, PeriodKind.FINAL_REVIEW}
    check_nomination_period(PeriodKind.YEAR, timely=False, occasions=occasions)
    check_nomination_period(None, timely=True, occasions=occasions)
    for kind, timely in ((PeriodKind.HALF_YEAR, False), (None, False), (PeriodKind.YEAR, True)):
        with pytest.raises(NominationError) as raised:
            check_nomination_period(kind, timely=timely, occasions=occasions)
        assert raised.value.field == "period"


def test_timely_awards_look_at_the_form_not_at_a_ranking():
    flag, certificate = CATALOG.form("CO-TD-UBND"), CATALOG.form("BK-CT-UBND")
    assert not timely_eligibility(
        flag, Recipient.COLLECTIVE
    ).eligible  # the flag rewards a year's first place
    assert not timely_eligibility(flag, Recipient.INDIVIDUAL).eligible
    verdict = timely_eligibility(certificate, Recipient.INDIVIDUAL)
    assert verdict.proposable and "kịp thời" in verdict.reason


def test_the_narrative_is_the_units_report_only_in_review_periods():
    assert [kind for kind in PeriodKind if "không chấm điểm" in narrative_role(kind)] == [
        PeriodKind.PRELIMINARY_REVIEW,
        PeriodKind.FINAL_REVIEW,
    ]
