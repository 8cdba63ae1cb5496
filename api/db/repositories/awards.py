"""Queries of the award, inspection, bonus, budget, models-registry and notification tables."""

from datetime import date, datetime
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.award_models import (
    AwardProposal,
    BonusEntry,
    BudgetItem,
    CorrectiveAction,
    Exemplar,
    Inspection,
    InspectionFinding,
    MovementSetting,
    Notification,
    SafetyModel,
    UnitContact,
)
from api.db.models import EmulationGroup, Period, Score, Submission, Unit
from api.domain import Adjustment


def setting(session: Session, key: str) -> MovementSetting | None:
    return session.get(MovementSetting, key)


def standing_row(session: Session, period_id: int, unit_id: int) -> tuple[Score, str | None] | None:
    """The unit's stored score of the period with its group's name."""
    row = session.execute(
        select(Score, EmulationGroup.name)
        .outerjoin(EmulationGroup, Score.group_id == EmulationGroup.id)
        .where(Score.period_id == period_id, Score.unit_id == unit_id)
    ).first()
    return None if row is None else (row[0], row[1])


def proposals(session: Session, period_id: int | None, status: str | None) -> list[tuple[AwardProposal, Unit, str]]:
    """Proposals with their unit and period code, oldest first."""
    conditions = []
    if period_id is not None:
        conditions.append(AwardProposal.period_id == period_id)
    if status:
        conditions.append(AwardProposal.status == status)
    rows = session.execute(
        select(AwardProposal, Unit, Period.code)
        .join(Unit, AwardProposal.unit_id == Unit.id)
        .join(Period, AwardProposal.period_id == Period.id)
        .where(*conditions)
        .order_by(AwardProposal.id)
    )
    return [tuple(row) for row in rows]


def proposals_of_years(session: Session, years: list[int]) -> list[tuple[AwardProposal, Unit, int]]:
    """Proposals not refused whose period ends in one of ``years`` (award money of the budget)."""
    year = func.extract("year", Period.end)
    rows = session.execute(
        select(AwardProposal, Unit, year)
        .join(Unit, AwardProposal.unit_id == Unit.id)
        .join(Period, AwardProposal.period_id == Period.id)
        .where(year.in_(years), AwardProposal.status != "refused")
        .order_by(AwardProposal.id)
    )
    return [(proposal, unit, int(found_year)) for proposal, unit, found_year in rows]


def budget_items(session: Session, years: list[int]) -> list[tuple[BudgetItem, Unit]]:
    rows = session.execute(
        select(BudgetItem, Unit).join(Unit, BudgetItem.unit_id == Unit.id)
        .where(BudgetItem.year.in_(years)).order_by(BudgetItem.year, Unit.code, BudgetItem.id)
    )
    return [tuple(row) for row in rows]


