"""Dated activities of the frequency indicators."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import Submission
from api.db.plan_models import Activity


def of_submission(session: Session, submission_id: int, indicator_code: str | None = None) -> list[Activity]:
    query = select(Activity).where(Activity.submission_id == submission_id)
    if indicator_code is not None:
        query = query.where(Activity.indicator_code == indicator_code)
    return list(session.scalars(query.order_by(Activity.indicator_code, Activity.day, Activity.id)))


def find(session: Session, submission_id: int, activity_id: int) -> Activity | None:
    return session.scalar(select(Activity).where(Activity.id == activity_id, Activity.submission_id == submission_id))


def days_of_period(session: Session, period_id: int, unit_ids: list[int] | None = None):
    """(unit id, indicator code, day) of every activity of a period (of every unit, or of some)."""
    query = (
        select(Submission.unit_id, Activity.indicator_code, Activity.day)
        .join(Activity, Activity.submission_id == Submission.id)
        .where(Submission.period_id == period_id)
    )
    if unit_ids is not None:
        query = query.where(Submission.unit_id.in_(unit_ids))
    session.flush()  # the Core read below does not autoflush
    return session.connection().execute(query).all()


def counts_of_period(session: Session, period_id: int) -> list[tuple[str, str | None, str | None, int]]:
    """(indicator code, subject, channel, number of activities) over the period's reports."""
    query = (
        select(Activity.indicator_code, Activity.subject, Activity.channel, func.count())
        .join(Submission, Activity.submission_id == Submission.id)
        .where(Submission.period_id == period_id)
        .group_by(Activity.indicator_code, Activity.subject, Activity.channel)
        .order_by(Activity.indicator_code, Activity.subject, Activity.channel)
    )
    return [tuple(row) for row in session.execute(query)]


def add(session: Session, activity: Activity) -> Activity:
    session.add(activity)
    session.flush()
    return activity


def delete(session: Session, activity: Activity) -> None:
    session.delete(activity)
    session.flush()
