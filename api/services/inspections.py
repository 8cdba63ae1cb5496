"""Inspections (kiểm tra chuyên đề): their findings deduct points from a unit's score.

The standing body inspects every unit and its findings deduct at once. Sở Nội vụ, departments and
communes' People's Committees inspect the units within their reach (``api/domain/inspections.py``);
their findings are proposed and deduct nothing until the standing body confirms them (or rejects them
with a reason). A confirmed finding of a done inspection deducts its points from the score of every
scored period (6-month and annual) whose window holds the inspection date; review periods take them
through the annual totals. Each deduction carries a Vietnamese reason that the score's explanation shows.
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy.orm import Session

from api import clock
from api.db.inspection_models import CorrectiveAction, Inspection, InspectionFinding
from api.db.models import Unit
from api.db.repositories import audit, rows
from api.db.repositories import inspections as repo
from api.db.repositories import units as units_repo
from api.domain import text
from api.domain.inspections import (
    ADMINISTRATION_KINDS,
    AlreadyDecided,
    FindingDecision,
    FindingStatus,
    InspectionReach,
    ReasonRequired,
    Target,
    decide,
    in_scope,
    recorded_status,
)
from api.domain.search import InspectionSort
from api.services.access import Principal
from api.services.adjustments import parse_points, refresh_scores
from api.services.audit import fields
from api.services.catalog import scoring_context
from api.services.errors import Conflict, FieldProblem, Forbidden, Invalid, NotFound
from api.services.lookups import period_by_code, unit_by_code

FINDING_FIELDS = ("inspection_id", "indicator_code", "description", "points", "status", "recorded_by")
DECISION_FIELDS = ("status", "decided_by", "decided_at", "decision_reason")


@dataclass(frozen=True)
class InspectionView:
    inspection: Inspection
    unit: Unit
    inspector: Unit | None  # None: the standing body
    findings: list[InspectionFinding]
    actions: dict[int, list[CorrectiveAction]]

    @property
    def confirmed_findings(self) -> list[InspectionFinding]:
        """The findings that deduct: proposed and rejected ones deduct nothing."""
        return [finding for finding in self.findings if FindingStatus(finding.status).deducts]

    @property
    def deduction_points(self) -> Fraction:
        return sum((Fraction(finding.points) for finding in self.confirmed_findings), Fraction(0))

    @property
    def open_actions(self) -> int:
        return sum(1 for actions in self.actions.values() for action in actions if action.status == "open")


def list_inspections(
    session: Session, principal: Principal, *, unit_code: str | None, period_code: str | None,
    pending: bool = False, q: str | None = None, sort: InspectionSort | None = None,
) -> list[InspectionView]:
    """Inspections of a unit or of a period's window (``pending``: only those with a finding awaiting
    confirmation; ``q``: of the units it finds by name or code, or on the topics it finds), by date unless ``sort`` says otherwise; an
    account confined to its unit sees those of its unit and those its unit conducted."""
    principal.require("inspections:read")
    unit = unit_by_code(session, unit_code) if unit_code else None
    involving = None
    if not principal.reaches_all_units:
        own = principal.unit_id
        if own is None or (unit is not None and own not in (unit.id, unit.overseer_id)):
            raise Forbidden("Tài khoản chỉ xem được kết quả kiểm tra của đơn vị mình và các đơn vị mình kiểm tra.")
        involving = own
    period = period_by_code(session, period_code) if period_code else None
    found = repo.inspections(session, unit_id=unit.id if unit else None, involving_unit_id=involving, pending=pending,
                             start=period.start if period else None, end=period.end if period else None, q=q,
                             sort=sort)
    findings = repo.findings_of(session, [inspection.id for inspection, _ in found])
    actions = repo.actions_of(session, [f.id for listed in findings.values() for f in listed])
    inspectors = _units(session, {i.inspector_unit_id for i, _ in found if i.inspector_unit_id is not None})
    return [
        InspectionView(inspection, unit, inspectors.get(inspection.inspector_unit_id), findings[inspection.id],
                       {f.id: actions[f.id] for f in findings[inspection.id]})
        for inspection, unit in found
    ]


def _units(session: Session, unit_ids: set[int]) -> dict[int | None, Unit]:
    return {unit_id: units_repo.by_id(session, unit_id) for unit_id in unit_ids}


def _inspection_view(session: Session, inspection_id: int) -> InspectionView:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("Không tìm thấy cuộc kiểm tra.")
    findings = repo.findings_of(session, [inspection.id])[inspection.id]
    actions = repo.actions_of(session, [finding.id for finding in findings])
    inspector = units_repo.by_id(session, inspection.inspector_unit_id) if inspection.inspector_unit_id else None
    return InspectionView(inspection, units_repo.by_id(session, inspection.unit_id), inspector, findings, actions)


def _refuse(principal: Principal, unit: Unit, hidden: str, refused: str, field: str | None = None):
    """404 where the principal does not see the unit (an account confined to its own), 403 where it does."""
    def problems(message: str) -> list[FieldProblem]:
        return [FieldProblem(["body", field], message)] if field else []

    if not principal.sees_unit(unit.id):
        return NotFound(hidden, problems(hidden))
    return Forbidden(refused, errors=problems(refused))


def _require_in_reach(principal: Principal, unit: Unit) -> None:
    """The principal may inspect ``unit``: the standing body any unit, the others only within their reach."""
    if principal.can("inspections:write"):
        return
    principal.require("inspections:propose")
    if principal.unit_id is None:
        raise Forbidden("Tài khoản phải thuộc một đơn vị mới tiến hành kiểm tra được.")
    if not in_scope(principal.inspection_reach, principal.unit_id, Target(unit.kind, unit.overseer_id)):
        raise _refuse(principal, unit, "Không tìm thấy đơn vị.",
                      f"Đơn vị {unit.code} ngoài phạm vi kiểm tra của tài khoản.", "unit")


def units_in_reach(session: Session, principal: Principal) -> list[Unit] | None:
    """The units the principal may inspect, for its form; ``None``: every unit (the standing body)."""
    if principal.can("inspections:write"):
        return None
    principal.require("inspections:propose")
    reach = principal.inspection_reach
    kinds = ADMINISTRATION_KINDS if reach is InspectionReach.ADMINISTRATION else frozenset()
    candidates = repo.units_by_kind_or_overseer(session, kinds, principal.unit_id)
    return [unit for unit in candidates
            if in_scope(reach, principal.unit_id, Target(unit.kind, unit.overseer_id))]


def set_overseer(session: Session, principal: Principal, unit_code: str, overseer_code: str | None) -> Unit:
    """The unit that oversees ``unit_code`` and may inspect it (a department for a unit of its field, a
    commune's committee for its police); ``None`` removes it. Set by an administrator, audited."""
    principal.require("units:write")
    unit = unit_by_code(session, unit_code)
    overseer = units_repo.by_code(session, text.code(overseer_code)) if overseer_code else None
    if overseer_code and (overseer is None or not overseer.active):
        raise Invalid("Không có đơn vị quản lý với mã này.",
                      [FieldProblem(["body", "overseer"], "Không có đơn vị quản lý với mã này.")])
    if overseer is not None and overseer.id == unit.id:
        raise Invalid("Đơn vị không tự kiểm tra mình.",
                      [FieldProblem(["body", "overseer"], "Đơn vị quản lý phải là một đơn vị khác.")])
    before = overseer_of(session, unit)
    unit.overseer_id = overseer.id if overseer else None
    session.flush()
    audit.record(session, actor=principal.username, action="unit.overseer", entity="unit", entity_key=unit.code,
                 before={"overseer": before.code if before else None},
                 after={"overseer": overseer.code if overseer else None})
    return unit


def overseer_of(session: Session, unit: Unit) -> Unit | None:
    return units_repo.by_id(session, unit.overseer_id) if unit.overseer_id else None


def _conducted_view(session: Session, principal: Principal, inspection_id: int) -> InspectionView:
    """An inspection the principal conducts: any for the standing body, else one of its own unit, of a
    unit still within its reach."""
    if not principal.can("inspections:write"):
        principal.require("inspections:propose")
    view = _inspection_view(session, inspection_id)
    _require_in_reach(principal, view.unit)
    if not principal.can("inspections:write") and view.inspection.inspector_unit_id != principal.unit_id:
        raise _refuse(principal, view.unit, "Không tìm thấy cuộc kiểm tra.",
                      "Chỉ đơn vị tiến hành cuộc kiểm tra mới ghi được kết quả của cuộc kiểm tra này.")
    return view


def plan_inspection(session: Session, principal: Principal, unit_code: str, topic: str,
                    planned_on: date) -> InspectionView:
    unit = unit_by_code(session, unit_code)
    _require_in_reach(principal, unit)
    inspector_unit_id = None if principal.can("inspections:write") else principal.unit_id
    inspection = rows.add(session, Inspection(
        unit_id=unit.id, topic=topic, planned_on=planned_on, inspected_on=None, status="planned",
        inspector_unit_id=inspector_unit_id, created_by=principal.username, created_at=clock.now(),
    ))
    audit.record(session, actor=principal.username, action="inspection.plan", entity="inspection",
                 entity_key=str(inspection.id),
                 after=fields(inspection, "unit_id", "topic", "planned_on", "status", "inspector_unit_id"))
    return _inspection_view(session, inspection.id)


def record_inspection(session: Session, principal: Principal, inspection_id: int,
                      inspected_on: date) -> InspectionView:
    """Mark the inspection done on a date: its findings now count in the periods that hold that date."""
    view = _conducted_view(session, principal, inspection_id)
    before = repo.periods_holding(session, view.inspection.inspected_on) if view.inspection.inspected_on else []
    recorded = fields(view.inspection, "inspected_on", "status")
    view.inspection.inspected_on, view.inspection.status = inspected_on, "done"
    audit.record(session, actor=principal.username, action="inspection.record", entity="inspection",
                 entity_key=str(inspection_id), before=recorded, after=fields(view.inspection, "inspected_on", "status"))
    session.flush()
    after = repo.periods_holding(session, inspected_on)
    refresh_scores(session, view.unit, list({p.id: p for p in (*before, *after)}.values()))
    return _inspection_view(session, inspection_id)


def add_finding(session: Session, principal: Principal, inspection_id: int, description: str,
                points: str, indicator_code: str | None) -> InspectionView:
    """A finding with its deduction: confirmed at once when the standing body records it, else proposed."""
    view = _conducted_view(session, principal, inspection_id)
    if view.inspection.status != "done":
        raise Conflict("Chỉ ghi tồn tại, điểm trừ sau khi đã tiến hành kiểm tra (có ngày kiểm tra).")
    holding = repo.periods_holding(session, view.inspection.inspected_on)
    if indicator_code and holding:
        catalog, _context = scoring_context(session, holding[0])
        if indicator_code not in {indicator.code for indicator in catalog.indicators}:
            raise Invalid(f"Không có chỉ tiêu {indicator_code}.")
    status = recorded_status(principal.can("inspections:confirm"))
    finding = rows.add(session, InspectionFinding(
        inspection_id=inspection_id, indicator_code=indicator_code or None, description=description,
        points=str(parse_points(points)), status=status, recorded_by=principal.username,
    ))
    audit.record(session, actor=principal.username, action="inspection.finding", entity="inspection_finding",
                 entity_key=str(finding.id), after=fields(finding, *FINDING_FIELDS))
    if status.deducts:
        refresh_scores(session, view.unit, holding)
    return _inspection_view(session, inspection_id)


def decide_finding(session: Session, principal: Principal, finding_id: int, decision: FindingDecision,
                   reason: str | None) -> InspectionView:
    """The standing body confirms a proposed finding (it then deducts, and the unit's scores are
    recomputed) or rejects it with a reason."""
    principal.require("inspections:confirm")
    finding = session.get(InspectionFinding, finding_id)
    if finding is None:
        raise NotFound("Không tìm thấy tồn tại được kiểm tra.")
    try:
        status = decide(FindingStatus(finding.status), decision, reason)
    except AlreadyDecided as error:
        raise Conflict(str(error)) from error
    except ReasonRequired as error:
        raise Invalid(str(error), [FieldProblem(["body", "reason"], str(error))]) from error
    before = fields(finding, *DECISION_FIELDS)
    finding.status, finding.decided_by, finding.decided_at = status, principal.username, clock.now()
    finding.decision_reason = reason.strip() if reason and reason.strip() else None
    session.flush()
    audit.record(session, actor=principal.username, action=f"inspection.finding.{decision}",
                 entity="inspection_finding", entity_key=str(finding_id), before=before,
                 after=fields(finding, *DECISION_FIELDS))
    view = _inspection_view(session, finding.inspection_id)
    if status.deducts:
        refresh_scores(session, view.unit, repo.periods_holding(session, view.inspection.inspected_on))
    return view


def add_action(session: Session, principal: Principal, finding_id: int, description: str,
               due_on: date) -> CorrectiveAction:
    principal.require("inspections:write")
    if session.get(InspectionFinding, finding_id) is None:
        raise NotFound("Không tìm thấy tồn tại được kiểm tra.")
    action = rows.add(session, CorrectiveAction(finding_id=finding_id, description=description, due_on=due_on,
                                                status="open", done_on=None))
    audit.record(session, actor=principal.username, action="corrective_action.create", entity="corrective_action",
                 entity_key=str(action.id), after=fields(action, "finding_id", "description", "due_on", "status"))
    return action


def update_action(session: Session, principal: Principal, action_id: int, done_on: date | None) -> CorrectiveAction:
    """Close a corrective action on a date, or reopen it with ``None``."""
    principal.require("inspections:write")
    action = session.get(CorrectiveAction, action_id)
    if action is None:
        raise NotFound("Không tìm thấy biện pháp khắc phục.")
    before = fields(action, "status", "done_on")
    action.status, action.done_on = ("done", done_on) if done_on else ("open", None)
    session.flush()
    audit.record(session, actor=principal.username, action="corrective_action.update", entity="corrective_action",
                 entity_key=str(action_id), before=before, after=fields(action, "status", "done_on"))
    return action
