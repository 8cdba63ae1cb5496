"""The append-only audit log."""

from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api import clock
from api.db.models import AuditEntry
from api.db.repositories.rows import by_name, ordered
from api.domain.audit import ACTION_NAMES, ENTITY_NAMES
from api.domain.search import AuditSort, fold

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
    until: datetime | None, page: int, page_size: int, q: str | None = None, sort: AuditSort | None = None,
) -> tuple[list[AuditEntry], int]:
    """Entries matching every given filter, newest first unless ``sort`` says otherwise, one page of them
    and the total. ``q`` finds an account, a record's key (a unit's code, a user name) or an action, by its
    code or its Vietnamese name, or a kind of record by its name (``api/domain/audit.py``), in any case and
    with or without diacritics, the query folded (``api/domain/search.py``; accounts, keys and actions are
    codes, stored without diacritics). The actions and the kinds of record sort by their names."""
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
    if folded := fold(q or ""):
        conditions.append(or_(*(func.lower(column).contains(folded, autoescape=True)
                                for column in (AuditEntry.actor, AuditEntry.entity_key, AuditEntry.action)),
                              AuditEntry.action.in_(_named(ACTION_NAMES, folded)),
                              AuditEntry.entity.in_(_named(ENTITY_NAMES, folded))))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    columns = {"at": AuditEntry.at, "actor": AuditEntry.actor, "action": by_name(AuditEntry.action, ACTION_NAMES),
               "entity": by_name(AuditEntry.entity, ENTITY_NAMES)}
    rows = session.scalars(
        select(AuditEntry).where(*conditions)
        .order_by(*(ordered(columns, sort, AuditEntry.id.desc()) if sort else (AuditEntry.id.desc(),)))
        .offset((page - 1) * page_size).limit(page_size)
    )
    return list(rows), total


def _named(names: dict[str, str], folded: str) -> list[str]:
    """The codes whose folded name holds the folded query."""
    return [code for code, name in names.items() if folded in fold(name)]
