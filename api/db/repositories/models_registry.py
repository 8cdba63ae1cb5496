"""The models registry (mô hình tự quản)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import Unit
from api.db.registry_models import SafetyModel
from api.db.repositories import units
from api.db.repositories.rows import by_name, ordered
from api.domain.safety_models import MODEL_KINDS, MODEL_STATUSES
from api.domain.search import ModelSort


def safety_models(session: Session, unit_id: int | None, kind: str | None, q: str | None = None,
                  sort: ModelSort | None = None) -> list[tuple[SafetyModel, Unit]]:
    """Models with their unit, by unit code and kind unless ``sort`` says otherwise; ``q`` a search by the
    unit's name or code or the model's name (``units.matching``)."""
    conditions = []
    if (found := units.matching(q, SafetyModel.search_name)) is not None:
        conditions.append(found)
    if unit_id is not None:
        conditions.append(SafetyModel.unit_id == unit_id)
    if kind:
        conditions.append(SafetyModel.kind == kind)
    rows = session.execute(
        select(SafetyModel, Unit).join(Unit, SafetyModel.unit_id == Unit.id).where(*conditions)
        .order_by(*(ordered(_MODEL_ORDER, sort, SafetyModel.id) if sort else (Unit.code, SafetyModel.kind, SafetyModel.id)))
    )
    return [tuple(row) for row in rows]


# A kind and a status sort by their names.
_MODEL_ORDER = {"unit": Unit.search_name, "kind": by_name(SafetyModel.kind, MODEL_KINDS), "name": SafetyModel.search_name,
                "status": by_name(SafetyModel.status, MODEL_STATUSES), "established_on": SafetyModel.established_on}


def model_counts(session: Session) -> list[tuple[str, str, int]]:
    """(kind, status, count) over every registered model."""
    rows = session.execute(
        select(SafetyModel.kind, SafetyModel.status, func.count()).group_by(SafetyModel.kind, SafetyModel.status)
    )
    return [tuple(row) for row in rows]
