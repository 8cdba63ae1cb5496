"""The worker: claims due jobs of the queue (:mod:`api.services.jobs`) under a lease and runs each in a
transaction of its own; a job that fails is retried with exponential back-off and marked failed only
after the retry window (24 h by default).

It runs as a thread of ``banhat serve`` (``BANHAT_RUN_WORKER``, on by default) and as ``banhat worker``;
any number of them may share one database. A job is leased by one worker at a time: PostgreSQL hands
out rows with ``FOR UPDATE SKIP LOCKED``, SQLite's single writer claims them one transaction at a time.
A worker that dies leaves its jobs leased until the lease expires; then another worker takes them.
Finishing a job checks that the lease is still the worker's, in the transaction of the job's writes, so
those writes are committed once even when a job outlives its lease.

A worker waits for the next poll only when idle: a transaction of its process that queues a job due now
wakes it when it commits (:func:`api.services.jobs.committed`). With ``BANHAT_RECOMPUTE_PROCESSES`` above
0, claimed jobs of a ``parallel`` kind (the recompute of one period's scores) run at once in a pool of that
many processes, each with its own connection (the work is Python-bound: threads would share one core): on
PostgreSQL, and on a SQLite file, where each computes from a read snapshot and only its writes queue for
the one writer (``scoring._recompute_job``). The pool starts with the worker and stops with it (the
running jobs finish first); its processes ignore SIGINT and SIGTERM, which their parent answers for them,
and exit by themselves when the parent is gone (SIGKILL), so none outlives its server.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from typing import Self

import httpx
from sqlalchemy.orm import Session, sessionmaker

from api import clock
from api.db.engine import make_engine, session_factories
from api.db.repositories import jobs as repo
from api.services import jobs, reminders, scoring, transaction, webhooks
from api.services.jobs import Context, JobKind
from api.settings import Settings

logger = logging.getLogger("banhat.worker")

# How often a pool process checks that its parent is still alive (seconds).
ORPHAN_CHECK_SECONDS = 1.0

KINDS: dict[str, JobKind] = {**jobs.JOB_KINDS, **webhooks.JOB_KINDS, **reminders.JOB_KINDS, **scoring.JOB_KINDS}


class LeaseLost(Exception):
    """The job's lease expired and another worker took it over: this run's writes are rolled back."""


class UnknownKind(Exception):
    pass


class Worker:
    def __init__(self, read_sessions: sessionmaker[Session], write_sessions: sessionmaker[Session],
                 settings: Settings, *, kinds: dict[str, JobKind] | None = None, name: str | None = None) -> None:
        self.read_sessions, self.write_sessions = read_sessions, write_sessions
        self.settings, self.policy = settings, settings.jobs
        self.kinds = KINDS if kinds is None else kinds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.http = httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False)
        self.context = Context(read_sessions, settings, self.http)
        self.pool: ProcessPoolExecutor | None = None

    def close(self) -> None:
        self.http.close()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def start(self) -> None:
        """Queue the recurring jobs (the reminder schedule, the purge of old done jobs) unless another
        worker already has, and the recompute of periods left marked pending without a job."""
        with transaction.owned(self.write_sessions) as session:
            reminders.schedule_scan(session, timedelta(0))
            jobs.schedule_purge(session, timedelta(0))
            scoring.queue_pending_recomputes(session)

    def start_processes(self) -> None:
        """Start the pool of processes of parallel jobs now (when it is on, see :meth:`_in_processes`), so that
        the first batch does not wait for Python to start and import the application in each of them."""
        if not any(self._in_processes(kind) for kind in self.kinds.values()):
            return
        for started in [self._processes().submit(_start_process) for _ in range(self.settings.recompute_processes)]:
            started.result()

    def _in_processes(self, kind: JobKind | None) -> bool:
        """Whether jobs of ``kind`` run in the pool: parallel ones, with a pool configured, on PostgreSQL or a
        SQLite file (an in-memory database is the process's own)."""
        url = self.write_sessions.kw["bind"].url
        return (kind is not None and kind.parallel and self.settings.recompute_processes > 0
                and (url.get_backend_name() == "postgresql" or url.database not in (None, "", ":memory:")))

    def _processes(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.settings.recompute_processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_watch_parent, initargs=(os.getpid(),))
        return self.pool

    def run_once(self, limit: int = 20) -> int:
        """Claim up to ``limit`` due jobs and run them; returns how many were claimed."""
        now = clock.now()
        with self.read_sessions() as session:  # an idle poll takes no write lock
            if not repo.any_due(session, now):
                return 0
        with transaction.owned(self.write_sessions) as session:
            claimed = repo.claim(session, self.name, now, now + timedelta(seconds=self.policy.lease_seconds), limit)
        parallel = [job for job in claimed if self._in_processes(self.kinds.get(job.kind))]
        if len(parallel) > 1:
            self._run_in_processes(parallel)
        for job in claimed:
            if len(parallel) <= 1 or job not in parallel:
                self._run(job)
        return len(claimed)

    def _run_in_processes(self, claimed: list[repo.Claimed]) -> None:
        """Run ``claimed`` at once, up to one per pool process; each process runs its job as :meth:`_run`
        does here (lease, writes, finish or retry), under this worker's name, which holds the leases."""
        url = self.write_sessions.kw["bind"].url.render_as_string(hide_password=False)
        runs = [self._processes().submit(_run_in_process, url, self.settings, self.name, job, clock.now()) for job in claimed]
        for run in runs:
            try:
                run.result()
            except Exception:  # the process died: the job stays leased until its lease expires
                logger.exception("job worker %s: a job process failed", self.name)

    def run_until_idle(self) -> int:
        """Run due jobs until none is left; returns how many ran."""
        total = 0
        while ran := self.run_once():
            total += ran
        return total

    def run_forever(self, stop: threading.Event) -> None:
        """Poll for due jobs until ``stop`` is set (waking early when this process commits a job due now); a
        failing poll (database down) is logged and retried."""
        started = False
        while not stop.is_set():
            ran = 0
            try:
                if not started:
                    self.start()
                    self.start_processes()
                    started = True
                ran = self.run_once()
            except Exception:
                logger.exception("job worker %s: polling failed", self.name)
            if not ran and not stop.is_set():
                jobs.wait_for_work(self.policy.poll_seconds)

    def _run(self, job: repo.Claimed) -> None:
        kind = self.kinds.get(job.kind)
        try:
            if kind is None:
                raise UnknownKind(f"unknown job kind {job.kind!r}")
            if kind.lease_seconds is not None:
                with transaction.owned(self.write_sessions) as session:
                    if not repo.extend(session, job, self.name, clock.now() + timedelta(seconds=kind.lease_seconds)):
                        raise LeaseLost
            writes = kind.run(self.context, job.payload)
            with transaction.owned(self.write_sessions) as session:
                writes(session)
                if not repo.finish(session, job, self.name, clock.now()):
                    raise LeaseLost
        except LeaseLost:
            logger.warning("job %s (%s): lease lost, its writes were rolled back", job.id, job.kind)
        except Exception as error:  # noqa: BLE001 - any failure of a job is retried later, never lost
            self._retry(job, kind, error)

    def _retry(self, job: repo.Claimed, kind: JobKind | None, error: Exception) -> None:
        now = clock.now()
        gave_up = now - job.created_at >= timedelta(hours=self.policy.retry_hours)
        run_at = None if gave_up else now + timedelta(seconds=self.policy.delay_seconds(job.attempts))
        description = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if gave_up:
            logger.error("job %s (%s) failed for good: %s", job.id, job.kind, description)
        try:
            with transaction.owned(self.write_sessions) as session:
                if repo.retry(session, job, self.name, description, run_at, now) and kind and kind.failed:
                    kind.failed(session, job.payload, error, gave_up)
        except Exception:
            logger.exception("job %s (%s): recording its failure failed; retried when its lease expires",
                             job.id, job.kind)


# The worker of a pool process (see Worker._run_in_processes), made by its first job.
_process_worker: Worker | None = None


def _start_process() -> None:
    """Nothing: a pool process is started (and has imported this module) when this returns."""


def _watch_parent(parent: int) -> None:
    """Initialiser of a pool process: leave SIGINT and SIGTERM (sent to the whole process group by Ctrl+C or a
    service manager) to the parent, which stops the pool after its running jobs, and exit at once when the
    parent is gone without stopping it (a job cut short is rolled back and retried when its lease expires)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="banhat-parent-watch", daemon=True).start()


def _run_in_process(url: str, settings: Settings, name: str, job: repo.Claimed, now: datetime) -> None:
    """One job of a parallel batch, in a pool process: on the process's own engine, at the parent's
    clock, under the parent worker's name (whose lease the job holds)."""
    global _process_worker
    clock.set_now(now)
    if _process_worker is None:
        _process_worker = Worker(*session_factories(make_engine(url, pool_size=1)), settings, name=name)
    _process_worker.name = name
    _process_worker._run(job)


def start_thread(read_sessions: sessionmaker[Session], write_sessions: sessionmaker[Session],
                 settings: Settings) -> tuple[threading.Thread, threading.Event]:
    """The worker of a server process, as a daemon thread; set the event to stop it."""
    stop = threading.Event()

    def run() -> None:
        with Worker(read_sessions, write_sessions, settings) as worker:
            worker.run_forever(stop)

    thread = threading.Thread(target=run, name="banhat-worker", daemon=True)
    thread.start()
    return thread, stop
