"""The audit log: the shape of an entry's before/after, and reading it (administrators only; there is no way
to change it through the application)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from api.db.models import AuditEntry
from api.db.repositories import audit
from api.domain.audit import ENTITY_NAMES
from api.domain.search import AuditSort
from api.services.access import Principal


def fields(row: object, *names: str) -> dict[str, Any]:
    """The named attributes of a row as a JSON-able dict for an entry's before/after: dates as ISO text,
    exact numbers (Decimal, Fraction) as strings so nothing is rounded."""
    return {name: _plain(getattr(row, name)) for name in names}


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def search(
    session: Session,
    principal: Principal,
    *,
    entity: str | None,
    entity_key: str | None,
    actor: str | None,
    since: datetime | None,
    until: datetime | None,
    page: int,
    page_size: int,
    q: str | None = None,
    sort: AuditSort | None = None,
) -> tuple[list[AuditEntry], int]:
    principal.require("audit:read")
    return audit.search(
        session,
        entity=entity,
        entity_key=entity_key,
        actor=actor,
        since=since,
        until=until,
        page=page,
        page_size=page_size,
        q=q,
        sort=sort,
    )


def entity_names(principal: Principal) -> dict[str, str]:
    """The kinds of record the log holds (code -> Vietnamese name), to filter it by."""
    principal.require("audit:read")
    return ENTITY_NAMES
