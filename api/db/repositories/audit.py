"""The append-only audit log."""

from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api import clock
from api.db.models import AuditEntry

# Where the current request comes from, set by the HTTP layer (api/middleware/client.py); None outside
# a request (command line, background jobs).
client_address: ContextVar[str | None] = ContextVar("client_address", default=None)


def record(
    session: Session, *, actor: str, action: str, entity: str, entity_key: str,
    before: dict[str, Any] | None = None, after: dict[str, Any] | None = None, reason: str | None = None,
) -> None:
    record_many(session, actor=actor, action=action, entity=entity, changes=[(entity_key, before, after)],
                reason=reason)


def record_many(
    session: Session, *, actor: str, action: str, entity: str,
    changes: Iterable[tuple[str, dict[str, Any] | None, dict[str, Any] | None]], reason: str | None = None,
) -> None:
    """One entry per ``(entity_key, before, after)``, written together."""
    at, address = clock.now(), client_address.get()
    session.add_all([
        AuditEntry(at=at, actor=actor, action=action, entity=entity, entity_key=key, before=before, after=after,
                   reason=reason, client_address=address)
        for key, before, after in changes
    ])
    session.flush()


def for_entity(session: Session, entity: str, entity_key: str) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_key == entity_key)
        .order_by(AuditEntry.id)
    ))


def search(
    session: Session, *, entity: str | None, entity_key: str | None, actor: str | None, since: datetime | None,
    until: datetime | None, page: int, page_size: int,
) -> tuple[list[AuditEntry], int]:
    """Entries matching every given filter, newest first, one page of them and the total."""
    conditions = []
    if entity:
        conditions.append(AuditEntry.entity == entity)
    if entity_key:
        conditions.append(AuditEntry.entity_key == entity_key)
    if actor:
        conditions.append(AuditEntry.actor == actor)
    if since:
        conditions.append(AuditEntry.at >= since)
    if until:
        conditions.append(AuditEntry.at < until)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    rows = session.scalars(
        select(AuditEntry).where(*conditions).order_by(AuditEntry.id.desc())
        .offset((page - 1) * page_size).limit(page_size)
    )
    return list(rows), total
