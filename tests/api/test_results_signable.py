"""Results an official can sign (issue 15): only what can be ranked is ranked, and like is compared
with like, on the demo province over HTTP."""

from datetime import UTC, datetime

import pytest
from api_support import API, PERIOD, REPORTER_UNIT

YEAR = "2026-Y"  # nobody has reported in the demo province


@pytest.fixture
def december(clock):
    clock.set_now(datetime(2026, 12, 6, 3, 0, tzinfo=UTC))
    return clock


def ranking(client, period, group="CAX"):
    response = client.get(f"{API}/scores/{period}?group={group}")
    assert response.status_code == 200, response.text
    return response.json()


def submit(reporter, period):
    url = f"{API}/submissions/{period}/{REPORTER_UNIT}"
    saved = reporter.put(f"{url}/values", json={"values": [{"indicator": "KL-04", "count": 0}]},
                         headers={"If-Match": reporter.get(url).headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert reporter.post(f"{url}/submit").status_code == 200


def test_nobody_is_first_where_nobody_reported(december, leader, reporter):
    items = ranking(leader, YEAR)["items"]
    assert len(items) == 104
    assert {(i["rank"], i["rank_status"], i["rank_status_label"], i["total"], i["tier"]) for i in items} == {
        (None, "not_submitted", "Chưa nộp", None, None)
    }
    submit(reporter, YEAR)
    items = ranking(leader, YEAR)["items"]
    assert (items[0]["unit"]["code"], items[0]["rank"], items[0]["rank_status"]) == (REPORTER_UNIT, 1, "provisional")
    assert items[0]["total"] is not None and items[0]["tier"] is not None
    assert all(i["rank"] is None for i in items[1:])


def test_unreported_units_have_no_rank_and_come_after_the_ranked(leader):
    items = ranking(leader, PERIOD)["items"]
    ranked = [i for i in items if i["rank"] is not None]
    unranked = items[len(ranked):]
    assert ranked and unranked and all(i["rank"] is None for i in unranked)  # ranked first, then the others
    assert {i["submission_status"] for i in ranked} <= {"submitted", "approved"}
    assert {i["rank_status"] for i in unranked} <= {"not_submitted", "returned"}
    assert all(i["tier"] is None and i["total"] is None for i in unranked)
    assert [i["rank"] for i in ranked] == sorted(i["rank"] for i in ranked) and ranked[0]["rank"] == 1


def test_the_ranking_names_the_same_kind_of_period_a_year_earlier(leader):
    assert ranking(leader, "2027-H1")["previous_period"] == "2026-H1"
    assert ranking(leader, "2027-Y")["previous_period"] == "2026-Y"
    assert ranking(leader, YEAR)["previous_period"] is None  # never the half-year of the same year


def test_history_compares_like_with_like_and_leaves_gaps_null(december, leader):
    response = leader.get(f"{API}/units/{REPORTER_UNIT}/scores")
    assert response.status_code == 200, response.text
    points = {p["period"]: p for p in response.json()["points"]}
    assert points["2027-H1"]["compares_with"] == "2026-H1" and points["2027-Y"]["compares_with"] == "2026-Y"
    assert points[YEAR]["compares_with"] is None and points["2028-S"]["compares_with"] is None
    assert points["2027-H1"]["started"] is False and points["2027-H1"]["total"] is None  # not 0
    assert points[YEAR]["started"] is True and points[YEAR]["total"] is None  # nothing submitted
    assert points[PERIOD]["total"] is not None  # the demo's CAX-001 reported 2026-H1


def test_history_of_another_unit_is_hidden_from_a_reporter(reporter):
    assert reporter.get(f"{API}/units/CAX-002/scores").status_code == 404
    assert reporter.get(f"{API}/units/{REPORTER_UNIT}/scores").status_code == 200
