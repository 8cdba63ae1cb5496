"""Nominations with their dossier, and the units' narratives of a period."""

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.awards import AttachmentOut, UnitName
from api.schemas.common import InputModel
from api.schemas.enums import NominationStatus, PeriodKind, ProposalStatus, Recipient


class NominationIn(InputModel):
    """A unit's nomination: for a period's awards (``period``), or a timely award (``timely``, no period)."""

    unit: str
    period: str | None = Field(
        default=None,
        description="Kỳ xét khen thưởng (năm, sơ kết, tổng kết); bỏ trống khi đề nghị khen thưởng kịp thời",
    )
    timely: bool = Field(
        default=False, description="Khen thưởng kịp thời, ngoài lịch kỳ báo cáo (Sở Nội vụ xử lý)"
    )
    recipient: Recipient
    nominee_name: str | None = Field(
        default=None,
        max_length=255,
        description="Họ tên cá nhân (bắt buộc), hoặc tên tập thể (mặc định: đơn vị)",
    )
    nominee_title: str | None = Field(
        default=None, max_length=255, description="Chức vụ (bắt buộc với cá nhân)"
    )
    achievements: str = Field(min_length=1, max_length=10_000, description="Tóm tắt thành tích")


class NominationAcceptIn(InputModel):
    form: str = Field(min_length=1, max_length=32, description="Hình thức khen thưởng đề xuất")


class NominationProposal(BaseModel):
    """The award proposal a nomination was accepted into, as far as its decision."""

    id: int
    form: str
    status: ProposalStatus
    status_label: str
    decision_number: str | None


class NominationOut(BaseModel):
    id: int
    unit: UnitName
    period: str | None
    timely: bool
    recipient: Recipient
    nominee_name: str = Field(description="Cá nhân, hoặc tập thể (tên đơn vị khi đơn vị không ghi tên khác)")
    nominee_title: str | None
    achievements: str
    status: NominationStatus
    status_label: str
    return_reason: str | None
    proposal: NominationProposal | None
    files: list[AttachmentOut]
    nominated_by: str
    updated_at: datetime


class NarrativeIn(InputModel):
    achievements: str = Field(default="", max_length=20_000, description="Kết quả nổi bật")
    models: str = Field(default="", max_length=20_000, description="Mô hình, cách làm hay")
    difficulties: str = Field(default="", max_length=20_000, description="Khó khăn, vướng mắc")
    proposals: str = Field(default="", max_length=20_000, description="Đề xuất, kiến nghị")


class NarrativeOut(BaseModel):
    """A unit's narrative of a period; empty texts and ``updated_at`` null until it is first saved."""

    period: str
    period_kind: PeriodKind
    review: bool = Field(
        description="Kỳ sơ kết, tổng kết: báo cáo thuyết minh là báo cáo của đơn vị, không chấm điểm"
    )
    role_label: str
    unit: UnitName
    editable: bool
    achievements: str
    models: str
    difficulties: str
    proposals: str
    files: list[AttachmentOut]
    updated_by: str | None
    updated_at: datetime | None
