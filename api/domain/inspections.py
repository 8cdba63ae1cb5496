"""Who may inspect which unit, and the life of a finding recorded by an actor other than the standing body.

The standing body (Cơ quan Thường trực, Công an tỉnh) inspects every unit and its findings deduct points
at once. Sở Nội vụ inspects discipline, administrative order and public-service ethics at the departments
and the communes' People's Committees (plan IV.4); a department or a commune's People's Committee
inspects the units it oversees (IV.1, IV.8: a commune's committee its own commune police). Their findings
are proposed: they deduct nothing until the standing body confirms them, or are rejected with a reason
(domain decision 9).
"""

from dataclasses import dataclass
from enum import StrEnum

from .indicators import UnitKind


class InspectionReach(StrEnum):
    """Which units an actor may inspect (given per role in ``api/domain/permissions.py``)."""

    EVERY_UNIT = "every_unit"  # the standing body
    ADMINISTRATION = "administration"  # Sở Nội vụ: the departments and the communes' People's Committees
    OVERSEEN_UNITS = (
        "overseen_units"  # a department or a commune's committee: the units its own unit oversees
    )


# The units Sở Nội vụ inspects: "các sở, ban, ngành, địa phương" (plan IV.4).
ADMINISTRATION_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.COMMUNE})


@dataclass(frozen=True)
class Target:
    """The unit to inspect: its kind and the unit that oversees it (``Unit.overseer_id``), if any."""

    kind: str
    overseer_id: int | None


def in_scope(reach: InspectionReach | None, actor_unit_id: int | None, target: Target) -> bool:
    """Whether an actor of ``reach`` (``None``: no reach), belonging to ``actor_unit_id``, may inspect ``target``."""
    if reach is InspectionReach.EVERY_UNIT:
        return True
    if reach is InspectionReach.ADMINISTRATION:
        return target.kind in ADMINISTRATION_KINDS
    if reach is InspectionReach.OVERSEEN_UNITS:
        return actor_unit_id is not None and target.overseer_id == actor_unit_id
    return False


class InspectionError(ValueError):
    """A rule of the findings' workflow was broken; the message is Vietnamese, for users."""


class AlreadyDecided(InspectionError):
    """The finding is not (or no longer) awaiting the standing body's decision."""


class ReasonRequired(InspectionError):
    """A rejection without a reason."""


class FindingStatus(StrEnum):
    PROPOSED = "proposed"  # recorded by an actor other than the standing body: deducts nothing yet
    CONFIRMED = "confirmed"  # deducts its points from the unit's score
    REJECTED = "rejected"  # by the standing body, with a reason: deducts nothing

    @property
    def label(self) -> str:
        return {"proposed": "Chờ xác nhận", "confirmed": "Đã xác nhận", "rejected": "Không xác nhận"}[
            self.value
        ]

    @property
    def deducts(self) -> bool:
        return self is FindingStatus.CONFIRMED


class FindingDecision(StrEnum):
    CONFIRM = "confirm"
    REJECT = "reject"


def recorded_status(confirms: bool) -> FindingStatus:
    """A finding's status when recorded: confirmed when its author confirms findings, else proposed."""
    return FindingStatus.CONFIRMED if confirms else FindingStatus.PROPOSED


def decide(status: FindingStatus, decision: FindingDecision, reason: str | None) -> FindingStatus:
    """The status after the standing body's ``decision`` on a finding; only a proposed finding is decided,
    and a rejection needs a reason."""
    if status is not FindingStatus.PROPOSED:
        raise AlreadyDecided(f"Tồn tại này không chờ xác nhận (trạng thái: {status.label.lower()}).")
    if decision is FindingDecision.REJECT:
        if not (reason or "").strip():
            raise ReasonRequired("Hãy nêu lý do không xác nhận tồn tại.")
        return FindingStatus.REJECTED
    return FindingStatus.CONFIRMED
