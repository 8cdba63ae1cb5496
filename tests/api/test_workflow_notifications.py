"""A unit hears, in the app, when its report is returned, approved or reopened, with the reason it must act on."""

from email.header import decode_header, make_header

from api_support import API, PERIOD, REPORTER_UNIT
from sqlalchemy import text

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


def _text(message) -> tuple[str, str]:
    """The decoded subject and body of an e-mail the SMTP server received."""
    return str(make_header(decode_header(message["Subject"]))), message.get_payload(decode=True).decode("utf-8")


def test_each_decision_is_emailed_through_the_job_queue(smtp_server, run_jobs, reviewer, reporter, database):
    """With an SMTP server configured and the unit's contact address set, each decision queues an e-mail that
    the worker sends after the request (a real SMTP server in this process, not a mock)."""
    status = reporter.get(URL).json()["status"]
    if status == "approved":
        assert reviewer.post(f"{URL}/reopen", json={"reason": "Chuẩn bị"}).status_code == 200
        status = "returned"
    if status != "submitted":
        assert reporter.post(f"{URL}/submit").status_code == 200
    run_jobs()
    period_name = next(p["name"] for p in reporter.get(f"{API}/periods").json() if p["code"] == PERIOD)
    unit_name = reporter.get(URL).json()["unit"]["name"]
    assert reviewer.put(f"{API}/units/{REPORTER_UNIT}/contact", json={"email": "cax001@example.vn"}).status_code == 204
    smtp_server.messages.clear()

    def decide(action: str, body: dict | None = None) -> tuple[str, str]:
        assert reviewer.post(f"{URL}/{action}", json=body).status_code == 200
        assert smtp_server.messages == []  # nothing is sent inside the request
        run_jobs()
        assert [message["To"] for message in smtp_server.messages] == ["cax001@example.vn"]
        sent = _text(smtp_server.messages.pop())
        with database.connect() as connection:
            assert connection.scalar(text("SELECT emailed_to FROM notifications WHERE id = :id"),
                                     {"id": _notes(reporter)[0]["id"]}) == "cax001@example.vn"
        return sent

    subject, body = decide("return", {"reason": "Thiếu biên bản KL-09"})
    assert subject == f"Báo cáo {period_name} bị trả lại"
    assert period_name in body and unit_name in body and "Lý do: “Thiếu biên bản KL-09”" in body

    assert reporter.post(f"{URL}/submit").status_code == 200
    run_jobs()
    assert smtp_server.messages == []  # the unit's own step is not mailed to it

    subject, body = decide("approve")
    assert subject == f"Báo cáo {period_name} đã được duyệt"
    assert period_name in body and unit_name in body and "đã được duyệt" in body

    subject, body = decide("reopen", {"reason": "Bổ sung GD-02"})
    assert subject == f"Báo cáo {period_name} được mở lại"
    assert period_name in body and unit_name in body and "Lý do: “Bổ sung GD-02”" in body


def test_without_a_mail_server_no_email_job_is_queued(reviewer, reporter, database):
    assert reviewer.put(f"{API}/units/{REPORTER_UNIT}/contact", json={"email": "cax001@example.vn"}).status_code == 204
    status = reporter.get(URL).json()["status"]
    if status not in ("submitted", "approved"):
        assert reporter.post(f"{URL}/submit").status_code == 200
    action, body = ("reopen", {"reason": "Chuẩn bị"}) if status == "approved" else ("return", {"reason": "Thiếu số liệu"})
    assert reviewer.post(f"{URL}/{action}", json=body).status_code == 200
    with database.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM jobs WHERE kind = 'reminders.email'")) == 0
