"""Inspections (kiểm tra chuyên đề): plan, record, findings with deduction points (proposed ones confirmed or
rejected by the standing body), corrective actions."""

from fractions import Fraction
from typing import Annotated

from fastapi import APIRouter, Query

from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.common import CodeFilter, InspectionSortQuery, SearchText, problem_responses
from api.schemas.enums import FindingStatus
from api.schemas.inspections import (
    ActionIn,
    ActionOut,
    ActionUpdate,
    FindingDecisionIn,
    FindingIn,
    InspectionDoneIn,
    InspectionIn,
    InspectionOut,
    InspectionReachOut,
    OverseerIn,
    OverseerOut,
)
from api.services import inspections
from api.services.reports.formatting import rounded

router = APIRouter(tags=["inspections"])


def _action(action) -> ActionOut:
    return ActionOut(id=action.id, description=action.description, due_on=action.due_on, status=action.status,
                     done_on=action.done_on)


def _inspection(view: inspections.InspectionView) -> InspectionOut:
    inspection = view.inspection
    return InspectionOut(
        id=inspection.id, unit={"code": view.unit.code, "name": view.unit.name},
        inspector={"code": view.inspector.code, "name": view.inspector.name} if view.inspector else None,
        topic=inspection.topic, planned_on=inspection.planned_on, inspected_on=inspection.inspected_on,
        status=inspection.status, deduction_points=str(rounded(view.deduction_points)),
        pending_findings=sum(1 for f in view.findings if f.status == FindingStatus.PROPOSED),
        open_actions=view.open_actions,
        findings=[{"id": f.id, "indicator": f.indicator_code, "description": f.description,
                   "points": str(rounded(Fraction(f.points))), "status": f.status, "recorded_by": f.recorded_by,
                   "decided_by": f.decided_by, "decided_at": f.decided_at, "decision_reason": f.decision_reason,
                   "actions": [_action(a) for a in view.actions[f.id]]} for f in view.findings],
    )


@router.get("/inspections", response_model=list[InspectionOut])
def list_inspections(session: DbSession, principal: CurrentPrincipal,
                     unit: CodeFilter = None,
                     period: CodeFilter = None,
                     pending: Annotated[bool, Query(description="Only inspections with a finding awaiting "
                                                                "confirmation")] = False,
                     q: SearchText = None, sort: InspectionSortQuery = None) -> list[InspectionOut]:
    """Các cuộc kiểm tra với kết luận và biện pháp khắc phục; `q` tìm theo tên hoặc mã đơn vị được kiểm tra
    hoặc theo chủ đề kiểm tra."""
    views = inspections.list_inspections(session, principal, unit_code=unit, period_code=period, pending=pending,
                                         q=q, sort=sort)
    return [_inspection(view) for view in views]


@router.get("/inspections/reach", response_model=InspectionReachOut)
def reach(session: DbSession, principal: CurrentPrincipal) -> InspectionReachOut:
    """The units the caller may inspect: Sở Nội vụ the departments and communes' committees, a commune's
    committee its commune police, a department the units of its field; the standing body every unit."""
    units = inspections.units_in_reach(session, principal)
    return InspectionReachOut(every_unit=units is None,
                              units=[{"code": unit.code, "name": unit.name} for unit in units or ()])


@router.put("/units/{unit}/overseer", response_model=OverseerOut)
def set_overseer(unit: str, body: OverseerIn, session: DbSession, principal: CurrentPrincipal) -> OverseerOut:
    """Which unit oversees this one and may inspect it: a department over a unit of its field, a commune's
    committee over its commune police (the demo pairs each commune police with its committee)."""
    changed = inspections.set_overseer(session, principal, unit, body.overseer)
    overseer = inspections.overseer_of(session, changed)
    return OverseerOut(unit={"code": changed.code, "name": changed.name},
                       overseer={"code": overseer.code, "name": overseer.name} if overseer else None)


@router.post("/inspections", response_model=InspectionOut, status_code=201)
def plan(body: InspectionIn, session: DbSession, principal: CurrentPrincipal) -> InspectionOut:
    return _inspection(inspections.plan_inspection(session, principal, body.unit, body.topic, body.planned_on))


@router.post("/inspections/{inspection_id}/done", response_model=InspectionOut)
def done(inspection_id: RowId, body: InspectionDoneIn, session: DbSession, principal: CurrentPrincipal) -> InspectionOut:
    """Record the date the inspection took place; its findings count in the periods holding that date."""
    return _inspection(inspections.record_inspection(session, principal, inspection_id, body.inspected_on))


@router.post("/inspections/{inspection_id}/findings", response_model=InspectionOut, status_code=201,
             responses=problem_responses(409))
def add_finding(inspection_id: RowId, body: FindingIn, session: DbSession, principal: CurrentPrincipal) -> InspectionOut:
    return _inspection(inspections.add_finding(session, principal, inspection_id, body.description, body.points,
                                               body.indicator))


@router.post("/inspection-findings/{finding_id}/decision", response_model=InspectionOut,
             responses=problem_responses(409))
def decide_finding(finding_id: RowId, body: FindingDecisionIn, session: DbSession,
                   principal: CurrentPrincipal) -> InspectionOut:
    """The standing body confirms a proposed finding (it then deducts its points) or rejects it with a reason."""
    return _inspection(inspections.decide_finding(session, principal, finding_id, body.decision, body.reason))


@router.post("/inspection-findings/{finding_id}/actions", response_model=ActionOut, status_code=201)
def add_action(finding_id: RowId, body: ActionIn, session: DbSession, principal: CurrentPrincipal) -> ActionOut:
    return _action(inspections.add_action(session, principal, finding_id, body.description, body.due_on))


@router.patch("/corrective-actions/{action_id}", response_model=ActionOut)
def update_action(action_id: RowId, body: ActionUpdate, session: DbSession, principal: CurrentPrincipal) -> ActionOut:
    return _action(inspections.update_action(session, principal, action_id, body.done_on))
