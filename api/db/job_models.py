"""The durable job queue (outbox): work that happens after a response, written in the same transaction
as the change that causes it and run by a worker (api/services/worker.py)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.models import Base


class Job(Base):
    """One job: pending until ``run_at``, then leased by one worker (``locked_by`` until ``locked_until``),
    done, or retried with back-off until it is failed for good.

    ``dedupe_key`` (unique) lets a burst of changes queue one job: a second insert with the same key while
    the first is still pending does nothing; the key is cleared when a worker claims the job.
    """

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_run_at", "status", "run_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    run_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))  # pending, running, done, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
