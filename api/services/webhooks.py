"""Webhooks: a subscriber registers a URL and receives a signed POST when a period's scores change
or are published (the period is locked).

Each event is first written as a pending delivery in the transaction that changed the scores, so
an event is never announced for a change that was rolled back. After the response, the pending
deliveries are sent with retries (tenacity, exponential back-off) and the outcome of every
delivery is kept in a log the subscriber's administrator can read.

Signature: header `X-BaNhat-Signature: sha256=<hex>` where hex is HMAC-SHA256 with the
subscription's secret over `<X-BaNhat-Timestamp>.<raw body>`; receivers should also refuse old
timestamps to stop replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

import httpx
from sqlalchemy.orm import Session, sessionmaker
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from api import clock
from api.db.integration_models import WebhookDelivery, WebhookSubscription
from api.db.models import Period
from api.db.repositories import audit
from api.db.repositories import webhooks as repo
from api.services import transaction
from api.services.access import Principal
from api.services.errors import Invalid, NotFound

EVENTS = ("scores.changed", "scores.published")
SIGNATURE_HEADER = "X-BaNhat-Signature"
TIMESTAMP_HEADER = "X-BaNhat-Timestamp"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    first_wait: float = 0.5
    max_wait: float = 30.0
    timeout: float = 10.0


DEFAULT_POLICY = RetryPolicy()


def policy(app) -> RetryPolicy:
    """The application's retry policy (tests set a faster one on `app.state.webhook_policy`)."""
    return getattr(app.state, "webhook_policy", DEFAULT_POLICY)


class DeliveryFailed(Exception):
    """A receiver answered with a status other than 2xx."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def create(
    session: Session, principal: Principal, url: str, events: list[str]
) -> tuple[WebhookSubscription, str]:
    """Register a receiver; the secret is returned once, to be stored by the receiver."""
    principal.require("periods:write")
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise Invalid(f"Sự kiện không hỗ trợ: {', '.join(unknown)}. Hỗ trợ: {', '.join(EVENTS)}.")
    secret = secrets.token_urlsafe(32)
    subscription = repo.add(
        session,
        WebhookSubscription(
            url=url, secret=secret, events=sorted(set(events)), active=True, created_by=principal.username,
            created_at=clock.now(),
        ),
    )  # fmt: skip
    audit.record(session, actor=principal.username, action="webhook.create", entity="webhook",
                 entity_key=str(subscription.id), after={"url": url, "events": subscription.events})  # fmt: skip
    return subscription, secret


def listing(session: Session, principal: Principal) -> list[WebhookSubscription]:
    principal.require("periods:write")
    return repo.subscriptions(session)


def _get(session: Session, principal: Principal, subscription_id: int) -> WebhookSubscription:
    principal.require("periods:write")
    subscription = repo.subscription(session, subscription_id)
    if subscription is None:
        raise NotFound("Không tìm thấy đăng ký webhook.")
    return subscription


def deactivate(session: Session, principal: Principal, subscription_id: int) -> None:
    subscription = _get(session, principal, subscription_id)
    subscription.active = False
    session.flush()
    audit.record(session, actor=principal.username, action="webhook.deactivate", entity="webhook",
                 entity_key=str(subscription.id), before={"active": True}, after={"active": False})  # fmt: skip


def deliveries(
    session: Session, principal: Principal, subscription_id: int, limit: int
) -> list[WebhookDelivery]:
    return repo.deliveries_of(session, _get(session, principal, subscription_id).id, limit)


def enqueue(session: Session, period: Period) -> str:
    """Queue the event of a period whose scores changed (or were frozen by the lock) for every
    active subscriber of it; returns the period code."""
    event = "scores.published" if period.status == "locked" else "scores.changed"
    session.refresh(period, ["scores_version"])  # bumped by a Core statement, not on this object
    payload = {
        "event": event,
        "period": period.code,
        "period_status": period.status,
        "scores_version": period.scores_version,
        "ranking": f"/api/v1/scores/{period.code}",
        "occurred_at": clock.now().isoformat(),
    }
    for subscription in repo.subscriptions(session, active_only=True):
        if event in subscription.events:
            session.add(
                WebhookDelivery(
                    subscription_id=subscription.id, event=event, payload=payload, status="pending", attempts=0,
                    created_at=clock.now(),
                )
            )  # fmt: skip
    session.flush()
    return period.code


def announce(session: Session, app, background, period: Period) -> None:
    """Queue the period's event now (in the caller's transaction) and send it after the response."""
    enqueue(session, period)
    background.add_task(deliver_pending, app.state.write_sessions, policy(app))


def deliver_pending(sessions: sessionmaker[Session], policy: RetryPolicy = DEFAULT_POLICY) -> int:
    """Send every pending delivery (each in its own transaction); returns how many succeeded."""
    with transaction.owned(sessions) as session:
        ids = repo.pending_ids(session)
    delivered = 0
    with httpx.Client(timeout=policy.timeout) as client:
        for delivery_id in ids:
            with transaction.owned(sessions) as session:  # claimed in a transaction of its own
                claimed = repo.claim(session, delivery_id)
            if not claimed:
                continue
            with transaction.owned(sessions) as session:
                delivery = session.get(WebhookDelivery, delivery_id)
                subscription = repo.subscription(session, delivery.subscription_id)
                delivered += _send(client, subscription, delivery, policy)
    return delivered


def _send(client: httpx.Client, subscription: WebhookSubscription, delivery: WebhookDelivery,
          policy: RetryPolicy) -> bool:  # fmt: skip
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()

    def attempt() -> httpx.Response:
        delivery.attempts += 1
        timestamp = str(int(clock.now().timestamp()))
        response = client.post(
            subscription.url,
            content=body,
            headers={
                "Content-Type": "application/json",
                "X-BaNhat-Event": delivery.event,
                "X-BaNhat-Delivery": str(delivery.id),
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: sign(subscription.secret, timestamp, body),
            },
        )
        delivery.response_status = response.status_code
        if not response.is_success:
            raise DeliveryFailed(response.status_code)
        return response

    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait_exponential(multiplier=policy.first_wait, max=policy.max_wait),
        retry=retry_if_exception_type((httpx.TransportError, DeliveryFailed)),
    )
    try:
        retrying(attempt)
    except RetryError as error:
        delivery.status = "failed"
        delivery.error = str(error.last_attempt.exception())[:1000]
        return False
    delivery.status, delivery.error, delivery.delivered_at = "delivered", None, clock.now()
    return True
