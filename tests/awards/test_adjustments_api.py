"""Inspections and bonus entries over HTTP: they move the stored score, its tier and its explanation."""

from fractions import Fraction
from math import floor

from awards_support import API

PERIOD = "2026-H1"
THRESHOLDS = {"XUAT_SAC": 90, "TOT": 70, "HOAN_THANH": 50}
LOWER = {"XUAT_SAC": "TOT", "TOT": "HOAN_THANH"}


def scored_unit(client, period=PERIOD, tiers=("XUAT_SAC", "TOT"), skip=()):
    """A unit of the ranking with a received report, one of ``tiers`` and no unmet veto indicator."""
    items = client.get(f"{API}/scores/{period}").json()["items"]
    return next(
        item for item in items
        if item["tier"] in tiers and not item["veto_failed"] and item["first_submitted_at"]
        and item["unit"]["code"] not in skip
    )


def explained(client, unit, period=PERIOD):
    response = client.get(f"{API}/scores/{period}/{unit}")
    assert response.status_code == 200, response.text
    return response.json()


def test_inspection_deduction_moves_score_and_tier_of_periods_holding_the_date(reviewer, leader):
    item = scored_unit(leader)
    unit, before = item["unit"]["code"], Fraction(item["total_exact"])
    annual_before = Fraction(explained(leader, unit, "2026-Y")["total_exact"])
    points = floor(before - THRESHOLDS[item["tier"]]) + 1  # just enough to fall one tier

    planned = reviewer.post(f"{API}/inspections", json={"unit": unit, "topic": "Kiểm tra chuyên đề “Ba nhất”",
                                                        "planned_on": "2026-05-10"})
    assert planned.status_code == 201 and planned.json()["status"] == "planned"
    inspection_id = planned.json()["id"]
    too_early = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                              json={"description": "Đi muộn", "points": "1"})
    assert too_early.status_code == 409
    assert reviewer.post(f"{API}/inspections/{inspection_id}/done", json={"inspected_on": "2026-05-12"}).status_code == 200
    found = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                          json={"description": "Cán bộ đi muộn, về sớm", "points": str(points), "indicator": "KL-04"})
    assert found.status_code == 201, found.text
    assert Fraction(found.json()["deduction_points"]) == points

    after = explained(leader, unit)
    assert Fraction(after["total_exact"]) == before - points
    assert after["tier"] == LOWER[item["tier"]]
    reasons = [entry["reason"] for entry in after["explanation"]["deductions"]]
    assert any("12/05/2026" in reason and "KL-04" in reason for reason in reasons)
    # The annual period holds the date as well; the next year's first half does not.
    assert Fraction(explained(leader, unit, "2026-Y")["total_exact"]) == max(0, annual_before - points)
    assert not any("12/05/2026" in e["reason"] for e in explained(leader, unit, "2027-H1")["explanation"]["deductions"])


def test_finding_needs_a_known_indicator_and_valid_points(reviewer, leader):
    unit = scored_unit(leader)["unit"]["code"]
    inspection_id = reviewer.post(f"{API}/inspections", json={"unit": unit, "topic": "Kiểm tra",
                                                              "planned_on": "2026-03-01"}).json()["id"]
    reviewer.post(f"{API}/inspections/{inspection_id}/done", json={"inspected_on": "2026-03-02"})
    bad_code = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                             json={"description": "x", "points": "1", "indicator": "XX-99"})
    bad_points = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                               json={"description": "x", "points": "-1"})
    too_precise = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                                json={"description": "x", "points": "0.125"})
    assert (bad_code.status_code, bad_points.status_code, too_precise.status_code) == (422, 422, 422)
    assert bad_points.headers["content-type"].startswith("application/problem+json")


def test_corrective_actions_open_and_close(reviewer, leader):
    unit = scored_unit(leader)["unit"]["code"]
    inspection_id = reviewer.post(f"{API}/inspections", json={"unit": unit, "topic": "Kiểm tra",
                                                              "planned_on": "2026-04-01"}).json()["id"]
    reviewer.post(f"{API}/inspections/{inspection_id}/done", json={"inspected_on": "2026-04-02"})
    finding = reviewer.post(f"{API}/inspections/{inspection_id}/findings",
                            json={"description": "Sổ trực ban ghi thiếu", "points": "0.5"}).json()["findings"][0]
    action = reviewer.post(f"{API}/inspection-findings/{finding['id']}/actions",
                           json={"description": "Bổ sung sổ trực ban", "due_on": "2026-05-01"})
    assert action.status_code == 201 and action.json()["status"] == "open"
    listed = leader.get(f"{API}/inspections", params={"unit": unit, "period": PERIOD}).json()
    assert [i["open_actions"] for i in listed if i["id"] == inspection_id] == [1]
    closed = reviewer.patch(f"{API}/corrective-actions/{action.json()['id']}", json={"done_on": "2026-04-20"})
    assert closed.json()["status"] == "done"
    listed = leader.get(f"{API}/inspections", params={"unit": unit}).json()
    assert [i["open_actions"] for i in listed if i["id"] == inspection_id] == [0]


