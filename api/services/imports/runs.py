"""Import runs and `Idempotency-Key`: a retried upload returns the first answer, never applies twice.

The key is scoped to the caller. The first request records the key with the SHA-256 of its body
and options, marked running; the router commits that record before the import starts, so a
concurrent retry sees it (409). When the import ends, the answer (status and body) is stored in the
same transaction as the data. A retry with the same key and body gets that answer back; with a
different body, 422.

A run records the process running it. A server killed during an import (SIGKILL, power cut) leaves its
run marked running; a retry with the same key then finds that process gone, drops the record and runs
the import (its data was rolled back with the killed transaction), and a server starting on that host
drops such records at once. A run of another host is taken as live until that host's server restarts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session, sessionmaker

from api import clock
from api.db.integration_models import ImportRun
from api.db.repositories import import_runs as repo
from api.services import transaction
from api.services.access import Principal
from api.services.errors import Conflict, Invalid

logger = logging.getLogger(__name__)
HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    body: dict


def request_digest(file: BinaryIO, kind: str, options: dict[str, object]) -> str:
    # Options left unset are not hashed: adding an option keeps the digests of earlier requests.
    given = sorted((name, value) for name, value in options.items() if value is not None)
    digest = hashlib.sha256(f"{kind}|{given}|".encode())
    file.seek(0)
    while chunk := file.read(HASH_CHUNK):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def begin(
    session: Session, principal: Principal, kind: str, key: str | None, digest: str, filename: str | None
) -> ImportRun | StoredAnswer:
    """A new running run, or the stored answer of a finished run with this key."""
    if key is not None:
        existing = repo.by_key(session, principal.username, key)
        if existing is not None:
            if existing.request_sha256 != digest:
                raise Invalid(
                    "Idempotency-Key này đã được dùng cho một yêu cầu khác (khác tệp hoặc tùy chọn)."
                )
            if existing.status == "done":
                return StoredAnswer(existing.http_status, existing.report)
            if _owner_alive(existing.owner):
                raise Conflict("Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau.")
            repo.delete(session, existing)
    return repo.add(
        session,
        ImportRun(
            kind=kind,
            actor=principal.username,
            idempotency_key=key,
            request_sha256=digest,
            filename=(filename or "")[:255] or None,
            status="running",
            owner=process_identity(),
            started_at=clock.now(),
        ),
    )


def release_interrupted(sessions: sessionmaker[Session]) -> None:
    """At start-up: drop the records of runs whose process on this host is gone, so their keys can be
    used again. Errors are logged, not raised: a retry still finds the dead owner."""
    try:
        with transaction.owned(sessions) as session:
            interrupted = [run for run in repo.running(session) if not _owner_alive(run.owner)]
            for run in interrupted:
                repo.delete(session, run)
    except Exception:
        logger.exception("releasing interrupted import runs failed")
        return
    if interrupted:
        logger.warning("released %d import run(s) interrupted by a stop", len(interrupted))


def process_identity(pid: int | None = None) -> str:
    """``host/pid/start``: the start time tells this process from a later one given the same pid."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}/{pid}/{_start_time(pid)}"


def _start_time(pid: int) -> str | None:
    """The process's start (clock ticks after boot, from /proc), "-" where /proc is missing but the
    process exists, None when it does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        if Path("/proc/self/stat").exists():
            return None
    except OSError:
        return None
    else:
        return stat.rsplit(")", 1)[1].split()[19]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return "-"


def _owner_alive(owner: str | None) -> bool:
    """Whether the process that recorded a running run may still be running it: yes for another host's
    (it cannot be told from here), no for none recorded (left by a server of before owners)."""
    if owner is None:
        return False
    host, pid, started = owner.rsplit("/", 2)
    if host != socket.gethostname():
        return True
    return pid.isdigit() and _start_time(int(pid)) == started


def finish(session: Session, run: ImportRun, status: int, body: dict) -> None:
    run.status, run.http_status, run.report, run.finished_at = "done", status, body, clock.now()
    session.flush()


def forget(session: Session, run_id: int) -> None:
    """Drop the record of a run that failed unexpectedly, so that its key can be retried."""
    run = session.get(ImportRun, run_id)
    if run is not None:
        repo.delete(session, run)
