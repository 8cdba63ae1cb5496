"""Reminders for the standing body and notifications for units."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.schemas.awards import UnitName
from api.schemas.common import InputModel
from api.schemas.enums import ReminderKind


class ReminderOut(BaseModel):
    unit: UnitName
    kind: ReminderKind
    title: str
    body: str
    due: date
    days_left: int


class ReminderList(BaseModel):
    period: str
    items: list[ReminderOut]


class SendIn(InputModel):
    period: str
    days_before: int = Field(default=7, ge=0, le=60)


class SendOut(BaseModel):
    notified: int = Field(description="Số đơn vị nhận thông báo trong ứng dụng lần này.")
    emails_queued: int = Field(description="Số thư điện tử đã xếp hàng (đơn vị có địa chỉ, khi có máy chủ SMTP); "
                                           "tiến trình nền gửi sau khi trả lời.")
    skipped: int = Field(description="Số đơn vị đã được nhắc cùng loại trong ngày.")
    emailed: int = Field(deprecated=True, description="Luôn là 0: thư không còn được gửi trong yêu cầu, "
                                                         "xem emails_queued.")
    failed: int = Field(deprecated=True, description="Luôn là 0: lỗi gửi thư do tiến trình nền thử lại.")


class NotificationOut(BaseModel):
    id: int
    kind: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class ContactIn(InputModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=255)


class ContactOut(BaseModel):
    email: str | None = Field(description="Thư điện tử nhận nhắc nhở và thông báo của đơn vị; null khi chưa có")


class ScheduleStep(BaseModel):
    offset_days: int = Field(description="Số ngày trước hạn (âm: sau hạn)")
    day: date
    units_reminded: int


class PeriodSchedule(BaseModel):
    period: str
    name: str
    due: date
    steps: list[ScheduleStep]
