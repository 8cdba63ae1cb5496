"""Reminders: who is due, their contacts, the notifications sent."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import Submission, Unit
from api.db.reminder_models import Notification, UnitContact


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
