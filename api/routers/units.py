"""Units, the organisation tree, and emulation groups."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.routers.deps import CurrentPrincipal, DbSession, page_headers
from api.schemas.common import MAX_PAGE, PAGE_HEADERS, CodeFilter, KindFilter, SearchText, UnitSortQuery
from api.schemas.scores import UnitHistory
from api.schemas.units import GroupOut, UnitIn, UnitNode, UnitOut, UnitPatch
from api.services import scores, units

router = APIRouter(tags=["units"])


@router.get("/units", response_model=list[UnitOut], responses={200: {"headers": PAGE_HEADERS}})
def list_units(
    request: Request, response: Response, session: DbSession, principal: CurrentPrincipal,
    kind: KindFilter = None, group: CodeFilter = None, parent: CodeFilter = None,
    q: SearchText = None, sort: UnitSortQuery = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1, page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[UnitOut]:
    rows, total = units.search(session, principal, kind=kind, group=group, parent=parent, q=q, page=page,
                               page_size=page_size, sort=sort)
    response.headers.update(page_headers(request, page, page_size, total))
    return [UnitOut(code=u.code, name=u.name, kind=u.kind, parent=p, group=g) for u, p, g in rows]


@router.get("/units/tree", response_model=list[UnitNode])
def unit_tree(session: DbSession, principal: CurrentPrincipal) -> list[UnitNode]:
    return [UnitNode.model_validate(node) for node in units.tree(session, principal)]


@router.get("/units/{code}", response_model=UnitOut)
def get_unit(code: str, session: DbSession, principal: CurrentPrincipal) -> UnitOut:
    unit, parent, group = units.one(session, principal, code)
    return UnitOut(code=unit.code, name=unit.name, kind=unit.kind, parent=parent, group=group)


@router.get("/units/{code}/scores", response_model=UnitHistory)
def unit_history(code: str, session: DbSession, principal: CurrentPrincipal) -> UnitHistory:
    """The unit's result in every period, each with the same kind of period a year earlier to compare with;
    `total` is null for a period not started or without a submitted report."""
    return UnitHistory.model_validate(scores.history(session, principal, code))


@router.post("/units", response_model=UnitOut, status_code=201)
def create_unit(body: UnitIn, session: DbSession, principal: CurrentPrincipal) -> UnitOut:
    unit = units.create(session, principal, body.model_dump())
    return get_unit(unit.code, session, principal)


@router.patch("/units/{code}", response_model=UnitOut)
def update_unit(code: str, body: UnitPatch, session: DbSession, principal: CurrentPrincipal) -> UnitOut:
    units.update(session, principal, code, body.model_dump(exclude_unset=True))
    return get_unit(code, session, principal)


@router.get("/groups", response_model=list[GroupOut])
def list_groups(session: DbSession, principal: CurrentPrincipal) -> list[GroupOut]:
    return [GroupOut(code=g.code, name=g.name, unit_count=n) for g, n in units.groups(session, principal)]
