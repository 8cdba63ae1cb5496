"""webhook events: scores.published becomes period.locked; unsent deliveries go to the job queue

Subscriptions to ``scores.published`` are subscribed to ``period.locked`` instead (same moment: the
period's lock). Deliveries the old in-process sender left pending or half-sent get a delivery job, so
the worker sends them. Downgrade renames the event back (the jobs stay: the old code ignores them).

Revision ID: 20
Revises: 19
Create Date: 2026-12-06 03:50:00
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "20"
down_revision: str | None = "19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

subscriptions = sa.table("webhook_subscriptions", sa.column("id", sa.Integer), sa.column("events", sa.JSON))
deliveries = sa.table("webhook_deliveries", sa.column("id", sa.Integer), sa.column("status", sa.String))
jobs = sa.table("jobs", sa.column("kind", sa.String), sa.column("payload", sa.JSON),
                sa.column("run_at", sa.DateTime(timezone=True)), sa.column("status", sa.String),
                sa.column("attempts", sa.Integer), sa.column("created_at", sa.DateTime(timezone=True)))


def _rename(old: str, new: str) -> None:
    bind = op.get_bind()
    for subscription_id, events in bind.execute(sa.select(subscriptions.c.id, subscriptions.c.events)).all():
        events = json.loads(events) if isinstance(events, str) else events
        if old in events:
            renamed = sorted({new if event == old else event for event in events})
            bind.execute(subscriptions.update().where(subscriptions.c.id == subscription_id).values(events=renamed))


def upgrade() -> None:
    _rename("scores.published", "period.locked")
    bind = op.get_bind()
    unsent = bind.execute(sa.select(deliveries.c.id).where(deliveries.c.status.in_(["pending", "sending"]))).scalars()
    now = datetime.now(UTC)
    for delivery_id in list(unsent):
        bind.execute(deliveries.update().where(deliveries.c.id == delivery_id).values(status="pending"))
        bind.execute(jobs.insert().values(kind="webhook.deliver", payload={"delivery_id": delivery_id}, run_at=now,
                                          status="pending", attempts=0, created_at=now))


def downgrade() -> None:
    _rename("period.locked", "scores.published")
