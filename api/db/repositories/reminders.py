"""Reminders: who is due, their contacts, the notifications sent."""

from datetime import datetime

from sqlalchemy import bindparam, func, insert, literal, select
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


def add_notifications(session: Session, values: list[dict]) -> list[tuple[int, int]]:
    """Insert notifications (unit_id, period_id, kind, title, body, created_at each) in bulk (multi-row
    INSERT ... RETURNING batches on both engines); (unit id, notification id) of each, in no given order."""
    if not values:
        return []
    added = session.execute(insert(Notification).returning(Notification.unit_id, Notification.id), values)
    return [tuple(row) for row in added]


def notifications(session: Session, unit_id: int, unread_only: bool) -> list[Notification]:
    conditions = [Notification.unit_id == unit_id]
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
    return list(session.scalars(select(Notification).where(*conditions).order_by(Notification.id.desc())))


def remind_missing(session: Session, period_id: int, offset_days: int, now: datetime, kind: str, title: str,
                   body_after_name: str) -> list[tuple[int, int]]:
    """Record that the schedule reminds, at this offset, every scored unit that has never submitted the
    period's report and was not yet reminded at it, and notify each (body: the unit's name, then
    ``body_after_name``); returns (unit id, notification id) of each. Three statements whatever the
    number of units. The unique constraint decides who is reminded, so two workers cannot both remind a
    unit: the second waits for the first's commit and skips its units."""
    at = literal(now, ScheduledReminder.sent_at.type)
    missing = (select(Unit.id, literal(period_id), literal(offset_days), at)
               .outerjoin(Submission, (Submission.unit_id == Unit.id) & (Submission.period_id == period_id))
               .where(Unit.active.is_(True), Unit.group_id.is_not(None), Submission.first_submitted_at.is_(None)))
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    scheduled = dict(session.execute(
        dialect_insert(ScheduledReminder)
        .from_select(["unit_id", "period_id", "offset_days", "sent_at"], missing)
        .on_conflict_do_nothing(index_elements=["unit_id", "period_id", "offset_days"])
        .returning(ScheduledReminder.unit_id, ScheduledReminder.id)).all())
    if not scheduled:
        return []
    notes = (select(ScheduledReminder.unit_id, literal(period_id), literal(kind), literal(title),
                    Unit.name + literal(body_after_name), at)
             .join(Unit, Unit.id == ScheduledReminder.unit_id)
             .where(ScheduledReminder.period_id == period_id, ScheduledReminder.offset_days == offset_days,
                    ScheduledReminder.sent_at == now, ScheduledReminder.notification_id.is_(None)))
    notified = session.execute(
        Notification.__table__.insert()
        .from_select(["unit_id", "period_id", "kind", "title", "body", "created_at"], notes)
        .returning(Notification.unit_id, Notification.id)).all()
    session.execute(
        ScheduledReminder.__table__.update().where(ScheduledReminder.id == bindparam("scheduled"))
        .values(notification_id=bindparam("notification")),
        [{"scheduled": scheduled[unit_id], "notification": note_id} for unit_id, note_id in notified])
    return [tuple(row) for row in notified]


def scheduled_counts(session: Session, period_ids: list[int]) -> dict[tuple[int, int], int]:
    """How many units each (period id, offset) reminded."""
    rows = session.execute(
        select(ScheduledReminder.period_id, ScheduledReminder.offset_days, func.count())
        .where(ScheduledReminder.period_id.in_(period_ids))
        .group_by(ScheduledReminder.period_id, ScheduledReminder.offset_days))
    return {(period_id, offset): count for period_id, offset, count in rows}
