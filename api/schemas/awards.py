"""Award forms, eligibility, proposals and the award settings."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.common import InputDate, InputModel
from api.schemas.enums import PeriodKind, ProposalStatus, Recipient, TierCode


class AwardFormOut(BaseModel):
    code: str
    name: str
    decided_by: str
    multipliers: dict[Recipient, str]
    occasions: list[PeriodKind]
    min_tier: TierCode
    max_rank: int | None
    timely: bool = Field(description="Có thể xét khen thưởng kịp thời, ngoài kỳ báo cáo")


class AwardCatalogOut(BaseModel):
    version: str
    legal_basis: str
    rounding_step: int
    base_salary: int
    forms: list[AwardFormOut]


class EligibilityOut(BaseModel):
    form: str
    recipient: Recipient
    eligible: bool
    provisional: bool = Field(description="Kỳ chưa khóa: kết quả tạm tính, chưa đề nghị được")
    reason: str


class Hotline(InputModel):
    name: str = Field(min_length=1, max_length=255)
    number: str = Field(min_length=1, max_length=32)


class SettingsIn(InputModel):
    """Each field left out keeps its value."""

    base_salary: int | None = Field(default=None, gt=0, description="Mức lương cơ sở (đồng)")
    legal_basis: str | None = Field(default=None, description="Văn bản quy định mức lương cơ sở")
    hotlines: list[Hotline] | None = None


class SettingsOut(BaseModel):
    base_salary: int = Field(description="Mức lương cơ sở (đồng): tiền thưởng của đề nghị lập từ nay")
    legal_basis: str = Field(description="Văn bản quy định mức lương cơ sở")
    hotlines: list[Hotline]


class ProposalIn(InputModel):
    period: str
    unit: str
    recipient: Recipient
    form: str
    person_name: str | None = Field(default=None, max_length=255)
    person_title: str | None = Field(default=None, max_length=255)


class ReturnIn(InputModel):
    reason: str = Field(min_length=1)


class DecisionIn(InputModel):
    """The Chairman's decision: its number and date, and whether the award is granted."""

    number: str = Field(min_length=1, max_length=64)
    date: InputDate
    approved: bool


class UnitName(BaseModel):
    """A unit named by code and name (without its kind: `UnitRef`)."""

    code: str
    name: str


class AttachmentOut(BaseModel):
    """A stored file checked by its content: a nomination's dossier (kept by the proposal and its decision),
    a narrative's attachment."""

    id: int
    filename: str
    content_type: str
    size: int
    uploaded_by: str
    uploaded_at: datetime


class ProposalOut(BaseModel):
    id: int
    period: str | None = Field(description="Kỳ xét khen thưởng; null: khen thưởng kịp thời")
    timely: bool
    unit: UnitName
    recipient: Recipient
    person_name: str | None
    person_title: str | None
    form: str
    form_name: str
    status: ProposalStatus
    status_label: str
    eligibility_reason: str
    multiplier: str
    base_salary: int
    amount: int
    return_reason: str | None
    decision_number: str | None
    decision_date: date | None
    proposed_by: str
    updated_at: datetime
    nomination_id: int | None = Field(description="Đề nghị của đơn vị mà đề xuất này được tiếp nhận từ")
    achievements: str | None = Field(description="Tóm tắt thành tích trong đề nghị của đơn vị")
    dossier: list[AttachmentOut]


class ProposalList(BaseModel):
    items: list[ProposalOut]
    total_amount: int
