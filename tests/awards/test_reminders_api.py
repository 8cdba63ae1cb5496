"""Reminders: who is listed, in-app notifications, and e-mail through a local SMTP server."""

from email.header import decode_header, make_header

from awards_support import API
from sqlalchemy import text

PERIOD = "2026-H1"


def test_pending_lists_missing_and_returned_reports(leader, reviewer):
    status = leader.get(f"{API}/periods/{PERIOD}/reporting-status").json()
    expected = {row["unit"] for row in status["units"] if row["first_submitted_at"] is None}
    returned = {row["unit"] for row in status["units"] if row["status"] == "returned"}
    items = reviewer.get(f"{API}/reminders", params={"period": PERIOD, "days_before": 7}).json()["items"]
    assert {i["unit"]["code"] for i in items if i["kind"] == "not_submitted"} == expected
    assert {i["unit"]["code"] for i in items if i["kind"] == "returned"} == returned
    overdue = next(i for i in items if i["kind"] == "not_submitted")
    assert overdue["days_left"] < 0 and "đã quá hạn" in overdue["body"]


def test_nothing_to_remind_long_before_the_deadline(reviewer):
    items = reviewer.get(f"{API}/reminders", params={"period": "2030-Y", "days_before": 3}).json()["items"]
    assert items == []


def test_send_notifies_units_and_queues_emails_to_their_contacts_once_a_day(reviewer, reporter, smtp_server,
                                                                               run_jobs, database):
    """Sending writes the notifications and queues the e-mails in the request's transaction; nothing goes
    over SMTP until the worker runs the jobs (a real SMTP server in this process)."""
    run_jobs()
    smtp_server.messages.clear()
    pending = reviewer.get(f"{API}/reminders", params={"period": PERIOD}).json()["items"]
    target = pending[0]["unit"]["code"]
    assert reviewer.put(f"{API}/units/{target}/contact", json={"email": "doi-tong-hop@example.vn"}).status_code == 204
    assert reviewer.put(f"{API}/units/{target}/contact", json={"email": "khong-hop-le"}).status_code == 422

    sent = reviewer.post(f"{API}/reminders/send", json={"period": PERIOD, "days_before": 7}).json()
    assert sent == {"notified": len(pending), "emails_queued": 1, "skipped": 0, "emailed": 0, "failed": 0}
    assert smtp_server.messages == []  # nothing is sent inside the request
    with database.connect() as connection:
        queued = connection.scalar(text("SELECT COUNT(*) FROM jobs WHERE kind = 'reminders.email' AND status = 'pending'"))
    assert queued == 1

    run_jobs()
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "doi-tong-hop@example.vn"
    assert str(make_header(decode_header(message["Subject"]))) == pending[0]["title"]
    assert pending[0]["unit"]["name"] in message.get_payload(decode=True).decode("utf-8")
    with database.connect() as connection:
        assert connection.scalar(text(
            "SELECT emailed_to FROM notifications n JOIN units u ON u.id = n.unit_id"
            " WHERE u.code = :code AND n.kind = :kind ORDER BY n.id DESC"),
            {"code": target, "kind": pending[0]["kind"]}) == "doi-tong-hop@example.vn"

    again = reviewer.post(f"{API}/reminders/send", json={"period": PERIOD, "days_before": 7}).json()
    assert again == {"notified": 0, "emails_queued": 0, "skipped": len(pending), "emailed": 0, "failed": 0}
    run_jobs()
    assert len(smtp_server.messages) == 1


def test_a_units_contact_address_is_read_by_whoever_sets_it(reviewer, leader):
    assert reviewer.get(f"{API}/units/CAX-001/contact").json() == {"email": None}
    assert reviewer.put(f"{API}/units/CAX-001/contact", json={"email": "cax001@example.vn"}).status_code == 204
    assert reviewer.get(f"{API}/units/CAX-001/contact").json() == {"email": "cax001@example.vn"}
    assert reviewer.get(f"{API}/units/KHONG-CO/contact").status_code == 404
    assert leader.get(f"{API}/units/CAX-001/contact").status_code == 403


def test_without_a_mail_server_reminders_queue_no_email(reviewer, database):
    pending = reviewer.get(f"{API}/reminders", params={"period": PERIOD}).json()["items"]
    target = pending[0]["unit"]["code"]
    assert reviewer.put(f"{API}/units/{target}/contact", json={"email": "doi-tong-hop@example.vn"}).status_code == 204
    sent = reviewer.post(f"{API}/reminders/send", json={"period": PERIOD, "days_before": 7}).json()
    assert sent["emails_queued"] == 0
    with database.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM jobs WHERE kind = 'reminders.email'")) == 0


def test_units_read_their_own_notifications(reviewer, reporter, leader):
    reviewer.post(f"{API}/reminders/send", json={"period": PERIOD, "days_before": 7})
    status = leader.get(f"{API}/periods/{PERIOD}/reporting-status").json()
    own = next(row for row in status["units"] if row["unit"] == "CAX-001")
    notes = reporter.get(f"{API}/notifications").json()
    reminded = own["first_submitted_at"] is None or own["status"] == "returned"
    assert bool(notes) == reminded
    if notes:
        read = reporter.post(f"{API}/notifications/{notes[0]['id']}/read").json()
        assert read["read_at"] is not None
        assert reporter.get(f"{API}/notifications", params={"unread": True}).json() == notes[1:]


def test_reminders_need_the_standing_body(reporter):
    assert reporter.get(f"{API}/reminders", params={"period": PERIOD}).status_code == 403
    assert reporter.post(f"{API}/reminders/send", json={"period": PERIOD}).status_code == 403


def test_sending_writes_in_a_few_statements_whatever_the_number_of_units(app, reviewer, database):
    """Every pending unit has a contact address: the notifications and the e-mail jobs are written in bulk, so
    the request's statements do not grow with the units (one at a time, each unit cost two or more)."""
    from sqlalchemy import event

    pending = reviewer.get(f"{API}/reminders", params={"period": PERIOD}).json()["items"]
    with database.begin() as connection:
        connection.execute(text("INSERT INTO unit_contacts (unit_id, email) SELECT id, 'doi@example.vn' FROM units"))
    app.state.settings = app.state.settings.model_copy(update={"smtp_host": "127.0.0.1"})  # no SMTP is reached
    engine = app.state.write_sessions.kw["bind"]
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        sent = reviewer.post(f"{API}/reminders/send", json={"period": PERIOD, "days_before": 7}).json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(pending) > 50 and sent["notified"] == sent["emails_queued"] == len(pending)
    assert len(statements) < 20, statements
