from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.auth import UnitRef
from api.schemas.common import MAX_PAGE, CodeFilter, KindFilter, SearchText
from api.schemas.enums import (
    PeriodKind,
    PeriodStatus,
    Pillar,
    RankStatus,
    SubmissionStatus,
    TierCode,
    UnitKind,
)
from api.schemas.submissions import ValueOut


class RankingItem(BaseModel):
    rank: int | None = Field(description="Hạng trong cụm, khối; null khi đơn vị chưa được xếp hạng (xem rank_status)")
    rank_status: RankStatus = Field(
        description="ranked (đã duyệt), provisional (đã nộp, xếp hạng tạm thời), not_approved (chưa duyệt, khi "
        "phương án chỉ xếp hạng báo cáo đã duyệt), returned, not_submitted (chưa nộp), no_result (kỳ sơ kết, "
        "tổng kết: chưa có kết quả năm nào); chỉ ranked và provisional có hạng"
    )
    rank_status_label: str = Field(description="rank_status bằng tiếng Việt, để hiển thị")
    unit: UnitRef
    group: str | None = Field(description="Mã cụm, khối thi đua của đơn vị")
    total: str | None = Field(description="Tổng điểm làm tròn 2 chữ số (\"95.37\"); null khi đơn vị chưa có kết quả "
                              "(chưa nộp báo cáo)")
    total_exact: str | None = Field(description="Tổng điểm chính xác: số nguyên hoặc phân số (\"2675/27\")")
    tier: TierCode | None = Field(description="Xếp loại sau hạn mức; null khi chưa có kết quả")
    tier_label: str = Field(description="Xếp loại bằng tiếng Việt")
    tier_before_quota: TierCode | None = Field(description="Xếp loại theo điểm, trước khi áp hạn mức của cụm, khối")
    quota_applied: bool = Field(description="Hạn mức tỷ lệ xếp loại đã hạ xếp loại của đơn vị")
    pillars: dict[Pillar, str | None] = Field(description="Điểm từng trụ cột (KL, TT, GD), làm tròn 2 chữ số")
    submission_status: SubmissionStatus | None = Field(description="Trạng thái báo cáo; null khi chưa có báo cáo")
    first_submitted_at: datetime | None = Field(description="Lần nộp đầu (UTC), căn cứ tính đúng hạn")
    veto_failed: list[str] = Field(description="Mã các chỉ tiêu phủ quyết không đạt")


RANKING_ITEM = {
    "rank": 2, "rank_status": "ranked", "rank_status_label": "Đã duyệt",
    "unit": {"code": "CAX-023", "name": "Công an xã Đức Hợp", "kind": "commune_police"}, "group": "CAX",
    "total": "99.07", "total_exact": "2675/27", "tier": "XUAT_SAC", "tier_label": "Hoàn thành xuất sắc nhiệm vụ",
    "tier_before_quota": "XUAT_SAC", "quota_applied": False, "pillars": {"KL": "97.22", "TT": "100.00", "GD": "100.00"},
    "submission_status": "approved", "first_submitted_at": "2026-06-18T03:00:00Z", "veto_failed": [],
}


class RankingQuery(BaseModel):
    model_config = ConfigDict(frozen=True)  # parse_query hands one instance to every poll with the same query

    group: CodeFilter = None
    kind: KindFilter = None
    q: SearchText = None
    page: int | None = Field(None, ge=1, le=MAX_PAGE, description="Trang (bắt đầu từ 1); bỏ trống: cả bảng")
    page_size: int = Field(100, ge=1, le=1000, description="Số đơn vị mỗi trang")


class Ranking(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "period": "2026-H1", "period_name": "Sơ kết 06 tháng đầu năm 2026", "status": "open", "frozen": False,
        "scores_pending": False, "scheme_version": "2026.1", "previous_period": None, "items": [RANKING_ITEM],
    }]})

    period: str = Field(description="Mã kỳ (\"2026-H1\")")
    period_name: str
    status: PeriodStatus = Field(description="open: điểm còn thay đổi; locked: kỳ đã khóa, điểm đã công bố")
    frozen: bool = Field(description="Điểm đã đóng băng khi khóa kỳ")
    scores_pending: bool = Field(
        description="Điểm của kỳ đang được tính lại sau một đợt nhập dữ liệu lớn: bảng xếp hạng chưa phản ánh "
        "số liệu vừa nhập; khi tính xong, ETag đổi và trường này là false"
    )
    scheme_version: str = Field(description="Bộ tiêu chí dùng để chấm (GET /schemes/active)")
    previous_period: str | None = Field(
        description="Kỳ cùng loại của năm trước để so sánh (6 tháng với 6 tháng, năm với năm); null nếu không có"
    )
    items: list[RankingItem] = Field(description="Các đơn vị theo thứ tự hạng; với `page`, chỉ trang đó")


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


# Exact numbers of an explanation: always a string, never a JSON number (docs/api.md, "Exact numbers").
Exact = Annotated[str, Field(pattern=r"^-?[0-9]+(/[0-9]+)?$", examples=["95", "2375/24"])]


