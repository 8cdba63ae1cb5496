"""KL-02's 2025 baseline: entered once per unit, reviewed by the standing body, read by the 2026 score."""

from api_support import API, PERIOD, REPORTER_UNIT, assert_problem
from test_activities import URL, editable


def kl02(client):
    explained = client.get(f"{API}/scores/{PERIOD}/{REPORTER_UNIT}").json()["explanation"]
    return next(i for i in explained["indicators"] if i["code"] == "KL-02")


def test_a_units_baseline_counts_only_once_approved_and_only_once(reviewer, reporter):
    editable(reviewer, reporter)
    etag = reporter.get(URL).headers["ETag"]
    saved = reporter.put(f"{URL}/values", json={"values": [{"indicator": "KL-02", "numerator": 1, "denominator": 50}]},
                         headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text
    assert not kl02(reviewer)["met"]  # 2% and no 2025 rate: met only if 0

    proposed = reporter.post(f"{API}/baselines", json={"unit": REPORTER_UNIT, "numerator": 2, "denominator": 50})
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["status"] == "proposed" and proposed.json()["rate"] == "4.00"
    assert not kl02(reviewer)["met"]  # not yet reviewed

    assert_problem(reporter.post(f"{API}/baselines/{proposed.json()['id']}/review", json={"approve": True}), 403)
    approved = reviewer.post(f"{API}/baselines/{proposed.json()['id']}/review", json={"approve": True})
    assert approved.json()["status"] == "approved" and approved.json()["reviewed_by"] == "reviewer"
    result = kl02(reviewer)
    assert result["met"] and result["threshold"] == "4"  # 2% is lower than 2025's 4%

    assert_problem(reporter.post(f"{API}/baselines", json={"unit": REPORTER_UNIT, "numerator": 9, "denominator": 50}),
                   409)
    assert_problem(reviewer.post(f"{API}/baselines/{proposed.json()['id']}/review", json={"approve": True}), 409)


def test_the_standing_body_enters_a_baseline_in_force_at_once(reviewer, reporter):
    made = reviewer.post(f"{API}/baselines", json={"unit": "CAX-002", "numerator": 0, "denominator": 40})
    assert made.status_code == 201 and made.json()["status"] == "approved"
    assert_problem(reporter.post(f"{API}/baselines", json={"unit": "CAX-002", "numerator": 1, "denominator": 40}),
                   404)  # another unit: not even acknowledged
    assert [b["unit"] for b in reporter.get(f"{API}/baselines").json()] == []


def test_bad_baselines_name_the_field(reviewer):
    assert_problem(reviewer.post(f"{API}/baselines", json={"unit": "CAX-003", "indicator": "KL-04", "numerator": 0,
                                                           "denominator": 4}), 422, "indicator")
    assert_problem(reviewer.post(f"{API}/baselines", json={"unit": "CAX-003", "year": 2026, "numerator": 0,
                                                           "denominator": 4}), 422, "year")
    assert_problem(reviewer.post(f"{API}/baselines", json={"unit": "CAX-003", "numerator": 5, "denominator": 4}),
                   422, "numerator")
    assert_problem(reviewer.post(f"{API}/baselines", json={"unit": "UBX-003", "numerator": 0, "denominator": 4}),
                   422, "indicator")  # a commune has no KL-02
