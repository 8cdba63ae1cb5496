"""Import reports, webhook subscriptions and deliveries as the API shows them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from api.schemas.auth import ActivationCodeOut
from api.schemas.common import InputModel, ProblemError
from api.schemas.enums import DeliveryStatus, ImportKind, WebhookEvent


class ImportProblem(BaseModel):
    """Where a value was refused: `row` is the file row (header counted) or the position of the
    item in a JSON list; `column` is the header as written in the file; `cell` is like "D7"."""

    row: int
    column: str | None = None
    cell: str | None = None
    message: str


class ImportReport(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "values", "dry_run": False, "all_or_nothing": False, "applied": True, "rows": 3, "created": 1,
        "updated": 1, "unchanged": 0, "rejected": 1, "skipped_empty": 0,
        "problems": [{"row": 4, "column": "tu_so", "cell": "E4", "message": "Phải là số nguyên từ 0 đến 1.000.000.000."}],
        "problems_omitted": 0, "scores_pending": [],
    }]})

    kind: ImportKind
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
    activation_codes: list[ActivationCodeOut] = Field(
        default=[], description="Mã kích hoạt của các tài khoản mới không có mật khẩu ban đầu (nhập tài khoản); "
        "chỉ có trong câu trả lời này, không lưu lại, không gửi lại khi dùng lại Idempotency-Key",
    )


class ImportRefused(ImportReport):
    """The problem+json body of a refused import: the report plus RFC 9457 fields."""

    model_config = ConfigDict(json_schema_extra=None)

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ProblemError]


class WebhookIn(InputModel):
    url: HttpUrl
    events: list[WebhookEvent] = Field(default=list(WebhookEvent), min_length=1)


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[WebhookEvent]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 1, "url": "https://he-thong-khac.hungyen.gov.vn/ba-nhat", "events": ["scores.changed", "period.locked"],
        "active": True, "created_at": "2026-06-01T02:00:00Z", "secret": "whsec_yUgWrlggmv6hhiXfiyRhzw1WrutkUYbLiGaUbx11YAM",
    }]})

    secret: str = Field(description="Khóa ký theo Standard Webhooks (whsec_...); chỉ hiển thị một lần")


class WebhookDeliveryOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 7, "event": "scores.changed", "status": "delivered", "attempts": 1, "response_status": 200, "error": None,
        "created_at": "2026-06-20T08:15:00Z", "delivered_at": "2026-06-20T08:15:01Z",
        "payload": {"type": "scores.changed", "timestamp": "2026-06-20T15:15:00+07:00", "data": {
            "period": "2026-H1", "period_status": "open", "group": "CAX", "scores_version": 42,
            "ranking": "/api/v1/scores/2026-H1?group=CAX"}},
    }]})

    id: int
    event: WebhookEvent
    status: DeliveryStatus
    attempts: int
    response_status: int | None
    error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict


class Redelivered(BaseModel):
    redelivered: int = Field(description="Số lần gửi đã được xếp lại hàng đợi")