def test_only_the_standing_body_inspects_and_reporters_see_only_their_unit(leader, reporter):
    unit = scored_unit(leader, skip=("CAX-001",))["unit"]["code"]
    assert leader.post(f"{API}/inspections", json={"unit": unit, "topic": "x", "planned_on": "2026-04-01"}).status_code == 403
    assert reporter.get(f"{API}/inspections", params={"unit": unit}).status_code == 403
    assert reporter.get(f"{API}/inspections").status_code == 200


def test_bonus_entries_add_up_to_the_scheme_cap(reviewer, leader):
    item = scored_unit(leader, tiers=("TOT", "HOAN_THANH"))
    unit, before = item["unit"]["code"], Fraction(item["total_exact"])
    first = reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": "3",
                                                   "reason": "Mô hình “Camera an ninh” tiêu biểu"})
    assert first.status_code == 201, first.text
    after = explained(leader, unit)
    assert Fraction(after["total_exact"]) == before + 3
    assert any("Camera an ninh" in entry["reason"] for entry in after["explanation"]["bonuses"])

    assert reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": "10.5",
                                                  "reason": "quá trần"}).status_code == 422
    for reason in ("Cứu hộ lũ lụt", "Điển hình tiên tiến"):
        reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": "6", "reason": reason})
    capped = explained(leader, unit)
    assert Fraction(capped["total_exact"]) == before + 10
    explanation = capped["explanation"]
    assert (Fraction(explanation["bonus_requested"]), Fraction(explanation["bonus_applied"])) == (15, 10)

    assert reviewer.delete(f"{API}/bonuses/{first.json()['id']}").status_code == 204
    assert Fraction(explained(leader, unit)["total_exact"]) == before + 10  # 6 + 6 still above the cap
    assert leader.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": "1",
                                                "reason": "x"}).status_code == 403


def test_bonus_is_refused_in_a_locked_period(admin, reviewer, leader):
    unit = scored_unit(leader)["unit"]["code"]
    assert admin.post(f"{API}/periods/{PERIOD}/lock").status_code == 200
    response = reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": unit, "points": "1", "reason": "x"})
    assert response.status_code == 409


def test_review_period_is_the_mean_of_ranked_annual_totals_and_keeps_their_vetoes(admin, reviewer, leader, login):
    """docs/scoring.md 6 F: a year without a submitted annual report counts 0, and a veto failed in a
    spanned year stays failed in the review (it caps the review tier as it capped the year's)."""
    reporter, unit = login("baocao.cax"), "CAX-001"
    reviewer.post(f"{API}/bonuses", json={"period": "2026-Y", "unit": unit, "points": "6",
                                           "reason": "Xung kích hỗ trợ Nhân dân khắc phục thiên tai"})
    url = f"{API}/submissions/2026-Y/{unit}"
    saved = reporter.put(f"{url}/values", json={"values": [{"indicator": "KL-04", "count": 0}]},
                         headers={"If-Match": reporter.get(url).headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert reporter.post(f"{url}/submit").status_code == 200
    annual = explained(leader, unit, "2026-Y")
    assert annual["rank_status"] == "provisional" and annual["rank"] == 1
    assert admin.post(f"{API}/periods/2028-S/lock").status_code == 200  # locking recomputes first
    review = explained(leader, unit, "2028-S")
    assert Fraction(review["total_exact"]) == Fraction(annual["total_exact"]) / 3  # 2027 and 2028 count 0
    vetoes = annual["explanation"]["veto_failed"]  # veto indicators left empty fail (docs/scoring.md, 3)
    assert vetoes and review["explanation"]["veto_failed"] == sorted(vetoes)
    assert (review["rank"], review["rank_status"]) == (1, "ranked")
    never = explained(leader, "CAX-002", "2028-S")  # a unit without any submitted annual report
    assert (never["rank"], never["rank_status"], Fraction(never["total_exact"])) == (None, "no_result", 0)
