"""Exemplary collectives and individuals (điển hình tiên tiến)."""

from fastapi import APIRouter

from api.domain.awards import Recipient
from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.common import ExemplarSortQuery, SearchText
from api.schemas.exemplars import ExemplarIn, ExemplarOut
from api.services import exemplars

router = APIRouter(tags=["models"])


def _exemplar(exemplar, unit) -> ExemplarOut:
    return ExemplarOut(id=exemplar.id, unit={"code": unit.code, "name": unit.name}, recipient=exemplar.recipient,
                       name=exemplar.name, achievement=exemplar.achievement, year=exemplar.year,
                       published=exemplar.published)


@router.get("/exemplars", response_model=list[ExemplarOut])
def list_exemplars(session: DbSession, principal: CurrentPrincipal, q: SearchText = None,
                   sort: ExemplarSortQuery = None) -> list[ExemplarOut]:
    """Điển hình tiên tiến, năm gần nhất trước (hoặc theo `sort`); `q` tìm theo tên, mã đơn vị hoặc tên
    điển hình."""
    return [_exemplar(*row) for row in exemplars.list_exemplars(session, principal, q, sort)]


@router.post("/exemplars", response_model=ExemplarOut, status_code=201)
def add_exemplar(body: ExemplarIn, session: DbSession, principal: CurrentPrincipal) -> ExemplarOut:
    return _exemplar(*exemplars.add_exemplar(session, principal, unit_code=body.unit,
                                          recipient=Recipient(body.recipient), name=body.name,
                                          achievement=body.achievement, year=body.year,
                                          published=body.published))
