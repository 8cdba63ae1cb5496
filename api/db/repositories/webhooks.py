"""Webhook subscriptions and their delivery log."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.db.integration_models import WebhookDelivery, WebhookSubscription


def add(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def subscriptions(session: Session, active_only: bool = False) -> list[WebhookSubscription]:
    query = select(WebhookSubscription).order_by(WebhookSubscription.id)
    if active_only:
        query = query.where(WebhookSubscription.active.is_(True))
    return list(session.scalars(query))


def subscription(session: Session, subscription_id: int) -> WebhookSubscription | None:
    return session.get(WebhookSubscription, subscription_id)


def deliveries_of(session: Session, subscription_id: int, limit: int) -> list[WebhookDelivery]:
    return list(
        session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.subscription_id == subscription_id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )


def pending_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(WebhookDelivery.id).where(WebhookDelivery.status == "pending").order_by(WebhookDelivery.id)
        )
    )


def claim(session: Session, delivery_id: int) -> bool:
    """Mark a pending delivery as being sent; False when another worker took it first."""
    result = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending")
        .values(status="sending")
    )
    return result.rowcount == 1
