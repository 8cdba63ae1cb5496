"""The job queue's statements: insert (deduplicated), claim due jobs under a lease, finish, retry."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.db.job_models import Job


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: dict
    attempts: int
    created_at: datetime


def insert(session: Session, values: dict) -> None:
    """Insert a job; with a ``dedupe_key`` already held by a pending job, do nothing."""
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(Job).values(**values)
    if values.get("dedupe_key") is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["dedupe_key"])
    session.execute(statement)


def insert_many(session: Session, rows: list[dict]) -> None:
    """Insert jobs without a ``dedupe_key``, in one statement (executemany)."""
    session.execute(Job.__table__.insert(), rows)


def _due(now: datetime):
    """Pending and due, or leased by a worker whose lease has expired (it crashed or hung)."""
    return or_(and_(Job.status == "pending", Job.run_at <= now),
               and_(Job.status == "running", Job.locked_until < now))


def any_due(session: Session, now: datetime) -> bool:
    return session.scalar(select(Job.id).where(_due(now)).limit(1)) is not None


def claim(session: Session, worker: str, now: datetime, lease_until: datetime, limit: int) -> list[Claimed]:
    """Lease up to ``limit`` due jobs to ``worker`` in one statement.

    PostgreSQL: the inner SELECT takes the rows ``FOR UPDATE SKIP LOCKED``, so concurrent workers take
    disjoint jobs without waiting for each other. SQLite has no row locks (the clause is not rendered);
    its single writer runs the whole UPDATE alone, in the worker's short write transaction.
    """
    due = select(Job.id).where(_due(now)).order_by(Job.run_at, Job.id).limit(limit).with_for_update(skip_locked=True)
    rows = session.execute(
        update(Job).where(Job.id.in_(due.scalar_subquery()))
        .values(status="running", locked_by=worker, locked_until=lease_until, attempts=Job.attempts + 1,
                dedupe_key=None)
        .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.created_at)
        .execution_options(synchronize_session=False)
    )
    return sorted((Claimed(*row) for row in rows), key=lambda job: job.id)


def _held(job: Claimed, worker: str):
    """The job is still this worker's lease (not expired and taken over by another worker since)."""
    return (Job.id == job.id, Job.status == "running", Job.locked_by == worker, Job.attempts == job.attempts)


def extend(session: Session, job: Claimed, worker: str, lease_until: datetime) -> bool:
    """Lengthen a leased job's lease; False when it is no longer this worker's."""
    result = session.execute(update(Job).where(*_held(job, worker)).values(locked_until=lease_until)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def finish(session: Session, job: Claimed, worker: str, now: datetime) -> bool:
    """Mark a leased job done; False when the lease was lost (the caller must roll back its work)."""
    result = session.execute(
        update(Job).where(*_held(job, worker))
        .values(status="done", locked_by=None, locked_until=None, last_error=None, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def retry(session: Session, job: Claimed, worker: str, error: str, run_at: datetime | None, now: datetime) -> bool:
    """Put a job that failed back in the queue at ``run_at``, or (``None``) mark it failed for good."""
    values = {"locked_by": None, "locked_until": None, "last_error": error[:2000]}
    if run_at is None:
        values |= {"status": "failed", "finished_at": now}
    else:
        values |= {"status": "pending", "run_at": run_at}
    result = session.execute(update(Job).where(*_held(job, worker)).values(**values)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def purge(session: Session, finished_before: datetime) -> int:
    """Delete the jobs done before ``finished_before`` (failed ones stay, for the record)."""
    result = session.execute(delete(Job).where(Job.status == "done", Job.finished_at < finished_before)
                             .execution_options(synchronize_session=False))
    return result.rowcount
