"""Baselines of "lower than last year" rules: KL-02's 2025 rate of violations, entered once per unit.

The standing body enters a baseline approved at once; a unit enters its own, proposed until the standing
body approves or rejects it (a rejected one may be entered again). Approved baselines are read by the
scoring of periods that have no previous period to compare with (docs/scoring.md).
"""

from sqlalchemy.orm import Session

from api import clock
from api.db.plan_models import Baseline
from api.db.repositories import audit
from api.db.repositories import baselines as repo
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import units as units_repo
from api.domain import RuleKind, UnitKind
from api.services import scoring, units
from api.services.access import Principal
from api.services.catalog import active
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound

STANDING_BODY = "submissions:review"


def _form(baseline: Baseline) -> dict:
    return {"unit_id": baseline.unit_id, "indicator": baseline.indicator_code, "year": baseline.year,
            "numerator": baseline.numerator, "denominator": baseline.denominator, "status": baseline.status}


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(message, [FieldProblem(["body", field], message)])


def _first_year(session: Session) -> int:
    periods = catalog_repo.periods(session)
    return min(period.start.year for period in periods) if periods else clock.today().year


def enter(session: Session, principal: Principal, data: dict) -> tuple[Baseline, str]:
    """Record a unit's baseline; returns it with its unit code. 409 if one is already proposed or approved."""
    unit = units.get(session, data["unit"])
    by_standing_body = principal.can(STANDING_BODY)
    if not by_standing_body:
        principal.require_unit("values:write", unit.id)
    _scheme, catalog = active(session, principal)
    indicator = next((i for i in catalog.for_kind(UnitKind(unit.kind)) if i.code == data["indicator"]), None)
    if indicator is None or indicator.rule.kind is not RuleKind.ZERO_OR_LOWER:
        raise _invalid("indicator", "Chỉ tiêu không so sánh với năm trước hoặc không áp dụng cho đơn vị này.")
    first = _first_year(session)
    if data["year"] >= first:
        raise _invalid("year", f"Năm cơ sở phải trước năm của kỳ báo cáo đầu tiên ({first}).")
    if data["numerator"] > data["denominator"]:
        raise _invalid("numerator", "Tử số không được lớn hơn mẫu số.")
    existing = repo.find(session, unit.id, indicator.code, data["year"], for_update=True)
    if existing is not None and existing.status != "rejected":
        raise Conflict("Đơn vị đã có số liệu năm cơ sở cho chỉ tiêu này; số liệu chỉ nhập một lần.")
    now = clock.now()
    baseline = existing or Baseline(unit_id=unit.id, indicator_code=indicator.code, year=data["year"])
    before = _form(existing) if existing else None
    baseline.numerator, baseline.denominator, baseline.note = data["numerator"], data["denominator"], data.get("note")
    baseline.status = "approved" if by_standing_body else "proposed"
    baseline.entered_by, baseline.entered_at = principal.username, now
    baseline.reviewed_by = principal.username if by_standing_body else None
    baseline.reviewed_at = now if by_standing_body else None
    baseline.review_note = None
    if existing is None:
        repo.add(session, baseline)
    session.flush()
    audit.record(session, actor=principal.username, action="baseline.enter", entity="baseline",
                 entity_key=f"{unit.code}/{indicator.code}/{baseline.year}", before=before, after=_form(baseline))
    if baseline.status == "approved":
        _rescore(session, unit, baseline.year)
    return baseline, unit.code


def review(session: Session, principal: Principal, baseline_id: int, approve: bool, note: str | None) -> tuple[Baseline, str]:
    """The standing body approves or rejects a unit's proposed baseline."""
    principal.require(STANDING_BODY)
    baseline = repo.by_id(session, baseline_id)
    if baseline is None:
        raise NotFound("Không tìm thấy số liệu năm cơ sở.")
    if baseline.status != "proposed":
        raise Conflict("Chỉ duyệt được số liệu năm cơ sở đang chờ duyệt.")
    if not approve and not (note or "").strip():
        raise _invalid("reason", "Cần ghi lý do không duyệt.")
    before = _form(baseline)
    baseline.status = "approved" if approve else "rejected"
    baseline.reviewed_by, baseline.reviewed_at, baseline.review_note = principal.username, clock.now(), note
    session.flush()
    unit = units_repo.by_id(session, baseline.unit_id)
    audit.record(session, actor=principal.username, action="baseline.approve" if approve else "baseline.reject",
                 entity="baseline", entity_key=f"{unit.code}/{baseline.indicator_code}/{baseline.year}",
                 before=before, after=_form(baseline), reason=note)
    if approve:
        _rescore(session, unit, baseline.year)
    return baseline, unit.code


def _rescore(session: Session, unit, year: int) -> None:
    """Open periods of the following year compare with this baseline: rescore the unit in them."""
    for period in catalog_repo.periods(session):
        if period.start.year == year + 1 and not period.spans:
            scoring.recompute_unit(session, period, unit)


def listing(session: Session, principal: Principal, unit_code: str | None, status: str | None):
    if principal.can(STANDING_BODY) or principal.can("status:read"):
        unit_id = units.get(session, unit_code).id if unit_code else None
    else:
        principal.require("values:write")
        unit_id = principal.unit_id
        if unit_code and units.get(session, unit_code).id != unit_id:
            raise NotFound(f"Không tìm thấy đơn vị «{unit_code}».")
    return repo.listing(session, unit_id=unit_id, status=status)
