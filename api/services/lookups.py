"""A period or a unit named by its code in a request, or 404."""

from sqlalchemy.orm import Session

from api.db.models import Period, Unit
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import units as units_repo
from api.services.errors import NotFound


def unit_by_code(session: Session, code: str) -> Unit:
    unit = units_repo.by_code(session, code)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị {code}.")
    return unit


def period_by_code(session: Session, code: str) -> Period:
    period = catalog_repo.period_by_code(session, code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo {code}.")
    return period
