"""Webhook subscriptions and their delivery log."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.db.integration_models import WebhookDelivery, WebhookSubscription


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def subscriptions(session: Session) -> list[WebhookSubscription]:
    return list(session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id)))


def subscribers(session: Session, event: str) -> list[WebhookSubscription]:
    """The active subscriptions to ``event`` (few rows: filtered here, not in JSON SQL)."""
    query = select(WebhookSubscription).where(WebhookSubscription.active.is_(True)).order_by(WebhookSubscription.id)
    return [subscription for subscription in session.scalars(query) if event in subscription.events]


def subscription(session: Session, subscription_id: int) -> WebhookSubscription | None:
    return session.get(WebhookSubscription, subscription_id)


def deliveries_of(session: Session, subscription_id: int, status: str | None = None, *,
                  offset: int = 0, limit: int | None = None) -> tuple[list[WebhookDelivery], int]:
    """A subscription's deliveries, newest first, ``limit`` of them from ``offset``, and how many match."""
    conditions = [WebhookDelivery.subscription_id == subscription_id]
    if status is not None:
        conditions.append(WebhookDelivery.status == status)
    total = session.scalar(select(func.count()).select_from(WebhookDelivery).where(*conditions))
    rows = session.scalars(select(WebhookDelivery).where(*conditions).order_by(WebhookDelivery.id.desc())
                           .offset(offset).limit(limit))
    return list(rows), total


def set_outcome(session: Session, delivery_id: int, *, attempt: bool = False, **values) -> None:
    """Record a delivery's status (and, with ``attempt``, count one more attempt)."""
    if attempt:
        values["attempts"] = WebhookDelivery.attempts + 1
    session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values)
                    .execution_options(synchronize_session=False))
