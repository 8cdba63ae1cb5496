"""Benchmark: import a million values as CSV through the HTTP endpoint, against raw insert speed.

For each database (SQLite file, and PostgreSQL when `--postgres URL` is given) the script:
1. builds a fresh database with Alembic, loads the catalog, creates 10,000 units (national scale)
   and an administrator with an API token;
2. writes a CSV of distinct valid values (units x applicable indicators x periods, `--rows`);
3. starts `uvicorn` in a child process (its job worker on, its clock at 2026-03-02 so that no
   reminder of the 10,000 units is due and the worker runs nothing but the import's jobs; its recomputes
   in 2 processes, or `BANHAT_RECOMPUTE_PROCESSES` from the environment), waits until the server and
   that pool have started (their CPU time at rest), and POSTs
   the file to `/api/v1/imports/values` (the full path: upload, parsing, validation, staging, merge,
   audit), timing the request and reading the server's peak resident memory (VmHWM) afterwards, then
   waits until the deferred recompute has cleared the `scores_pending` mark of every touched period
   (seconds counted from the response), then until the explanations it leaves out are stored (its
   `EXPLAIN` jobs, `explained_seconds`), and reads the peak again;
4. measures the raw insert speed of the same database in the same run: the same rows, already as
   Python tuples, inserted with executemany (SQLite) or COPY (PostgreSQL) into a bare table.

Each engine's row is printed as it ends, then both against the targets of issue 20: >= 250,000
values/s over HTTP on PostgreSQL, >= 200,000 on SQLite, server peak < 400 MB, scores fresh within
5 s of the response.

Run: `uv run python bench/bench_import.py [--rows 1000000] [--postgres postgresql+psycopg://...]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.db.engine import make_engine, session_factories
from api.db.migrate import upgrade
from api.db.models import EmulationGroup, Unit
from api.domain import Measure, UnitKind, default_catalog_path, load_catalog
from api.services import accounts
from api.services.access import Principal
from api.services.seed import seed_catalog

PERIODS = ("2026-H1", "2026-Y", "2027-H1", "2027-Y")
UNITS = 10_000
# The server's clock: a day with no reminder due in any period (see the docstring).
SERVER_NOW = "2026-03-02T09:00:00+07:00"
TARGETS = {"SQLite": 200_000, "PostgreSQL": 250_000}
PEAK_MB, FRESH_SECONDS = 400, 5
HEADER = ["Mã đơn vị", "Mã kỳ báo cáo", "Mã chỉ tiêu", "Tử số", "Mẫu số", "Số lần", "Có/Không", "Ghi chú"]


def build_database(url: str) -> str:
    """Migrate, load the catalog, create the units and an admin token; return the token."""
    upgrade(url)
    engine = make_engine(url)
    with session_factories(engine)[1].begin() as session:
        seed_catalog(session)
        group = EmulationGroup(code="CAX", name="Công an cấp xã")
        session.add(group)
        session.flush()
        session.execute(
            insert(Unit),
            [
                {"code": f"CAX-{index:05d}", "name": f"Công an xã số {index}", "kind": "commune_police",
                 "parent_id": None, "group_id": group.id, "active": True}
                for index in range(UNITS)
            ],
        )  # fmt: skip
        user, _unit = accounts.create_user(
            session, None, username="bench", full_name="Bench", password="Bench@2026-import", role="admin",
            unit_code=None,
        )  # fmt: skip
        principal = Principal(user.id, user.username, "admin", None)
        _token, secret = accounts.create_token(session, principal, "bench", ["units:write"], expires_in_days=1)
    engine.dispose()
    return secret


def value_rows(count: int) -> list[list[object]]:
    catalog = load_catalog(default_catalog_path())
    indicators = catalog.for_kind(UnitKind.COMMUNE_POLICE)
    rng = random.Random(2026)
    rows: list[list[object]] = []
    for period in PERIODS:
        for index in range(UNITS):
            for indicator in indicators:
                if indicator.measure is Measure.RATIO:
                    denominator = rng.randint(1, 200)
                    fields = [rng.randint(0, denominator), denominator, "", ""]
                elif indicator.measure is Measure.COUNT:
                    fields = ["", "", rng.randint(0, 3), ""]
                else:
                    fields = ["", "", "", "Có" if rng.random() < 0.9 else "Không"]
                rows.append([f"CAX-{index:05d}", period, indicator.code, *fields, ""])
                if len(rows) == count:
                    return rows
    raise SystemExit(f"only {len(rows)} distinct values exist for {UNITS} units and {len(PERIODS)} periods")


def write_csv(rows: list[list[object]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> list[int]:
    """The process ids of a process's children (the server's recompute pool)."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]  # fmt: skip


