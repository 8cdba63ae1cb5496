"""Inspections (kiểm tra chuyên đề), their findings and corrective actions.

Points are exact fractions in "p/q" strings, like the scores.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from api.db.models import Base
from api.domain.search import fold


class Inspection(Base):
    """A kiểm tra chuyên đề: planned for a date, then done (its findings carry deduction points)."""

    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    topic: Mapped[str] = mapped_column(Text)
    # The topic folded for searching and sorting (api/domain/search.py), kept by the validator below.
    search_topic: Mapped[str] = mapped_column(Text, default="", server_default="")
    planned_on: Mapped[date] = mapped_column(Date)
    inspected_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16))  # planned | done
    # The unit of the actor who inspects (Sở Nội vụ, a department, a commune's committee); None: the
    # standing body, whose findings deduct at once.
    inspector_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]

    @validates("topic")
    def _fold_topic(self, _key: str, topic: str) -> str:
        self.search_topic = fold(topic)
        return topic


class InspectionFinding(Base):
    __tablename__ = "inspection_findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    indicator_code: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    points: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="confirmed", server_default="confirmed")  # FindingStatus
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)


class CorrectiveAction(Base):
    __tablename__ = "corrective_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("inspection_findings.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open | done
    done_on: Mapped[date | None] = mapped_column(Date)
