"""Refused sign-ins, counted per key (account or client address) inside a sliding window."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db.models import LoginFailure


def recent(session: Session, key: str, since: datetime) -> list[datetime]:
    """Times of the failures for ``key`` after ``since``, oldest first."""
    return list(
        session.scalars(
            select(LoginFailure.at)
            .where(LoginFailure.key == key, LoginFailure.at > since)
            .order_by(LoginFailure.at)
        )
    )


def add(session: Session, key: str, at: datetime) -> None:
    session.add(LoginFailure(key=key, at=at))


def forget(session: Session, key: str, before: datetime | None = None) -> None:
    """Delete the failures of ``key`` (only those older than ``before`` when given)."""
    condition = LoginFailure.key == key
    if before is not None:
        condition = condition & (LoginFailure.at <= before)
    session.execute(delete(LoginFailure).where(condition))
