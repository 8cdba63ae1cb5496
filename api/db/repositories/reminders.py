"""Reminders: who is due, their contacts, the notifications sent."""

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.db.models import Submission, Unit
from api.db.reminder_models import Notification, ScheduledReminder, UnitContact


def scored_units_with_submission(session: Session, period_id: int) -> list[tuple[Unit, Submission | None]]:
    """Every active unit that belongs to an emulation group, with its submission of the period if any."""
    rows = session.execute(
        select(Unit, Submission)
        .outerjoin(Submission, (Submission.unit_id == Unit.id) & (Submission.period_id == period_id))
        .where(Unit.active.is_(True), Unit.group_id.is_not(None))
        .order_by(Unit.code)
    )
    return [tuple(row) for row in rows]


def contacts(session: Session, unit_ids: list[int]) -> dict[int, str]:
    if not unit_ids:
        return {}
    query = select(UnitContact.unit_id, UnitContact.email).where(UnitContact.unit_id.in_(unit_ids))
    return dict(session.execute(query).all())


def notified_since(session: Session, period_id: int, since: datetime) -> set[tuple[int, str]]:
    """(unit id, kind) of the period's notifications created at or after ``since``."""
    query = select(Notification.unit_id, Notification.kind).where(
        Notification.period_id == period_id, Notification.created_at >= since)
    return {tuple(row) for row in session.execute(query)}


def notifications(session: Session, unit_id: int, unread_only: bool) -> list[Notification]:
    conditions = [Notification.unit_id == unit_id]
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
    return list(session.scalars(select(Notification).where(*conditions).order_by(Notification.id.desc())))


def add_scheduled(session: Session, unit_id: int, period_id: int, offset_days: int, now: datetime) -> int | None:
    """Record that the schedule reminds the unit at this offset; None when it already did (the unique
    constraint decides, so two workers cannot both send it: the second waits for the first's commit)."""
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (dialect_insert(ScheduledReminder)
                 .values(unit_id=unit_id, period_id=period_id, offset_days=offset_days, sent_at=now)
                 .on_conflict_do_nothing(index_elements=["unit_id", "period_id", "offset_days"])
                 .returning(ScheduledReminder.id))
    return session.scalar(statement)


def link_notification(session: Session, scheduled_id: int, notification_id: int) -> None:
    session.execute(update(ScheduledReminder).where(ScheduledReminder.id == scheduled_id)
                    .values(notification_id=notification_id))


def scheduled_counts(session: Session, period_ids: list[int]) -> dict[tuple[int, int], int]:
    """How many units each (period id, offset) reminded."""
    rows = session.execute(
        select(ScheduledReminder.period_id, ScheduledReminder.offset_days, func.count())
        .where(ScheduledReminder.period_id.in_(period_ids))
        .group_by(ScheduledReminder.period_id, ScheduledReminder.offset_days))
    return {(period_id, offset): count for period_id, offset, count in rows}
