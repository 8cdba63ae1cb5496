"""Reading the audit log: administrators only; there is no way to change it through the application."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.db.models import AuditEntry
from api.db.repositories import audit
from api.services.access import Principal


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
    )
