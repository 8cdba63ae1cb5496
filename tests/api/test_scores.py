"""Rankings, explained scores, what-if previews, locking and reporting status."""

import orjson
from api_support import API, OTHER_UNIT, PERIOD, REPORTER_UNIT, assert_problem

from api.db.models import Score, SubmissionValue
from api.schemas.scores import Ranking


def test_ranking_is_ordered_filtered_and_cached_by_etag(leader):
    response = leader.get(f"{API}/scores/{PERIOD}?group=CAX")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 104 and {i["group"] for i in items} == {"CAX"}
    ranks = [i["rank"] for i in items if i["rank"] is not None]
    assert ranks == sorted(ranks) and ranks[0] == 1 and items[len(ranks)]["rank"] is None
    approved_first = [i["submission_status"] == "approved" for i in items[: len(ranks)]]
    assert approved_first == sorted(approved_first, reverse=True)
    again = leader.get(f"{API}/scores/{PERIOD}?group=CAX", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == response.headers["ETag"]
    other = leader.get(f"{API}/scores/{PERIOD}?group=PCA")
    assert other.headers["ETag"] != response.headers["ETag"] and len(other.json()["items"]) == 27


def test_ranking_bytes_are_the_documented_schema_as_pydantic_would_write_it(leader, reviewer, reporter):
    from tests.security.support import reset_to_draft

    reset_to_draft(reviewer, reporter)
    assert reporter.post(f"{API}/submissions/{PERIOD}/{REPORTER_UNIT}/submit").status_code == 200
    served = leader.get(f"{API}/scores/{PERIOD}")
    document = Ranking.model_validate_json(served.content)
    assert any(item.first_submitted_at is not None for item in document.items)
    assert orjson.loads(served.content) == orjson.loads(document.model_dump_json())


def test_ranking_by_kind(leader):
    items = leader.get(f"{API}/scores/{PERIOD}?kind=department").json()["items"]
    assert items and {i["unit"]["kind"] for i in items} == {"department"}


def test_ranking_needs_authentication_and_known_period(anonymous, leader):
    assert_problem(anonymous.get(f"{API}/scores/{PERIOD}"), 401)
    assert_problem(leader.get(f"{API}/scores/2099-H1"), 404)


def test_explained_score_lists_every_indicator(leader):
    body = leader.get(f"{API}/scores/{PERIOD}/{OTHER_UNIT}").json()
    codes = [i["code"] for i in body["explanation"]["indicators"]]
    assert "KL-01" in codes and body["tier_label"]
    assert set(body["pillars"]) == {"KL", "TT", "GD"}


def test_preview_scores_without_saving(reporter, count_rows):
    stored = reporter.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()
    values_before = count_rows(SubmissionValue)
    preview = reporter.post(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}/preview",
                            json={"values": [{"indicator": "TT-01", "count": 3}]})
    assert preview.status_code == 200
    tt01 = next(i for i in preview.json()["explanation"]["indicators"] if i["code"] == "TT-01")
    assert tt01["met"] is False and "TT-01" in preview.json()["explanation"]["veto_failed"]
    assert count_rows(SubmissionValue) == values_before
    assert reporter.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json() == stored


def test_preview_rejects_bad_values_and_other_units(reporter):
    body = assert_problem(reporter.post(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}/preview",
                                        json={"values": [{"indicator": "KL-04", "count": -1}]}), 422, "count")
    assert "âm" in body["errors"][0]["message"]
    response = reporter.post(f"{API}/scores/{PERIOD}/{OTHER_UNIT}/preview", json={"values": []})
    assert response.status_code == 404


def test_lock_freezes_the_snapshot_and_unlock_reopens(admin, reviewer, count_rows):
    before = admin.get(f"{API}/scores/{PERIOD}?group=UBX")
    locked = admin.post(f"{API}/periods/{PERIOD}/lock")
    assert locked.status_code == 200 and locked.json()["status"] == "locked"
    after = admin.get(f"{API}/scores/{PERIOD}?group=UBX")
    assert after.json()["frozen"] is True and after.headers["ETag"] != before.headers["ETag"]
    assert [i["total"] for i in after.json()["items"]] == [i["total"] for i in before.json()["items"]]
    assert admin.get(f"{API}/scores/{PERIOD}/UBX-001").json()["frozen"] is True
    assert_problem(admin.post(f"{API}/periods/{PERIOD}/lock"), 409)
    assert_problem(reviewer.post(f"{API}/periods/{PERIOD}/unlock"), 403)
    assert admin.post(f"{API}/periods/{PERIOD}/unlock").json()["status"] == "open"
    assert admin.get(f"{API}/scores/{PERIOD}/UBX-001").json()["frozen"] is False
    assert count_rows(Score) > 0


def test_reporting_status_counts_add_up(reviewer, reporter):
    body = reviewer.get(f"{API}/periods/{PERIOD}/reporting-status").json()
    for group in body["groups"]:
        assert group["expected"] == group["on_time"] + group["late"] + group["missing"] + group["not_yet_due"]
    assert {g["group"] for g in body["groups"]} == {"CAX", "PCA", "SBN", "UBX"}
    assert sum(g["late"] for g in body["groups"]) > 0 and sum(g["missing"] for g in body["groups"]) > 0
    only = reviewer.get(f"{API}/periods/{PERIOD}/reporting-status?group=SBN").json()
    assert [g["group"] for g in only["groups"]] == ["SBN"] and len(only["units"]) == 17
    assert_problem(reporter.get(f"{API}/periods/{PERIOD}/reporting-status"), 403)


def test_a_unit_moved_between_groups_is_ranked_as_a_full_recompute_would(admin, leader, sqlite_url):
    from backend_support import recompute_from_scratch

    def rankings() -> dict[str, list[dict]]:
        return {group: leader.get(f"{API}/scores/{PERIOD}?group={group}").json()["items"] for group in ("SBN", "PCA")}

    def codes(items: list[dict]) -> set[str]:
        return {item["unit"]["code"] for item in items}

    before = rankings()
    assert "SBN-02" in codes(before["SBN"])
    for change in ({"group": "PCA"}, {"kind": "police_department"}, {"group": None}):
        assert admin.patch(f"{API}/units/SBN-02", json=change).status_code == 200
        served = rankings()
        recompute_from_scratch(sqlite_url, PERIOD)
        assert rankings() == served, change
    assert "SBN-02" not in codes(served["SBN"]) | codes(served["PCA"])
    assert len(served["SBN"]) == len(before["SBN"]) - 1 and len(served["PCA"]) == len(before["PCA"])
