"""Nominations (đề nghị khen thưởng của đơn vị) and the units' narrative reports.

A unit nominates a collective or an individual with a dossier to the standing body (plan IV.2: Công an
tỉnh receives and consolidates the proposals), which accepts it into an award proposal (the workflow of
``api.domain.awards``) or returns it with a reason; the unit corrects a returned nomination and sends it
again. A timely nomination ("khen thưởng kịp thời", plan IV.4) is tied to no period: Sở Nội vụ (or the
standing body) processes it outside the period calendar.

Every period also takes a narrative from each unit: achievements, models, difficulties ("khó khăn,
vướng mắc") and proposals ("đề xuất, kiến nghị"); in a review period it is the unit's report, not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .awards import AwardError, Recipient
from .periods import PeriodKind


class NominationError(AwardError):
    """A nomination rule broken; ``field`` names the input at fault (None for a state rule)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NominationStatus(StrEnum):
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return {
            "submitted": "Đã gửi, chờ xem xét",
            "returned": "Bị trả lại",
            "accepted": "Đã tiếp nhận vào đề xuất khen thưởng",
        }[self.value]


class NominationAction(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"
    RESUBMIT = "resubmit"


_TRANSITIONS = {
    (NominationStatus.SUBMITTED, NominationAction.ACCEPT): NominationStatus.ACCEPTED,
    (NominationStatus.SUBMITTED, NominationAction.RETURN): NominationStatus.RETURNED,
    (NominationStatus.RETURNED, NominationAction.RESUBMIT): NominationStatus.SUBMITTED,
}


def next_nomination_status(
    status: NominationStatus, action: NominationAction, *, reason: str | None = None
) -> NominationStatus:
    """The unit sends, the standing body (Sở Nội vụ for a timely award) accepts or returns with a reason."""
    target = _TRANSITIONS.get((status, action))
    if target is None:
        raise NominationError(f"Không thể thực hiện thao tác này khi đề nghị ở trạng thái “{status.label}”.")
    if action is NominationAction.RETURN and not (reason and reason.strip()):
        raise NominationError("Cần ghi rõ lý do trả lại đề nghị.", "reason")
    return target


def nominations_editable(status: NominationStatus) -> bool:
    """The unit changes its nomination and its dossier until it is accepted into a proposal."""
    return status is not NominationStatus.ACCEPTED


@dataclass(frozen=True)
class Nominee:
    """Who is nominated: a collective (the unit itself when no name is given) or a named individual."""

    recipient: Recipient
    name: str | None
    title: str | None
    achievements: str


def check_nominee(nominee: Nominee) -> Nominee:
    """Trimmed fields, or the rule broken (an individual needs a name and a position; every nominee, the
    achievements that justify it)."""
    name, title = (nominee.name or "").strip() or None, (nominee.title or "").strip() or None
    if nominee.recipient is Recipient.INDIVIDUAL and not name:
        raise NominationError("Cần ghi họ tên cá nhân được đề nghị.", "nominee_name")
    if nominee.recipient is Recipient.INDIVIDUAL and not title:
        raise NominationError("Cần ghi chức vụ của cá nhân được đề nghị.", "nominee_title")
    achievements = nominee.achievements.strip()
    if not achievements:
        raise NominationError("Cần tóm tắt thành tích của tập thể, cá nhân được đề nghị.", "achievements")
    return Nominee(nominee.recipient, name, title, achievements)


def check_nomination_period(
    kind: PeriodKind | None, *, timely: bool, occasions: frozenset[PeriodKind]
) -> None:
    """A timely nomination has no period; any other names a period in which awards are considered."""
    if timely and kind is not None:
        raise NominationError("Đề nghị khen thưởng kịp thời không gắn với kỳ báo cáo.", "period")
    if not timely and kind is None:
        raise NominationError("Cần chọn kỳ xét khen thưởng (hoặc đề nghị khen thưởng kịp thời).", "period")
    if kind is not None and kind not in occasions:
        raise NominationError(
            "Kỳ này không xét khen thưởng: chọn kỳ năm, sơ kết 03 năm hoặc tổng kết.", "period"
        )


NARRATIVE_SECTIONS = {
    "achievements": "Kết quả nổi bật",
    "models": "Mô hình, cách làm hay",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
}


def narrative_role(kind: PeriodKind) -> str:
    """What the narrative is in a period: the unit's whole report in a review period (not scored), an
    addition to the scored report otherwise."""
    return (
        "Báo cáo sơ kết, tổng kết của đơn vị (không chấm điểm)"
        if kind.is_review
        else "Thuyết minh kèm báo cáo kỳ"
    )
