"""Import runs and their idempotency keys."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.integration_models import ImportRun


def by_key(session: Session, actor: str, key: str) -> ImportRun | None:
    return session.scalar(select(ImportRun).where(ImportRun.actor == actor, ImportRun.idempotency_key == key))


def running(session: Session) -> list[ImportRun]:
    return list(session.scalars(select(ImportRun).where(ImportRun.status == "running")))


def add(session: Session, run: ImportRun) -> ImportRun:
    session.add(run)
    session.flush()
    return run


def delete(session: Session, run: ImportRun) -> None:
    session.delete(run)
    session.flush()
