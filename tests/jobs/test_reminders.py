"""Scheduled đôn đốc: at each offset before (and after) a due date the worker reminds every unit still
missing, in-app and by e-mail, once per unit, period and offset, even with two workers."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, text

from api.domain import reminder_offset
from api.domain.periods import VIETNAM
from api.services import reminders, transaction
from api.settings import MailSettings
from tests.backend_support import running_smtp

THREE_DAYS_BEFORE = datetime(2026, 6, 17, 9, 0, tzinfo=VIETNAM)  # 2026-H1 is due on 2026-06-20
OFFSETS = (7, 3, 1, -1)


@pytest.mark.parametrize(("days_left", "offset"), [
    (30, None), (8, None), (7, 7), (5, 7), (3, 3), (2, 3), (1, 1), (0, 1), (-1, -1), (-8, -1), (-9, None),
])
def test_the_offset_due_is_the_latest_reached(days_left, offset):
    assert reminder_offset(days_left, OFFSETS) == offset


def missing_units(worker) -> set[int]:
    with worker.read_sessions() as session:
        return set(session.scalars(text(
            "SELECT u.id FROM units u LEFT JOIN submissions s ON s.unit_id = u.id AND s.period_id = "
            "(SELECT id FROM periods WHERE code = '2026-H1') WHERE u.active AND u.group_id IS NOT NULL "
            "AND s.first_submitted_at IS NULL")))


def reminded(worker) -> list[tuple[int, int]]:
    """(unit id, offset) of every scheduled reminder, with the notification each one made."""
    with worker.read_sessions() as session:
        return [tuple(row) for row in session.execute(text(
            "SELECT r.unit_id, r.offset_days FROM scheduled_reminders r "
            "JOIN notifications n ON n.id = r.notification_id AND n.unit_id = r.unit_id ORDER BY r.unit_id"))]


def test_three_days_before_the_due_date_each_missing_unit_is_reminded_once(sqlite_url, workers, clock):
    clock.set_now(THREE_DAYS_BEFORE)
    first, second = workers(sqlite_url), workers(sqlite_url)
    missing = missing_units(first)
    assert 0 < len(missing)
    first.start()
    second.start()  # both workers ask for the recurring jobs (the schedule's, the purge's): one of each
    assert first.run_until_idle() == 2 and second.run_until_idle() == 0
    assert reminded(first) == [(unit, 3) for unit in sorted(missing)]
    clock.set_now(THREE_DAYS_BEFORE + timedelta(hours=1, minutes=1))  # the next look, an hour later
    assert second.run_until_idle() == 1
    assert reminded(first) == [(unit, 3) for unit in sorted(missing)]  # nothing twice
    with first.read_sessions() as session:
        body = session.scalar(text("SELECT body FROM notifications ORDER BY id DESC LIMIT 1"))
    assert "còn 3 ngày" in body
    clock.set_now(datetime(2026, 6, 21, 9, 0, tzinfo=VIETNAM))  # the day after: the last reminder
    first.run_until_idle()
    assert sorted(reminded(first)) == sorted([(unit, 3) for unit in missing] + [(unit, -1) for unit in missing])


def test_a_unit_with_a_contact_is_also_emailed_once(sqlite_url, workers, clock):
    with running_smtp() as (inbox, port):
        clock.set_now(THREE_DAYS_BEFORE)
        worker = workers(sqlite_url, smtp_host="127.0.0.1", smtp_port=port)
        unit = min(missing_units(worker))
        with transaction.owned(worker.write_sessions) as session:
            session.execute(text("INSERT INTO unit_contacts (unit_id, email) VALUES (:unit, 'doi@example.vn')"),
                            {"unit": unit})
        worker.start()
        worker.run_until_idle()  # the schedule, then the e-mail it queued
        clock.set_now(THREE_DAYS_BEFORE + timedelta(hours=2))
        worker.run_until_idle()
    assert [message["To"] for message in inbox.messages] == ["doi@example.vn"]
    with worker.read_sessions() as session:
        assert session.scalar(text("SELECT emailed_to FROM notifications WHERE unit_id = :unit"),
                              {"unit": unit}) == "doi@example.vn"


def test_two_workers_on_postgresql_remind_each_unit_once(postgres_database, workers, clock):
    clock.set_now(THREE_DAYS_BEFORE)
    first, second = workers(postgres_database), workers(postgres_database)
    missing = missing_units(first)
    barrier = threading.Barrier(2)

    def scan(worker):
        with transaction.owned(worker.write_sessions) as session:
            barrier.wait()
            reminders.send_scheduled(session, OFFSETS, MailSettings())

    threads = [threading.Thread(target=scan, args=(worker,)) for worker in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reminded(first) == [(unit, 3) for unit in sorted(missing)]
    with first.read_sessions() as session:
        assert session.scalar(text("SELECT COUNT(*) FROM notifications WHERE kind = 'not_submitted'")) == len(missing)


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_scan_over_many_units_writes_their_reminders_in_a_few_statements(engine, request, workers, clock):
    """Written one at a time, 10,000 units held SQLite's only writer for over 10 s (saves got 503): the
    statements of a scan do not grow with the units (e-mail jobs included)."""
    url = request.getfixturevalue("sqlite_url" if engine == "sqlite" else "postgres_database")
    clock.set_now(THREE_DAYS_BEFORE)
    worker = workers(url, smtp_host="127.0.0.1")
    with transaction.owned(worker.write_sessions) as session:
        session.execute(text(  # 300 more units missing the report, copies of a scored one
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
            "INSERT INTO units (code, name, search_name, kind, parent_id, group_id, active) "
            "SELECT 'X-' || CAST(n.i AS VARCHAR(8)), u.name, u.search_name, u.kind, u.parent_id, u.group_id, u.active "
            "FROM n CROSS JOIN units u WHERE u.id = (SELECT min(id) FROM units WHERE group_id IS NOT NULL AND active)"))
        session.execute(text("INSERT INTO unit_contacts (unit_id, email) SELECT id, 'doi@example.vn' FROM units"))
    missing = missing_units(worker)
    assert len(missing) > 300

    statements = []
    engine_of = worker.write_sessions.kw["bind"]

    def count(*_args) -> None:
        statements.append(1)

    event.listen(engine_of, "before_cursor_execute", count)
    try:
        with transaction.owned(worker.write_sessions) as session:
            assert reminders.send_scheduled(session, OFFSETS, MailSettings(host="127.0.0.1")) == len(missing)
    finally:
        event.remove(engine_of, "before_cursor_execute", count)
    assert reminded(worker) == [(unit, 3) for unit in sorted(missing)]
    with worker.read_sessions() as session:
        assert session.scalar(text("SELECT COUNT(*) FROM jobs WHERE kind = 'reminders.email'")) == len(missing)
    assert len(statements) < 10  # the periods, then per period due a reminder: 3 writes, the contacts, the jobs
