"""SIGKILL in the middle of a large import: after a restart the database is as before the request or as
after it, never in between (the import, its audit entries and its score recompute are one transaction).

The kill is not left to timing: the server is stopped (SIGSTOP) and its database looked at from outside
until the import's own transaction is open (its run recorded, its answer not; SQLite's write lock held,
on PostgreSQL values written) and has been for half the time an uninterrupted import keeps it open; only
then is the stopped server killed, so the kill certainly lands inside the transaction. The uninterrupted
import is killed right after its answer: a confirmed import is never lost."""

import hashlib
import sqlite3
import threading

import httpx
from sqlalchemy.engine import make_url

from tests.imports.files import csv_bytes
from tests.reliability.servers import Onlooker, Server, start_server

EDITABLE = {"draft", "returned", None}
KINDS = ("commune", "commune_police", "department", "police_department")


def _targets(admin: httpx.Client) -> list[tuple[str, str]]:
    """(unit, indicator) pairs the administrator may fill: editable forms, indicators counted in times."""
    status = {
        s["unit"]["code"]: s["status"]
        for s in admin.get("/api/v1/submissions", params={"period": "2026-H1", "page_size": 500}).json()
    }
    pairs = []
    for kind in KINDS:
        units = admin.get("/api/v1/units", params={"kind": kind, "page_size": 500}).json()
        indicators = [
            i["code"]
            for i in admin.get("/api/v1/indicators", params={"kind": kind, "period": "2026-H1"}).json()
            if i["measure"] == "count"
        ]
        pairs += [
            (u["code"], code) for u in units if status.get(u["code"]) in EDITABLE for code in indicators
        ]
    return pairs


def _marked(onlooker: Onlooker, mark: int) -> int:
    """The committed values of 2026-H1 holding the count ``mark`` (no test value uses 90 or more): one
    query, where reading every unit's form over HTTP took seconds per check."""
    return onlooker.scalar(
        "SELECT count(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id "
        "JOIN periods p ON p.id = s.period_id WHERE p.code = '2026-H1' AND v.count = :mark",
        mark=mark,
    )


def _import(server_url: str, cookies, csrf: str, body: bytes, outcome: dict) -> None:
    try:
        with httpx.Client(base_url=server_url, cookies=cookies, timeout=120) as client:
            response = client.post(
                "/api/v1/imports/values",
                files={"file": ("so-lieu.csv", body, "text/csv")},
                headers={"X-CSRF-Token": csrf, "Idempotency-Key": _key(body)},
            )
            outcome["status"] = response.status_code
    except httpx.TransportError as error:
        outcome["status"] = type(error).__name__


def _key(body: bytes) -> str:
    return f"crash-{hashlib.sha256(body).hexdigest()[:16]}"


def _start_import(server: Server, admin: httpx.Client, targets: list[tuple[str, str]], mark: int):
    """An import of every pair with the count ``mark``, sent from a thread: (thread, outcome)."""
    rows = [["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Số lần"]]
    rows += [[unit, "2026-H1", indicator, mark] for unit, indicator in targets]
    body = csv_bytes(rows)
    outcome: dict = {"body": body}
    request = threading.Thread(
        target=_import, args=(server.url, admin.cookies, admin.headers["X-CSRF-Token"], body, outcome)
    )
    request.start()
    return request, outcome


def test_kill_during_a_large_import_leaves_before_or_after(server, tmp_path):
    """Two imports of every pair, each with a new count that recognises its rows; the server is restarted
    after each kill and every row of both imports is checked. The killed import's Idempotency-Key is free
    after the restart: a retry with it runs (or replays the answer of an import killed after its commit)."""
    running = server
    admin = running.client("admin")
    targets = _targets(admin)
    assert len(targets) >= 150, "the import should be large"
    onlooker = Onlooker(server.database_url)

    def importing() -> bool:
        running_runs = onlooker.scalar("SELECT count(*) FROM import_runs WHERE status = 'running'")
        return running_runs == 1 and onlooker.writing("submission_values")

    # Left to finish, while the same checks time how long its transaction is open; killed at its answer.
    assert _marked(onlooker, 90) == 0
    request, outcome = _start_import(running, admin, targets, 90)
    seconds = running.time_inside(importing, request)
    request.join(timeout=120)
    assert outcome.get("status") == 200, outcome
    running.kill()
    running = start_server(server.database_url, tmp_path)
    admin = running.client("admin")
    assert _marked(onlooker, 90) == len(targets), "a confirmed import was lost"
    assert seconds > 0, "no check saw the import's transaction open"

    # Killed halfway through its transaction; an import quicker than that is let finish and the next one
    # killed sooner, at last at the first check that sees its transaction open.
    after, mark = seconds / 2, 91
    while True:
        assert _marked(onlooker, mark) == 0
        request, outcome = _start_import(running, admin, targets, mark)
        killed = running.kill_while(importing, request, after=after)
        request.join(timeout=120)
        if killed:
            break
        assert after > 0, f"no check saw the import's transaction open: {outcome}"
        assert outcome.get("status") == 200, outcome
        after, mark = (after / 4 if after > 0.01 else 0.0), mark + 1
    assert not isinstance(outcome.get("status"), int), f"the killed import answered: {outcome}"
    running = start_server(server.database_url, tmp_path)
    marked = _marked(onlooker, mark)
    assert marked in (0, len(targets)), f"torn import: {marked} of {len(targets)} rows"
    retry = running.client("admin").post("/api/v1/imports/values", headers={"Idempotency-Key": _key(outcome["body"])},
                                         files={"file": ("so-lieu.csv", outcome["body"], "text/csv")})  # fmt: skip
    assert retry.status_code == 200, retry.text[:300]
    assert _marked(onlooker, mark) == len(targets)
    running.process.terminate()
    running.process.wait(timeout=30)
    onlooker.close()
    print(
        f"import transaction open {seconds:.2f} s uninterrupted; killed {after:.2f} s into import {mark - 89}, "
        f"{marked} of its rows kept"
    )
    url = make_url(server.database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
