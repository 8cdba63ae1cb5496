"""Reporting periods, whole cadence windows inside them, and report timeliness.

Deadlines are calendar dates in Vietnam time (Asia/Ho_Chi_Minh): a report is on time when its first
submission happens on or before the due date there, whatever the UTC clock says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .indicators import Cadence

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class PeriodKind(StrEnum):
    HALF_YEAR = "half_year"  # báo cáo sơ kết 06 tháng
    YEAR = "year"  # báo cáo năm
    PRELIMINARY_REVIEW = "preliminary_review"  # sơ kết 03 năm (2028)
    FINAL_REVIEW = "final_review"  # tổng kết (2030)

    @property
    def is_review(self) -> bool:
        return self in (PeriodKind.PRELIMINARY_REVIEW, PeriodKind.FINAL_REVIEW)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: data window [start, end], due date, and for reviews the annual periods spanned."""

    code: str
    name: str
    kind: PeriodKind
    start: date
    end: date
    due: date
    spans: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def whole_windows(self, cadence: Cadence) -> int:
        """How many whole weeks (floor(days / 7)) or whole calendar months/quarters/years lie in the window."""
        return len(self.windows(cadence))

    def windows(self, cadence: Cadence) -> tuple[Window, ...]:
        """The whole windows of ``cadence`` inside the period, in order, each with its Vietnamese label.

        Weeks are seven-day windows counted from the period's first day (floor(days / 7) of them);
        months, quarters and years are whole calendar ones (their first and last day inside).
        """
        if cadence is Cadence.WEEK:
            weeks = []
            for index in range(self.days // 7):
                start = self.start + timedelta(days=7 * index)
                end = start + timedelta(days=6)
                weeks.append(Window(start, end, f"Tuần {index + 1} ({start:%d/%m}–{end:%d/%m/%Y})"))
            return tuple(weeks)
        months = _CALENDAR_MONTHS[cadence]
        found = []
        month_index = -(-(self.start.year * 12 + self.start.month - 1) // months) * months  # first boundary
        while True:
            start = date(month_index // 12, month_index % 12 + 1, 1)
            after = month_index + months
            end = date(after // 12, after % 12 + 1, 1) - timedelta(days=1)
            if end > self.end:
                return tuple(found)
            if start >= self.start:
                found.append(Window(start, end, _calendar_label(cadence, start)))
            month_index = after


@dataclass(frozen=True, slots=True)
class Window:
    """One whole cadence window of a period (a week, month, quarter or year)."""

    start: date
    end: date
    label: str  # Vietnamese: "Tuần 3 (15/01–21/01/2026)", "Tháng 02/2026", "Quý II/2026", "Năm 2026"


_CALENDAR_MONTHS = {Cadence.MONTH: 1, Cadence.QUARTER: 3, Cadence.YEAR: 12}
_ROMAN = ("I", "II", "III", "IV")


def _calendar_label(cadence: Cadence, start: date) -> str:
    if cadence is Cadence.MONTH:
        return f"Tháng {start:%m/%Y}"
    if cadence is Cadence.QUARTER:
        return f"Quý {_ROMAN[(start.month - 1) // 3]}/{start.year}"
    return f"Năm {start.year}"


class TimelinessStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"  # not submitted and the due date has passed
    NOT_YET_DUE = "not_yet_due"  # not submitted, still time

    @property
    def label(self) -> str:
        return _TIMELINESS_LABELS[self]


_TIMELINESS_LABELS = {
    TimelinessStatus.ON_TIME: "Đúng hạn",
    TimelinessStatus.LATE: "Muộn",
    TimelinessStatus.MISSING: "Chưa nộp (quá hạn)",
    TimelinessStatus.NOT_YET_DUE: "Chưa nộp (chưa đến hạn)",
}


@dataclass(frozen=True, slots=True)
class Timeliness:
    status: TimelinessStatus
    days_late: int = 0  # whole calendar days after the due date in Vietnam time (late or missing)

    @property
    def label(self) -> str:
        if self.days_late:
            return f"{self.status.label} {self.days_late} ngày"
        return self.status.label


def local_date(instant: datetime) -> date:
    """The calendar date in Vietnam of an aware instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instant must be an aware datetime")
    return instant.astimezone(VIETNAM).date()


# The last scheduled reminder (after the due date) is still sent this many days late, not later: a period
# long past its deadline does not start reminding when the schedule is first switched on.
REMINDER_LATE_DAYS = 7


def reminder_offset(days_left: int, offsets: tuple[int, ...]) -> int | None:
    """The scheduled reminder due with ``days_left`` days to the deadline (negative: days past it), as its
    offset in days before the deadline, or None.

    Each offset's reminder is due from its day until the next offset's day, so a check that missed a day
    (the server was down) still sends the latest one, never the older ones it skipped.
    """
    reached = [offset for offset in offsets if days_left <= offset]
    if not reached:
        return None
    offset = min(reached)
    if offset == min(offsets) and days_left < offset - REMINDER_LATE_DAYS:
        return None
    return offset


def timeliness(first_submitted_at: datetime | None, due: date, now: datetime) -> Timeliness:
    """On time, late (with days late) or missing, from the first submission against the local due date."""
    if first_submitted_at is not None:
        days_late = (local_date(first_submitted_at) - due).days
        if days_late <= 0:
            return Timeliness(TimelinessStatus.ON_TIME)
        return Timeliness(TimelinessStatus.LATE, days_late)
    overdue = (local_date(now) - due).days
    if overdue <= 0:
        return Timeliness(TimelinessStatus.NOT_YET_DUE)
    return Timeliness(TimelinessStatus.MISSING, overdue)
