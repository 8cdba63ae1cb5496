"""The budget estimate: activity lines and award money per year and unit."""

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.common import InputModel


class BudgetItemIn(InputModel):
    year: int = Field(ge=2026, le=2030)
    unit: str
    description: str = Field(min_length=1)
    amount: int = Field(gt=0)


class BudgetTotalOut(BaseModel):
    year: int
    unit: str
    unit_name: str
    activities: int
    awards: int
    total: int


class BudgetLineOut(BaseModel):
    year: int
    unit: str
    category: Literal["activity", "award"]
    description: str
    amount: int


class BudgetOut(BaseModel):
    totals: list[BudgetTotalOut]
    lines: list[BudgetLineOut]
    grand_total: int
