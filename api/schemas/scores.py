from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from api.schemas.auth import UnitRef
from api.schemas.enums import PeriodKind, Pillar, RankStatus, SubmissionStatus, TierCode


class RankingItem(BaseModel):
    rank: int | None = Field(description="Hạng trong cụm, khối; null khi đơn vị chưa được xếp hạng (xem rank_status)")
    rank_status: RankStatus = Field(
        description="ranked (đã duyệt), provisional (đã nộp, xếp hạng tạm thời), not_approved (chưa duyệt, khi "
        "phương án chỉ xếp hạng báo cáo đã duyệt), returned, not_submitted (chưa nộp), no_result (kỳ sơ kết, "
        "tổng kết: chưa có kết quả năm nào); chỉ ranked và provisional có hạng"
    )
    rank_status_label: str
    unit: UnitRef
    group: str | None
    total: str | None = Field(description="null khi đơn vị chưa có kết quả (chưa nộp báo cáo)")
    total_exact: str | None
    tier: TierCode | None
    tier_label: str
    tier_before_quota: TierCode | None
    quota_applied: bool
    pillars: dict[Pillar, str | None]
    submission_status: SubmissionStatus | None
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
    previous_period: str | None = Field(
        description="Kỳ cùng loại của năm trước để so sánh (6 tháng với 6 tháng, năm với năm); null nếu không có"
    )
    items: list[RankingItem]


class HistoryPoint(BaseModel):
    period: str
    name: str
    kind: PeriodKind
    start: date
    end: date
    started: bool
    compares_with: str | None = Field(description="Kỳ cùng loại liền trước (năm trước) để so sánh")
    total: str | None = Field(description="null khi kỳ chưa bắt đầu hoặc đơn vị chưa có kết quả; không bao giờ là 0 thay cho null")
    tier: TierCode | None
    rank: int | None
    rank_status: RankStatus | None
    rank_status_label: str | None


class UnitHistory(BaseModel):
    unit: UnitRef
    points: list[HistoryPoint]


class ExplainedScore(BaseModel):
    period: str
    unit: UnitRef
    rank: int | None
    rank_status: RankStatus | None = Field(description="Như trong bảng xếp hạng; null trong bản xem trước")
    rank_status_label: str | None
    total: str
    total_exact: str
    tier: TierCode
    tier_label: str
    quota_applied: bool
    frozen: bool
    scheme_version: str
    computed_at: datetime | None
    pillars: dict[Pillar, str | None]
    explanation: dict[str, Any]
