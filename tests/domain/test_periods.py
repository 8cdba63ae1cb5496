"""Whole cadence windows inside a period, and timeliness against a due date in Vietnam time."""

from datetime import UTC, date, datetime

import pytest

from api.domain import Cadence, TimelinessStatus, timeliness


@pytest.mark.parametrize(
    ("start", "end", "cadence", "expected"),
    [
        (date(2026, 1, 1), date(2026, 6, 30), Cadence.MONTH, 6),
        (date(2026, 1, 1), date(2026, 6, 30), Cadence.QUARTER, 2),
        (date(2026, 1, 1), date(2026, 6, 30), Cadence.YEAR, 0),
        (date(2026, 1, 1), date(2026, 12, 31), Cadence.YEAR, 1),
        (date(2026, 1, 1), date(2026, 12, 31), Cadence.WEEK, 52),
        (date(2026, 1, 2), date(2026, 12, 31), Cadence.QUARTER, 3),
        (date(2026, 1, 1), date(2026, 12, 30), Cadence.QUARTER, 3),
        (date(2026, 1, 15), date(2026, 2, 14), Cadence.MONTH, 0),
        (date(2025, 12, 1), date(2027, 1, 31), Cadence.YEAR, 1),
        (date(2026, 1, 1), date(2030, 12, 31), Cadence.YEAR, 5),
        (date(2026, 1, 1), date(2026, 1, 6), Cadence.WEEK, 0),
        (date(2024, 2, 1), date(2024, 2, 29), Cadence.MONTH, 1),
    ],
)
def test_whole_windows(start, end, cadence, expected, make_period):
    assert make_period(start, end).whole_windows(cadence) == expected


DUE = date(2026, 6, 20)
NOW = datetime(2026, 7, 10, tzinfo=UTC)


def test_2330_local_on_the_due_date_is_on_time():
    # 23:30 in Hà Nội (UTC+7) is 16:30 UTC
    assert timeliness(datetime(2026, 6, 20, 16, 30, tzinfo=UTC), DUE, NOW).status is TimelinessStatus.ON_TIME


def test_just_after_local_midnight_is_one_day_late():
    # 00:10 on 21/06 in Hà Nội is still 20/06 in UTC
    result = timeliness(datetime(2026, 6, 20, 17, 10, tzinfo=UTC), DUE, NOW)
    assert result.status is TimelinessStatus.LATE and result.days_late == 1 and result.label == "Muộn 1 ngày"


def test_days_late_count_local_days():
    assert timeliness(datetime(2026, 6, 25, 3, 0, tzinfo=UTC), DUE, NOW).days_late == 5


def test_missing_after_the_due_date():
    result = timeliness(None, DUE, NOW)
    assert result.status is TimelinessStatus.MISSING and result.days_late == 20


def test_not_yet_due():
    assert (
        timeliness(None, DUE, datetime(2026, 6, 20, 16, 0, tzinfo=UTC)).status is TimelinessStatus.NOT_YET_DUE
    )


def test_naive_instants_are_refused():
    with pytest.raises(ValueError):
        timeliness(datetime(2026, 6, 20, 12, 0), DUE, NOW)
