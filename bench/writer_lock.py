"""SQLite writer-lock timings for the load run (``load_run.py --writer-lock``).

``create_app`` is a server factory (``uvicorn bench.writer_lock:create_app --factory``) that wraps
:class:`api.db.sqlite_writers.QueuedWriterConnection` in each worker process: for every write
transaction it notes when the writer's place was asked for, got and given back, and appends those
times to a file per process in ``BANHAT_WRITER_LOCK_DIR`` once the place is given back (a line per
transaction: workers stopped by a signal do not run exit handlers). :func:`summary` turns the files into
the wait and hold percentiles of a time window: how busy the single writer was.
"""

import os
import time
from pathlib import Path
from typing import TextIO

from api.db.sqlite_writers import QueuedWriterConnection
from api.main import create_app as create_real_app


def _instrument(log: TextIO) -> None:
    begin_write, leave_queue = QueuedWriterConnection.begin_write, QueuedWriterConnection._leave_queue

    def timed_begin_write(self) -> None:
        asked = time.time()
        begin_write(self)
        self.bench_times = (asked, time.time())

    def timed_leave_queue(self) -> None:
        queued, released = self._queued, time.time()
        leave_queue(self)
        if queued:  # written after the place is given back, not while holding it
            asked, got = self.bench_times
            log.write(f"{asked} {got} {released}\n")

    QueuedWriterConnection.begin_write = timed_begin_write
    QueuedWriterConnection._leave_queue = timed_leave_queue


def create_app():
    path = Path(os.environ["BANHAT_WRITER_LOCK_DIR"]) / f"{os.getpid()}.txt"
    _instrument(path.open("a", buffering=1))  # line-buffered: each transaction reaches the file at once
    return create_real_app()


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    if not ordered:
        return "-"
    at = lambda fraction: ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000
    return f"p50 {at(0.5):.1f} ms, p95 {at(0.95):.1f} ms, max {ordered[-1] * 1000:.1f} ms"


def summary(directory: Path, start: float, end: float) -> str:
    """Write transactions that asked for the lock within [start, end]: count, wait, hold, busy share."""
    rows = [
        tuple(map(float, line.split()))
        for path in directory.glob("*.txt")
        for line in path.read_text().splitlines()
    ]
    window = [(asked, got, released) for asked, got, released in rows if start <= asked <= end]
    held = sum(released - got for _asked, got, released in window)
    return (
        f"writer lock: {len(window)} write transactions ({len(window) / (end - start):.1f}/s), "
        f"busy {held / (end - start):.0%} of the time; "
        f"wait {_percentiles([got - asked for asked, got, _ in window])}; "
        f"hold {_percentiles([released - got for _, got, released in window])}"
    )
