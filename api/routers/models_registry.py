"""Models registry (mô hình tự quản per commune)."""

from fastapi import APIRouter

from api.domain.safety_models import MODEL_KINDS, MODEL_STATUSES
from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.common import CodeFilter, ModelKindFilter, ModelSortQuery, SearchText
from api.schemas.models_registry import ModelIn, ModelKindOut, ModelOut
from api.services import models_registry

router = APIRouter(tags=["models"])


def _model(model, unit) -> ModelOut:
    return ModelOut(id=model.id, unit={"code": unit.code, "name": unit.name}, kind=model.kind,
                    kind_label=MODEL_KINDS[model.kind], name=model.name, status=model.status,
                    status_label=MODEL_STATUSES[model.status], established_on=model.established_on,
                    note=model.note)


@router.get("/model-kinds", response_model=list[ModelKindOut])
def model_kinds(principal: CurrentPrincipal) -> list[ModelKindOut]:
    return [ModelKindOut(code=code, name=name) for code, name in MODEL_KINDS.items()]


@router.get("/models", response_model=list[ModelOut])
def list_models(session: DbSession, principal: CurrentPrincipal, unit: CodeFilter = None,
                kind: ModelKindFilter = None, q: SearchText = None,
                sort: ModelSortQuery = None) -> list[ModelOut]:
    """Mô hình tự quản, theo mã đơn vị (hoặc theo `sort`); `q` tìm theo tên, mã đơn vị hoặc tên mô hình."""
    return [_model(*row) for row in models_registry.list_models(session, principal, unit, kind, q, sort)]


@router.post("/models", response_model=ModelOut, status_code=201)
def create_model(body: ModelIn, session: DbSession, principal: CurrentPrincipal) -> ModelOut:
    return _model(*models_registry.save_model(session, principal, model_id=None, unit_code=body.unit, kind=body.kind,
                                     name=body.name, status=body.status, established_on=body.established_on,
                                     note=body.note))


@router.put("/models/{model_id}", response_model=ModelOut)
def update_model(model_id: RowId, body: ModelIn, session: DbSession, principal: CurrentPrincipal) -> ModelOut:
    return _model(*models_registry.save_model(session, principal, model_id=model_id, unit_code=body.unit, kind=body.kind,
                                     name=body.name, status=body.status, established_on=body.established_on,
                                     note=body.note))
