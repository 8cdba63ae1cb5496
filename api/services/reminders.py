"""Reminders (đôn đốc): units that have not submitted close to a deadline, and returned reports.

The standing body lists them and sends reminders: each becomes an in-app notification of the unit and,
when an SMTP server is configured (off by default), an e-mail job to the unit's contact address, queued
in the same transaction and sent by the worker after the commit. A unit gets
at most one reminder of a kind per period and day, however often the standing body presses the button.

The schedule sends them too: a recurring job of the worker (:data:`SCAN`, hourly by default) reminds
the units still missing at the offsets of ``BANHAT_REMINDER_OFFSETS`` (7, 3 and 1 days before each due
date, 1 day after it), once per unit, period and offset (table ``scheduled_reminders``, unique), and
queues one e-mail job per reminder of a unit with a contact address.
"""

import smtplib
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage

from sqlalchemy.orm import Session

from api import clock
from api.db.models import Period, Unit
from api.db.reminder_models import Notification, UnitContact
from api.db.repositories import audit, rows
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import reminders as repo
from api.domain import local_date, reminder_offset
from api.domain.periods import VIETNAM
from api.services import jobs
from api.services.access import Principal
from api.services.audit import fields
from api.services.errors import Forbidden, Invalid, NotFound
from api.services.jobs import Context, Finish, JobKind
from api.services.lookups import period_by_code, unit_by_code
from api.settings import MailSettings

NOT_SUBMITTED = "not_submitted"
RETURNED = "returned"
SCAN, EMAIL = "reminders.scan", "reminders.email"
NOT_SUBMITTED_TITLE = "Đôn đốc gửi báo cáo phong trào “Ba nhất”"


@dataclass(frozen=True)
class Reminder:
    unit: Unit
    kind: str
    due: date
    days_left: int
    return_reason: str | None

    @property
    def title(self) -> str:
        return "Báo cáo bị trả lại chưa được gửi lại" if self.kind == RETURNED else NOT_SUBMITTED_TITLE

    def body(self, period: Period) -> str:
        if self.kind == RETURNED:
            return (f"Báo cáo kỳ {period.name} của {self.unit.name} đã bị trả lại"
                    f" (lý do: {self.return_reason or 'không ghi'}). Đề nghị hoàn thiện và gửi lại.")
        return self.unit.name + _missing_after_name(period, self.due, self.days_left)


def _missing_after_name(period: Period, due: date, days_left: int) -> str:
    """A reminder of a missing report after the unit's name, which begins it."""
    when = f"còn {days_left} ngày" if days_left >= 0 else f"đã quá hạn {-days_left} ngày"
    return (f" chưa gửi báo cáo kỳ {period.name}; hạn gửi ngày {due:%d/%m/%Y} ({when}). "
            "Đề nghị khẩn trương hoàn thành và gửi báo cáo.")


def pending(session: Session, principal: Principal, period_code: str, days_before: int,
            today: date | None = None) -> tuple[Period, list[Reminder]]:
    """Units to remind: not submitted once ``today`` is within ``days_before`` days of the due date (or
    past it), and returned reports not yet resubmitted."""
    principal.require("reminders:read")
    if days_before < 0:
        raise Invalid("Số ngày trước hạn không được âm.")
    period = period_by_code(session, period_code)
    today = today or local_date(clock.now())
    days_left = (period.due - today).days
    found = []
    for unit, submission in repo.scored_units_with_submission(session, period.id):
        if submission is not None and submission.status == "returned":
            found.append(Reminder(unit, RETURNED, period.due, days_left, submission.return_reason))
        elif _missing(submission) and days_left <= days_before and not period.spans:
            found.append(Reminder(unit, NOT_SUBMITTED, period.due, days_left, None))
    return period, found


def _missing(submission) -> bool:
    """The unit has never submitted its report of the period."""
    return submission is None or submission.first_submitted_at is None


@dataclass(frozen=True)
class SendResult:
    notified: int
    emails_queued: int
    skipped: int


