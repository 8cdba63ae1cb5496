"""Bonus entries (điểm thưởng)."""

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputModel


class BonusIn(InputModel):
    period: str
    unit: str
    points: str = Field(examples=["2"])
    reason: str = Field(min_length=1)


class BonusOut(BaseModel):
    id: int
    period: str
    unit: UnitName
    points: str
    reason: str
    created_by: str
    created_at: datetime