def children_peak_rss_mb(pid: int) -> float:
    """The largest peak resident set among the server's child processes (the recompute pool), 0 if none."""
    return max((peak_rss_mb(child) for child in children(pid)), default=0.0)


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its children (the recompute pool)."""
    ticks = 0
    for process in (pid, *children(pid)):
        fields = Path(f"/proc/{process}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, timeout: float = 60) -> None:
    """Until the server and its recompute pool have started (their CPU time stops growing): the server
    answers before its worker's pool processes have imported the application, which takes both cores."""
    deadline = time.monotonic() + timeout
    last = tree_cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = tree_cpu_seconds(pid)
        if now - last < 0.05:
            return
        last = now


def import_over_http(url: str, token: str, csv_path: Path) -> tuple[float, float, dict]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "BANHAT_FRONTEND_DIST": "/nonexistent", "BANHAT_NOW": SERVER_NOW,
           "BANHAT_RUN_WORKER": "true",
           # The pool of recompute processes the runs of issue 20 measured (off by default).
           "BANHAT_RECOMPUTE_PROCESSES": os.environ.get("BANHAT_RECOMPUTE_PROCESSES", "2")}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env=env, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        wait_until_idle(server.pid)
        idle_mb = peak_rss_mb(server.pid)
        started = time.perf_counter()
        with csv_path.open("rb") as handle:
            response = httpx.post(
                f"{base}/api/v1/imports/values",
                files={"file": (csv_path.name, handle, "text/csv")},
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
                timeout=httpx.Timeout(30, read=1800),
            )
        answered = time.perf_counter()
        elapsed = answered - started
        peak = peak_rss_mb(server.pid)
        if response.status_code != 200:
            raise SystemExit(f"import failed: {response.status_code} {response.text[:2000]}")
        report = response.json()
        report["idle_mb"] = round(idle_mb, 1)
        fresh = {code: round(at - answered, 1) for code, at in wait_for_scores(url, report["scores_pending"]).items()}
        report["periods_fresh_seconds"] = fresh
        report["scores_fresh_seconds"] = max(fresh.values(), default=0.0)
        report["explained_seconds"] = round(wait_until_explained(url) - answered, 1)
        report["peak_with_recompute_mb"] = round(peak_rss_mb(server.pid), 1)
        report["recompute_process_peak_mb"] = round(children_peak_rss_mb(server.pid), 1)
        return elapsed, peak, report
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def pending_periods(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        pending = set(connection.scalars(text("SELECT code FROM periods WHERE scores_pending")))
    engine.dispose()
    return pending


def wait_for_scores(url: str, period_codes: list[str]) -> dict[str, float]:
    """When the recompute deferred after the response finished each pending period (each one clears the
    period's `scores_pending` mark when it commits): `time.perf_counter()` per period code."""
    fresh: dict[str, float] = {}
    while left := set(period_codes) - set(fresh):
        now, pending = time.perf_counter(), pending_periods(url)
        fresh |= {code: now for code in left - pending}
        time.sleep(0.1)
    return fresh


def wait_until_explained(url: str) -> float:
    """When the explanations the deferred recompute leaves out were all stored (its `EXPLAIN` jobs, a few
    seconds later): `time.perf_counter()`."""
    engine = create_engine(url)
    try:
        while True:
            with engine.connect() as connection:
                if connection.scalar(text("SELECT count(*) FROM scores WHERE explanation IS NULL")) == 0:
                    return time.perf_counter()
            time.sleep(0.1)
    finally:
        engine.dispose()


def raw_insert_rate(url: str, rows: list[list[object]]) -> float:
    """Values per second of the fastest plain bulk insert of the same rows into a bare table."""
    tuples = [
        (unit, period, code, numerator or None, denominator or None, None if count == "" else count,
         None if flag == "" else flag == "Có", None)
        for unit, period, code, numerator, denominator, count, flag, _note in rows
    ]  # fmt: skip
    engine = create_engine(url)
    columns = "unit_code, period_code, indicator_code, numerator, denominator, count, flag, note"
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS raw_insert_bench"))
        connection.execute(text(
            "CREATE TABLE raw_insert_bench (unit_code VARCHAR(64), period_code VARCHAR(32), "
            "indicator_code VARCHAR(32), numerator BIGINT, denominator BIGINT, count BIGINT, flag BOOLEAN, "
            "note TEXT)"
        ))  # fmt: skip
    with engine.begin() as connection:
        driver = connection.connection.driver_connection
        started = time.perf_counter()
        if engine.dialect.name == "postgresql":
            with (
                driver.cursor() as cursor,
                cursor.copy(f"COPY raw_insert_bench ({columns}) FROM STDIN") as copy,
            ):
                for row in tuples:
                    copy.write_row(row)
        else:
            cursor = driver.cursor()
            cursor.executemany(
                f"INSERT INTO raw_insert_bench ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuples
            )
            cursor.close()
    elapsed = time.perf_counter() - started
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE raw_insert_bench"))
    engine.dispose()
    return len(tuples) / elapsed


def run(label: str, url: str, rows: list[list[object]], csv_path: Path) -> dict:
    print(f"[{label}] building the database ...", flush=True)
    token = build_database(url)
    print(f"[{label}] importing {len(rows):,} values over HTTP ...", flush=True)
    elapsed, peak, report = import_over_http(url, token, csv_path)
    raw = raw_insert_rate(url, rows)
    result = {
        "database": label,
        "values": len(rows),
        "file_mb": round(csv_path.stat().st_size / 1048576, 1),
        "seconds": round(elapsed, 1),
        "values_per_second": round(len(rows) / elapsed),
        "raw_insert_values_per_second": round(raw),
        "share_of_raw": round(len(rows) / elapsed / raw, 2),
        "server_peak_mb": round(peak, 1),
        "scores_fresh_seconds": report["scores_fresh_seconds"],
        "periods_fresh_seconds": report["periods_fresh_seconds"],
        "explained_seconds": report["explained_seconds"],
        "server_peak_with_recompute_mb": report["peak_with_recompute_mb"],
        "server_idle_mb": report["idle_mb"],
        "recompute_process_peak_mb": report["recompute_process_peak_mb"],
        "created": report["created"],
        "rejected": report["rejected"],
    }
    print(result, flush=True)
    return result


def postgres_schema_url(base: str) -> tuple[str, str]:
    schema = f"bench_import_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="PostgreSQL URL (a scratch schema is created and dropped)")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        rows = value_rows(args.rows)
        csv_path = workdir / "values.csv"
        write_csv(rows, csv_path)
        print(
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
        )
        results = []
        if not args.skip_sqlite:
            results.append(run("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}", rows, csv_path))
        if args.postgres:
            url, schema = postgres_schema_url(args.postgres)
            try:
                results.append(run("PostgreSQL", url, rows, csv_path))
            finally:
                admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
                with admin.connect() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
        for result in results:
            print(verdict(result))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def verdict(result: dict) -> str:
    """One engine's figures against the targets of issue 20."""
    target = TARGETS[result["database"]]
    peak = max(result["server_peak_mb"], result["server_peak_with_recompute_mb"])
    checks = [
        (f"{result['values_per_second']:,} values/s >= {target:,}", result["values_per_second"] >= target),
        (f"share of raw {result['share_of_raw']}", True),
        (f"server peak {peak} MB < {PEAK_MB}", peak < PEAK_MB),
        (f"recompute process peak {result['recompute_process_peak_mb']} MB < {PEAK_MB}",
         result["recompute_process_peak_mb"] < PEAK_MB),
        (f"fresh {result['scores_fresh_seconds']} s <= {FRESH_SECONDS}", result["scores_fresh_seconds"] <= FRESH_SECONDS),
    ]
    marks = ", ".join(f"{text} {'met' if ok else 'NOT MET'}" if "share" not in text else text for text, ok in checks)
    return f"{result['database']}: {marks}"


if __name__ == "__main__":
    main()
