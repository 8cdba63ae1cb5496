"""Nominations of the units with their dossier: sent by a unit, accepted into award proposals or returned."""

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import FileResponse

from api.domain.awards import ProposalStatus, Recipient
from api.domain.nominations import NominationStatus, Nominee
from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.awards import AttachmentOut, ReturnIn
from api.schemas.common import CodeFilter, NominationSortQuery, SearchText, problem_responses
from api.schemas.nominations import NominationAcceptIn, NominationIn, NominationOut, NominationProposal
from api.services import nominations
from api.services.evidence import stored_path

router = APIRouter(prefix="/nominations", tags=["nominations"])


def nomination_out(view: nominations.NominationView) -> NominationOut:
    nomination, proposal = view.nomination, view.proposal
    return NominationOut(
        id=nomination.id,
        unit={"code": view.unit.code, "name": view.unit.name},
        period=view.period_code,
        timely=nomination.timely,
        recipient=nomination.recipient,
        nominee_name=nomination.nominee_name or view.unit.name,
        nominee_title=nomination.nominee_title,
        achievements=nomination.achievements,
        status=nomination.status,
        status_label=NominationStatus(nomination.status).label,
        return_reason=nomination.return_reason,
        proposal=NominationProposal(
            id=proposal.id,
            form=proposal.form_code,
            status=proposal.status,
            status_label=ProposalStatus(proposal.status).label,
            decision_number=proposal.decision_number,
        )
        if proposal
        else None,
        files=[AttachmentOut.model_validate(file, from_attributes=True) for file in view.files],
        nominated_by=nomination.nominated_by,
        updated_at=nomination.updated_at,
    )


def _nominee(body: NominationIn) -> Nominee:
    return Nominee(Recipient(body.recipient), body.nominee_name, body.nominee_title, body.achievements)


@router.get("", response_model=list[NominationOut])
def list_nominations(
    session: DbSession,
    principal: CurrentPrincipal,
    period: CodeFilter = None,
    unit: CodeFilter = None,
    status: Annotated[NominationStatus | None, Query()] = None,
    timely: Annotated[bool | None, Query(description="true: chỉ khen thưởng kịp thời")] = None,
    q: SearchText = None,
    sort: NominationSortQuery = None,
) -> list[NominationOut]:
    """Every unit's for the provincial bodies (the standing body's queue: ``status=submitted``); a unit's own."""
    views = nominations.list_nominations(
        session,
        principal,
        period_code=period,
        unit_code=unit,
        status=status.value if status else None,
        timely=timely,
        q=q,
        sort=sort,
    )
    return [nomination_out(view) for view in views]


@router.post("", response_model=NominationOut, status_code=201)
def nominate(body: NominationIn, session: DbSession, principal: CurrentPrincipal) -> NominationOut:
    """A unit nominates a collective or an individual; then uploads the dossier's files."""
    return nomination_out(
        nominations.nominate(
            session,
            principal,
            unit_code=body.unit,
            period_code=body.period,
            timely=body.timely,
            nominee=_nominee(body),
        )
    )


@router.get("/{nomination_id}", response_model=NominationOut)
def get_nomination(nomination_id: RowId, session: DbSession, principal: CurrentPrincipal) -> NominationOut:
    return nomination_out(nominations.get(session, principal, nomination_id))


@router.post("/{nomination_id}/resubmit", response_model=NominationOut, responses=problem_responses(409))
def resubmit(
    nomination_id: RowId, body: NominationIn, session: DbSession, principal: CurrentPrincipal
) -> NominationOut:
    """The unit corrects a returned nomination and sends it again (its unit cannot change)."""
    return nomination_out(
        nominations.resubmit(
            session,
            principal,
            nomination_id,
            period_code=body.period,
            timely=body.timely,
            nominee=_nominee(body),
        )
    )


@router.post("/{nomination_id}/accept", response_model=NominationOut, responses=problem_responses(409))
def accept(
    nomination_id: RowId, body: NominationAcceptIn, session: DbSession, principal: CurrentPrincipal
) -> NominationOut:
    """Into an award proposal of the given form; 409 with the reason when the nominee is not eligible."""
    return nomination_out(nominations.accept(session, principal, nomination_id, body.form))


@router.post("/{nomination_id}/return", response_model=NominationOut, responses=problem_responses(409))
def return_nomination(
    nomination_id: RowId, body: ReturnIn, session: DbSession, principal: CurrentPrincipal
) -> NominationOut:
    return nomination_out(nominations.return_(session, principal, nomination_id, body.reason))


@router.post(
    "/{nomination_id}/files",
    response_model=AttachmentOut,
    status_code=201,
    responses=problem_responses(409, 413, 415),
)
def attach(
    nomination_id: RowId,
    file: Annotated[UploadFile, File()],
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> AttachmentOut:
    """A file of the dossier (PDF, image or Office document, checked by content), until it is accepted."""
    saved = nominations.attach(
        session,
        principal,
        nomination_id,
        file.filename or "",
        file.file,
        settings.evidence_dir,
        settings.evidence_max_bytes,
    )
    return AttachmentOut.model_validate(saved, from_attributes=True)


@router.delete("/{nomination_id}/files/{file_id}", status_code=204, responses=problem_responses(409))
def detach(
    nomination_id: RowId,
    file_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Response:
    nominations.detach(session, principal, nomination_id, file_id, settings.evidence_dir)
    return Response(status_code=204)


@router.get(
    "/{nomination_id}/files/{file_id}",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp trong hồ sơ đề nghị"}},
)
def download(
    nomination_id: RowId,
    file_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> FileResponse:
    found = nominations.file_of(session, principal, nomination_id, file_id)
    return FileResponse(
        stored_path(settings.evidence_dir, found.storage_key),
        media_type=found.content_type,
        filename=found.filename,
    )