def inspections(
    session: Session, *, unit_id: int | None, start: date | None, end: date | None
) -> list[tuple[Inspection, Unit]]:
    """Inspections planned or done within [start, end] (by inspection date, else planned date)."""
    when = func.coalesce(Inspection.inspected_on, Inspection.planned_on)
    conditions = []
    if unit_id is not None:
        conditions.append(Inspection.unit_id == unit_id)
    if start is not None:
        conditions.append(when >= start)
    if end is not None:
        conditions.append(when <= end)
    rows = session.execute(
        select(Inspection, Unit).join(Unit, Inspection.unit_id == Unit.id).where(*conditions).order_by(when, Inspection.id)
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
    """(unit id, inspection date, finding) of done inspections whose date falls in [start, end], for
    some units or (``None``) every unit."""
    query = (
        select(Inspection.unit_id, Inspection.inspected_on, InspectionFinding)
        .join(InspectionFinding, InspectionFinding.inspection_id == Inspection.id)
        .where(Inspection.status == "done", Inspection.inspected_on >= start, Inspection.inspected_on <= end)
        .order_by(Inspection.inspected_on, InspectionFinding.id)
    )
    if unit_ids is not None:
        query = query.where(Inspection.unit_id.in_(unit_ids))
    return [tuple(row) for row in session.execute(query)]


def bonuses_for(session: Session, period_id: int, unit_ids: list[int] | None) -> list[BonusEntry]:
    """Bonus entries of a period for some units or (``None``) every unit: a bulk recompute asks for
    all, since a list of 10,000 ids costs PostgreSQL more to plan than the rows cost to read."""
    query = select(BonusEntry).where(BonusEntry.period_id == period_id)
    if unit_ids is not None:
        query = query.where(BonusEntry.unit_id.in_(unit_ids))
    return list(session.scalars(query.order_by(BonusEntry.id)))


def adjustments_for(
    session: Session, period: Period, unit_ids: list[int] | None
) -> dict[int, tuple[list[Adjustment], list[Adjustment]]]:
    """Per unit (of ``unit_ids``, or ``None``: of every unit that has any): (bonus entries, inspection
    deductions) of a scored period, each with its reason.

    A done inspection's findings count in every scored period whose window holds the inspection date;
    review periods take none directly (their total is the mean of the annual totals).
    """
    result: dict[int, tuple[list[Adjustment], list[Adjustment]]] = {unit_id: ([], []) for unit_id in unit_ids or ()}
    if period.spans or unit_ids == []:
        return result
    for entry in bonuses_for(session, period.id, unit_ids):
        result.setdefault(entry.unit_id, ([], []))[0].append(
            Adjustment(Fraction(entry.points), f"Điểm thưởng: {entry.reason}"))
    for unit_id, day, finding in done_findings_in(session, unit_ids, period.start, period.end):
        about = f" (chỉ tiêu {finding.indicator_code})" if finding.indicator_code else ""
        reason = f"Kiểm tra chuyên đề ngày {day:%d/%m/%Y}: {finding.description}{about}"
        result.setdefault(unit_id, ([], []))[1].append(Adjustment(Fraction(finding.points), reason))
    return result


def bonuses(session: Session, period_id: int | None, unit_id: int | None) -> list[tuple[BonusEntry, Unit, str]]:
    conditions = []
    if period_id is not None:
        conditions.append(BonusEntry.period_id == period_id)
    if unit_id is not None:
        conditions.append(BonusEntry.unit_id == unit_id)
    rows = session.execute(
        select(BonusEntry, Unit, Period.code).join(Unit, BonusEntry.unit_id == Unit.id)
        .join(Period, BonusEntry.period_id == Period.id).where(*conditions).order_by(BonusEntry.id)
    )
    return [tuple(row) for row in rows]


def periods_holding(session: Session, day: date) -> list[Period]:
    """Scored periods (not reviews) whose data window holds ``day``."""
    query = select(Period).where(Period.start <= day, Period.end >= day,
                                 Period.kind.in_(("half_year", "year")))
    return list(session.scalars(query.order_by(Period.start)))


def safety_models(session: Session, unit_id: int | None, kind: str | None) -> list[tuple[SafetyModel, Unit]]:
    conditions = []
    if unit_id is not None:
        conditions.append(SafetyModel.unit_id == unit_id)
    if kind:
        conditions.append(SafetyModel.kind == kind)
    rows = session.execute(
        select(SafetyModel, Unit).join(Unit, SafetyModel.unit_id == Unit.id).where(*conditions)
        .order_by(Unit.code, SafetyModel.kind, SafetyModel.id)
    )
    return [tuple(row) for row in rows]


def model_counts(session: Session) -> list[tuple[str, str, int]]:
    """(kind, status, count) over every registered model."""
    rows = session.execute(
        select(SafetyModel.kind, SafetyModel.status, func.count()).group_by(SafetyModel.kind, SafetyModel.status)
    )
    return [tuple(row) for row in rows]


def exemplars(session: Session, *, published_only: bool) -> list[tuple[Exemplar, Unit]]:
    conditions = [Exemplar.published.is_(True)] if published_only else []
    rows = session.execute(
        select(Exemplar, Unit).join(Unit, Exemplar.unit_id == Unit.id).where(*conditions)
        .order_by(Exemplar.year.desc(), Exemplar.id)
    )
    return [tuple(row) for row in rows]


def scored_units_with_submission(session: Session, period_id: int) -> list[tuple[Unit, Submission | None]]:
    """Every active unit that belongs to an emulation group, with its submission of the period if any."""
    rows = session.execute(
        select(Unit, Submission)
        .outerjoin(Submission, (Submission.unit_id == Unit.id) & (Submission.period_id == period_id))
        .where(Unit.active.is_(True), Unit.group_id.is_not(None))
        .order_by(Unit.code)
    )
    return [tuple(row) for row in rows]


def contacts(session: Session, unit_ids: list[int]) -> dict[int, str]:
    if not unit_ids:
        return {}
    query = select(UnitContact.unit_id, UnitContact.email).where(UnitContact.unit_id.in_(unit_ids))
    return dict(session.execute(query).all())


def notified_since(session: Session, period_id: int, since: datetime) -> set[tuple[int, str]]:
    """(unit id, kind) of the period's notifications created at or after ``since``."""
    query = select(Notification.unit_id, Notification.kind).where(
        Notification.period_id == period_id, Notification.created_at >= since)
    return {tuple(row) for row in session.execute(query)}


def notifications(session: Session, unit_id: int, unread_only: bool) -> list[Notification]:
    conditions = [Notification.unit_id == unit_id]
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
    return list(session.scalars(select(Notification).where(*conditions).order_by(Notification.id.desc())))


def scores_of_period(session: Session, period_id: int) -> list[tuple[Score, str]]:
    """Every stored score of the period with its unit's code."""
    rows = session.execute(
        select(Score, Unit.code).join(Unit, Score.unit_id == Unit.id).where(Score.period_id == period_id)
    )
    return [tuple(row) for row in rows]


def latest_locked_period(session: Session) -> Period | None:
    query = select(Period).where(Period.status == "locked").order_by(Period.end.desc(), Period.id.desc())
    return session.scalars(query.limit(1)).first()


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj
