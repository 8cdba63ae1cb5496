"""SQLite inserts beside a thread running Python: `executemany` against one `INSERT ... SELECT` over the
rows' JSON text (`json_each`), the way the values import writes a chunk (api/db/repositories/value_imports.py).

    uv run python bench/bench_sqlite_insert_gil.py [--rows 1000000] [--seconds 20]

Inserts `--rows` values (8 columns, into a table shaped as `submission_values`: unique index, foreign key
checked) in chunks of 100,000, alone and then beside a thread that runs a Python loop, and prints rows per
second and how many loops the other thread ran. A run stops after `--seconds` (`executemany` beside the
thread may otherwise take minutes: it gives up the GIL at every row and waits to take it back).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

CHUNK = 100_000
COLUMNS = "submission_id, indicator_code, numerator, denominator, count, flag, date, note"
STATEMENTS = {
    "executemany": f"INSERT INTO submission_values ({COLUMNS}) VALUES ({', '.join('?' * 8)})",
    "json_each": f"INSERT INTO submission_values ({COLUMNS}) SELECT "
    + ", ".join(f"value ->> {index}" for index in range(8)) + " FROM json_each(?)",
}


def database(path: Path, reports: int) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE submissions (id INTEGER PRIMARY KEY, period_id INT, unit_id INT)")
    connection.execute(
        "CREATE TABLE submission_values (id INTEGER PRIMARY KEY, submission_id INT REFERENCES submissions(id), "
        "indicator_code VARCHAR(32), numerator BIGINT, denominator BIGINT, count BIGINT, flag BOOLEAN, date DATE, "
        "note TEXT, UNIQUE (submission_id, indicator_code))"
    )
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany("INSERT INTO submissions VALUES (?, ?, ?)", [(i + 1, i // 10_000, i) for i in range(reports)])
    return connection


def run(connection: sqlite3.Connection, way: str, rows: list[tuple], seconds: float) -> int:
    """Rows inserted before the deadline."""
    deadline, done = time.perf_counter() + seconds, 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if way == "executemany":
            for part in range(0, len(chunk), 1000):  # small steps, to stop near the deadline
                connection.executemany(STATEMENTS[way], chunk[part : part + 1000])
                done += len(chunk[part : part + 1000])
                if time.perf_counter() > deadline:
                    return done
        else:
            connection.execute(STATEMENTS[way], (json.dumps(chunk),))
            done += len(chunk)
            if time.perf_counter() > deadline:
                return done
    return done


def spin(stop: threading.Event, loops: list[int]) -> None:
    """Python running until `stop`: a loop of additions, counted in thousands."""
    total = 0
    while not stop.is_set():
        for number in range(1000):
            total += number
        loops[0] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    rows = [(i // 25 + 1, f"KL-{i % 25:02d}", i % 200, 200, None, None, None, None) for i in range(args.rows)]
    path = Path(tempfile.mkdtemp(prefix="bench-gil-")) / "bench.sqlite3"
    print(f"SQLite {sqlite3.sqlite_version}, {args.rows:,} values, chunks of {CHUNK:,}")
    for way in STATEMENTS:
        for beside in (False, True):
            connection = database(path, args.rows // 25 + 1)
            stop, loops = threading.Event(), [0]

            other = threading.Thread(target=spin, args=(stop, loops))
            if beside:
                other.start()
            begun = time.perf_counter()
            done = run(connection, way, rows, args.seconds)
            elapsed = time.perf_counter() - begun
            stop.set()
            if beside:
                other.join()
            connection.execute("ROLLBACK")
            connection.close()
            where = "beside a Python thread" if beside else "alone"
            print(f"  {way:12} {where:23} {done:>9,} rows in {elapsed:5.2f} s: {done / elapsed:>9,.0f} rows/s"
                  + (f", the other thread ran {loops[0]:,} loops" if beside else ""))


if __name__ == "__main__":
    main()
