"""Webhooks: a subscriber registers a URL and receives a signed POST for every change that alters a
published score, rank, tier or submission status.

Events (``type`` of the body; ``data`` as below):

- ``scores.changed``: the scores or ranks of one emulation group of a period changed (a save, submit,
  return, approve, reopen, bonus, inspection finding, import, recompute). Coalesced: the changes of one
  group and period within :data:`COALESCE` give one event, sent after it with the state of then.
- ``submission.status_changed``: a unit's report moved in the workflow (submitted, returned, ...).
- ``period.locked``: a period was locked; its scores are the published snapshot.

The services call :func:`scores_changed`, :func:`submission_status_changed` and :func:`period_locked` in
the transaction of the change; each delivery is a row of ``webhook_deliveries`` (the log the
administrator reads) sent by a job of the durable queue (:mod:`api.services.jobs`), retried with
back-off for 24 hours, then marked failed; the administrator can redeliver failed ones.

Signatures follow Standard Webhooks (https://www.standardwebhooks.com): headers ``webhook-id`` (the
delivery's id, the same on every retry and redelivery: receivers deduplicate on it),
``webhook-timestamp`` and ``webhook-signature`` (``v1,<base64 HMAC-SHA256>`` of ``id.timestamp.body``
under the subscription's ``whsec_`` secret), made with the ``standardwebhooks`` library.

Receivers are on the internet: a URL whose host is, or resolves to, a loopback, private, link-local
(169.254.169.254, the cloud metadata service), shared, multicast or reserved address is refused when it
is registered and again before each delivery (its name may resolve elsewhere by then), unless the
address is in ``BANHAT_WEBHOOK_ALLOWED_NETWORKS`` (an internal receiver the operator vouches for).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import secrets
import socket
from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy.orm import Session
from standardwebhooks import Webhook

from api import clock
from api.db.integration_models import WebhookDelivery, WebhookSubscription
from api.db.models import EmulationGroup, Period, Unit
from api.db.repositories import audit
from api.db.repositories import webhooks as repo
from api.services import jobs
from api.services.access import Principal
from api.services.errors import Conflict, FieldProblem, Invalid, NotFound
from api.services.jobs import Context, Finish, JobKind

EVENTS = ("scores.changed", "submission.status_changed", "period.locked")
# A burst of changes of one group and period within this window gives one scores.changed.
COALESCE = timedelta(seconds=5)
DELIVER, SCORES_CHANGED = "webhook.deliver", "webhook.scores_changed"


class DeliveryFailed(Exception):
    """A receiver answered with a status other than 2xx."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


class TargetRefused(Exception):
    """The target's address is loopback, private or link-local and not allowed."""


# --- Subscriptions -------------------------------------------------------------------------------


def _new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def target_refusal(url: str, allowed: Sequence[Network]) -> str | None:
    """Why ``url`` may not be a target (Vietnamese), or None: an address its host is, or resolves to, that
    is not public and not in ``allowed`` (the setting ``BANHAT_WEBHOOK_ALLOWED_NETWORKS``). A name that
    does not resolve now is not refused (it is checked again before every delivery)."""
    host = urlsplit(url).hostname
    if not host:
        return "Địa chỉ không có tên máy chủ."
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
                    "link-local): chỉ được dùng khi BANHAT_WEBHOOK_ALLOWED_NETWORKS cho phép.")
    return None


def create(session: Session, principal: Principal, url: str, events: list[str],
           allowed: Sequence[Network]) -> tuple[WebhookSubscription, str]:
    """Register a receiver; the secret is returned once, to be stored by the receiver. ``events`` are
    among :data:`EVENTS` (the API's WebhookEvent enum refuses others with a 422)."""
    principal.require("periods:write")
    refusal = target_refusal(url, allowed)
    if refusal:
        raise Invalid("Địa chỉ nhận không được phép.", [FieldProblem(["body", "url"], refusal)])
    secret = _new_secret()
    subscription = repo.add(session, WebhookSubscription(
        url=url, secret=secret, events=sorted(set(events)), active=True, created_by=principal.username,
        created_at=clock.now(),
    ))
    audit.record(session, actor=principal.username, action="webhook.create", entity="webhook",
                 entity_key=str(subscription.id), after={"url": url, "events": subscription.events})
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
                 entity_key=str(subscription.id), before={"active": True}, after={"active": False})


def deliveries(session: Session, principal: Principal, subscription_id: int, status: str | None, *,
               offset: int, limit: int) -> tuple[list[WebhookDelivery], int]:
    """One page of a subscription's delivery log (newest first) and the number of its deliveries."""
    return repo.deliveries_of(session, _get(session, principal, subscription_id).id, status,
                              offset=offset, limit=limit)


