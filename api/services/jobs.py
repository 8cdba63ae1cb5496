"""The durable job queue (outbox) on the project's own tables: what a job is and how one is queued.

A service queues a job with :func:`enqueue` in the transaction of the change that causes it, so a job
exists exactly when its cause was committed; :mod:`api.services.worker` runs it later, after a crash or
restart too. Why not a library: see docs/architecture.md ("Jobs").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy.orm import Session, sessionmaker

from api import clock
from api.db.repositories import jobs as repo
from api.settings import Settings

# What a job writes, in the transaction that also marks it done (rolled back together).
Finish = Callable[[Session], None]

# Set when a transaction that queued a job due now has committed: the process's worker wakes at once
# instead of at its next poll (a deferred score recompute starts right after the import's response).
_QUEUED = "banhat_jobs_queued"
_due_now = threading.Event()


@dataclass(frozen=True)
class Context:
    """What a running job may use besides its payload."""

    read_sessions: sessionmaker[Session]
    settings: Settings
    http: httpx.Client


@dataclass(frozen=True)
class JobKind:
    """How a kind of job runs.

    ``run(context, payload)`` does the work that needs no write transaction (reads, network calls), so
    SQLite's single writer is not held through them, and returns the writes, which the worker runs in
    the transaction that marks the job done. When ``run`` or the writes raise, the job is retried with
    back-off; ``failed(session, payload, error, gave_up)`` then records the attempt, in the transaction
    that reschedules the job (``gave_up``: no retry will follow).
    """

    run: Callable[[Context, dict], Finish]
    failed: Callable[[Session, dict, Exception, bool], None] | None = None
    # Jobs that may run longer than the worker's default lease hold one this long (seconds).
    lease_seconds: float | None = None
    # CPU-bound jobs whose runs write disjoint rows (one period's scores each): on PostgreSQL the worker
    # runs several claimed at once, each in a process of its own with its own connection.
    parallel: bool = False


def nothing(_session: Session) -> None:
    """The writes of a job that has none."""


def enqueue(session: Session, kind: str, payload: dict, *, delay: timedelta = timedelta(0),
            dedupe_key: str | None = None) -> None:
    """Queue a job in the caller's transaction, to run ``delay`` from now; a pending job with the same
    ``dedupe_key`` makes this one redundant (nothing is queued)."""
    if delay <= timedelta(0):
        session.info[_QUEUED] = True
    repo.insert(session, _job(kind, payload, delay, dedupe_key))


def enqueue_many(session: Session, kind: str, payloads: list[dict]) -> None:
    """Queue a job of ``kind`` due now for each of ``payloads``, in one statement, in the caller's transaction."""
    if payloads:
        session.info[_QUEUED] = True
        repo.insert_many(session, [_job(kind, payload, timedelta(0), None) for payload in payloads])


def _job(kind: str, payload: dict, delay: timedelta, dedupe_key: str | None) -> dict:
    now = clock.now()
    return {"kind": kind, "payload": payload, "run_at": now + delay, "status": "pending", "attempts": 0,
            "dedupe_key": dedupe_key, "created_at": now}


def committed(session: Session) -> None:
    """Called by the transaction owner after COMMIT: wake the worker if the transaction queued a job due now."""
    if session.info.pop(_QUEUED, False):
        _due_now.set()


def forget_queued(session: Session) -> None:
    """Called by the transaction owner after ROLLBACK: the jobs it queued were never committed."""
    session.info.pop(_QUEUED, None)


def wait_for_work(seconds: float) -> None:
    """Sleep until a job due now is committed in this process, or ``seconds`` pass."""
    _due_now.wait(seconds)
    _due_now.clear()


# Done jobs are kept this long (to see what ran), then deleted by a daily job.
KEEP_DONE = timedelta(days=7)
PURGE = "jobs.purge"


def schedule_purge(session: Session, delay: timedelta) -> None:
    enqueue(session, PURGE, {}, delay=delay, dedupe_key=PURGE)


def _purge(_context: Context, _payload: dict) -> Finish:
    def writes(session: Session) -> None:
        repo.purge(session, clock.now() - KEEP_DONE)
        schedule_purge(session, timedelta(days=1))

    return writes


JOB_KINDS = {PURGE: JobKind(_purge)}
