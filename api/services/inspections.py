"""Inspections (kiểm tra chuyên đề): their findings deduct points from a unit's score.

A done inspection's findings deduct their points from the score of every scored period (6-month and
annual) whose window holds the inspection date; review periods take them through the annual totals.
Each deduction carries a Vietnamese reason that the score's explanation shows.
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
from api.services.access import Principal
from api.services.adjustments import parse_points, refresh_scores
from api.services.audit import fields
from api.services.catalog import scoring_context
from api.services.errors import Conflict, Forbidden, Invalid, NotFound
from api.services.lookups import period_by_code, unit_by_code


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
    principal.require("inspections:read")
    unit = unit_by_code(session, unit_code) if unit_code else None
    if not principal.reaches_all_units:
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
    principal.require("inspections:write")
    unit = unit_by_code(session, unit_code)
    inspection = rows.add(session, Inspection(
        unit_id=unit.id, topic=topic, planned_on=planned_on, inspected_on=None, status="planned",
        created_by=principal.username, created_at=clock.now(),
    ))
    audit.record(session, actor=principal.username, action="inspection.plan", entity="inspection",
                 entity_key=str(inspection.id), after=fields(inspection, "unit_id", "topic", "planned_on", "status"))
    return _inspection_view(session, inspection.id)


def record_inspection(session: Session, principal: Principal, inspection_id: int,
                      inspected_on: date) -> InspectionView:
    """Mark the inspection done on a date: its findings now count in the periods that hold that date."""
    principal.require("inspections:write")
    view = _inspection_view(session, inspection_id)
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
    principal.require("inspections:write")
    view = _inspection_view(session, inspection_id)
    if view.inspection.status != "done":
        raise Conflict("Chỉ ghi tồn tại, điểm trừ sau khi đã tiến hành kiểm tra (có ngày kiểm tra).")
    holding = repo.periods_holding(session, view.inspection.inspected_on)
    if indicator_code and holding:
        catalog, _context = scoring_context(session, holding[0])
        if indicator_code not in {indicator.code for indicator in catalog.indicators}:
            raise Invalid(f"Không có chỉ tiêu {indicator_code}.")
    finding = rows.add(session, InspectionFinding(inspection_id=inspection_id, indicator_code=indicator_code or None,
                                                  description=description, points=str(parse_points(points))))
    audit.record(session, actor=principal.username, action="inspection.finding", entity="inspection_finding",
                 entity_key=str(finding.id),
                 after=fields(finding, "inspection_id", "indicator_code", "description", "points"))
    refresh_scores(session, view.unit, holding)
    return _inspection_view(session, inspection_id)


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
