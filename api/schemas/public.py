"""The public page's data: aggregates only, no personal data, no unpublished scores."""

from decimal import Decimal

from pydantic import BaseModel

from api.schemas.enums import TierCode


class PublicTierCount(BaseModel):
    tier: TierCode
    label: str
    count: int


class PublicModelCount(BaseModel):
    kind: str
    name: str
    active: int


class PublicExemplar(BaseModel):
    name: str
    unit_name: str
    achievement: str
    year: int


class PublicHotline(BaseModel):
    name: str
    number: str


class PublicSummary(BaseModel):
    """``period`` is the latest locked (published) period; null when none is locked yet."""

    period: str | None
    period_name: str | None
    expected: int
    received: int
    reporting_rate: Decimal | None
    tiers: list[PublicTierCount]
    models: list[PublicModelCount]
    exemplars: list[PublicExemplar]
    hotlines: list[PublicHotline]
