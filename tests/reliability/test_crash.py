"""SIGKILL in the middle of a large import: after a restart the database is as before the request or as
after it, never in between (the import, its audit entries and its score recompute are one transaction)."""

import sqlite3
import threading
import time

import httpx
from sqlalchemy.engine import make_url

from tests.imports.files import csv_bytes
from tests.reliability.conftest import start_server

KILL_DELAYS = (0.02, 0.05, 0.08, 0.12, 0.18, 0.3)  # seconds after sending; the import takes ~0.1-0.4 s
EDITABLE = {"draft", "returned", None}
KINDS = ("commune", "commune_police", "department", "police_department")


def _targets(admin: httpx.Client) -> list[tuple[str, str]]:
    """(unit, indicator) pairs the administrator may fill: editable forms, indicators counted in times."""
    status = {
        s["unit"]["code"]: s["status"]
        for s in admin.get("/api/v1/submissions", params={"period": "2026-H1", "page_size": 500}).json()[
            "items"
        ]
    }
    pairs = []
    for kind in KINDS:
        units = admin.get("/api/v1/units", params={"kind": kind, "page_size": 500}).json()["items"]
        indicators = [
            i["code"]
            for i in admin.get("/api/v1/indicators", params={"kind": kind}).json()
            if i["measure"] == "count"
        ]
        pairs += [
            (u["code"], code) for u in units if status.get(u["code"]) in EDITABLE for code in indicators
        ]
    return pairs


def _marked(admin: httpx.Client, units: set[str], mark: int) -> int:
    marked = 0
    for unit in sorted(units):
        entries = admin.get(f"/api/v1/submissions/2026-H1/{unit}").json()["indicators"]
        marked += sum(1 for e in entries if e["value"] and e["value"].get("count") == mark)
    return marked


def _import(server_url: str, cookies, csrf: str, body: bytes, outcome: dict) -> None:
    try:
        with httpx.Client(base_url=server_url, cookies=cookies, timeout=120) as client:
            response = client.post(
                "/api/v1/imports/values",
                files={"file": ("so-lieu.csv", body, "text/csv")},
                headers={"X-CSRF-Token": csrf},
            )
            outcome["status"] = response.status_code
    except httpx.TransportError as error:
        outcome["status"] = type(error).__name__


def test_kill_during_large_imports_leaves_before_or_after(server, tmp_path):
    """One kill per delay, each into a fresh import (a new count) of every pair; the server is restarted
    between kills and every row of every import is checked."""
    running = server
    admin = running.client("admin")
    targets = _targets(admin)
    assert len(targets) >= 150, "the import should be large enough to be interrupted"
    units = {unit for unit, _ in targets}
    outcomes = []
    for trial, delay in enumerate(KILL_DELAYS):
        mark = 90 + trial  # a count no demo value has: recognises this trial's rows
        assert _marked(admin, units, mark) == 0
        rows = [["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Số lần"]]
        rows += [[unit, "2026-H1", indicator, mark] for unit, indicator in targets]
        outcome: dict = {}
        worker = threading.Thread(
            target=_import,
            args=(running.url, admin.cookies, admin.headers["X-CSRF-Token"], csv_bytes(rows), outcome),
        )
        worker.start()
        time.sleep(delay)
        running.kill()
        worker.join(timeout=120)
        running = start_server(server.database_url, tmp_path)
        admin = running.client("admin")
        marked = _marked(admin, units, mark)
        outcomes.append((delay, outcome.get("status"), marked))
        assert marked in (0, len(targets)), f"torn import: {outcomes}"
        if outcome.get("status") == 200:
            assert marked == len(targets), f"a confirmed import was lost: {outcomes}"
    running.process.terminate()
    running.process.wait(timeout=30)
    assert any(not isinstance(status, int) for _, status, _ in outcomes), f"no kill hit a request: {outcomes}"
    url = make_url(server.database_url)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
