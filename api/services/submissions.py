"""The reporting workflow: draft -> submitted -> approved, or submitted -> returned (reason) -> submitted.

Every change bumps the submission's version (the ETag), is written to the audit log in the same
transaction, and refreshes the unit's stored score and its group's ranks.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period, Submission, SubmissionValue, Unit
from api.db.repositories import audit, submissions
from api.db.repositories import catalog as catalog_repo
from api.domain import Indicator, UnitKind, Value, validate_value
from api.domain.search import SubmissionSort
from api.domain.submissions import (
    Actor,
    SubmissionAction,
    SubmissionStatus,
    WorkflowError,
    next_status,
    period_accepts_changes,
)
from api.domain.submissions import editable as domain_editable
from api.services import reminders, scoring, units, webhooks
from api.services.access import Principal
from api.services.catalog import scoring_context
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound, PreconditionFailed
from api.settings import MailSettings

VALUE_FIELDS = ("numerator", "denominator", "count", "flag", "date", "note")


@dataclass
class Loaded:
    period: Period
    unit: Unit
    submission: Submission | None

    @property
    def key(self) -> str:
        return f"{self.period.code}/{self.unit.code}"

    @property
    def version(self) -> int:
        return self.submission.version if self.submission else 0

    @property
    def status(self) -> SubmissionStatus:
        return SubmissionStatus(self.submission.status) if self.submission else SubmissionStatus.DRAFT

    @property
    def editable(self) -> bool:
        return domain_editable(self.status, locked=self.period.status == "locked", review=bool(self.period.spans))


def etag(version: int) -> str:
    return f'"{version}"'


def period_of(session: Session, code: str) -> Period:
    period = catalog_repo.period_by_code(session, code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo «{code}».")
    return period


WRITE_PERMISSIONS = frozenset({"values:write", "submissions:review"})


def load(session: Session, principal: Principal, period_code: str, unit_code: str, permission: str) -> Loaded:
    """Find the submission after checking the caller may touch this unit (404 for other units)."""
    period = period_of(session, period_code)
    unit = units.get(session, unit_code)
    principal.require_unit(permission, unit.id)
    # Writers lock the row: the If-Match check and the version bump then see no concurrent change.
    writing = permission in WRITE_PERMISSIONS
    return Loaded(period, unit, submissions.find(session, period.id, unit.id, for_update=writing))


def applicable_indicators(session: Session, loaded: Loaded) -> list[Indicator]:
    catalog, _context = scoring_context(session, loaded.period)
    return list(catalog.for_kind(UnitKind(loaded.unit.kind)))


def _value_dict(row: SubmissionValue) -> dict:
    return {"numerator": row.numerator, "denominator": row.denominator, "count": row.count, "flag": row.flag,
            "date": row.date_value.isoformat() if row.date_value else None, "note": row.note}


def _ensure_open(loaded: Loaded) -> None:
    refused = period_accepts_changes(locked=loaded.period.status == "locked", review=bool(loaded.period.spans))
    if refused:
        raise Conflict(refused)


def ensure_editable(loaded: Loaded) -> None:
    _ensure_open(loaded)
    if not loaded.status.editable:
        raise Conflict("Báo cáo đã nộp hoặc đã duyệt: không thể sửa. Hãy đề nghị Cơ quan Thường trực trả lại.")


def touch(session: Session, loaded: Loaded) -> Submission:
    """The submission of a change (created as a draft if none), its version bumped.

    Two first saves of one report race to create it: the loser finds it created meanwhile, at a version
    it never saw, and is refused like any stale save (412), never a unique-key error."""
    now = clock.now()
    if loaded.submission is None:
        loaded.submission = submissions.create_draft(session, loaded.period.id, loaded.unit.id, now)
        if loaded.submission is None:
            raise PreconditionFailed("Báo cáo vừa được người khác tạo. Hãy tải lại rồi lưu lại.")
    else:
        loaded.submission.version += 1
        loaded.submission.updated_at = now
    return loaded.submission


def parse_entries(indicators: list[Indicator], entries: list[dict]) -> dict[str, Value | None]:
    """Validate posted values by indicator code (None: all blank, remove); 422 names every bad field."""
    by_code = {i.code: i for i in indicators}
    problems: list[FieldProblem] = []
    parsed: dict[str, Value | None] = {}
    for index, entry in enumerate(entries):
        indicator = by_code.get(entry.get("indicator"))
        if indicator is None:
            problems.append(FieldProblem(["body", "values", index, "indicator"],
                                         "Chỉ tiêu không tồn tại hoặc không áp dụng cho đơn vị này."))
            continue
        if indicator.code in parsed:
            problems.append(FieldProblem(["body", "values", index, "indicator"], "Chỉ tiêu bị lặp lại."))
            continue
        value, errors = validate_value(indicator, {k: entry.get(k) for k in VALUE_FIELDS})
        problems += [FieldProblem(["body", "values", index, e.field], e.message) for e in errors]
        parsed[indicator.code] = value
    if problems:
        raise Invalid("Có giá trị không hợp lệ; chưa lưu gì.", problems)
    return parsed


def save_values(session: Session, principal: Principal, loaded: Loaded, entries: list[dict]) -> None:
    """Upsert the posted values (all blank removes a value); 422 names every bad field, nothing is saved."""
    ensure_editable(loaded)
    parsed = parse_entries(applicable_indicators(session, loaded), entries)
    submission = touch(session, loaded)
    existing = {row.indicator_code: row for row in submissions.values_of(session, submission.id)}
    before, after = {}, {}
    for code, value in parsed.items():
        row = existing.get(code)
        if row is not None:
            before[code] = _value_dict(row)
        if value is None:
            if row is not None:
                submissions.delete_value(session, row)
                after[code] = None
            continue
        if row is None:
            row = submissions.add(session, SubmissionValue(submission_id=submission.id, indicator_code=code))
        row.numerator, row.denominator, row.count = value.numerator, value.denominator, value.count
        row.flag, row.date_value, row.note = value.flag, value.date, value.note or None
        after[code] = _value_dict(row)
    session.flush()
    audit.record(session, actor=principal.username, action="values.save", entity="submission",
                 entity_key=loaded.key, before=before, after=after)
    scoring.recompute_unit(session, loaded.period, loaded.unit)


# What each actor of the workflow needs: the unit's own write right, or the standing body's review right.
_ACTOR_PERMISSIONS = {Actor.UNIT: "values:write", Actor.STANDING_BODY: "submissions:review"}


def act(session: Session, principal: Principal, loaded: Loaded, action: SubmissionAction,
        reason: str | None = None, *, mail: MailSettings | None = None) -> None:
    """Take a workflow step: who may take it and where it leads are the domain's (api.domain.submissions).
    A review decision notifies the unit, and e-mails it through the job queue when ``mail`` has a server."""
    permission = _ACTOR_PERMISSIONS[action.actor]
    if action.actor is Actor.UNIT:
        principal.require_unit(permission, loaded.unit.id)
    else:
        principal.require(permission)
    _ensure_open(loaded)
    try:
        new_status = next_status(loaded.status, action, reason)
    except WorkflowError as error:
        raise Conflict(str(error)) from None
    submission = touch(session, loaded)
    before = {"status": submission.status, "version": submission.version - 1}
    now = clock.now()
    submission.status = new_status.value
    if new_status is SubmissionStatus.SUBMITTED:
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.return_reason = None
    elif new_status is SubmissionStatus.APPROVED:
        submission.approved_at = now
    elif new_status is SubmissionStatus.RETURNED:
        submission.return_reason = reason
        submission.approved_at = None
    session.flush()
    audit.record(session, actor=principal.username, action=f"submission.{action.value}", entity="submission",
                 entity_key=loaded.key, before=before, after={"status": new_status.value, "version": submission.version},
                 reason=reason)
    reminders.notify_decision(session, action.value, loaded.period, loaded.unit, reason, mail)
    webhooks.submission_status_changed(session, loaded.period, loaded.unit, before["status"], new_status.value,
                                       reason)
    scoring.recompute_unit(session, loaded.period, loaded.unit)


def values_with_evidence(session: Session, loaded: Loaded):
    rows = submissions.values_of(session, loaded.submission.id) if loaded.submission else []
    files = submissions.evidence_for_values(session, [row.id for row in rows])
    return {row.indicator_code: (row, files.get(row.id, [])) for row in rows}


def history(session: Session, loaded: Loaded):
    return audit.for_entity(session, "submission", loaded.key)


def listing(session: Session, principal: Principal, *, period: str | None, unit: str | None, status: str | None,
            group: str | None, page: int, page_size: int, q: str | None = None, sort: SubmissionSort | None = None):
    principal.require("submissions:read")
    period_id = period_of(session, period).id if period else None
    unit_id = units.get(session, unit).id if unit else None
    if not principal.reaches_all_units:
        if unit_id is not None and unit_id != principal.unit_id:
            raise NotFound("Không tìm thấy báo cáo của đơn vị này.")
        unit_id = principal.unit_id
    return submissions.listing(session, period_id=period_id, unit_id=unit_id, status=status,
                               group_id=units.group_id(session, group),
                               offset=(page - 1) * page_size, limit=page_size, q=q, sort=sort)
