"""Import reports, webhook subscriptions and deliveries as the API shows them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, HttpUrl

from api.schemas.common import InputModel
from api.schemas.enums import DeliveryStatus


class ImportProblem(BaseModel):
    """Where a value was refused: `row` is the file row (header counted) or the position of the
    item in a JSON list; `column` is the header as written in the file; `cell` is like "D7"."""

    row: int
    column: str | None = None
    cell: str | None = None
    message: str


class ImportReport(BaseModel):
    kind: str = Field(description="values, units hoặc users")
    dry_run: bool
    all_or_nothing: bool
    applied: bool = Field(description="Đã ghi vào cơ sở dữ liệu hay chưa")
    rows: int = Field(
        description="Số dòng dữ liệu của tệp = created + updated + unchanged + rejected + skipped_empty"
    )
    created: int
    updated: int
    unchanged: int
    rejected: int
    skipped_empty: int = Field(description="Dòng trống hoặc không nhập gì (không thay đổi dữ liệu)")
    problems: list[ImportProblem]
    problems_omitted: int = Field(description="Số lỗi không liệt kê (vượt giới hạn danh sách)")
    scores_pending: list[str] = Field(
        default=[], description="Kỳ có điểm đang được tính lại sau khi trả kết quả (tệp rất lớn)"
    )


class ImportRefused(ImportReport):
    """The problem+json body of a refused import: the report plus RFC 9457 fields."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict]


class WebhookIn(InputModel):
    url: HttpUrl
    events: list[str] = Field(default=["scores.changed", "submission.status_changed", "period.locked"],
                              min_length=1)


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Khóa ký theo Standard Webhooks (whsec_...); chỉ hiển thị một lần")


class WebhookDeliveryOut(BaseModel):
    id: int
    event: str
    status: DeliveryStatus
    attempts: int
    response_status: int | None
    error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict


class Redelivered(BaseModel):
    redelivered: int = Field(description="Số lần gửi đã được xếp lại hàng đợi")
