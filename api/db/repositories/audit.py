"""The append-only audit log."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import AuditEntry


def record(
    session: Session, *, actor: str, action: str, entity: str, entity_key: str,
    before: dict[str, Any] | None = None, after: dict[str, Any] | None = None, reason: str | None = None,
) -> None:
    session.add(AuditEntry(
        at=datetime.now(UTC), actor=actor, action=action, entity=entity, entity_key=entity_key,
        before=before, after=after, reason=reason,
    ))
    session.flush()


def for_entity(session: Session, entity: str, entity_key: str) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_key == entity_key)
        .order_by(AuditEntry.id)
    ))
