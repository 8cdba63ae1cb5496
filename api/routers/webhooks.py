"""Webhook subscriptions (standing body / administrator), their delivery log and redelivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.common import problem_responses
from api.schemas.enums import DeliveryStatus
from api.schemas.imports import Redelivered, WebhookCreated, WebhookDeliveryOut, WebhookIn, WebhookOut
from api.services import webhooks

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("", response_model=WebhookCreated, status_code=201)
def create(body: WebhookIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings) -> WebhookCreated:
    """Đăng ký nhận thông báo khi điểm, xếp hạng hoặc trạng thái báo cáo thay đổi, hoặc khi khóa kỳ.
    Khóa ký (secret) chỉ hiển thị một lần. Địa chỉ nội bộ (loopback, mạng riêng, link-local) bị từ chối."""
    subscription, secret = webhooks.create(session, principal, str(body.url), body.events,
                                           settings.webhook_allowed_networks)
    return WebhookCreated.model_validate({**WebhookOut.model_validate(subscription, from_attributes=True).model_dump(),
                                          "secret": secret})  # fmt: skip


@router.get("", response_model=list[WebhookOut])
def listing(session: DbSession, principal: CurrentPrincipal) -> list[WebhookOut]:
    return [WebhookOut.model_validate(s, from_attributes=True) for s in webhooks.listing(session, principal)]


@router.delete("/{subscription_id}", status_code=204)
def deactivate(subscription_id: RowId, session: DbSession, principal: CurrentPrincipal) -> Response:
    webhooks.deactivate(session, principal, subscription_id)
    return Response(status_code=204)


@router.get("/{subscription_id}/deliveries", response_model=list[WebhookDeliveryOut])
def deliveries(
    subscription_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    status: DeliveryStatus | None = None,
) -> list[WebhookDeliveryOut]:
    """Nhật ký gửi: mỗi sự kiện gửi đến đăng ký, số lần thử, mã phản hồi, lỗi (mới nhất trước)."""
    found = webhooks.deliveries(session, principal, subscription_id, limit, status)
    return [WebhookDeliveryOut.model_validate(d, from_attributes=True) for d in found]


@router.post("/{subscription_id}/redeliver", response_model=Redelivered, responses=problem_responses(409))
def redeliver_failed(subscription_id: RowId, session: DbSession, principal: CurrentPrincipal) -> Redelivered:
    """Gửi lại mọi lần gửi đã thất bại của đăng ký (giữ nguyên webhook-id để bên nhận loại trùng)."""
    return Redelivered(redelivered=webhooks.redeliver(session, principal, subscription_id, None))


@router.post("/{subscription_id}/deliveries/{delivery_id}/redeliver", response_model=Redelivered,
             responses=problem_responses(409))
def redeliver_one(subscription_id: RowId, delivery_id: RowId, session: DbSession,
                  principal: CurrentPrincipal) -> Redelivered:
    """Gửi lại một lần gửi đã thất bại."""
    return Redelivered(redelivered=webhooks.redeliver(session, principal, subscription_id, delivery_id))
