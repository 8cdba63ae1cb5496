"""Reminders (đôn đốc) for the standing body; in-app notifications for units; unit contact e-mails."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.routers.deps import AppSettings, CurrentPrincipal, DbSession, RowId
from api.schemas.reminders import (
    ContactIn,
    ContactOut,
    NotificationOut,
    PeriodSchedule,
    ReminderList,
    SendIn,
    SendOut,
)
from api.services import reminders

router = APIRouter(tags=["reminders"])


@router.get("/reminders", response_model=ReminderList)
def pending(session: DbSession, principal: CurrentPrincipal, period: Annotated[str, Query()],
            days_before: Annotated[int, Query(ge=0, le=60)] = 7) -> ReminderList:
    """Units not submitted within ``days_before`` days of the deadline, and returned reports not resubmitted."""
    found, items = reminders.pending(session, principal, period, days_before)
    return ReminderList(period=found.code, items=[
        {"unit": {"code": r.unit.code, "name": r.unit.name}, "kind": r.kind, "title": r.title,
         "body": r.body(found), "due": r.due, "days_left": r.days_left} for r in items
    ])


@router.get("/reminders/schedule", response_model=list[PeriodSchedule])
def schedule(session: DbSession, principal: CurrentPrincipal, settings: AppSettings) -> list[PeriodSchedule]:
    """Lịch đôn đốc tự động của các kỳ đang mở: mỗi mốc (số ngày trước hạn), ngày gửi và số đơn vị đã nhắc."""
    return [PeriodSchedule(period=period.code, name=period.name, due=period.due, steps=[vars(step) for step in steps])
            for period, steps in reminders.schedule(session, principal, tuple(settings.reminder_offsets))]


@router.post("/reminders/send", response_model=SendOut)
def send(body: SendIn, session: DbSession, principal: CurrentPrincipal, settings: AppSettings) -> SendOut:
    """Gửi nhắc nhở: ghi thông báo cho các đơn vị trong danh sách và xếp hàng thư điện tử (gửi sau khi trả lời)."""
    result = reminders.send(session, principal, body.period, body.days_before, settings.mail)
    return SendOut(**vars(result), emailed=0, failed=0)  # the two deprecated counts (CHANGELOG)


@router.get("/units/{unit}/contact", response_model=ContactOut)
def get_contact(unit: str, session: DbSession, principal: CurrentPrincipal) -> ContactOut:
    """Địa chỉ thư điện tử nhận nhắc nhở của đơn vị (ai đặt được thì đọc được)."""
    return ContactOut(email=reminders.contact(session, principal, unit))


@router.put("/units/{unit}/contact", status_code=204, response_class=Response)
def set_contact(unit: str, body: ContactIn, session: DbSession, principal: CurrentPrincipal) -> Response:
    reminders.set_contact(session, principal, unit, body.email)
    return Response(status_code=204)


def _note(note) -> NotificationOut:
    return NotificationOut(id=note.id, kind=note.kind, title=note.title, body=note.body, created_at=note.created_at,
                           read_at=note.read_at)


@router.get("/notifications", response_model=list[NotificationOut])
def notifications(session: DbSession, principal: CurrentPrincipal,
                  unread: Annotated[bool, Query()] = False) -> list[NotificationOut]:
    return [_note(note) for note in reminders.notifications(session, principal, unread)]


@router.post("/notifications/{notification_id}/read", response_model=NotificationOut)
def mark_read(notification_id: RowId, session: DbSession, principal: CurrentPrincipal) -> NotificationOut:
    return _note(reminders.mark_read(session, principal, notification_id))
