"""Submissions, their values and evidence files."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, EvidenceFile, Period, Submission, SubmissionValue, Unit
from api.db.repositories import units
from api.db.repositories.rows import ordered
from api.domain.search import SubmissionSort


def find(session: Session, period_id: int, unit_id: int, *, for_update: bool = False) -> Submission | None:
    """``for_update`` locks the row until commit (PostgreSQL), so two writers cannot both see the same version."""
    query = select(Submission).where(Submission.period_id == period_id, Submission.unit_id == unit_id)
    return session.scalar(query.with_for_update() if for_update else query)


def of_units(session: Session, period_id: int, unit_ids: list[int]) -> dict[int, Submission]:
    """The submissions of these units in a period, by unit id (the session's own objects, changes kept)."""
    query = select(Submission).where(Submission.period_id == period_id, Submission.unit_id.in_(unit_ids))
    return {submission.unit_id: submission for submission in session.scalars(query)}


def create_draft(session: Session, period_id: int, unit_id: int, now: datetime) -> Submission | None:
    """Insert the draft of (period, unit), or nothing when it exists: another transaction created it
    since it was looked up (PostgreSQL waits here for that one to end). The new row, or None."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(Submission)
        .values(period_id=period_id, unit_id=unit_id, status="draft", version=1, updated_at=now)
        .on_conflict_do_nothing(index_elements=["period_id", "unit_id"])
        .returning(Submission.id)
    )
    created = session.scalar(statement)
    return None if created is None else session.get(Submission, created)


def values_of(session: Session, submission_id: int) -> list[SubmissionValue]:
    return list(session.scalars(
        select(SubmissionValue).where(SubmissionValue.submission_id == submission_id).order_by(SubmissionValue.id)
    ))


def value_rows(session: Session, period_id: int, unit_ids: list[int] | None = None, codes: list[str] | None = None):
    """Entered values of a period (of every unit, or of some; of every indicator, or of ``codes``) as plain
    tuples, in one query: (unit id, indicator code, numerator, denominator, count, flag, date, note).

    Tuples, not ORM objects: a bulk recompute reads hundreds of thousands.
    """
    query = (
        select(Submission.unit_id, SubmissionValue.indicator_code, SubmissionValue.numerator,
               SubmissionValue.denominator, SubmissionValue.count, SubmissionValue.flag,
               SubmissionValue.date_value, SubmissionValue.note)
        .join(SubmissionValue, SubmissionValue.submission_id == Submission.id)
        .where(Submission.period_id == period_id)
    )
    if unit_ids is not None:
        query = query.where(Submission.unit_id.in_(unit_ids))
    if codes is not None:
        query = query.where(SubmissionValue.indicator_code.in_(codes))
    session.flush()  # the Core read below does not autoflush
    return session.connection().execute(query).all()  # Core rows, fetched at once: 0.5-1 s less a period


def by_unit(session: Session, period_id: int, unit_ids: list[int]) -> dict[int, Submission]:
    rows = session.scalars(select(Submission).where(Submission.period_id == period_id, Submission.unit_id.in_(unit_ids)))
    return {s.unit_id: s for s in rows}


def states_of_period(session: Session, period_id: int) -> dict[int, tuple]:
    """By unit id, the submission columns a score stores: rows with ``status`` and ``first_submitted_at``."""
    rows = session.execute(
        select(Submission.unit_id, Submission.status, Submission.first_submitted_at)
        .where(Submission.period_id == period_id)
    )
    return {row.unit_id: row for row in rows}


_SUBMISSION_ORDER = {
    "unit": Unit.search_name, "code": Unit.code, "status": Submission.status,
    "first_submitted_at": Submission.first_submitted_at, "submitted_at": Submission.submitted_at,
}


def listing(
    session: Session, *, period_id: int | None, unit_id: int | None, status: str | None, group_id: int | None,
    offset: int, limit: int, q: str | None = None, sort: SubmissionSort | None = None,
) -> tuple[list[tuple[Submission, Unit, str | None, str]], int]:
    """A page of submissions and the total; ``q`` a search by unit name or code (``units.matching``);
    without ``sort``, the latest period first and then by unit code."""
    conditions = []
    if (found := units.matching(q)) is not None:
        conditions.append(found)
    if period_id is not None:
        conditions.append(Submission.period_id == period_id)
    if unit_id is not None:
        conditions.append(Submission.unit_id == unit_id)
    if status:
        conditions.append(Submission.status == status)
    if group_id is not None:
        conditions.append(Unit.group_id == group_id)
    base = select(Submission).join(Unit, Submission.unit_id == Unit.id).where(*conditions)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        select(Submission, Unit, EmulationGroup.code, Period.code)
        .join(Unit, Submission.unit_id == Unit.id)
        .join(Period, Submission.period_id == Period.id)
        .outerjoin(EmulationGroup, Unit.group_id == EmulationGroup.id)
        .where(*conditions)
        .order_by(*(ordered(_SUBMISSION_ORDER, sort, Period.start.desc(), Unit.code) if sort
                    else (Period.start.desc(), Unit.code)))
        .offset(offset)
        .limit(limit)
    ).all()
    return [tuple(row) for row in rows], total


def evidence_for_values(session: Session, value_ids: list[int]) -> dict[int, list[EvidenceFile]]:
    grouped: dict[int, list[EvidenceFile]] = {}
    if value_ids:
        for file in session.scalars(select(EvidenceFile).where(EvidenceFile.value_id.in_(value_ids)).order_by(EvidenceFile.id)):
            grouped.setdefault(file.value_id, []).append(file)
    return grouped


def evidence(session: Session, evidence_id: int) -> tuple[EvidenceFile, SubmissionValue] | None:
    row = session.execute(
        select(EvidenceFile, SubmissionValue)
        .join(SubmissionValue, EvidenceFile.value_id == SubmissionValue.id)
        .where(EvidenceFile.id == evidence_id)
    ).first()
    return (row[0], row[1]) if row else None


def delete_value(session: Session, value: SubmissionValue) -> None:
    session.execute(delete(SubmissionValue).where(SubmissionValue.id == value.id))


def remove(session: Session, obj) -> None:
    session.delete(obj)
    session.flush()


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj
