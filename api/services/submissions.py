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
from api.db.repositories import units as units_repo
from api.domain import Indicator, UnitKind, Value, validate_value
from api.services import scoring, units
from api.services.access import Principal
from api.services.catalog import scoring_context
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound

EDITABLE = frozenset({"draft", "returned"})
STATUS_LABELS = {"draft": "Nháp", "submitted": "Đã nộp", "returned": "Bị trả lại", "approved": "Đã duyệt"}
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
    def status(self) -> str:
        return self.submission.status if self.submission else "draft"


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
    if loaded.period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa, không thể thay đổi dữ liệu.")
    if loaded.period.spans:
        raise Conflict("Kỳ sơ kết, tổng kết không nhận số liệu mới.")


def ensure_editable(loaded: Loaded) -> None:
    _ensure_open(loaded)
    if loaded.status not in EDITABLE:
        raise Conflict("Báo cáo đã nộp hoặc đã duyệt: không thể sửa. Hãy đề nghị Cơ quan Thường trực trả lại.")


def _touch(session: Session, loaded: Loaded) -> Submission:
    now = clock.now()
    if loaded.submission is None:
        loaded.submission = submissions.add(session, Submission(
            period_id=loaded.period.id, unit_id=loaded.unit.id, status="draft", version=1, updated_at=now,
        ))
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
    submission = _touch(session, loaded)
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


def _transition(session: Session, principal: Principal, loaded: Loaded, action: str, allowed_from: set[str],
                new_status: str, reason: str | None = None) -> None:
    _ensure_open(loaded)
    if loaded.status not in allowed_from:
        raise Conflict(f"Không thể thực hiện thao tác này khi báo cáo đang ở trạng thái «{STATUS_LABELS[loaded.status]}».")
    submission = _touch(session, loaded)
    before = {"status": submission.status, "version": submission.version - 1}
    now = clock.now()
    submission.status = new_status
    if new_status == "submitted":
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.return_reason = None
    elif new_status == "approved":
        submission.approved_at = now
    elif new_status == "returned":
        submission.return_reason = reason
        submission.approved_at = None
    session.flush()
    audit.record(session, actor=principal.username, action=action, entity="submission", entity_key=loaded.key,
                 before=before, after={"status": new_status, "version": submission.version}, reason=reason)
    scoring.recompute_unit(session, loaded.period, loaded.unit)


def submit(session: Session, principal: Principal, loaded: Loaded) -> None:
    principal.require_unit("values:write", loaded.unit.id)
    _transition(session, principal, loaded, "submission.submit", {"draft", "returned"}, "submitted")


def return_(session: Session, principal: Principal, loaded: Loaded, reason: str) -> None:
    principal.require("submissions:review")
    _transition(session, principal, loaded, "submission.return", {"submitted"}, "returned", reason)


def approve(session: Session, principal: Principal, loaded: Loaded) -> None:
    principal.require("submissions:review")
    _transition(session, principal, loaded, "submission.approve", {"submitted"}, "approved")


def reopen(session: Session, principal: Principal, loaded: Loaded, reason: str) -> None:
    principal.require("submissions:review")
    _transition(session, principal, loaded, "submission.reopen", {"approved"}, "returned", reason)



def values_with_evidence(session: Session, loaded: Loaded):
    rows = submissions.values_of(session, loaded.submission.id) if loaded.submission else []
    files = submissions.evidence_for_values(session, [row.id for row in rows])
    return {row.indicator_code: (row, files.get(row.id, [])) for row in rows}


def history(session: Session, loaded: Loaded):
    return audit.for_entity(session, "submission", loaded.key)


def listing(session: Session, principal: Principal, *, period: str | None, unit: str | None, status: str | None,
            group: str | None, page: int, page_size: int):
    principal.require("submissions:read")
    period_id = period_of(session, period).id if period else None
    unit_id = units.get(session, unit).id if unit else None
    if principal.role == "reporter":
        if unit_id is not None and unit_id != principal.unit_id:
            raise NotFound("Không tìm thấy báo cáo của đơn vị này.")
        unit_id = principal.unit_id
    group_id = None
    if group:
        found = units_repo.group_by_code(session, group)
        if found is None:
            return [], 0
        group_id = found.id
    return submissions.listing(session, period_id=period_id, unit_id=unit_id, status=status, group_id=group_id,
                               offset=(page - 1) * page_size, limit=page_size)
