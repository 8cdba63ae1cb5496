"""Submissions: values with If-Match, the workflow, object-level access, audit history, fresh scores."""

import pytest
from api_support import API, OTHER_UNIT, PERIOD, REPORTER_UNIT, assert_problem

from api.db.models import AuditEntry, SubmissionValue

URL = f"{API}/submissions/{PERIOD}/{REPORTER_UNIT}"


def reset_to_draft(reviewer, reporter):
    """Bring the reporter's demo submission (seeded as submitted or returned) back to an editable state."""
    current = reporter.get(URL).json()
    if current["status"] == "submitted":
        reviewer.post(f"{URL}/return", json={"reason": "Bổ sung số liệu"})
    elif current["status"] == "approved":
        reviewer.post(f"{URL}/reopen", json={"reason": "Bổ sung số liệu"})
    return reporter.get(URL)


def save(client, values, etag):
    return client.put(f"{URL}/values", json={"values": values}, headers={"If-Match": etag})


def test_get_has_etag_and_applicable_indicators(reporter):
    response = reporter.get(URL)
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{response.json()["version"]}"'
    codes = {i["code"] for i in response.json()["indicators"]}
    assert "GD-03" in codes and "SN-01" not in codes  # commune police, not a department


def test_save_requires_if_match_and_refuses_stale_version(reviewer, reporter):
    current = reset_to_draft(reviewer, reporter)
    value = [{"indicator": "KL-04", "count": 0}]
    assert_problem(reporter.put(f"{URL}/values", json={"values": value}), 428)
    assert_problem(save(reporter, value, '"999"'), 412)
    saved = save(reporter, value, current.headers["ETag"])
    assert saved.status_code == 200
    assert saved.json()["version"] == current.json()["version"] + 1
    assert_problem(save(reporter, value, current.headers["ETag"]), 412)


def test_bad_values_name_the_field_and_change_nothing(reviewer, reporter, count_rows):
    current = reset_to_draft(reviewer, reporter)
    before_values, before_audit = count_rows(SubmissionValue), count_rows(AuditEntry)
    bad = [
        {"indicator": "KL-01", "numerator": 30, "denominator": 20},
        {"indicator": "KL-04", "count": "nhiều"},
        {"indicator": "XX-99", "count": 1},
    ]
    body = assert_problem(save(reporter, bad, current.headers["ETag"]), 422, "numerator", "count", "indicator")
    assert body["errors"][0]["loc"] == ["body", "values", 0, "numerator"]
    assert "mẫu số" in body["errors"][0]["message"]
    assert count_rows(SubmissionValue) == before_values and count_rows(AuditEntry) == before_audit
    assert reporter.get(URL).json()["version"] == current.json()["version"]


def test_schema_errors_are_problem_json_with_vietnamese_messages(reporter):
    response = reporter.put(f"{URL}/values", json={"values": "không phải danh sách"}, headers={"If-Match": '"1"'})
    body = assert_problem(response, 422, "values")
    assert body["errors"][0]["message"] == "Phải là một danh sách."


