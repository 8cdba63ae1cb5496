"""Webhooks: a subscriber registers a URL and receives a signed POST when a period's scores change
or are published (the period is locked).

Each event is first written as a pending delivery in the transaction that changed the scores, so
an event is never announced for a change that was rolled back. After the response, the pending
deliveries are sent with retries (tenacity, exponential back-off) and the outcome of every
delivery is kept in a log the subscriber's administrator can read.

Signature: header `X-BaNhat-Signature: sha256=<hex>` where hex is HMAC-SHA256 with the
subscription's secret over `<X-BaNhat-Timestamp>.<raw body>`; receivers should also refuse old
timestamps to stop replays.

Receivers are on the internet: a URL whose host is, or resolves to, a loopback, private, link-local
(169.254.169.254, the cloud metadata service), shared, multicast or reserved address is refused when it
is registered and again before each delivery (its name may resolve elsewhere by then), unless the
address is in ``BANHAT_WEBHOOK_ALLOWED_NETWORKS`` (an internal receiver the operator vouches for).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
from api.services.errors import FieldProblem, Invalid, NotFound

EVENTS = ("scores.changed", "scores.published")
SIGNATURE_HEADER = "X-BaNhat-Signature"
TIMESTAMP_HEADER = "X-BaNhat-Timestamp"


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    first_wait: float = 0.5
    max_wait: float = 30.0
    timeout: float = 10.0
    # Non-public networks receivers may nevertheless be on (BANHAT_WEBHOOK_ALLOWED_NETWORKS).
    allowed_networks: tuple[Network, ...] = ()


DEFAULT_POLICY = RetryPolicy()


def policy(app) -> RetryPolicy:
    """The application's delivery policy: retries (tests set faster ones on `app.state.webhook_policy`)
    and the allowed non-public networks of the settings."""
    base = getattr(app.state, "webhook_policy", DEFAULT_POLICY)
    configured = tuple(ipaddress.ip_network(str(n)) for n in app.state.settings.webhook_allowed_networks)
    return replace(base, allowed_networks=base.allowed_networks + configured)


def refused_target(url: str, allowed: Sequence[Network]) -> str | None:
    """Why a receiver URL may not be called (Vietnamese), or None: an address of its host that is not
    public and not in ``allowed``. A name that does not resolve (now) is left to the delivery."""
    host = httpx.URL(url).host
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        return None
    for text in sorted(found):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if address.version == 6 and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global and not any(address in network for network in allowed
                                             if network.version == address.version):  # fmt: skip
            return (f"Địa chỉ nhận «{host}» trỏ tới {address}, một địa chỉ nội bộ (loopback, mạng riêng, "
                    "link-local): không được phép.")
    return None


class DeliveryFailed(Exception):
    """A receiver answered with a status other than 2xx."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def create(
    session: Session, principal: Principal, url: str, events: list[str], allowed: Sequence[Network] = ()
) -> tuple[WebhookSubscription, str]:
    """Register a receiver; the secret is returned once, to be stored by the receiver."""
    principal.require("periods:write")
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise Invalid(f"Sự kiện không hỗ trợ: {', '.join(unknown)}. Hỗ trợ: {', '.join(EVENTS)}.")
    reason = refused_target(url, allowed)
    if reason:
        raise Invalid(reason, [FieldProblem(["body", "url"], reason)])
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
    reason = refused_target(subscription.url, policy.allowed_networks)
    if reason:
        delivery.status, delivery.error = "failed", reason
        return False

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
