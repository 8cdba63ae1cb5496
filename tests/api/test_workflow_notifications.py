"""A unit hears, in the app, when its report is returned, approved or reopened, with the reason it must act on."""

from api_support import API, PERIOD, REPORTER_UNIT

URL = f"{API}/submissions/{PERIOD}/{REPORTER_UNIT}"


def _notes(client) -> list[dict]:
    return client.get(f"{API}/notifications").json()


def test_the_unit_is_notified_of_each_review_decision(reviewer, reporter, login):
    status = reporter.get(URL).json()["status"]
    if status == "approved":
        assert reviewer.post(f"{URL}/reopen", json={"reason": "Chuẩn bị"}).status_code == 200
        status = "returned"
    if status != "submitted":
        assert reporter.post(f"{URL}/submit").status_code == 200
    period_name = next(p["name"] for p in reporter.get(f"{API}/periods").json() if p["code"] == PERIOD)
    other_unit = login("baocao.xa")
    others_before = _notes(other_unit)
    seen = len(_notes(reporter))

    assert reviewer.post(f"{URL}/return", json={"reason": "Thiếu biên bản KL-09"}).status_code == 200
    returned = _notes(reporter)[0]
    assert returned["kind"] == "report_returned" and returned["read_at"] is None
    assert returned["title"] == f"Báo cáo {period_name} bị trả lại"
    assert "Thiếu biên bản KL-09" in returned["body"]

    reporter.post(f"{URL}/submit")
    assert reviewer.post(f"{URL}/approve").status_code == 200
    approved = _notes(reporter)[0]
    assert approved["kind"] == "report_approved" and approved["title"] == f"Báo cáo {period_name} đã được duyệt"

    assert reviewer.post(f"{URL}/reopen", json={"reason": "Bổ sung GD-02"}).status_code == 200
    reopened = _notes(reporter)[0]
    assert reopened["kind"] == "report_reopened" and "Bổ sung GD-02" in reopened["body"]

    assert len(_notes(reporter)) == seen + 3  # submitting tells the unit nothing it does not know
    assert _notes(other_unit) == others_before  # another unit hears nothing of it
