"""Self-managed models per commune (the models registry)."""

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputModel
from api.schemas.enums import ModelKind, ModelStatus


class ModelIn(InputModel):
    unit: str
    kind: ModelKind
    name: str = Field(min_length=1, max_length=255)
    status: ModelStatus = ModelStatus.ACTIVE
    established_on: date | None = None
    note: str | None = None


class ModelOut(BaseModel):
    id: int
    unit: UnitName
    kind: ModelKind
    kind_label: str
    name: str
    status: ModelStatus
    status_label: str
    established_on: date | None
    note: str | None


class ModelKindOut(BaseModel):
    code: ModelKind
    name: str
