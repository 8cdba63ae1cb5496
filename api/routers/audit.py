"""The audit log, filtered and paged; read only by design (no route writes it)."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.routers.deps import CurrentPrincipal, DbSession, page_headers
from api.schemas.audit import AuditEntityOut, AuditEntryOut
from api.schemas.common import MAX_PAGE, PAGE_HEADERS, AuditSearchText, AuditSortQuery
from api.services import audit

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=list[AuditEntryOut], responses={200: {"headers": PAGE_HEADERS}})
def search_audit(
    request: Request,
    response: Response,
    session: DbSession,
    principal: CurrentPrincipal,
    entity: str | None = None,
    entity_key: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
    q: AuditSearchText = None,
    sort: AuditSortQuery = None,
) -> list[AuditEntryOut]:
    """Nhật ký hệ thống, mới nhất trước (hoặc theo `sort`); `q` tìm theo tài khoản, mã bản ghi, thao tác
    (mã hay tên tiếng Việt) hoặc tên loại bản ghi."""
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
        q=q,
        sort=sort,
    )
    response.headers.update(page_headers(request, page, page_size, total))
    return [AuditEntryOut.model_validate(row, from_attributes=True) for row in rows]


@router.get("/audit/entities", response_model=list[AuditEntityOut])
def audit_entities(principal: CurrentPrincipal) -> list[AuditEntityOut]:
    """Các loại bản ghi trong nhật ký (mã và tên tiếng Việt), để lọc nhật ký theo loại."""
    return [AuditEntityOut(entity=code, label=name) for code, name in audit.entity_names(principal).items()]
