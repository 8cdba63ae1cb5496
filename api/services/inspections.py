"""Inspections (kiểm tra chuyên đề) and bonus entries (điểm thưởng): the adjustments of a unit's score.

A done inspection's findings deduct their points from the score of every scored period (6-month and
annual) whose window holds the inspection date; review periods take them through the annual totals.
Each deduction and bonus carries a Vietnamese reason that the score's explanation shows.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from sqlalchemy.orm import Session

from api import clock
from api.db.award_models import BonusEntry, CorrectiveAction, Inspection, InspectionFinding
from api.db.models import Period, Unit
from api.db.repositories import audit
from api.db.repositories import awards as repo
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import units as units_repo
from api.services import scoring
from api.services.access import Principal
from api.services.audit import fields
from api.services.catalog import scoring_context
from api.services.errors import Conflict, Forbidden, Invalid, NotFound

STANDING_BODY = frozenset({"admin", "reviewer"})
OVERSIGHT = frozenset({"admin", "reviewer", "leader", "home_affairs"})


def require_role(principal: Principal, roles: frozenset[str]) -> None:
    if not principal.has_role(roles):
        raise Forbidden("Tài khoản không có quyền thực hiện thao tác này.")


def parse_points(raw: str) -> Fraction:
    """Points typed as "1.5" or "1,5"; exact, positive, at most two decimals."""
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as error:
        raise Invalid("Số điểm không hợp lệ.") from error
    if not value.is_finite() or value <= 0 or value.as_tuple().exponent < -2:
        raise Invalid("Số điểm phải là số dương, tối đa hai chữ số thập phân.")
    return Fraction(value)


def unit_by_code(session: Session, code: str) -> Unit:
    unit = units_repo.by_code(session, code)
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị {code}.")
    return unit


def period_by_code(session: Session, code: str) -> Period:
    period = catalog_repo.period_by_code(session, code)
    if period is None:
        raise NotFound(f"Không tìm thấy kỳ báo cáo {code}.")
    return period


def _refresh_scores(session: Session, unit: Unit, periods: list[Period]) -> None:
    """Recompute the unit's score in the given periods; a locked period keeps its frozen snapshot."""
    for period in periods:
        scoring.recompute_unit(session, period, unit)


# --- inspections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionView:
    inspection: Inspection
    unit: Unit
    findings: list[InspectionFinding]
    actions: dict[int, list[CorrectiveAction]]

    @property
    def deduction_points(self) -> Fraction:
        return sum((Fraction(finding.points) for finding in self.findings), Fraction(0))

    @property
    def open_actions(self) -> int:
        return sum(1 for actions in self.actions.values() for action in actions if action.status == "open")


def list_inspections(
    session: Session, principal: Principal, *, unit_code: str | None, period_code: str | None
) -> list[InspectionView]:
    """Inspections of a unit or of a period's window; a reporter sees only their own unit's."""
    unit = unit_by_code(session, unit_code) if unit_code else None
    if not principal.has_role(OVERSIGHT):
        if principal.unit_id is None or (unit is not None and unit.id != principal.unit_id):
            raise Forbidden("Tài khoản chỉ xem được kết quả kiểm tra của đơn vị mình.")
        unit = units_repo.by_id(session, principal.unit_id)
    period = period_by_code(session, period_code) if period_code else None
    rows = repo.inspections(session, unit_id=unit.id if unit else None,
                            start=period.start if period else None, end=period.end if period else None)
    findings = repo.findings_of(session, [inspection.id for inspection, _ in rows])
    actions = repo.actions_of(session, [f.id for found in findings.values() for f in found])
    return [
        InspectionView(inspection, unit, findings[inspection.id],
                       {f.id: actions[f.id] for f in findings[inspection.id]})
        for inspection, unit in rows
    ]


def _inspection_view(session: Session, inspection_id: int) -> InspectionView:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("Không tìm thấy cuộc kiểm tra.")
    findings = repo.findings_of(session, [inspection.id])[inspection.id]
    actions = repo.actions_of(session, [finding.id for finding in findings])
    return InspectionView(inspection, units_repo.by_id(session, inspection.unit_id), findings, actions)


def plan_inspection(session: Session, principal: Principal, unit_code: str, topic: str,
                    planned_on: date) -> InspectionView:
    require_role(principal, STANDING_BODY)
    unit = unit_by_code(session, unit_code)
    inspection = repo.add(session, Inspection(
        unit_id=unit.id, topic=topic, planned_on=planned_on, inspected_on=None, status="planned",
        created_by=principal.username, created_at=clock.now(),
    ))
    audit.record(session, actor=principal.username, action="inspection.plan", entity="inspection",
                 entity_key=str(inspection.id), after=fields(inspection, "unit_id", "topic", "planned_on", "status"))
    return _inspection_view(session, inspection.id)


def record_inspection(session: Session, principal: Principal, inspection_id: int,
                      inspected_on: date) -> InspectionView:
    """Mark the inspection done on a date: its findings now count in the periods that hold that date."""
    require_role(principal, STANDING_BODY)
    view = _inspection_view(session, inspection_id)
    before = repo.periods_holding(session, view.inspection.inspected_on) if view.inspection.inspected_on else []
    recorded = fields(view.inspection, "inspected_on", "status")
    view.inspection.inspected_on, view.inspection.status = inspected_on, "done"
    audit.record(session, actor=principal.username, action="inspection.record", entity="inspection",
                 entity_key=str(inspection_id), before=recorded, after=fields(view.inspection, "inspected_on", "status"))
    session.flush()
    after = repo.periods_holding(session, inspected_on)
    _refresh_scores(session, view.unit, list({p.id: p for p in (*before, *after)}.values()))
    return _inspection_view(session, inspection_id)


