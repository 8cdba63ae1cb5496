from pydantic import BaseModel, Field, field_validator

from api.domain import text
from api.schemas.common import InputModel
from api.schemas.enums import UnitKind


class UnitOut(BaseModel):
    code: str
    name: str
    kind: UnitKind
    parent: str | None
    group: str | None


class UnitNode(BaseModel):
    code: str
    name: str
    kind: UnitKind
    group: str | None
    children: list["UnitNode"] = []


class UnitIn(InputModel):
    code: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=255)
    kind: UnitKind
    parent: str | None = None
    group: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _normalized_code(cls, value: object) -> object:
        """One spelling per code (``api.domain.text.code``): "cax-001" is CAX-001, which then exists already."""
        return text.code(value) if isinstance(value, str) else value


class UnitPatch(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    kind: UnitKind | None = None
    parent: str | None = None
    group: str | None = None


class GroupOut(BaseModel):
    code: str
    name: str
    unit_count: int
