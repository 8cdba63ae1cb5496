"""Bonus entries (điểm thưởng). Points are exact fractions in "p/q" strings, like the scores."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class BonusEntry(Base):
    """Điểm thưởng recorded by the standing body; the scheme caps their sum in the score."""

    __tablename__ = "bonus_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    points: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
