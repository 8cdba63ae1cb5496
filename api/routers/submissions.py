"""Submissions: values, workflow, history and evidence of one unit in one period."""

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse

from api import clock
from api.domain import timeliness
from api.domain.activities import records_activities
from api.domain.submissions import SubmissionAction, SubmissionStatus
from api.routers.deps import (
    AppSettings,
    CurrentPrincipal,
    DbSession,
    ReadSession,
    RowId,
    commit_before_answering,
    page_headers,
    require_if_match,
)
from api.schemas.auth import UnitRef
from api.schemas.common import (
    ETAG,
    MAX_PAGE,
    PAGE_HEADERS,
    CodeFilter,
    SearchText,
    SubmissionSortQuery,
    problem_responses,
)
from api.schemas.submissions import (
    EvidenceOut,
    HistoryEntry,
    IndicatorEntry,
    ReasonIn,
    SubmissionOut,
    SubmissionSummary,
    ValueOut,
    ValuesIn,
)
from api.services import evidence, submissions
from api.services.submissions import Loaded, etag

router = APIRouter(prefix="/submissions", tags=["submissions"],
                   responses=problem_responses(409, 412, 428))


def submission_out(session, loaded: Loaded) -> SubmissionOut:
    entered = submissions.values_with_evidence(session, loaded)
    indicators = []
    for indicator in submissions.applicable_indicators(session, loaded):
        row, files = entered.get(indicator.code, (None, []))
        indicators.append(IndicatorEntry(
            code=indicator.code, pillar=indicator.pillar.value, name=indicator.name, measure=indicator.measure.value,
            rule_text=indicator.rule.text, input_hint=indicator.input_hint, veto=indicator.veto,
            activity_fields=sorted(indicator.activity_fields) if records_activities(indicator) else None,
            value=ValueOut(numerator=row.numerator, denominator=row.denominator, count=row.count, flag=row.flag,
                           date=row.date_value, note=row.note) if row else None,
            evidence=[EvidenceOut.model_validate(f, from_attributes=True) for f in files],
        ))
    sub = loaded.submission
    state = timeliness(sub.first_submitted_at if sub else None, loaded.period.due, clock.now())
    return SubmissionOut(
        period=loaded.period.code, unit=UnitRef(code=loaded.unit.code, name=loaded.unit.name, kind=loaded.unit.kind),
        status=loaded.status, status_label=loaded.status.label, version=loaded.version, editable=loaded.editable,
        note=sub.note if sub else None, return_reason=sub.return_reason if sub else None,
        first_submitted_at=sub.first_submitted_at if sub else None, submitted_at=sub.submitted_at if sub else None,
        approved_at=sub.approved_at if sub else None, timeliness=state.status.value, timeliness_label=state.label,
        indicators=indicators,
    )


def respond(session, loaded: Loaded, response: Response) -> SubmissionOut:
    response.headers["ETag"] = etag(loaded.version)
    return submission_out(session, loaded)


def respond_committed(session, reads, loaded: Loaded, response: Response) -> SubmissionOut:
    """Commit the change, then build the answer from a fresh read transaction: SQLite's write lock (the
    group's row lock on PostgreSQL) is released before the dozen reads of the answer, not after them.
    The request's transaction dependency then has nothing left to commit."""
    commit_before_answering(session)
    return respond(reads, loaded, response)


