"""Tables for reading the plan as written: dated activities of the cadence indicators, last year's
baselines of "lower than last year" rules, and drafts of new scheme versions."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class Activity(Base):
    """One dated activity of a frequency indicator, part of a unit's report for a period."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_submission_indicator", "submission_id", "indicator_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime]


class Baseline(Base):
    """A unit's rate of a "lower than last year" indicator for a year before the first period (2025):
    entered once, by the standing body (approved at once) or by the unit (proposed, then reviewed)."""

    __tablename__ = "baselines"
    __table_args__ = (UniqueConstraint("unit_id", "indicator_code", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    indicator_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    numerator: Mapped[int] = mapped_column(BigInteger)
    denominator: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # proposed | approved | rejected
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime]
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)


class SchemeDraft(Base):
    """A new scheme version being prepared by the standing body: a whole catalog document (indicators
    and their targets, the scheme's weights, tier bounds and deductions), editable until activated."""

    __tablename__ = "scheme_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    based_on: Mapped[str] = mapped_column(String(64))  # the scheme code it was copied from
    document: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))  # draft | activated
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    activated_from: Mapped[str | None] = mapped_column(String(32))
    activated_at: Mapped[datetime | None]
