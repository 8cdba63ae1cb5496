"""The what-if preview is the score the report gets when submitted now: the late deduction as of today,
the bonuses and inspection deductions already recorded and the veto caps, each listed."""

from datetime import UTC, datetime

from api_support import API

PERIOD = "2026-Y"  # due 30/11/2026, no demo report yet
UNIT = "CAX-001"
URL = f"{API}/submissions/{PERIOD}/{UNIT}"
VALUES = [
    {"indicator": "KL-01", "numerator": 38, "denominator": 40},
    {"indicator": "KL-04", "count": 0},
    {"indicator": "KL-03", "flag": True},
    {"indicator": "KL-09", "count": 1},  # a veto indicator that must be 0
    *({"indicator": code, "count": 0} for code in ("TT-01", "TT-05", "TT-08")),  # the other veto indicators
]


def record_adjustments(reviewer) -> None:
    bonus = reviewer.post(f"{API}/bonuses", json={"period": PERIOD, "unit": UNIT, "points": "3",
                                                  "reason": "Mô hình camera an ninh"})  # fmt: skip
    assert bonus.status_code == 201, bonus.text
    planned = reviewer.post(f"{API}/inspections", json={"unit": UNIT, "topic": "Kiểm tra chuyên đề",
                                                        "planned_on": "2026-09-10"})  # fmt: skip
    inspection = planned.json()["id"]
    assert (
        reviewer.post(f"{API}/inspections/{inspection}/done", json={"inspected_on": "2026-09-12"}).status_code
        == 200
    )
    finding = reviewer.post(
        f"{API}/inspections/{inspection}/findings",
        json={"description": "Sổ sách chưa cập nhật", "points": "1.5", "indicator": "KL-04"},
    )
    assert finding.status_code == 201, finding.text


def adjustments(score: dict) -> tuple:
    explanation = score["explanation"]
    return (
        [(entry["points"], entry["reason"]) for entry in explanation["bonuses"]],
        [(entry["points"], entry["reason"]) for entry in explanation["deductions"]],
        explanation["veto_failed"],
        explanation["tier_before_veto"],
    )


def test_a_late_reports_preview_equals_its_submitted_score_to_the_last_decimal(reporter, reviewer, clock):
    record_adjustments(reviewer)
    clock.set_now(datetime(2026, 12, 5, 3, 0, tzinfo=UTC))  # 10:00 in Vietnam, 5 days after the due date
    etag = reporter.get(URL).headers["ETag"]
    saved = reporter.put(f"{URL}/values", json={"values": VALUES}, headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text

    preview = reporter.post(f"{API}/scores/{PERIOD}/{UNIT}/preview", json={"values": []})
    assert preview.status_code == 200, preview.text
    preview = preview.json()
    assert preview["lateness"] == {"days_late": 5, "deduction": "2.00"}
    bonuses, deductions, veto_failed, _before = adjustments(preview)
    assert [reason for _points, reason in bonuses] == ["Điểm thưởng: Mô hình camera an ninh"]
    assert any("Sổ sách chưa cập nhật" in reason for _points, reason in deductions)
    assert ("2", "Báo cáo muộn 5 ngày") in deductions
    assert veto_failed == ["KL-09"]

    submitted = reporter.post(f"{URL}/submit")
    assert submitted.status_code == 200, submitted.text
    stored = reporter.get(f"{API}/scores/{PERIOD}/{UNIT}").json()
    assert (stored["total_exact"], stored["total"], stored["tier"]) == (
        preview["total_exact"], preview["total"], preview["tier"],
    )  # fmt: skip
    assert adjustments(stored) == adjustments(preview)
    again = reporter.post(f"{API}/scores/{PERIOD}/{UNIT}/preview", json={"values": []}).json()
    assert again["lateness"] == {"days_late": 5, "deduction": "2.00"}  # the first submission counts


def test_a_report_in_time_has_no_lateness(reporter, clock):
    clock.set_now(datetime(2026, 11, 30, 16, 0, tzinfo=UTC))  # 23:00 on the due date in Vietnam
    preview = reporter.post(f"{API}/scores/{PERIOD}/{UNIT}/preview", json={"values": VALUES}).json()
    assert preview["lateness"] is None
    assert not any("muộn" in entry["reason"] for entry in preview["explanation"]["deductions"])
