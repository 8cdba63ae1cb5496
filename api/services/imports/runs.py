"""Import runs and `Idempotency-Key`: a retried upload returns the first answer, never applies twice.

The key is scoped to the caller. The first request records the key with the SHA-256 of its body
and options, marked running; the router commits that record before the import starts, so a
concurrent retry sees it (409). When the import ends, the answer (status and body) is stored in the
same transaction as the data. A retry with the same key and body gets that answer back; with a
different body, 422.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy.orm import Session

from api import clock
from api.db.integration_models import ImportRun
from api.db.repositories import import_runs as repo
from api.services.access import Principal
from api.services.errors import Conflict, Invalid

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
            if existing.status == "running":
                raise Conflict("Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau.")
            return StoredAnswer(existing.http_status, existing.report)
    return repo.add(
        session,
        ImportRun(
            kind=kind,
            actor=principal.username,
            idempotency_key=key,
            request_sha256=digest,
            filename=(filename or "")[:255] or None,
            status="running",
            started_at=clock.now(),
        ),
    )


def finish(session: Session, run: ImportRun, status: int, body: dict) -> None:
    run.status, run.http_status, run.report, run.finished_at = "done", status, body, clock.now()
    session.flush()


def forget(session: Session, run_id: int) -> None:
    """Drop the record of a run that failed unexpectedly, so that its key can be retried."""
    run = session.get(ImportRun, run_id)
    if run is not None:
        repo.delete(session, run)
