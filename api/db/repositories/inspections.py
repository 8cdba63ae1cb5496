"""Inspections, their findings and corrective actions."""

from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from api.db.inspection_models import CorrectiveAction, Inspection, InspectionFinding
from api.db.models import Period, Unit
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.inspections import FindingStatus
from api.domain.search import InspectionSort


def inspections(
    session: Session, *, unit_id: int | None, start: date | None, end: date | None,
    involving_unit_id: int | None = None, pending: bool = False, q: str | None = None,
    sort: InspectionSort | None = None,
) -> list[tuple[Inspection, Unit]]:
    """Inspections planned or done within [start, end] (by inspection date, else planned date); of a unit,
    of or by a unit (``involving_unit_id``: inspected or inspecting), holding a finding awaiting
    confirmation (``pending``), of the units or on the topics ``q`` finds (``units.matching``); by date
    unless ``sort`` says otherwise."""
    when = func.coalesce(Inspection.inspected_on, Inspection.planned_on)
    conditions = []
    if unit_id is not None:
        conditions.append(Inspection.unit_id == unit_id)
    if involving_unit_id is not None:
        conditions.append(or_(Inspection.unit_id == involving_unit_id, Inspection.inspector_unit_id == involving_unit_id))
    if pending:
        conditions.append(exists().where(InspectionFinding.inspection_id == Inspection.id,
                                         InspectionFinding.status == FindingStatus.PROPOSED))
    if start is not None:
        conditions.append(when >= start)
    if end is not None:
        conditions.append(when <= end)
    if (found := units.matching(q, Inspection.search_topic)) is not None:
        conditions.append(found)
    columns = {"unit": Unit.search_name, "topic": Inspection.search_topic, "planned_on": Inspection.planned_on, "inspected_on": Inspection.inspected_on,
               "status": Inspection.status}
    rows = session.execute(
        select(Inspection, Unit).join(Unit, Inspection.unit_id == Unit.id).where(*conditions)
        .order_by(*(ordered(columns, sort, when, Inspection.id) if sort else (when, Inspection.id)))
    )
    return [tuple(row) for row in rows]


def findings_of(session: Session, inspection_ids: list[int]) -> dict[int, list[InspectionFinding]]:
    found: dict[int, list[InspectionFinding]] = {inspection_id: [] for inspection_id in inspection_ids}
    if inspection_ids:
        query = select(InspectionFinding).where(InspectionFinding.inspection_id.in_(inspection_ids))
        for finding in session.scalars(query.order_by(InspectionFinding.id)):
            found[finding.inspection_id].append(finding)
    return found


def actions_of(session: Session, finding_ids: list[int]) -> dict[int, list[CorrectiveAction]]:
    found: dict[int, list[CorrectiveAction]] = {finding_id: [] for finding_id in finding_ids}
    if finding_ids:
        query = select(CorrectiveAction).where(CorrectiveAction.finding_id.in_(finding_ids))
        for action in session.scalars(query.order_by(CorrectiveAction.due_on, CorrectiveAction.id)):
            found[action.finding_id].append(action)
    return found


def done_findings_in(
    session: Session, unit_ids: list[int] | None, start: date, end: date
) -> list[tuple[int, date, InspectionFinding]]:
    """(unit id, inspection date, finding) of the confirmed findings of done inspections whose date falls in
    [start, end], for some units or (``None``) every unit; proposed and rejected findings deduct nothing."""
    query = (
        select(Inspection.unit_id, Inspection.inspected_on, InspectionFinding)
        .join(InspectionFinding, InspectionFinding.inspection_id == Inspection.id)
        .where(Inspection.status == "done", Inspection.inspected_on >= start, Inspection.inspected_on <= end,
               InspectionFinding.status == FindingStatus.CONFIRMED)
        .order_by(Inspection.inspected_on, InspectionFinding.id)
    )
    if unit_ids is not None:
        query = query.where(Inspection.unit_id.in_(unit_ids))
    return [tuple(row) for row in session.execute(query)]


def units_by_kind_or_overseer(session: Session, kinds: frozenset[str], overseer_id: int | None) -> list[Unit]:
    """Active units of one of ``kinds`` or overseen by ``overseer_id``, by code: the candidates of a reach."""
    query = select(Unit).where(Unit.active, or_(Unit.kind.in_(kinds), Unit.overseer_id == overseer_id))
    return list(session.scalars(query.order_by(Unit.code)))


def periods_holding(session: Session, day: date) -> list[Period]:
    """Scored periods (not reviews) whose data window holds ``day``."""
    query = select(Period).where(Period.start <= day, Period.end >= day,
                                 Period.kind.in_(("half_year", "year")))
    return list(session.scalars(query.order_by(Period.start)))
