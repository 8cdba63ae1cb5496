"""A queue for SQLite's single writer, so waiting writers wake the moment the lock is free.

SQLite lets one transaction write at a time; the others wait in its busy handler, which polls with
sleeps growing to 100 ms. Under load a writer that has waited a while sleeps 100 ms between tries
while fresh arrivals grab the lock in between: waits of seconds under load (docs/benchmarks.md).
Here a write transaction first queues on a lock of the process (threads wake as soon as it is
released) and then on an ``flock`` of a file next to the database (the kernel wakes the other server
process's writer the same way, checked every few milliseconds so the wait stays bounded), and only
then runs ``BEGIN IMMEDIATE``. Processes that do not take part (the ``sqlite3`` shell, an old server)
are still kept out by SQLite's own lock; they just wait in its busy handler.
"""

import fcntl
import os
import sqlite3
import threading
import time

_process_locks: dict[str, threading.Lock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(path: str) -> threading.Lock:
    with _process_locks_guard:
        return _process_locks.setdefault(path, threading.Lock())


class QueuedWriterConnection(sqlite3.Connection):
    """``sqlite3.Connection`` (pass as ``factory``) whose write transactions queue before beginning.

    :meth:`begin_write` takes the queue; ``commit`` and ``rollback`` release it once SQLite has.
    """

    def __init__(self, database, *args, timeout: float = 5.0, **kwargs) -> None:
        super().__init__(database, *args, timeout=timeout, **kwargs)
        path = os.fspath(database)
        in_memory = path == ":memory:" or path.startswith("file::memory:") or "mode=memory" in path
        self._lock_path = None if in_memory else os.path.abspath(path) + "-writer.lock"
        self._wait_seconds = timeout
        self._lock_file: int | None = None
        self._queued = False

    def begin_write(self) -> None:
        """Queue for the writer's place, then ``BEGIN IMMEDIATE``.

        The wait for the process's place and for the other processes' writers is bounded by the
        connection's timeout (as SQLite's busy timeout), then it fails as "database is locked"; the
        transaction may commit on another thread (FastAPI runs a dependency's teardown on any worker),
        so the place is not tied to a thread.
        """
        if self._lock_path is not None:
            deadline = time.monotonic() + self._wait_seconds
            lock = _process_lock(self._lock_path)
            if not lock.acquire(timeout=self._wait_seconds):
                raise sqlite3.OperationalError("database is locked (writer queue)")
            try:
                if self._lock_file is None:
                    self._lock_file = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
                self._flock_until(deadline)
            except BaseException:
                lock.release()
                raise
            self._queued = True
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._leave_queue()
            raise

    def _flock_until(self, deadline: float) -> None:
        """The file lock another process's writer may hold, waited for until ``deadline``."""
        pause = 0.001
        while True:
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise sqlite3.OperationalError("database is locked (writer in another process)") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.01)

    def _leave_queue(self) -> None:
        if self._queued:
            self._queued = False
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            _process_lock(self._lock_path).release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._leave_queue()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._leave_queue()

    def close(self) -> None:
        try:
            self._leave_queue()
            if self._lock_file is not None:
                os.close(self._lock_file)
                self._lock_file = None
        finally:
            super().close()
