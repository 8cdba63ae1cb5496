"""Notifications to units and the addresses their reminders are e-mailed to."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class Notification(Base):
    """An in-app message to a unit (reminders of deadlines, returned reports)."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    emailed_to: Mapped[str | None] = mapped_column(String(255))


class UnitContact(Base):
    """Where a unit's reminders are e-mailed (one address per unit, kept apart from user accounts)."""

    __tablename__ = "unit_contacts"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(255))


class ScheduledReminder(Base):
    """A reminder the schedule sent: one per unit, period and offset (days before the due date, negative
    after it), whatever the number of workers (the unique constraint refuses the second)."""

    __tablename__ = "scheduled_reminders"
    __table_args__ = (UniqueConstraint("unit_id", "period_id", "offset_days"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="CASCADE"))
    offset_days: Mapped[int] = mapped_column(Integer)
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime]