def test_saved_value_updates_the_stored_score_and_ranking(reviewer, reporter):
    current = reset_to_draft(reviewer, reporter)
    ranking = reporter.get(f"{API}/scores/{PERIOD}?group=CAX")
    etag = ranking.headers["ETag"]
    old_total = reporter.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()["total"]
    assert reporter.get(f"{API}/scores/{PERIOD}?group=CAX", headers={"If-None-Match": etag}).status_code == 304
    indicators = [i for i in current.json()["indicators"]]
    perfect = []
    for indicator in indicators:
        match indicator["measure"]:
            case "ratio":
                perfect.append({"indicator": indicator["code"], "numerator": 0 if indicator["code"] == "KL-02" else 10,
                                "denominator": 10})
            case "count":
                perfect.append({"indicator": indicator["code"], "count": 0 if "0" in indicator["rule_text"] else 99})
            case "flag":
                perfect.append({"indicator": indicator["code"], "flag": True})
    assert save(reporter, perfect, current.headers["ETag"]).status_code == 200
    fresh = reporter.get(f"{API}/scores/{PERIOD}?group=CAX", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    row = next(item for item in fresh.json()["items"] if item["unit"]["code"] == REPORTER_UNIT)
    # A draft is scored for its unit but not ranked: the ranking shows why, not the draft's total.
    assert (row["rank"], row["rank_status"], row["total"]) == (None, "returned", None)
    explained = reporter.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()
    assert float(explained["total"]) > float(old_total) and explained["rank_status"] == "returned"
    kl04 = next(i for i in explained["explanation"]["indicators"] if i["code"] == "KL-04")
    assert kl04["met"] is True and kl04["value"]["count"] == 0


def test_workflow_submit_return_resubmit_approve_reopen(reviewer, reporter):
    current = reset_to_draft(reviewer, reporter)
    first = current.json()["first_submitted_at"]
    submitted = reporter.post(f"{URL}/submit")
    assert submitted.json()["status"] == "submitted"
    first = first or submitted.json()["first_submitted_at"]
    assert_problem(save(reporter, [{"indicator": "KL-04", "count": 0}], submitted.headers["ETag"]), 409)
    assert_problem(reporter.post(f"{URL}/approve"), 403)
    assert_problem(reviewer.post(f"{URL}/return", json={}), 422, "reason")
    returned = reviewer.post(f"{URL}/return", json={"reason": "Thiếu minh chứng GD-02"})
    assert returned.json()["status"] == "returned" and returned.json()["return_reason"] == "Thiếu minh chứng GD-02"
    resubmitted = reporter.post(f"{URL}/submit")
    assert resubmitted.json()["first_submitted_at"] == first  # timeliness keeps the first submission
    approved = reviewer.post(f"{URL}/approve")
    assert approved.json()["status"] == "approved" and approved.json()["editable"] is False
    assert_problem(reporter.post(f"{URL}/submit"), 409)
    reopened = reviewer.post(f"{URL}/reopen", json={"reason": "Sai số liệu KL-01"})
    assert reopened.json()["status"] == "returned"
    actions = [entry["action"] for entry in reporter.get(f"{URL}/history").json()]
    assert actions[-5:] == ["submission.submit", "submission.return", "submission.submit", "submission.approve",
                            "submission.reopen"]
    assert reporter.get(f"{URL}/history").json()[-1]["reason"] == "Sai số liệu KL-01"


def test_stale_if_match_on_workflow_action_is_refused(reviewer, reporter):
    reset_to_draft(reviewer, reporter)
    assert_problem(reporter.post(f"{URL}/submit", headers={"If-Match": '"0"'}), 412)


@pytest.mark.parametrize("route", [
    ("get", ""), ("get", "/history"), ("put", "/values"), ("post", "/submit"),
    ("get", "/evidence/1"), ("post", "/values/KL-04/evidence"),
])
def test_reporter_cannot_touch_another_units_submission(reporter, route):
    method, suffix = route
    url = f"{API}/submissions/{PERIOD}/{OTHER_UNIT}{suffix}"
    kwargs = {"json": {"values": []}, "headers": {"If-Match": '"1"'}} if method == "put" else {}
    if suffix.endswith("evidence"):
        kwargs = {"files": {"file": ("a.pdf", b"%PDF-1.4 test", "application/pdf")}}
    response = getattr(reporter, method)(url, **kwargs)
    assert response.status_code in (403, 404)
    assert reporter.get(f"{API}/scores/{PERIOD}/{OTHER_UNIT}").status_code == 404


def test_reporter_list_shows_only_own_unit_reviewer_sees_all(reporter, reviewer):
    own = reporter.get(f"{API}/submissions?period={PERIOD}").json()
    assert {item["unit"]["code"] for item in own} == {REPORTER_UNIT}
    assert reporter.get(f"{API}/submissions?unit={OTHER_UNIT}").status_code == 404
    queue = reviewer.get(f"{API}/submissions?period={PERIOD}&status=submitted&group=CAX&page_size=500")
    assert int(queue.headers["X-Total-Count"]) > 1 and {item["status"] for item in queue.json()} == {"submitted"}


def test_leader_reads_but_cannot_write_or_review(leader):
    assert leader.get(URL).status_code == 200
    assert_problem(leader.put(f"{URL}/values", json={"values": []}, headers={"If-Match": '"1"'}), 403)
    assert_problem(leader.post(f"{URL}/approve"), 403)


def test_locked_period_accepts_no_changes(admin, reviewer, reporter):
    current = reset_to_draft(reviewer, reporter)
    assert admin.post(f"{API}/periods/{PERIOD}/lock").json()["status"] == "locked"
    assert_problem(save(reporter, [{"indicator": "KL-04", "count": 0}], current.headers["ETag"]), 409)
    assert_problem(reporter.post(f"{URL}/submit"), 409)