class AdjustmentExplained(BaseModel):
    points: Exact
    reason: str


class PillarExplained(BaseModel):
    pillar: Pillar
    score: Exact | None = Field(description="null khi không có chỉ tiêu nào của trụ cột được áp dụng")
    weight: Exact
    points: Exact
    weight_total: Exact
    applicable_count: int


class IndicatorExplained(BaseModel):
    code: str
    pillar: Pillar
    applicable: bool
    reason_not_applicable: str
    value: ValueOut | None
    rule_text: str
    threshold: str | None = Field(
        description="Ngưỡng: số chính xác (phần trăm, số lần, tỷ lệ năm trước) hoặc hạn (yyyy-mm-dd)"
    )
    met: bool
    attainment: Exact
    weight: Exact
    points: Exact
    veto: bool
    missing: bool
    rate: Exact | None = Field(description="Tỷ lệ đã nhập (%), chỉ với chỉ tiêu tỷ lệ")
    basis: str = Field(description="Chỉ tiêu tần suất: activities (theo từng kỳ), total (tổng số); rỗng với chỉ tiêu khác")
    windows_total: int
    windows_met: int
    windows_missed: list[str]


class Explanation(BaseModel):
    """How the score was computed (api.domain.explain); every exact number is a string."""

    unit_kind: UnitKind
    period_code: str
    scheme_version: str
    base: Exact
    bonus_requested: Exact
    bonus_applied: Exact
    bonus_capped: bool = Field(description="Điểm thưởng vượt mức trần, chỉ tính đến mức trần")
    deductions_total: Exact
    total: Exact
    tier_before_veto: TierCode
    tier: TierCode
    veto_failed: list[str]
    missing: list[str]
    bonuses: list[AdjustmentExplained]
    deductions: list[AdjustmentExplained]
    pillars: list[PillarExplained]
    indicators: list[IndicatorExplained]


class ExplainedScore(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "period": "2026-H1", "unit": RANKING_ITEM["unit"], "rank": 2, "rank_status": "ranked",
        "rank_status_label": "Đã duyệt", "total": "99.07", "total_exact": "2675/27", "tier": "XUAT_SAC",
        "tier_label": "Hoàn thành xuất sắc nhiệm vụ", "quota_applied": False, "frozen": False,
        "scheme_version": "2026.1", "computed_at": "2026-06-20T08:15:00Z", "pillars": RANKING_ITEM["pillars"],
        "explanation": {
            "unit_kind": "commune_police", "period_code": "2026-H1", "scheme_version": "2026.1", "base": "2675/27",
            "bonus_requested": "0", "bonus_applied": "0", "bonus_capped": False, "deductions_total": "0",
            "total": "2675/27", "tier_before_veto": "XUAT_SAC", "tier": "XUAT_SAC", "veto_failed": [], "missing": [],
            "bonuses": [], "deductions": [],
            "pillars": [{"pillar": "KL", "score": "875/9", "weight": "1", "points": "35/4", "weight_total": "9",
                         "applicable_count": 9}],
            "indicators": [{
                "code": "KL-01", "pillar": "KL", "applicable": True, "reason_not_applicable": "",
                "value": {"numerator": 38, "denominator": 38, "count": None, "flag": None, "date": None, "note": ""},
                "rule_text": "Đạt 100%", "threshold": "100", "met": True, "attainment": "1", "weight": "1",
                "points": "1", "veto": False, "missing": False, "rate": "100", "basis": "", "windows_total": 0,
                "windows_met": 0, "windows_missed": [],
            }],
        },
    }]})

    period: str
    unit: UnitRef
    rank: int | None = Field(description="Như trong bảng xếp hạng")
    rank_status: RankStatus | None = Field(description="Như trong bảng xếp hạng; null trong bản xem trước")
    rank_status_label: str | None
    total: str = Field(description="Tổng điểm làm tròn 2 chữ số")
    total_exact: str = Field(description="Tổng điểm chính xác: số nguyên hoặc phân số")
    tier: TierCode
    tier_label: str
    quota_applied: bool
    frozen: bool
    scheme_version: str
    computed_at: datetime | None = Field(description="Lúc điểm được tính (UTC)")
    pillars: dict[Pillar, str | None]
    explanation: Explanation = Field(description="Cách tính: từng chỉ tiêu, trụ cột, điểm thưởng, điểm trừ, phủ quyết")


class Lateness(BaseModel):
    days_late: int = Field(description="Số ngày muộn so với hạn nộp (tính theo lần nộp đầu, hoặc hôm nay)")
    deduction: str = Field(description="Số điểm bị trừ vì nộp muộn")


class ScorePreview(ExplainedScore):
    """The score the report would get if submitted now; its explanation lists every adjustment."""

    model_config = ConfigDict(json_schema_extra=None)  # not the explained score's example

    lateness: Lateness | None = Field(
        description="Nộp bây giờ thì muộn bao nhiêu ngày và bị trừ bao nhiêu; null nếu đúng hạn"
    )
