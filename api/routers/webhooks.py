"""Webhook subscriptions (standing body / administrator), their delivery log and redelivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId, page_headers
from api.schemas.common import MAX_PAGE, PAGE_HEADERS, problem_responses
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


@router.get("/{subscription_id}/deliveries", response_model=list[WebhookDeliveryOut],
            responses={200: {"headers": PAGE_HEADERS}})
def deliveries(
    request: Request,
    response: Response,
    subscription_id: RowId,
    session: DbSession,
    principal: CurrentPrincipal,
    status: DeliveryStatus | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
    limit: Annotated[int | None, Query(ge=1, le=500, deprecated=True,
                                       description="Thay bằng page_size (docs/api.md: chính sách phiên bản).")] = None,
) -> list[WebhookDeliveryOut]:
    """Nhật ký gửi: mỗi sự kiện gửi đến đăng ký, số lần thử, mã phản hồi, lỗi (mới nhất trước), phân
    trang như mọi danh sách (`page`, `page_size`, `X-Total-Count`, `Link`)."""
    size = page_size if limit is None else limit  # `limit`, the pre-paging name, still gives the first page's size
    found, total = webhooks.deliveries(session, principal, subscription_id, status,
                                       offset=(page - 1) * size, limit=size)
    response.headers.update(page_headers(request, page, size, total))
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