def add_finding(session: Session, principal: Principal, inspection_id: int, description: str,
                points: str, indicator_code: str | None) -> InspectionView:
    require_role(principal, STANDING_BODY)
    view = _inspection_view(session, inspection_id)
    if view.inspection.status != "done":
        raise Conflict("Chỉ ghi tồn tại, điểm trừ sau khi đã tiến hành kiểm tra (có ngày kiểm tra).")
    holding = repo.periods_holding(session, view.inspection.inspected_on)
    if indicator_code and holding:
        catalog, _context = scoring_context(session, holding[0])
        if indicator_code not in {indicator.code for indicator in catalog.indicators}:
            raise Invalid(f"Không có chỉ tiêu {indicator_code}.")
    finding = repo.add(session, InspectionFinding(inspection_id=inspection_id, indicator_code=indicator_code or None,
                                                  description=description, points=str(parse_points(points))))
    audit.record(session, actor=principal.username, action="inspection.finding", entity="inspection_finding",
                 entity_key=str(finding.id),
                 after=fields(finding, "inspection_id", "indicator_code", "description", "points"))
    _refresh_scores(session, view.unit, holding)
    return _inspection_view(session, inspection_id)


def add_action(session: Session, principal: Principal, finding_id: int, description: str,
               due_on: date) -> CorrectiveAction:
    require_role(principal, STANDING_BODY)
    if session.get(InspectionFinding, finding_id) is None:
        raise NotFound("Không tìm thấy tồn tại được kiểm tra.")
    action = repo.add(session, CorrectiveAction(finding_id=finding_id, description=description, due_on=due_on,
                                                status="open", done_on=None))
    audit.record(session, actor=principal.username, action="corrective_action.create", entity="corrective_action",
                 entity_key=str(action.id), after=fields(action, "finding_id", "description", "due_on", "status"))
    return action


def update_action(session: Session, principal: Principal, action_id: int, done_on: date | None) -> CorrectiveAction:
    """Close a corrective action on a date, or reopen it with ``None``."""
    require_role(principal, STANDING_BODY)
    action = session.get(CorrectiveAction, action_id)
    if action is None:
        raise NotFound("Không tìm thấy biện pháp khắc phục.")
    before = fields(action, "status", "done_on")
    action.status, action.done_on = ("done", done_on) if done_on else ("open", None)
    session.flush()
    audit.record(session, actor=principal.username, action="corrective_action.update", entity="corrective_action",
                 entity_key=str(action_id), before=before, after=fields(action, "status", "done_on"))
    return action


# --- bonus entries ------------------------------------------------------------------------------


def list_bonuses(session: Session, principal: Principal, period_code: str | None, unit_code: str | None):
    require_role(principal, OVERSIGHT)
    period = period_by_code(session, period_code) if period_code else None
    unit = unit_by_code(session, unit_code) if unit_code else None
    return repo.bonuses(session, period.id if period else None, unit.id if unit else None)


def add_bonus(session: Session, principal: Principal, period_code: str, unit_code: str, points: str,
              reason: str) -> BonusEntry:
    """Record điểm thưởng; an entry above the scheme's cap is refused, a sum above it is capped in the score."""
    require_role(principal, STANDING_BODY)
    period, unit = period_by_code(session, period_code), unit_by_code(session, unit_code)
    if period.spans:
        raise Conflict("Kỳ sơ kết, tổng kết lấy điểm bình quân các năm, không ghi điểm thưởng riêng.")
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa.")
    value = parse_points(points)
    cap = scoring_context(session, period)[1].scheme.bonus_cap
    if value > cap:
        raise Invalid(f"Điểm thưởng mỗi lần không vượt quá mức trần {cap} điểm của bộ tiêu chí.")
    entry = repo.add(session, BonusEntry(period_id=period.id, unit_id=unit.id, points=str(value), reason=reason,
                                         created_by=principal.username, created_at=clock.now()))
    audit.record(session, actor=principal.username, action="bonus.create", entity="bonus", entity_key=str(entry.id),
                 after=fields(entry, "period_id", "unit_id", "points", "reason"))
    _refresh_scores(session, unit, [period])
    return entry


def delete_bonus(session: Session, principal: Principal, bonus_id: int) -> None:
    require_role(principal, STANDING_BODY)
    entry = session.get(BonusEntry, bonus_id)
    if entry is None:
        raise NotFound("Không tìm thấy điểm thưởng.")
    period, unit = session.get(Period, entry.period_id), units_repo.by_id(session, entry.unit_id)
    if period.status == "locked":
        raise Conflict("Kỳ báo cáo đã khóa.")
    audit.record(session, actor=principal.username, action="bonus.delete", entity="bonus", entity_key=str(bonus_id),
                 before=fields(entry, "period_id", "unit_id", "points", "reason"))
    session.delete(entry)
    session.flush()
    _refresh_scores(session, unit, [period])
