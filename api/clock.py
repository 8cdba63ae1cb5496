"""The one clock of the application: every "now" and "today" comes from here.

Nothing else calls ``datetime.now()``, ``date.today()`` or ``time.time()`` for a business purpose, so a
demo or a test can put the whole system on any date: ``BANHAT_NOW`` (read by :mod:`api.settings`) or
:func:`set_now` starts the clock at a given instant, after which it advances in real time (sessions
expire, audit entries keep their order). Deadlines are dates in Vietnam time, hence :func:`today`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.domain.periods import local_date

_offset = timedelta(0)


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC) + _offset


def today() -> date:
    """Today's calendar date in Vietnam (Asia/Ho_Chi_Minh), the calendar of every deadline."""
    return local_date(now())


def set_now(instant: datetime | None) -> None:
    """Move the clock so that it reads ``instant`` now and advances from there; ``None``: real time."""
    global _offset
    if instant is None:
        _offset = timedelta(0)
        return
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("the clock needs an aware instant (with a UTC offset)")
    _offset = instant - datetime.now(UTC)
