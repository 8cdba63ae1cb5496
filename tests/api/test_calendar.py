"""The reporting workflow on the dates that broke or could break it, with the one clock set to each.

Each test builds its own periods relative to the clock (open for reports today, past due, locked), so
the outcome never depends on the day the suite runs.
"""

from datetime import datetime, timedelta

import pytest
from api_support import API, REPORTER_UNIT, assert_problem

from api.domain.periods import VIETNAM

DATES = [
    datetime(2026, 12, 5, 9, 0, tzinfo=VIETNAM),
    datetime(2026, 6, 21, 9, 0, tzinfo=VIETNAM),  # the day after 2026-H1's due date
    datetime(2026, 11, 30, 23, 59, tzinfo=VIETNAM),  # the last minute of 2026-Y's due date
    datetime(2027, 1, 1, 0, 0, tzinfo=VIETNAM),  # a new year, before its periods have any report
    datetime(2030, 12, 31, 12, 0, tzinfo=VIETNAM),  # the last day of the plan
    datetime(2031, 6, 1, 9, 0, tzinfo=VIETNAM),  # after the plan
]


def create_period(admin, code: str, start, end, due) -> dict:
    response = admin.post(f"{API}/periods", json={
        "code": code, "name": f"Kỳ thử {code}", "kind": "half_year",
        "start": start.isoformat(), "end": end.isoformat(), "due": due.isoformat(),
    })
    assert response.status_code == 201, response.text
    return response.json()


def submit_own_report(reporter, period: str) -> dict:
    url = f"{API}/submissions/{period}/{REPORTER_UNIT}"
    draft = reporter.get(url)
    saved = reporter.put(f"{url}/values", json={"values": [{"indicator": "KL-04", "count": 0}]},
                         headers={"If-Match": draft.headers["ETag"]})
    assert saved.status_code == 200, saved.text
    submitted = reporter.post(f"{url}/submit")
    assert submitted.status_code == 200, submitted.text
    return submitted.json()


@pytest.mark.parametrize("instant", DATES, ids=lambda d: d.isoformat(timespec="minutes"))
def test_the_workflow_follows_the_clock(instant, clock, login):
    clock.set_now(instant)  # before signing in: sessions expire by the same clock
    admin, reviewer, reporter = login("admin"), login("reviewer"), login("baocao.cax")
    today = instant.date()
    assert reporter.get(f"{API}/clock").json()["today"] == today.isoformat()

    # Open for reports today, due today: a report now is on time; the reviewer's round trip keeps it so.
    current = create_period(admin, "CAL-NOW", today - timedelta(days=90), today + timedelta(days=30), today)
    before = reviewer.get(f"{API}/periods/{current['code']}/reporting-status?group=CAX").json()
    assert {u["timeliness"] for u in before["units"]} == {"not_yet_due"}
    assert submit_own_report(reporter, current["code"])["timeliness"] == "on_time"
    url = f"{API}/submissions/{current['code']}/{REPORTER_UNIT}"
    assert reviewer.post(f"{url}/return", json={"reason": "Bổ sung minh chứng"}).status_code == 200
    assert reporter.post(f"{url}/submit").json()["timeliness"] == "on_time"
    approved = reviewer.post(f"{url}/approve").json()
    assert approved["status"] == "approved" and approved["timeliness"] == "on_time"
    ranking = reviewer.get(f"{API}/scores/{current['code']}?group=CAX&page_size=500").json()
    first = next(row for row in ranking["items"] if row["unit"]["code"] == REPORTER_UNIT)
    assert first["rank"] == 1

    # Past due yesterday: a report now is one day late, and units without one are missing.
    past = create_period(admin, "CAL-PAST", today - timedelta(days=120), today - timedelta(days=30),
                         today - timedelta(days=1))
    assert submit_own_report(reporter, past["code"])["timeliness"] == "late"
    status = reviewer.get(f"{API}/periods/{past['code']}/reporting-status?group=CAX").json()
    by_unit = {u["unit"]: u for u in status["units"]}
    assert by_unit[REPORTER_UNIT]["days_late"] == 1
    assert {u["timeliness"] for code, u in by_unit.items() if code != REPORTER_UNIT} == {"missing"}

    # Locked: nothing can change.
    locked = create_period(admin, "CAL-LOCK", today - timedelta(days=200), today - timedelta(days=150),
                           today - timedelta(days=140))
    assert admin.post(f"{API}/periods/{locked['code']}/lock").json()["status"] == "locked"
    draft = reporter.get(f"{API}/submissions/{locked['code']}/{REPORTER_UNIT}")
    assert draft.json()["editable"] is False
    assert_problem(reporter.put(f"{API}/submissions/{locked['code']}/{REPORTER_UNIT}/values",
                                json={"values": [{"indicator": "KL-04", "count": 0}]},
                                headers={"If-Match": draft.headers["ETag"]}), 409)
