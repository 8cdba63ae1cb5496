"""The units' narratives of a period (achievements, models, difficulties, proposals) and their attachments."""

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile
from fastapi.responses import FileResponse

from api.domain import PeriodKind
from api.domain.nominations import narrative_role
from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.awards import AttachmentOut
from api.schemas.common import NarrativeSortQuery, SearchText, problem_responses
from api.schemas.nominations import NarrativeIn, NarrativeOut
from api.services import narratives
from api.services.evidence import stored_path

router = APIRouter(prefix="/narratives", tags=["narratives"])


def narrative_out(view: narratives.NarrativeView) -> NarrativeOut:
    kind, narrative = PeriodKind(view.period.kind), view.narrative
    return NarrativeOut(
        period=view.period.code,
        period_kind=kind,
        review=kind.is_review,
        role_label=narrative_role(kind),
        unit={"code": view.unit.code, "name": view.unit.name},
        editable=view.period.status != "locked",
        achievements=narrative.achievements if narrative else "",
        models=narrative.models if narrative else "",
        difficulties=narrative.difficulties if narrative else "",
        proposals=narrative.proposals if narrative else "",
        files=[AttachmentOut.model_validate(file, from_attributes=True) for file in view.files],
        updated_by=narrative.updated_by if narrative else None,
        updated_at=narrative.updated_at if narrative else None,
    )


@router.get("/{period}", response_model=list[NarrativeOut])
def list_narratives(period: str, session: DbSession, principal: CurrentPrincipal, q: SearchText = None,
                    sort: NarrativeSortQuery = None) -> list[NarrativeOut]:
    """The narratives written in the period: every unit's for the provincial bodies, a unit's own; by unit
    code unless `sort` says otherwise, `q` a search by unit name or code."""
    return [narrative_out(view) for view in narratives.list_of_period(session, principal, period, q, sort)]


@router.get("/{period}/{unit}", response_model=NarrativeOut)
def get_narrative(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> NarrativeOut:
    return narrative_out(narratives.get(session, principal, period, unit))


@router.put("/{period}/{unit}", response_model=NarrativeOut, responses=problem_responses(409))
def save_narrative(
    period: str, unit: str, body: NarrativeIn, session: DbSession, principal: CurrentPrincipal
) -> NarrativeOut:
    """The unit's own narrative, written whole, while the period is not locked."""
    return narrative_out(narratives.save(session, principal, period, unit, body.model_dump()))


@router.post(
    "/{period}/{unit}/files",
    response_model=AttachmentOut,
    status_code=201,
    responses=problem_responses(409, 413, 415),
)
def attach(
    period: str,
    unit: str,
    file: Annotated[UploadFile, File()],
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> AttachmentOut:
    saved = narratives.attach(
        session,
        principal,
        period,
        unit,
        file.filename or "",
        file.file,
        settings.evidence_dir,
        settings.evidence_max_bytes,
    )
    return AttachmentOut.model_validate(saved, from_attributes=True)


@router.delete("/{period}/{unit}/files/{file_id}", status_code=204, responses=problem_responses(409))
def detach(
    period: str,
    unit: str,
    file_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Response:
    narratives.detach(session, principal, period, unit, file_id, settings.evidence_dir)
    return Response(status_code=204)


@router.get(
    "/{period}/{unit}/files/{file_id}",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp đính kèm"}},
)
def download(
    period: str,
    unit: str,
    file_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> FileResponse:
    found = narratives.file_of(session, principal, period, unit, file_id)
    return FileResponse(
        stored_path(settings.evidence_dir, found.storage_key),
        media_type=found.content_type,
        filename=found.filename,
    )