def send(session: Session, principal: Principal, period_code: str, days_before: int,
         mail: MailSettings, today: date | None = None) -> SendResult:
    """Remind the units :func:`pending` lists, except those already reminded of the same kind today: their
    notifications are written in one statement and, when an SMTP server is configured (``mail.host``), an
    e-mail job (:data:`EMAIL`) is queued for each unit with a contact address, in the same transaction.
    The worker sends them after the commit, so the request never waits on SMTP, however slow the mail
    server; the statements do not grow with the number of units (tests/awards/test_reminders_api.py)."""
    period, reminders = pending(session, principal, period_code, days_before, today)
    principal.require("reminders:write")
    now = clock.now()
    midnight = datetime.combine(local_date(now), time(), tzinfo=VIETNAM)
    already = repo.notified_since(session, period.id, midnight)
    due = [reminder for reminder in reminders if (reminder.unit.id, reminder.kind) not in already]
    notified = repo.add_notifications(session, [
        {"unit_id": reminder.unit.id, "period_id": period.id, "kind": reminder.kind, "title": reminder.title,
         "body": reminder.body(period), "created_at": now} for reminder in due])
    emails = _queue_emails(session, notified, mail)
    result = SendResult(notified=len(notified), emails_queued=emails, skipped=len(reminders) - len(due))
    audit.record(session, actor=principal.username, action="reminder.send", entity="period", entity_key=period.code,
                 after=asdict(result))
    return result


def _queue_emails(session: Session, notified: list[tuple[int, int]], mail: MailSettings | None) -> int:
    """Queue an e-mail job for each (unit id, notification id) whose unit has a contact address, when an
    SMTP server is configured; how many were queued."""
    if mail is None or not mail.host or not notified:
        return 0
    addresses = repo.contacts(session, [unit_id for unit_id, _ in notified])
    payloads = [{"notification_id": note_id} for unit_id, note_id in notified if unit_id in addresses]
    jobs.enqueue_many(session, EMAIL, payloads)
    return len(payloads)


def _connect(mail: MailSettings) -> smtplib.SMTP:
    connection = smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout_seconds)
    if mail.starttls:
        connection.starttls()
    if mail.username:
        connection.login(mail.username, mail.password or "")
    return connection


def _message(sender: str, address: str, note: Notification) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, address, note.title
    message.set_content(note.body)
    return message


def notifications(session: Session, principal: Principal, unread_only: bool) -> list[Notification]:
    """The signed-in reporter's unit's notifications, newest first."""
    if principal.unit_id is None:
        raise Forbidden("Tài khoản không thuộc đơn vị nào.")
    return repo.notifications(session, principal.unit_id, unread_only)


def mark_read(session: Session, principal: Principal, notification_id: int) -> Notification:
    note = session.get(Notification, notification_id)
    if note is None or note.unit_id != principal.unit_id:
        raise NotFound("Không tìm thấy thông báo.")
    if note.read_at is None:
        note.read_at = clock.now()
        audit.record(session, actor=principal.username, action="notification.read", entity="notification",
                     entity_key=str(notification_id), before={"read_at": None}, after=fields(note, "read_at"))
    return note


def contact(session: Session, principal: Principal, unit_code: str) -> str | None:
    """The address a unit's reminders go to, None when it has none; read by those who set it."""
    principal.require("reminders:write")
    found = session.get(UnitContact, unit_by_code(session, unit_code).id)
    return None if found is None else found.email


def set_contact(session: Session, principal: Principal, unit_code: str, email: str) -> None:
    """The address a unit's reminders go to; set by the standing body."""
    principal.require("reminders:write")
    unit = unit_by_code(session, unit_code)
    contact = session.get(UnitContact, unit.id)
    before = None if contact is None else {"email": contact.email}
    if contact is None:
        rows.add(session, UnitContact(unit_id=unit.id, email=email))
    else:
        contact.email = email
        session.flush()
    audit.record(session, actor=principal.username, action="unit.contact", entity="unit", entity_key=unit_code,
                 before=before, after={"email": email})


# What a unit is told when the standing body decides on its report: (kind, title, body) by workflow action.
_DECISIONS = {
    "return": ("report_returned", "Báo cáo {period} bị trả lại",
               ("Cơ quan Thường trực đã trả lại báo cáo {period} của {unit}. Lý do: “{reason}”. "
                "Hãy sửa số liệu và nộp lại.")),
    "approve": ("report_approved", "Báo cáo {period} đã được duyệt",
                "Báo cáo {period} của {unit} đã được duyệt và được tính vào xếp hạng chính thức."),
    "reopen": ("report_reopened", "Báo cáo {period} được mở lại",
               ("Cơ quan Thường trực đã mở lại báo cáo {period} của {unit} để bổ sung. Lý do: “{reason}”. "
                "Hãy sửa số liệu và nộp lại.")),
}