@router.get("", response_model=list[SubmissionSummary], responses={200: {"headers": PAGE_HEADERS}})
def list_submissions(
    request: Request, response: Response, session: DbSession, principal: CurrentPrincipal,
    period: CodeFilter = None, unit: CodeFilter = None, status: SubmissionStatus | None = None,
    group: CodeFilter = None, q: SearchText = None, sort: SubmissionSortQuery = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1, page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[SubmissionSummary]:
    """Reports of units (the review queue with `status=submitted`): `q` finds units by name or code without
    diacritics, `sort` orders them (a field, `-` in front for descending)."""
    rows, total = submissions.listing(session, principal, period=period, unit=unit, status=status, group=group,
                                      page=page, page_size=page_size, q=q, sort=sort)
    response.headers.update(page_headers(request, page, page_size, total))
    return [
        SubmissionSummary(period=period_code, unit=UnitRef(code=u.code, name=u.name, kind=u.kind), group=group_code,
                          status=s.status, status_label=SubmissionStatus(s.status).label, version=s.version,
                          first_submitted_at=s.first_submitted_at, submitted_at=s.submitted_at)
        for s, u, group_code, period_code in rows
    ]


@router.get("/{period}/{unit}", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def get_submission(period: str, unit: str, response: Response, session: DbSession,
                   principal: CurrentPrincipal) -> SubmissionOut:
    return respond(session, submissions.load(session, principal, period, unit, "submissions:read"), response)


@router.put("/{period}/{unit}/values", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def save_values(period: str, unit: str, body: ValuesIn, request: Request, response: Response, session: DbSession,
                reads: ReadSession, principal: CurrentPrincipal) -> SubmissionOut:
    loaded = submissions.load(session, principal, period, unit, "values:write")
    require_if_match(request, etag(loaded.version))
    submissions.save_values(session, principal, loaded, [v.model_dump() for v in body.values])
    return respond_committed(session, reads, loaded, response)


def _workflow(request: Request, session, principal, period: str, unit: str, permission: str) -> Loaded:
    """Load for a workflow action; If-Match is optional here but, when sent, must be current."""
    loaded = submissions.load(session, principal, period, unit, permission)
    if request.headers.get("if-match"):
        require_if_match(request, etag(loaded.version))
    return loaded


@router.post("/{period}/{unit}/submit", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def submit(period: str, unit: str, request: Request, response: Response, session: DbSession, reads: ReadSession,
           principal: CurrentPrincipal) -> SubmissionOut:
    loaded = _workflow(request, session, principal, period, unit, "values:write")
    submissions.act(session, principal, loaded, SubmissionAction.SUBMIT)
    return respond_committed(session, reads, loaded, response)


@router.post("/{period}/{unit}/return", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def return_submission(period: str, unit: str, body: ReasonIn, request: Request, response: Response,
                      session: DbSession, reads: ReadSession, principal: CurrentPrincipal,
                      settings: AppSettings) -> SubmissionOut:
    loaded = _workflow(request, session, principal, period, unit, "submissions:review")
    submissions.act(session, principal, loaded, SubmissionAction.RETURN, body.reason, mail=settings.mail)
    return respond_committed(session, reads, loaded, response)


@router.post("/{period}/{unit}/approve", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def approve(period: str, unit: str, request: Request, response: Response, session: DbSession, reads: ReadSession,
            principal: CurrentPrincipal, settings: AppSettings) -> SubmissionOut:
    loaded = _workflow(request, session, principal, period, unit, "submissions:review")
    submissions.act(session, principal, loaded, SubmissionAction.APPROVE, mail=settings.mail)
    return respond_committed(session, reads, loaded, response)


@router.post("/{period}/{unit}/reopen", response_model=SubmissionOut, responses={200: {"headers": ETAG}})
def reopen(period: str, unit: str, body: ReasonIn, request: Request, response: Response, session: DbSession,
           reads: ReadSession, principal: CurrentPrincipal, settings: AppSettings) -> SubmissionOut:
    loaded = _workflow(request, session, principal, period, unit, "submissions:review")
    submissions.act(session, principal, loaded, SubmissionAction.REOPEN, body.reason, mail=settings.mail)
    return respond_committed(session, reads, loaded, response)


@router.get("/{period}/{unit}/history", response_model=list[HistoryEntry])
def history(period: str, unit: str, session: DbSession, principal: CurrentPrincipal) -> list[HistoryEntry]:
    loaded = submissions.load(session, principal, period, unit, "submissions:read")
    return [HistoryEntry.model_validate(e, from_attributes=True) for e in submissions.history(session, loaded)]


@router.post("/{period}/{unit}/values/{indicator}/evidence", response_model=EvidenceOut, status_code=201,
             responses=problem_responses(413, 415))
def attach_evidence(period: str, unit: str, indicator: str, file: Annotated[UploadFile, File()],
                    session: DbSession, principal: CurrentPrincipal, settings: AppSettings) -> EvidenceOut:
    loaded = submissions.load(session, principal, period, unit, "values:write")
    saved = evidence.attach(session, principal, loaded, indicator, file.filename or "", file.file,
                            settings.evidence_dir, settings.evidence_max_bytes)
    return EvidenceOut.model_validate(saved, from_attributes=True)


@router.delete("/{period}/{unit}/evidence/{evidence_id}", status_code=204, responses=problem_responses(403, 409))
def remove_evidence(period: str, unit: str, evidence_id: RowId, session: DbSession, principal: CurrentPrincipal,
                    settings: AppSettings) -> Response:
    """Its uploader removes a file while the report is editable (draft or returned); audited."""
    loaded = submissions.load(session, principal, period, unit, "values:write")
    evidence.remove(session, principal, loaded, evidence_id, settings.evidence_dir)
    return Response(status_code=204)


@router.get("/{period}/{unit}/evidence/{evidence_id}", response_class=FileResponse,
            responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp minh chứng"}})
def download_evidence(period: str, unit: str, evidence_id: RowId, session: DbSession, principal: CurrentPrincipal,
                      settings: AppSettings) -> FileResponse:
    loaded = submissions.load(session, principal, period, unit, "submissions:read")
    found, path = evidence.find(session, loaded, evidence_id, settings.evidence_dir)
    return FileResponse(path, media_type=found.content_type, filename=found.filename)
