"""The models registry: self-managed models of the movement in each commune (mô hình tự quản)."""

from datetime import date

from sqlalchemy.orm import Session

from api import clock
from api.db.models import Unit
from api.db.registry_models import SafetyModel
from api.db.repositories import audit, rows
from api.db.repositories import models_registry as repo
from api.domain.safety_models import MODEL_KINDS, MODEL_STATUSES
from api.domain.search import ModelSort
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Invalid, NotFound
from api.services.lookups import unit_by_code


def list_models(session: Session, principal: Principal, unit_code: str | None, kind: str | None,
                q: str | None = None, sort: ModelSort | None = None):
    principal.require("models:read")
    unit = unit_by_code(session, unit_code) if unit_code else None
    return repo.safety_models(session, unit.id if unit else None, kind, q, sort)


MODEL_FIELDS = ("unit_id", "kind", "name", "status", "established_on", "note")


def save_model(session: Session, principal: Principal, *, model_id: int | None, unit_code: str, kind: str,
               name: str, status: str, established_on: date | None, note: str | None) -> tuple[SafetyModel, Unit]:
    """Register a model, or update one: the standing body for any commune, a reporter for their own unit."""
    unit = unit_by_code(session, unit_code)
    model = SafetyModel(unit_id=unit.id) if model_id is None else session.get(SafetyModel, model_id)
    if model is None:
        raise NotFound("Không tìm thấy mô hình.")
    own = principal.unit_id is not None and principal.unit_id == unit.id == model.unit_id
    if not own:
        principal.require("models:write")
    if kind not in MODEL_KINDS or status not in MODEL_STATUSES:
        raise Invalid("Loại mô hình hoặc tình trạng không hợp lệ.")
    before = None if model_id is None else fields(model, *MODEL_FIELDS)
    model.unit_id, model.kind, model.name, model.status = unit.id, kind, name, status
    model.established_on, model.note, model.updated_at = established_on, note, clock.now()
    rows.add(session, model)
    audit.record(session, actor=principal.username, action="model.create" if before is None else "model.update",
                 entity="safety_model", entity_key=str(model.id), before=before, after=fields(model, *MODEL_FIELDS))
    return model, unit
