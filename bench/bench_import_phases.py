"""Where a values import spends its time, in process: the import of `bench_import.py`'s file through the
ASGI app (no HTTP server), each repository function of the import timed, per thread.

    uv run python bench/bench_import_phases.py [--rows 1000000] [--postgres URL] [--switch-interval 0.005]
        [--calls] [--recompute ROUNDS] [--checks-only] [--bad-every N]

Prints the request's time, then one line per timed function (thread, calls, first start after the request
began, total seconds, and the CPU its thread spent in it: `import_values` is the request's thread, whose
CPU is the import's Python); with `--calls`, every call first (when a chunk's background work starts, against
the request's thread). `--switch-interval` sets Python's GIL turn before the app starts, instead of the
app's own `GIL_SWITCH_SECONDS` (api/main.py), to compare the two in one run of this script each.
With `--checks-only`, the rows are read, checked and routed but dropped before the database (nothing is
written): `import_values`'s CPU is then the request thread's Python alone. With `--bad-every N`, every Nth row
names an unknown unit and the file is imported in partial mode (the refused rows reported, the others kept):
how the checks fare round errors. With `--recompute N`, then the deferred recompute of the file's first period
(`recompute_period`, 10,000 units in one group), timed alone: its first computation without explanations (as the
deferred recompute's job does), the explanations added (its `EXPLAIN` job), then N rounds of every row rewritten
(the stored fingerprints spoilt) and of nothing to write.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_import import PERIODS, SERVER_NOW, build_database, postgres_schema_url, value_rows, write_csv

# (module, class in it or None, functions timed)
TIMED = [
    ("api.db.repositories.value_imports", None, [
        "stage", "fill_kept", "count_outcomes", "create_missing_submissions", "merge_values", "bump_versions",
        "record_audit", "add_outcomes",
    ]),
    ("api.services.imports.values", None, ["import_values", "_apply"]),
    ("api.services.imports.values", "_Chunks", ["wait"]),  # the request's thread waiting for a chunk
    ("api.services.imports.values", "_NewReports", ["write"]),  # a chunk of new reports' drafts and values
]  # fmt: skip


def timed(log: list, started: list[float], module, name: str) -> None:
    function = getattr(module, name)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begun, cpu = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            log.append((threading.current_thread().name.split("_")[0], name, begun - started[0],
                        time.perf_counter() - begun, time.thread_time() - cpu))

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="run on PostgreSQL (a scratch schema next to this URL) instead of SQLite")
    parser.add_argument("--switch-interval", type=float, help="Python's GIL turn, in seconds (default: the app's)")
    parser.add_argument("--calls", action="store_true", help="also print every call, in the order they began")
    parser.add_argument("--recompute", type=int, metavar="ROUNDS", help="then time the first period's recompute")
    parser.add_argument("--bad-every", type=int, metavar="N",
                        help="every Nth row names an unknown unit (imported in partial mode): the checks' way round errors")
    parser.add_argument("--checks-only", action="store_true",
                        help="drop the checked rows instead of sending them to the database: the request's thread alone")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-phases-"))
    csv_path = workdir / "values.csv"
    rows = value_rows(args.rows)
    for row in rows[:: args.bad_every] if args.bad_every else ():
        row[0] = "CAX-XXXXX"  # no such unit
    write_csv(rows, csv_path)
    url = postgres_schema_url(args.postgres)[0] if args.postgres else f"sqlite:///{workdir / 'bench.sqlite3'}"
    token = build_database(url)
    os.environ.update({"DATABASE_URL": url, "BANHAT_FRONTEND_DIST": "/nonexistent", "BANHAT_NOW": SERVER_NOW,
                       "BANHAT_RUN_WORKER": "false"})

    import importlib

    from starlette.testclient import TestClient

    import api.main

    log: list = []
    started = [0.0]
    for module_name, owner, names in TIMED:
        module = importlib.import_module(module_name)
        target = getattr(module, owner, None) if owner else module
        for name in names:
            if hasattr(target, name):  # an older tree may lack some (the script runs in a worktree of it too)
                timed(log, started, target, name)
    if args.checks_only:
        drop_checked_rows()
    if args.switch_interval is not None:
        api.main.GIL_SWITCH_SECONDS = args.switch_interval
    with TestClient(api.main.create_app()) as client, csv_path.open("rb") as handle:
        started[0] = time.perf_counter()
        mode = "?all_or_nothing=false" if args.bad_every else ""
        response = client.post(f"/api/v1/imports/values{mode}", files={"file": ("values.csv", handle, "text/csv")},
                               headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())})
        elapsed = time.perf_counter() - started[0]
    print(f"{'PostgreSQL' if args.postgres else 'SQLite'}, {args.rows:,} values: {response.status_code} in "
          f"{elapsed:.2f} s (GIL turn {sys.getswitchinterval() * 1000:g} ms)")
    if args.calls:
        for thread, name, begun, seconds, cpu in sorted(log, key=lambda call: call[2]):
            print(f"  {thread:14} {name:30} at {begun:5.2f} s, {seconds:5.3f} s, {cpu:5.3f} s of its thread's CPU")
    totals: dict = defaultdict(lambda: [0, 0.0, float("inf"), 0.0])
    for thread, name, begun, seconds, cpu in log:
        total = totals[thread, name]
        total[0] += 1
        total[1] += seconds
        total[2] = min(total[2], begun)
        total[3] += cpu
    for (thread, name), (calls, seconds, first, cpu) in sorted(totals.items(), key=lambda item: item[1][2]):
        print(f"  {thread:14} {name:30} {calls:3} calls, first at {first:5.2f} s, {seconds:5.2f} s in all, "
              f"{cpu:5.2f} s of its thread's CPU")

    if args.recompute is not None:
        time_recompute(url, args.recompute)


def drop_checked_rows() -> None:
    """Make the import read and check every row but send none to the database (nothing is written), so that
    `import_values`'s CPU is the Python of reading, checking and routing rows, with no background thread
    beside it."""
    from api.services.imports import values

    def drop(chunks) -> None:
        chunks.rows, chunks.taken = [], 0
        chunks.new.take()

    values._Chunks._send = drop
    values._Chunks.finish = drop


def time_recompute(url: str, rounds: int) -> None:
    from sqlalchemy import select, text

    from api.db.engine import make_engine, session_factories
    from api.db.models import Period
    from api.services.scoring import recompute_period

    factory = session_factories(make_engine(url))[1]

    def timed_round(label: str, explained: bool = True) -> None:
        with factory.begin() as session:
            period = session.scalars(select(Period).where(Period.code == PERIODS[0])).one()
            wall, cpu = time.perf_counter(), time.process_time()
            recompute_period(session, period, explained=explained)
            print(f"  recompute {PERIODS[0]}, {label:18} {time.perf_counter() - wall:5.2f} s, "
                  f"{time.process_time() - cpu:5.2f} s of CPU here")

    timed_round("first, unexplained", explained=False)  # as the deferred recompute's job does
    timed_round("explanations added")  # its EXPLAIN job
    for _ in range(rounds):
        with factory.begin() as session:
            session.execute(text("UPDATE scores SET fingerprint = 'x'"))
        timed_round("all rewritten")
        timed_round("nothing to do")


if __name__ == "__main__":
    main()
