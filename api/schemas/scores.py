from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.schemas.auth import UnitRef


class RankingItem(BaseModel):
    rank: int | None
    unit: UnitRef
    group: str | None
    total: str
    total_exact: str
    tier: str
    tier_label: str
    tier_before_quota: str
    quota_applied: bool
    pillars: dict[str, str | None]
    submission_status: str | None
    first_submitted_at: datetime | None
    veto_failed: list[str]


class RankingQuery(BaseModel):
    group: str | None = None
    kind: str | None = None
    page: int | None = Field(None, ge=1, description="Trang (bắt đầu từ 1); bỏ trống: cả bảng")
    page_size: int = Field(100, ge=1, le=1000, description="Số đơn vị mỗi trang")


class Ranking(BaseModel):
    period: str
    period_name: str
    status: str
    frozen: bool
    scores_pending: bool = Field(
        description="Điểm của kỳ đang được tính lại sau một đợt nhập dữ liệu lớn: bảng xếp hạng chưa phản ánh "
        "số liệu vừa nhập; khi tính xong, ETag đổi và trường này là false"
    )
    scheme_version: str
    items: list[RankingItem]


class ExplainedScore(BaseModel):
    period: str
    unit: UnitRef
    rank: int | None
    total: str
    total_exact: str
    tier: str
    tier_label: str
    quota_applied: bool
    frozen: bool
    scheme_version: str
    computed_at: datetime | None
    pillars: dict[str, str | None]
    explanation: dict[str, Any]
