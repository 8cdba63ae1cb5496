"""Dated activities of the frequency indicators, in a unit's report; counted by subject and channel."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.db.plan_models import Activity
from api.domain.activities import Channel, Subject
from api.routers.deps import CurrentPrincipal, DbSession, RowId, require_if_match
from api.schemas.activities import ActivityCount, ActivityIn, ActivityOut
from api.schemas.common import ETAG, CodeFilter, problem_responses
from api.services import activities, submissions
from api.services.submissions import etag

router = APIRouter(tags=["activities"])


def activity_out(row: Activity) -> ActivityOut:
    subject = Subject(row.subject) if row.subject else None
    channel = Channel(row.channel) if row.channel else None
    return ActivityOut(id=row.id, indicator=row.indicator_code, date=row.day, description=row.description,
                       subject=subject, subject_label=subject.label if subject else None, channel=channel,
                       channel_label=channel.label if channel else None, evidence=row.evidence,
                       recorded_by=row.recorded_by, recorded_at=row.recorded_at)


def _if_match(request: Request, loaded) -> None:
    """Optional here, as for workflow actions; when sent it must name the report's current version."""
    if request.headers.get("if-match"):
        require_if_match(request, etag(loaded.version))


@router.get("/submissions/{period}/{unit}/activities", response_model=list[ActivityOut])
def list_activities(period: str, unit: str, session: DbSession, principal: CurrentPrincipal,
                    indicator: Annotated[CodeFilter, Query(max_length=32)] = None) -> list[ActivityOut]:
    loaded = submissions.load(session, principal, period, unit, "submissions:read")
    return [activity_out(row) for row in activities.listing(session, loaded, indicator)]


@router.post("/submissions/{period}/{unit}/activities", response_model=ActivityOut, status_code=201,
             responses={**problem_responses(409, 412), 201: {"headers": ETAG}})
def record_activity(period: str, unit: str, body: ActivityIn, request: Request, response: Response,
                    session: DbSession, principal: CurrentPrincipal) -> ActivityOut:
    """Ghi một hoạt động có ngày (tiếp xúc Nhân dân, hoạt động từ thiện, tuyên truyền, kế hoạch...) vào
    báo cáo của đơn vị; chỉ tiêu được chấm theo từng tuần/tháng/quý của kỳ."""
    loaded = submissions.load(session, principal, period, unit, "values:write")
    _if_match(request, loaded)
    saved = activities.record(session, principal, loaded, body.model_dump(mode="json"))
    response.headers["ETag"] = etag(loaded.version)
    return activity_out(saved)


@router.delete("/submissions/{period}/{unit}/activities/{activity_id}", status_code=204, response_class=Response,
               responses={**problem_responses(409, 412), 204: {"headers": ETAG}})
def delete_activity(period: str, unit: str, activity_id: RowId, request: Request, session: DbSession,
                    principal: CurrentPrincipal) -> Response:
    loaded = submissions.load(session, principal, period, unit, "values:write")
    _if_match(request, loaded)
    activities.remove(session, principal, loaded, activity_id)
    return Response(status_code=204, headers={"ETag": etag(loaded.version)})


@router.get("/periods/{period}/activities", response_model=list[ActivityCount])
def activity_counts(period: str, session: DbSession, principal: CurrentPrincipal) -> list[ActivityCount]:
    """Số hoạt động của kỳ theo chỉ tiêu, lĩnh vực và hình thức (tổng hợp cho báo cáo)."""
    return [ActivityCount(**row) for row in activities.summary(session, principal, submissions.period_of(session, period))]
