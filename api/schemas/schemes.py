from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.schemas.auth import UnitRef
from api.schemas.common import InputModel
from api.schemas.enums import SchemeDraftStatus, TierCode

VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$"


class SchemeVersionOut(BaseModel):
    code: str
    catalog_version: str
    active: bool
    periods: list[str] = Field(description="Các kỳ báo cáo được chấm theo phiên bản này")


class DraftIn(InputModel):
    code: str = Field(pattern=VERSION_PATTERN, description="Mã phiên bản mới, ví dụ 2027.1")
    based_on: str | None = Field(None, max_length=64, description="Phiên bản gốc; bỏ trống: phiên bản đang áp dụng")


class DraftChangesIn(InputModel):
    """Parts of the catalog document, each replaced as a whole (same format as api/catalog/*.json)."""

    title: str | None = Field(None, max_length=500)
    indicators: list[dict[str, Any]] | None = Field(None, max_length=200)
    scheme: dict[str, Any] | None = None


class DraftOut(BaseModel):
    id: int
    code: str
    based_on: str
    status: SchemeDraftStatus = Field(description="draft (đang soạn) hoặc activated (đã áp dụng)")
    document: dict[str, Any]
    created_by: str
    created_at: datetime
    updated_at: datetime
    activated_from: str | None
    activated_at: datetime | None


class ActivateIn(InputModel):
    from_period: str = Field(max_length=32, description="Áp dụng từ kỳ này (và các kỳ sau chưa khóa)")


class ActivatedOut(BaseModel):
    draft: DraftOut
    periods: list[str] = Field(description="Các kỳ chuyển sang phiên bản mới và đã được chấm lại")
    locked_kept: list[str] = Field(description="Các kỳ đã khóa, giữ phiên bản cũ")


class PreviewSide(BaseModel):
    total: str | None
    tier: TierCode | None
    tier_label: str | None
    rank: int | None


class PreviewItem(BaseModel):
    unit: UnitRef
    group: str | None
    current: PreviewSide
    draft: PreviewSide
    tier_changed: bool
    places_moved: int | None = Field(description="Số bậc thay đổi trong cụm, khối (dương: lên hạng)")


class PreviewOut(BaseModel):
    draft: str
    period: str
    current_scheme: str
    units: int
    tier_changes: list[PreviewItem] = Field(description="Các đơn vị đổi xếp loại")
    items: list[PreviewItem]
