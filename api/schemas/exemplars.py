"""Exemplary collectives and individuals."""

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputModel
from api.schemas.enums import Recipient


class ExemplarIn(InputModel):
    unit: str
    recipient: Recipient
    name: str = Field(min_length=1, max_length=255)
    achievement: str = Field(min_length=1)
    year: int = Field(ge=2026, le=2030)
    published: bool = False


class ExemplarOut(BaseModel):
    id: int
    unit: UnitName
    recipient: Recipient
    name: str
    achievement: str
    year: int
    published: bool
