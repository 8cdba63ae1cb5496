"""Webhook subscriptions (standing body / administrator) and their delivery log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.routers.deps import CurrentPrincipal, DbSession, RowId
from api.schemas.common import COMMON_PROBLEMS
from api.schemas.imports import WebhookCreated, WebhookDeliveryOut, WebhookIn, WebhookOut
from api.services import webhooks

router = APIRouter(prefix="/webhooks", tags=["webhooks"], responses=COMMON_PROBLEMS)


@router.post("", response_model=WebhookCreated, status_code=201)
def create(body: WebhookIn, request: Request, session: DbSession, principal: CurrentPrincipal) -> WebhookCreated:
    """Đăng ký nhận thông báo khi điểm của một kỳ thay đổi hoặc được công bố (khóa kỳ). Khóa ký
    (secret) chỉ hiển thị một lần. Địa chỉ nhận phải là địa chỉ công khai (không loopback, mạng riêng,
    link-local)."""
    allowed = webhooks.policy(request.app).allowed_networks
    subscription, secret = webhooks.create(session, principal, str(body.url), body.events, allowed)
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
) -> list[WebhookDeliveryOut]:
    """Nhật ký gửi: mỗi lần gửi một sự kiện, số lần thử, mã phản hồi, lỗi (mới nhất trước)."""
    found = webhooks.deliveries(session, principal, subscription_id, limit)
    return [WebhookDeliveryOut.model_validate(d, from_attributes=True) for d in found]
