import datetime as dt

from pydantic import BaseModel, Field

from api.domain.activities import DESCRIPTION_MAX, EVIDENCE_MAX
from api.schemas.common import InputModel
from api.schemas.enums import Channel, Subject


class ActivityIn(InputModel):
    """One dated activity of a frequency indicator (GD-03, GD-08, SN-06, TT-03, TT-09...)."""

    indicator: str = Field(max_length=32)
    date: dt.date | str = Field(description="Ngày thực hiện (yyyy-mm-dd hoặc dd/mm/yyyy), trong kỳ báo cáo")
    description: str = Field(max_length=DESCRIPTION_MAX, description="Nội dung ngắn gọn")
    subject: str | None = Field(None, max_length=64, description="Lĩnh vực (mã hoặc tên): " + "; ".join(
        f"{s.value} ({s.label})" for s in Subject))
    channel: str | None = Field(None, max_length=64, description="Hình thức (mã hoặc tên): " + "; ".join(
        f"{c.value} ({c.label})" for c in Channel))
    evidence: str | None = Field(None, max_length=EVIDENCE_MAX, description="Số văn bản hoặc đường dẫn minh chứng")


class ActivityOut(BaseModel):
    id: int
    indicator: str
    date: dt.date
    description: str
    subject: Subject | None
    subject_label: str | None
    channel: Channel | None
    channel_label: str | None
    evidence: str | None
    recorded_by: str
    recorded_at: dt.datetime


class ActivityCount(BaseModel):
    indicator: str
    subject: Subject | None
    subject_label: str | None
    channel: Channel | None
    channel_label: str | None
    count: int
