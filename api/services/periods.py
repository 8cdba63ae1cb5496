"""Reporting periods: windows and due dates are data; locking freezes the period's scores."""


from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period
from api.db.repositories import audit, scores
from api.db.repositories import catalog as repo
from api.db.repositories import submissions as submissions_repo
from api.db.repositories import units as units_repo
from api.domain import TimelinessStatus, timeliness
from api.services import scoring, units, webhooks
from api.services.access import Principal
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound


def get(session: Session, principal: Principal, code: str) -> Period:
    principal.require("periods:read")
    period = repo.period_by_code(session, code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo «{code}».")
    return period


def all_periods(session: Session, principal: Principal) -> list[Period]:
    principal.require("periods:read")
    return repo.periods(session)


def _snapshot(period: Period) -> dict:
    return {"name": period.name, "kind": period.kind, "start": period.start.isoformat(),
            "end": period.end.isoformat(), "due": period.due.isoformat(), "status": period.status}


def _check_dates(data: dict) -> None:
    if data["end"] < data["start"]:
        raise Invalid("Khoảng thời gian không hợp lệ.", [FieldProblem(["body", "end"], "Ngày kết thúc phải sau ngày bắt đầu.")])


def create(session: Session, principal: Principal, data: dict) -> Period:
    principal.require("periods:write")
    if repo.period_by_code(session, data["code"]):
        raise Invalid("Mã kỳ đã tồn tại.", [FieldProblem(["body", "code"], "Mã kỳ báo cáo đã tồn tại.")])
    _check_dates(data)
    scheme = repo.active_scheme(session)
    if scheme is None:
        raise Conflict("Chưa có bộ tiêu chí: hãy chạy «banhat seed».")
    period = repo.add(session, Period(**data, status="open", scheme_id=scheme.id, spans=[], scores_version=0))
    audit.record(session, actor=principal.username, action="period.create", entity="period", entity_key=period.code,
                 after=_snapshot(period))
    scoring.recompute_period(session, period)
    return period


def update(session: Session, principal: Principal, code: str, changes: dict) -> Period:
    period = get(session, principal, code)
    principal.require("periods:write")
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa: hãy mở khóa trước khi sửa.")
    before = _snapshot(period)
    merged = {**{k: getattr(period, k) for k in ("start", "end")}, **changes}
    _check_dates(merged)
    for name, value in changes.items():
        setattr(period, name, value)
    session.flush()
    audit.record(session, actor=principal.username, action="period.update", entity="period", entity_key=code,
                 before=before, after=_snapshot(period))
    scoring.recompute_period(session, period)
    return period


def lock(session: Session, principal: Principal, code: str) -> Period:
    """Recompute once more, then freeze the scores as a snapshot with the scheme version."""
    period = get(session, principal, code)
    principal.require("periods:write")
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa.")
    scoring.recompute_period(session, period)
    period.status, period.locked_at = "locked", clock.now()
    scores.set_frozen(session, period.id, True)
    scores.bump_version(session, period.id)
    session.flush()
    webhooks.period_locked(session, period)
    audit.record(session, actor=principal.username, action="period.lock", entity="period", entity_key=code,
                 before={"status": "open"}, after={"status": "locked"})
    return period


def unlock(session: Session, principal: Principal, code: str) -> Period:
    period = get(session, principal, code)
    principal.require("periods:write")
    if period.status != "locked":
        raise Conflict("Kỳ báo cáo chưa khóa.")
    period.status, period.locked_at = "open", None
    scores.set_frozen(session, period.id, False)
    session.flush()
    scoring.recompute_period(session, period)
    audit.record(session, actor=principal.username, action="period.unlock", entity="period", entity_key=code,
                 before={"status": "locked"}, after={"status": "open"})
    return period


def reporting_status(session: Session, principal: Principal, code: str, group: str | None, q: str | None = None,
                     timeliness_status: TimelinessStatus | None = None):
    """Per group: expected, on time, late, missing, not yet due; and one row per unit. ``q`` keeps the units
    it finds by name or code (groups counted over them), ``timeliness_status`` the rows in that state."""
    period = get(session, principal, code)
    principal.require("status:read")
    now = clock.now()
    units.group_id(session, group)  # an unknown group is 404, as in every filter
    groups = {g.id: g for g, _ in units_repo.groups_with_counts(session)}
    reporting = [u for u in units_repo.scored_units(session, q)
                 if group is None or groups[u.group_id].code == group]
    subs = submissions_repo.by_unit(session, period.id, [u.id for u in reporting])
    summary: dict[str, dict] = {}
    rows = []
    for unit in sorted(reporting, key=lambda u: (groups[u.group_id].code, u.code)):
        submission = subs.get(unit.id)
        first = submission.first_submitted_at if submission else None
        state = timeliness(first, period.due, now)
        group_row = summary.setdefault(groups[unit.group_id].code, {
            "group": groups[unit.group_id].code, "name": groups[unit.group_id].name, "expected": 0,
            **{status.value: 0 for status in TimelinessStatus},
        })
        group_row["expected"] += 1
        group_row[state.status.value] += 1
        if timeliness_status is not None and state.status != timeliness_status:
            continue
        rows.append({
            "unit": unit.code, "name": unit.name, "group": groups[unit.group_id].code,
            "status": submission.status if submission else None, "first_submitted_at": first,
            "timeliness": state.status.value, "timeliness_label": state.label, "days_late": state.days_late,
        })
    return period, list(summary.values()), rows
