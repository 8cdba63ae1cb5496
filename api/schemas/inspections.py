"""Inspections with their findings and corrective actions."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputDate, InputModel
from api.schemas.enums import ActionStatus, FindingDecision, FindingStatus, InspectionStatus


class InspectionIn(InputModel):
    unit: str
    topic: str = Field(min_length=1)
    planned_on: InputDate


class InspectionReachOut(BaseModel):
    """The units the caller may inspect: every unit (the standing body), or those listed."""

    every_unit: bool
    units: list[UnitName]


class OverseerIn(InputModel):
    """The unit that oversees this one and may inspect it (a department for a unit of its field, a commune's
    People's Committee for its police); null removes it."""

    overseer: str | None = Field(max_length=64, examples=["UBX-001"])


class OverseerOut(BaseModel):
    unit: UnitName
    overseer: UnitName | None


class InspectionDoneIn(InputModel):
    inspected_on: InputDate


class FindingIn(InputModel):
    description: str = Field(min_length=1)
    points: str = Field(description="Điểm trừ, ví dụ 1.5", examples=["1.5"])
    indicator: str | None = None


class FindingDecisionIn(InputModel):
    """The standing body's decision on a proposed finding; a rejection needs a reason."""

    decision: FindingDecision
    reason: str | None = Field(default=None, max_length=2000)


class ActionIn(InputModel):
    description: str = Field(min_length=1)
    due_on: InputDate


class ActionUpdate(InputModel):
    """``done_on`` closes the action on that date; null reopens it."""

    done_on: InputDate | None


class ActionOut(BaseModel):
    id: int
    description: str
    due_on: date
    status: ActionStatus
    done_on: date | None


class FindingOut(BaseModel):
    id: int
    indicator: str | None
    description: str
    points: str
    status: FindingStatus = Field(description="proposed: deducts nothing until the standing body confirms it")
    recorded_by: str | None
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    actions: list[ActionOut]


class InspectionOut(BaseModel):
    id: int
    unit: UnitName
    inspector: UnitName | None = Field(description="The inspecting unit; null: the standing body")
    topic: str
    planned_on: date
    inspected_on: date | None
    status: InspectionStatus
    deduction_points: str = Field(description="What the confirmed findings deduct")
    pending_findings: int = Field(description="Findings awaiting the standing body's confirmation")
    open_actions: int
    findings: list[FindingOut]
