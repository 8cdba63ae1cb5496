"""Adding a row of any table."""

from sqlalchemy.orm import Session


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj
