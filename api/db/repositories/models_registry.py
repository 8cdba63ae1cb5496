"""The models registry (mô hình tự quản)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import Unit
from api.db.registry_models import SafetyModel


def safety_models(session: Session, unit_id: int | None, kind: str | None) -> list[tuple[SafetyModel, Unit]]:
    conditions = []
    if unit_id is not None:
        conditions.append(SafetyModel.unit_id == unit_id)
    if kind:
        conditions.append(SafetyModel.kind == kind)
    rows = session.execute(
        select(SafetyModel, Unit).join(Unit, SafetyModel.unit_id == Unit.id).where(*conditions)
        .order_by(Unit.code, SafetyModel.kind, SafetyModel.id)
    )
    return [tuple(row) for row in rows]


def model_counts(session: Session) -> list[tuple[str, str, int]]:
    """(kind, status, count) over every registered model."""
    rows = session.execute(
        select(SafetyModel.kind, SafetyModel.status, func.count()).group_by(SafetyModel.kind, SafetyModel.status)
    )
    return [tuple(row) for row in rows]
