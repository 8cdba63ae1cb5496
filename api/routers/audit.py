"""The audit log, filtered and paged; read only by design (no route writes it)."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.audit import AuditEntryOut, AuditPage
from api.schemas.common import MAX_PAGE
from api.services import audit

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage)
def search_audit(
    session: DbSession,
    principal: CurrentPrincipal,
    entity: str | None = None,
    entity_key: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AuditPage:
    rows, total = audit.search(
        session,
        principal,
        entity=entity,
        entity_key=entity_key,
        actor=actor,
        since=since,
        until=until,
        page=page,
        page_size=page_size,
    )
    items = [AuditEntryOut.model_validate(row, from_attributes=True) for row in rows]
    return AuditPage(items=items, total=total, page=page, page_size=page_size)
