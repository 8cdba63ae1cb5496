"""The reporting workflow of one unit's report in one period (plan V.1, V.2).

draft -> submitted -> approved, or submitted -> returned (with a reason) -> submitted again; an
approved report is read-only until the standing body reopens it (with a reason). Only the unit's own
reporters submit; only the standing body returns, approves and reopens. A locked period and a review
period take no changes at all.
"""

from __future__ import annotations

from enum import StrEnum


class WorkflowError(ValueError):
    """An action the workflow does not allow; the message is for the user (Vietnamese)."""


class SubmissionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        """The unit may change its values (in an open, non-review period)."""
        return self in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


_STATUS_LABELS = {
    SubmissionStatus.DRAFT: "Nháp",
    SubmissionStatus.SUBMITTED: "Đã nộp",
    SubmissionStatus.RETURNED: "Bị trả lại",
    SubmissionStatus.APPROVED: "Đã duyệt",
}


# The editable statuses as a set (members equal their string values), for checks on many rows at once.
EDITABLE_STATUSES = frozenset(status for status in SubmissionStatus if status.editable)


class Actor(StrEnum):
    """Who may take an action: the reporting unit itself, or the standing body (Cơ quan Thường trực)."""

    UNIT = "unit"
    STANDING_BODY = "standing_body"


class SubmissionAction(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    REOPEN = "reopen"

    @property
    def actor(self) -> Actor:
        return Actor.UNIT if self is SubmissionAction.SUBMIT else Actor.STANDING_BODY

    @property
    def needs_reason(self) -> bool:
        return self in (SubmissionAction.RETURN, SubmissionAction.REOPEN)


_TRANSITIONS = {
    (SubmissionStatus.DRAFT, SubmissionAction.SUBMIT): SubmissionStatus.SUBMITTED,
    (SubmissionStatus.RETURNED, SubmissionAction.SUBMIT): SubmissionStatus.SUBMITTED,
    (SubmissionStatus.SUBMITTED, SubmissionAction.RETURN): SubmissionStatus.RETURNED,
    (SubmissionStatus.SUBMITTED, SubmissionAction.APPROVE): SubmissionStatus.APPROVED,
    (SubmissionStatus.APPROVED, SubmissionAction.REOPEN): SubmissionStatus.RETURNED,
}


def period_accepts_changes(*, locked: bool, review: bool) -> str | None:
    """None when the period takes changes, else why not (for the user)."""
    if locked:
        return "Kỳ báo cáo đã khóa, không thể thay đổi dữ liệu."
    if review:
        return "Kỳ sơ kết, tổng kết không nhận số liệu mới."
    return None


def editable(status: SubmissionStatus, *, locked: bool, review: bool) -> bool:
    """The one "may the unit change its values" rule, for the form, the API and the import."""
    return status.editable and period_accepts_changes(locked=locked, review=review) is None


def next_status(status: SubmissionStatus, action: SubmissionAction, reason: str | None = None) -> SubmissionStatus:
    """The status after ``action``, or WorkflowError saying why it is not allowed now."""
    target = _TRANSITIONS.get((status, action))
    if target is None:
        raise WorkflowError(f"Không thể thực hiện thao tác này khi báo cáo đang ở trạng thái «{status.label}».")
    if action.needs_reason and not (reason and reason.strip()):
        raise WorkflowError("Cần ghi rõ lý do.")
    return target
