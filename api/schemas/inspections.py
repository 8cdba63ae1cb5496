"""Inspections with their findings and corrective actions."""

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputDate, InputModel
from api.schemas.enums import ActionStatus, InspectionStatus


class InspectionIn(InputModel):
    unit: str
    topic: str = Field(min_length=1)
    planned_on: InputDate


class InspectionDoneIn(InputModel):
    inspected_on: InputDate


class FindingIn(InputModel):
    description: str = Field(min_length=1)
    points: str = Field(description="Điểm trừ, ví dụ 1.5", examples=["1.5"])
    indicator: str | None = None


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
    actions: list[ActionOut]


class InspectionOut(BaseModel):
    id: int
    unit: UnitName
    topic: str
    planned_on: date
    inspected_on: date | None
    status: InspectionStatus
    deduction_points: str
    open_actions: int
    findings: list[FindingOut]
