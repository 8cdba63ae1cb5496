"""SIGKILL in the middle of a full score recompute: locking a period recomputes every unit's score,
re-ranks every group, freezes the scores and records the lock, all in the request's one transaction.
After a restart the database is exactly as before the lock (period open, scores untouched) or exactly as
after it (locked, every score recomputed and frozen), never between.

The database is the demo province plus 2 groups of 40 commune police units whose reports were written
without their scores (as after a national import whose recompute follows the response), so the lock
inserts score rows as well as rewriting every other one. The kill is not left to timing: the server is
stopped (SIGSTOP) and its database looked at from outside until the lock's transaction is open (the
period still open for everyone else; SQLite's write lock held, on PostgreSQL scores written) and has
been for half the time an uninterrupted lock takes; only then is the stopped server killed. A second
lock is killed right after its answer: a confirmed lock is never lost.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

from api.db.engine import make_engine, session_factories
from api.db.models import EmulationGroup, Period, Score, Submission, SubmissionValue, Unit, User
from api.domain import UnitKind
from api.services import periods
from api.services.access import Principal
from api.services.catalog import scoring_context
from api.services.seed import demo_value
from tests.reliability.servers import Onlooker, Server, start_server

PERIOD = "2026-H1"
EXTRA_GROUPS, GROUP_SIZE = 2, 40
# Columns that differ between two correct runs: row ids and the instant a row was written.
VOLATILE = {"id", "computed_at"}


def _add_units_without_scores(url: str) -> None:
    """Emulation groups of commune police units; 60 % have a report (draft, submitted or approved)
    with every indicator filled; none has a score row yet, and the demo's scores are to be rewritten."""
    engine = make_engine(url)
    _read, write = session_factories(engine)
    rng = random.Random(11)
    with write.begin() as session:
        period = session.scalar(select(Period).where(Period.code == PERIOD))
        police = session.scalar(select(Unit).where(Unit.code == "CAT"))
        catalog, _context = scoring_context(session, period)
        indicators = catalog.for_kind(UnitKind.COMMUNE_POLICE)
        for g in range(EXTRA_GROUPS):
            group = EmulationGroup(code=f"CAX-K{g:02d}", name=f"Cụm thi đua Công an xã số {g + 1} (thử)")
            session.add(group)
            session.flush()
            session.execute(insert(Unit), [
                {"code": f"K{g:02d}-{i:03d}", "name": f"Công an xã Thử {g + 1}-{i + 1}", "kind": "commune_police",
                 "parent_id": police.id, "group_id": group.id, "active": True}
                for i in range(GROUP_SIZE)
            ])  # fmt: skip
        unit_ids = session.scalars(select(Unit.id).where(Unit.code.like("K%-%"))).all()
        reported = [unit_id for unit_id in unit_ids if rng.random() < 0.6]
        sent = datetime(2026, 6, 10, 3, tzinfo=UTC)
        rows = []
        for unit_id in reported:
            status = rng.choice(["submitted", "approved", "draft"])
            rows.append({
                "period_id": period.id, "unit_id": unit_id, "status": status, "version": 1, "updated_at": sent,
                "first_submitted_at": None if status == "draft" else sent,
                "submitted_at": None if status == "draft" else sent,
            })  # fmt: skip
        session.execute(insert(Submission), rows)
        submission_ids = session.scalars(select(Submission.id).where(Submission.unit_id.in_(reported))).all()
        values = []
        for submission_id in submission_ids:
            good = rng.random() < 0.85
            for indicator in indicators:
                value = demo_value(indicator, rng, good)
                values.append({
                    "submission_id": submission_id, "indicator_code": indicator.code,
                    "numerator": value.numerator, "denominator": value.denominator, "count": value.count,
                    "flag": value.flag, "date_value": value.date_value, "note": None,
                })  # fmt: skip
        session.execute(insert(SubmissionValue), values)
        # Every stored score of the period is rewritten by the lock, not skipped as unchanged.
        session.execute(update(Score).where(Score.period_id == period.id).values(fingerprint=""))
    engine.dispose()


def _state(url: str) -> dict:
    """What the lock changes: the period row, its scores, its lock audit entries."""
    engine = create_engine(url)
    with engine.connect() as connection:
        period = connection.execute(
            text("SELECT id, status, locked_at FROM periods WHERE code = :code"), {"code": PERIOD}
        ).one()
        result = connection.execute(
            text("SELECT * FROM scores WHERE period_id = :period ORDER BY unit_id"), {"period": period.id}
        )
        columns = list(result.keys())
        scores = [dict(zip(columns, row, strict=True)) for row in result]
        locks = connection.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'period.lock' AND entity_key = :code"),
            {"code": PERIOD},
        ).scalar_one()
    engine.dispose()
    return {"status": period.status, "locked_at": period.locked_at, "scores": scores, "locks": locks}


def _content(scores: list[dict]) -> list[dict]:
    return [{name: value for name, value in row.items() if name not in VOLATILE} for row in scores]