def redeliver(session: Session, principal: Principal, subscription_id: int, delivery_id: int | None) -> int:
    """Send failed deliveries again (one, or all of the subscription's), with their original id so a
    receiver that did get one can tell; returns how many were queued."""
    subscription = _get(session, principal, subscription_id)
    if not subscription.active:
        raise Conflict("Đăng ký webhook đã bị hủy.")
    if delivery_id is None:
        found, _total = repo.deliveries_of(session, subscription.id, "failed")
    else:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.subscription_id != subscription.id:
            raise NotFound("Không tìm thấy lần gửi.")
        if delivery.status != "failed":
            raise Conflict("Chỉ gửi lại được lần gửi đã thất bại.")
        found = [delivery]
    for delivery in found:
        delivery.status, delivery.error = "pending", None
        jobs.enqueue(session, DELIVER, {"delivery_id": delivery.id})
    session.flush()
    audit.record(session, actor=principal.username, action="webhook.redeliver", entity="webhook",
                 entity_key=str(subscription.id), after={"deliveries": [d.id for d in found]})
    return len(found)


# --- Events, raised in the transaction of the change ----------------------------------------------


def _emit(session: Session, event: str, data: dict) -> None:
    """One pending delivery, and the job that sends it, per active subscriber of ``event``."""
    body = {"type": event, "timestamp": clock.now().isoformat(), "data": data}
    for subscription in repo.subscribers(session, event):
        delivery = repo.add(session, WebhookDelivery(
            subscription_id=subscription.id, event=event, payload=body, status="pending", attempts=0,
            created_at=clock.now(),
        ))
        jobs.enqueue(session, DELIVER, {"delivery_id": delivery.id})


def scores_changed(session: Session, period: Period, group_ids: set[int]) -> None:
    """The scores or ranks of these groups of the period changed: one ``scores.changed`` per group after
    the coalescing window (a job per group and period, deduplicated while it waits)."""
    if not group_ids or not repo.subscribers(session, "scores.changed"):
        return
    for group_id in sorted(group_ids):
        jobs.enqueue(session, SCORES_CHANGED, {"period_id": period.id, "group_id": group_id}, delay=COALESCE,
                     dedupe_key=f"scores.changed:{period.id}:{group_id}")


def submission_status_changed(session: Session, period: Period, unit: Unit, before: str | None, after: str,
                              reason: str | None) -> None:
    _emit(session, "submission.status_changed", {
        "period": period.code, "unit": unit.code, "previous_status": before, "status": after, "reason": reason,
        "submission": f"/api/v1/submissions/{period.code}/{unit.code}",
    })


def period_locked(session: Session, period: Period) -> None:
    session.refresh(period, ["scores_version"])  # bumped by a Core statement, not on this object
    _emit(session, "period.locked", {
        "period": period.code, "scores_version": period.scores_version, "ranking": f"/api/v1/scores/{period.code}",
    })


# --- Jobs -------------------------------------------------------------------------------------------


def _announce_scores(_context: Context, payload: dict) -> Finish:
    """The coalesced ``scores.changed`` of one group: the state of when the window closed."""

    def writes(session: Session) -> None:
        period, group = session.get(Period, payload["period_id"]), session.get(EmulationGroup, payload["group_id"])
        if period is None or group is None:
            return
        _emit(session, "scores.changed", {
            "period": period.code, "period_status": period.status, "group": group.code,
            "scores_version": period.scores_version,
            "ranking": f"/api/v1/scores/{period.code}?group={group.code}",
        })

    return writes


def _deliver(context: Context, payload: dict) -> Finish:
    """POST one delivery (no write transaction is open meanwhile); a refusal raises for a retry."""
    with context.read_sessions() as session:
        delivery = session.get(WebhookDelivery, payload["delivery_id"])
        subscription = delivery and repo.subscription(session, delivery.subscription_id)
    delivery_id = payload["delivery_id"]
    if delivery is None or delivery.status != "pending":
        return jobs.nothing
    if not subscription.active:
        return lambda session: repo.set_outcome(session, delivery_id, status="cancelled",
                                                error="Đăng ký đã bị hủy.")
    refusal = target_refusal(subscription.url, context.settings.webhook_allowed_networks)
    if refusal:
        raise TargetRefused(refusal)
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    message_id, now = f"msg_{delivery.id}", clock.now()
    response = context.http.post(subscription.url, content=body, headers={
        "Content-Type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": _signer(subscription.secret).sign(message_id, now, body),
    })
    if not response.is_success:
        raise DeliveryFailed(response.status_code)
    return lambda session: repo.set_outcome(session, delivery_id, status="delivered", attempt=True, error=None,
                                            response_status=response.status_code, delivered_at=clock.now())


def _signer(secret: str) -> Webhook:
    """A ``whsec_`` secret is base64 key bytes; secrets issued before Standard Webhooks are used as is."""
    return Webhook(secret) if secret.startswith("whsec_") else Webhook(secret.encode())


def _delivery_failed(session: Session, payload: dict, error: Exception, gave_up: bool) -> None:
    repo.set_outcome(session, payload["delivery_id"], status="failed" if gave_up else "pending", attempt=True,
                     response_status=error.status if isinstance(error, DeliveryFailed) else None,
                     error=str(error)[:1000] or type(error).__name__)


JOB_KINDS = {DELIVER: JobKind(_deliver, _delivery_failed), SCORES_CHANGED: JobKind(_announce_scores)}
