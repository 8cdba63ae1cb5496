"""Adding a row of any table."""

from sqlalchemy.orm import Session


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def remove(session: Session, obj) -> None:
    session.delete(obj)
    session.flush()