def _lock_uninterrupted(url: str) -> float:
    """Lock the period in process, as the route does; the seconds it took."""
    engine = make_engine(url)
    _read, write = session_factories(engine)
    with write() as session:
        admin = session.scalar(select(User).where(User.username == "admin"))
        principal = Principal(admin.id, admin.username, admin.role, None)
        started = time.perf_counter()
        periods.lock(session, principal, PERIOD)
        session.commit()
        elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def _post_lock(server: Server, cookies, csrf: str, outcome: dict) -> None:
    try:
        with httpx.Client(base_url=server.url, cookies=cookies, timeout=120) as client:
            response = client.post(f"/api/v1/periods/{PERIOD}/lock", headers={"X-CSRF-Token": csrf})
            outcome["status"] = response.status_code
    except httpx.TransportError as error:
        outcome["status"] = type(error).__name__


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def copies(request, tmp_path) -> Iterator[tuple[str, Callable[[], str]]]:
    """The big database and ``copy()``, which returns the URL of a fresh copy of it."""
    if request.param == "sqlite":
        base = request.getfixturevalue("sqlite_url")
        _add_units_without_scores(base)
        source = make_url(base).database
        with sqlite3.connect(source) as connection:  # everything in the main file before copying it
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        def copy() -> str:
            target = tmp_path / f"copy-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(source, target)
            return f"sqlite:///{target}"

        yield base, copy
        return
    base = request.getfixturevalue("postgres_database")
    _add_units_without_scores(base)
    server = create_engine(os.environ["BANHAT_TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def copy() -> str:
        name = f"{make_url(base).database}_{len(made)}"
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(base).database}"'))
        made.append(name)
        return make_url(base).set(database=name).render_as_string(hide_password=False)

    yield base, copy
    with server.connect() as connection:
        for name in made:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _start_lock(server: Server) -> tuple[threading.Thread, dict]:
    """The lock request, sent from a thread: (thread, outcome)."""
    admin = server.client("admin")
    outcome: dict = {}
    request = threading.Thread(
        target=_post_lock, args=(server, admin.cookies, admin.headers["X-CSRF-Token"], outcome)
    )
    request.start()
    return request, outcome


def test_kill_during_a_full_recompute_leaves_before_or_after(copies, tmp_path):
    base, copy = copies
    before = _state(base)
    assert before["status"] == "open" and before["locks"] == 0
    reference_url = copy()
    duration = _lock_uninterrupted(reference_url)
    after = _state(reference_url)
    assert after["status"] == "locked" and after["locks"] == 1
    assert all(row["frozen"] for row in after["scores"])
    assert len(after["scores"]) > len(before["scores"]), "the lock should score the new units"

    def assert_locked_as_after(state: dict) -> None:
        assert state["locks"] == 1, "torn lock (audit)"
        assert all(row["frozen"] for row in state["scores"]), "torn lock (unfrozen scores)"
        assert _content(state["scores"]) == _content(after["scores"]), "torn lock (scores)"

    url = copy()
    running = start_server(url, tmp_path)
    onlooker = Onlooker(url)

    def locking() -> bool:
        status = onlooker.scalar("SELECT status FROM periods WHERE code = :code", code=PERIOD)
        return status == "open" and onlooker.writing("scores")

    # Killed halfway through the lock's transaction; a lock quicker than that is killed at its answer
    # instead (and checked), and the next one, on a fresh copy, killed sooner: at last at the first check
    # that sees its transaction open.
    aim = duration / 2
    while True:
        request, outcome = _start_lock(running)
        killed = running.kill_while(locking, request, after=aim)
        request.join(timeout=120)
        if killed:
            break
        assert aim > 0, f"no check saw the lock's transaction open: {outcome}"
        assert outcome.get("status") == 200, outcome
        running.kill()
        onlooker.close()
        assert_locked_as_after(_state(url))
        url, aim = copy(), (aim / 4 if aim > 0.01 else 0.0)
        running = start_server(url, tmp_path)
        onlooker = Onlooker(url)
    onlooker.close()
    assert not isinstance(outcome.get("status"), int), f"the killed lock answered: {outcome}"
    running = start_server(url, tmp_path)  # the restart: recovery happens here
    state = _state(url)
    assert running.client("admin").get(f"/api/v1/periods/{PERIOD}").json()["status"] == state["status"]
    if state["status"] == "open":
        assert state == before, "torn lock (period open, something changed)"
        # Left to finish, then killed at its answer.
        request, outcome = _start_lock(running)
        request.join(timeout=120)
        assert outcome.get("status") == 200, outcome
        running.kill()
        running = start_server(url, tmp_path)
        state = _state(url)
        assert state["status"] == "locked", "a confirmed lock was lost"
    assert_locked_as_after(state)
    running.process.terminate()
    running.process.wait(timeout=30)
    print(f"lock {duration:.2f} s uninterrupted; killed {aim:.2f} s into its transaction")
    if make_url(base).get_backend_name() == "sqlite":
        with sqlite3.connect(make_url(url).database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
