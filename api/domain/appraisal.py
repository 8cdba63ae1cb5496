"""Sở Tài chính's appraisal (thẩm định) of the budget estimate's activity lines (plan IV.5, domain decision 10).

A line entered by the standing body is ``proposed``; Sở Tài chính appraises it with the amount it accepts
(whole đồng, 0 or more) or returns it with a reason; the standing body resubmits a returned line, possibly
revised, and it is proposed again. Award money is not appraised line by line: its amounts are fixed by the
award catalog's legal rates (``api.domain.awards.award_money``), and Sở Tài chính sees their totals.
"""

from dataclasses import dataclass
from enum import StrEnum


class AppraisalError(ValueError):
    """A step the line's state does not allow, or a missing amount or reason; ``field`` names the input."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class AppraisalStatus(StrEnum):
    PROPOSED = "proposed"
    APPRAISED = "appraised"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {
            "proposed": "Chờ thẩm định",
            "appraised": "Đã thẩm định",
            "returned": "Sở Tài chính trả lại",
        }[self.value]


class AppraisalAction(StrEnum):
    APPRAISE = "appraise"  # Sở Tài chính, with the appraised amount
    RETURN = "return"  # Sở Tài chính, with a reason
    RESUBMIT = "resubmit"  # the standing body, after revising a returned line


_TRANSITIONS = {
    (AppraisalStatus.PROPOSED, AppraisalAction.APPRAISE): AppraisalStatus.APPRAISED,
    (AppraisalStatus.PROPOSED, AppraisalAction.RETURN): AppraisalStatus.RETURNED,
    (AppraisalStatus.RETURNED, AppraisalAction.RESUBMIT): AppraisalStatus.PROPOSED,
}


@dataclass(frozen=True)
class Appraisal:
    """A line's appraisal after a step: its status, the appraised amount and the reason it was returned."""

    status: AppraisalStatus
    appraised_amount: int | None = None
    return_reason: str | None = None


def appraise_step(
    status: AppraisalStatus, action: AppraisalAction, *, amount: int | None = None, reason: str | None = None
) -> Appraisal:
    """The line's appraisal after ``action``; :class:`AppraisalError` when the state or the input forbids it.

    Appraising needs an amount of 0 or more (a whole number of đồng); returning needs a reason; a
    resubmitted line is proposed again with no appraised amount and no reason left from before.
    """
    target = _TRANSITIONS.get((status, action))
    if target is None:
        raise AppraisalError(
            f"Không thể thực hiện thao tác này khi khoản dự toán ở trạng thái “{status.label}”."
        )
    if action is AppraisalAction.APPRAISE:
        if amount is None or isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise AppraisalError("Số tiền thẩm định phải là số nguyên không âm (đồng).", "amount")
        return Appraisal(target, appraised_amount=amount)
    if action is AppraisalAction.RETURN:
        if not (reason and reason.strip()):
            raise AppraisalError("Cần ghi rõ lý do trả lại khoản dự toán.", "reason")
        return Appraisal(target, return_reason=reason.strip())
    return Appraisal(target)
