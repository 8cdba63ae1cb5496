"""Bonus entries (điểm thưởng). Points are exact fractions in "p/q" strings, like the scores."""

from datetime import datetime
from fractions import Fraction

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from api.db.models import Base
from api.domain.search import fold


class BonusEntry(Base):
    """Điểm thưởng recorded by the standing body; the scheme caps their sum in the score."""

    __tablename__ = "bonus_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    points: Mapped[str] = mapped_column(String(32))
    # The points as a float, only to sort by (text does not sort as numbers); two bonuses' points are
    # decimals of a few digits, far apart for a double. Kept by the validator below.
    points_value: Mapped[float] = mapped_column(Float, default=0, server_default="0")
    reason: Mapped[str] = mapped_column(Text)
    # The reason folded for searching (api/domain/search.py), kept by the validator below.
    search_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]

    @validates("points")
    def _value_points(self, _key: str, points: str) -> str:
        self.points_value = float(Fraction(points))
        return points

    @validates("reason")
    def _fold_reason(self, _key: str, reason: str) -> str:
        self.search_reason = fold(reason)
        return reason
