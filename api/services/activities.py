"""Dated activities of the frequency indicators: recorded one by one in a unit's report, by form, API
or import, and scored window by window (``api.domain.activities``)."""

from sqlalchemy.orm import Session

from api import clock
from api.db.plan_models import Activity
from api.db.repositories import activities as repo
from api.db.repositories import audit
from api.domain import Indicator
from api.domain.activities import Activity as DomainActivity
from api.domain.activities import Channel, Subject, records_activities, validate_activity
from api.services import scoring
from api.services.access import Principal
from api.services.catalog import domain_period
from api.services.errors import FieldProblem, Invalid, NotFound
from api.services.submissions import Loaded, applicable_indicators, ensure_editable, touch

ACTIVITY_FIELDS = ("date", "description", "subject", "channel", "evidence")


def recorded_indicators(session: Session, loaded: Loaded) -> list[Indicator]:
    """The unit's indicators of this period that are recorded as dated activities."""
    return [indicator for indicator in applicable_indicators(session, loaded) if records_activities(indicator)]


def listing(session: Session, loaded: Loaded, indicator_code: str | None = None) -> list[Activity]:
    """The report's activities, of one indicator if given (404 when the unit records no activity for it)."""
    if indicator_code and indicator_code not in {i.code for i in recorded_indicators(session, loaded)}:
        raise NotFound(f"Đơn vị không ghi nhận hoạt động cho chỉ tiêu «{indicator_code}».")
    if loaded.submission is None:
        return []
    return repo.of_submission(session, loaded.submission.id, indicator_code)


def parse(session: Session, loaded: Loaded, raw: dict, where: list[str | int]) -> tuple[str, DomainActivity]:
    """Validate one posted activity; 422 names each bad field under ``where``."""
    indicator = next((i for i in recorded_indicators(session, loaded) if i.code == raw.get("indicator")), None)
    if indicator is None:
        message = "Chỉ tiêu không tồn tại, không áp dụng cho đơn vị này hoặc không ghi nhận theo hoạt động."
        raise Invalid(message, [FieldProblem([*where, "indicator"], message)])
    activity, errors = validate_activity(indicator, domain_period(loaded.period),
                                         {name: raw.get(name) for name in ACTIVITY_FIELDS})
    if errors:
        raise Invalid("Hoạt động không hợp lệ; chưa lưu.", [FieldProblem([*where, e.field], e.message) for e in errors])
    return indicator.code, activity


def _audit_form(code: str, activity: Activity | DomainActivity) -> dict:
    day = activity.day
    return {"indicator": code, "date": day.isoformat(), "description": activity.description,
            "subject": activity.subject and str(activity.subject), "channel": activity.channel and str(activity.channel),
            "evidence": activity.evidence or None}


def record(session: Session, principal: Principal, loaded: Loaded, raw: dict,
           where: list[str | int] | None = None) -> Activity:
    """Add one activity to the unit's report (a draft or returned one) and rescore the unit."""
    ensure_editable(loaded)
    code, activity = parse(session, loaded, raw, where or ["body"])
    submission = touch(session, loaded)
    saved = repo.add(session, Activity(
        submission_id=submission.id, indicator_code=code, day=activity.day, description=activity.description,
        subject=activity.subject.value if activity.subject else None,
        channel=activity.channel.value if activity.channel else None, evidence=activity.evidence or None,
        recorded_by=principal.username, recorded_at=clock.now(),
    ))
    audit.record(session, actor=principal.username, action="activity.record", entity="submission",
                 entity_key=loaded.key, after={"id": saved.id, **_audit_form(code, activity)})
    scoring.recompute_unit(session, loaded.period, loaded.unit)
    return saved


def remove(session: Session, principal: Principal, loaded: Loaded, activity_id: int) -> None:
    ensure_editable(loaded)
    found = repo.find(session, loaded.submission.id, activity_id) if loaded.submission else None
    if found is None:
        raise NotFound("Không tìm thấy hoạt động này trong báo cáo của đơn vị.")
    before = {"id": found.id, **_audit_form(found.indicator_code, found)}
    touch(session, loaded)
    repo.delete(session, found)
    audit.record(session, actor=principal.username, action="activity.delete", entity="submission",
                 entity_key=loaded.key, before=before)
    scoring.recompute_unit(session, loaded.period, loaded.unit)


def summary(session: Session, principal: Principal, period) -> list[dict]:
    """Activities of a period counted by indicator, subject and channel, for the consolidated report."""
    principal.require("status:read")
    return [
        {"indicator": code, "subject": subject, "subject_label": Subject(subject).label if subject else None,
         "channel": channel, "channel_label": Channel(channel).label if channel else None, "count": count}
        for code, subject, channel, count in repo.counts_of_period(session, period.id)
    ]