def notify_decision(session: Session, action: str, period: Period, unit: Unit, reason: str | None,
                    mail: MailSettings | None = None) -> None:
    """Tell the unit when its report is returned, approved or reopened (its own steps, like submitting,
    tell it nothing new): an in-app notification, read by each of its reporters, and, when an SMTP server
    is configured (``mail.host``) and the unit has a contact address, an e-mail job queued in the same
    transaction (:data:`EMAIL`, sent by the worker after the commit: never SMTP inside the request)."""
    decision = _DECISIONS.get(action)
    if decision is None:
        return
    kind, title, body = decision
    words = {"period": period.name, "unit": unit.name, "reason": reason or ""}
    notified = repo.add_notifications(session, [{
        "unit_id": unit.id, "period_id": period.id, "kind": kind, "title": title.format(**words),
        "body": body.format(**words), "created_at": clock.now()}])
    _queue_emails(session, notified, mail)


# --- The schedule ------------------------------------------------------------------------------------


def schedule_scan(session: Session, delay: timedelta) -> None:
    """Queue the next look at the schedule (one pending at a time, however many workers ask)."""
    jobs.enqueue(session, SCAN, {}, delay=delay, dedupe_key=SCAN)


def send_scheduled(session: Session, offsets: tuple[int, ...], mail: MailSettings) -> int:
    """Remind every unit still missing in each open period whose reminder offset has come today (see
    :func:`api.domain.reminder_offset`), unless the schedule already reminded it at that offset; returns
    how many were reminded. E-mails are jobs of their own, sent after this transaction commits.

    A period's reminders are written by a few set statements whatever the number of units (10,000
    written one at a time held SQLite's only writer for over 10 s: saves meanwhile were answered 503)."""
    today, now, sent = clock.today(), clock.now(), 0
    for period in catalog_repo.periods(session):
        days_left = (period.due - today).days
        offset = reminder_offset(days_left, offsets)
        if period.status == "locked" or period.spans or offset is None:
            continue
        notified = repo.remind_missing(session, period.id, offset, now, NOT_SUBMITTED, NOT_SUBMITTED_TITLE,
                                       _missing_after_name(period, period.due, days_left))
        _queue_emails(session, notified, mail)
        sent += len(notified)
    return sent


@dataclass(frozen=True)
class ScheduledStep:
    offset_days: int
    day: date
    units_reminded: int


def schedule(session: Session, principal: Principal, offsets: tuple[int, ...]) -> list[tuple[Period, list[ScheduledStep]]]:
    """The schedule of every open period: each offset's day and how many units it reminded."""
    principal.require("reminders:read")
    found = [period for period in catalog_repo.periods(session) if period.status != "locked" and not period.spans]
    counts = repo.scheduled_counts(session, [period.id for period in found])
    return [(period, [ScheduledStep(offset, period.due - timedelta(days=offset), counts.get((period.id, offset), 0))
                      for offset in sorted(offsets, reverse=True)]) for period in found]


def _scan(context: Context, _payload: dict) -> Finish:
    settings = context.settings

    def writes(session: Session) -> None:
        send_scheduled(session, tuple(settings.reminder_offsets), settings.mail)
        schedule_scan(session, timedelta(minutes=settings.reminder_scan_minutes))

    return writes


def _email(context: Context, payload: dict) -> Finish:
    """E-mail one notification (a scheduled reminder, a review decision) to its unit's contact (a retry
    after a crash between sending and committing may send it twice: e-mail has no delivery id)."""
    mail = context.settings.mail
    with context.read_sessions() as session:
        note = session.get(Notification, payload["notification_id"])
        address = note and repo.contacts(session, [note.unit_id]).get(note.unit_id)
    if not mail.host or address is None or note.emailed_to is not None:
        return jobs.nothing
    connection = _connect(mail)
    try:
        connection.send_message(_message(mail.sender, address, note))
    finally:
        connection.quit()
    note_id = note.id

    def writes(session: Session) -> None:
        session.get(Notification, note_id).emailed_to = address

    return writes


JOB_KINDS = {SCAN: JobKind(_scan), EMAIL: JobKind(_email)}
