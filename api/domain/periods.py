"""Reporting periods, whole cadence windows inside them, and report timeliness.

Deadlines are calendar dates in Vietnam time (Asia/Ho_Chi_Minh): a report is on time when its first
submission happens on or before the due date there, whatever the UTC clock says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
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
        if cadence is Cadence.WEEK:
            return self.days // 7
        months_per_window = {Cadence.MONTH: 1, Cadence.QUARTER: 3, Cadence.YEAR: 12}[cadence]
        # Index calendar windows from year 0; a window is whole when its first and last day are inside.
        first = _window_index(self.start, months_per_window)
        if _window_start(first, months_per_window) < self.start:
            first += 1
        last = _window_index(self.end, months_per_window)
        if _window_start(last + 1, months_per_window) > _next_day(self.end):
            last -= 1
        return max(0, last - first + 1)


def _window_index(day: date, months: int) -> int:
    return (day.year * 12 + day.month - 1) // months


def _window_start(index: int, months: int) -> date:
    month_number = index * months
    return date(month_number // 12, month_number % 12 + 1, 1)


def _next_day(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


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
