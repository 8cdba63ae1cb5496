"""A real uvicorn server on loopback against a real database file or PostgreSQL database.

Concurrency and crash tests need separate threads or processes talking HTTP to a separate server
process, not the in-process test client. Tests import this module (not the conftest, which pytest loads
under a name of its own), so the servers they start are the ones its fixture stops.
"""

import multiprocessing
import os
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests.backend_support import DEMO_PASSWORD

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The servers speak plain HTTP on loopback, but an httpx client builds a TLS context whatever its URL, loading
# certifi's bundle each time: 2.9% of the suite's CPU went there (py-spy, docs/testing.md). The clients share one.
_TLS = ssl.create_default_context()


@dataclass
class Server:
    url: str
    database_url: str
    process: "subprocess.Popen | ForkedServer"

    def client(self, username: str | None = None) -> httpx.Client:
        """An HTTP client, signed in as ``username`` (cookie and CSRF header) when given."""
        client = httpx.Client(base_url=self.url, timeout=60, verify=_TLS)
        if username:
            response = client.post(
                "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
            )
            assert response.status_code == 200, response.text
            client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        return client

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing, like a power cut for the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def kill_while(
        self, inside: Callable[[], bool], request: threading.Thread, after: float = 0.0, timeout: float = 60
    ) -> bool:
        """SIGKILL the server at a check where ``inside()`` holds, and has held since a check at least
        ``after`` seconds before. Each check is made while the server is stopped (below), so what it saw
        cannot change before the kill lands. False if ``request`` ended first."""
        first = None
        for held in self._stopped_checks(inside, request, timeout):
            if not held:
                first = None
            elif first is None:
                first = time.monotonic()
            if held and time.monotonic() - first >= after:
                self.kill()
                return True
        return False

    def time_inside(
        self, inside: Callable[[], bool], request: threading.Thread, timeout: float = 60
    ) -> float:
        """Seconds between the first and the last check where ``inside()`` held, made as ``kill_while``
        makes them, until ``request`` ends."""
        held_at = [time.monotonic() for held in self._stopped_checks(inside, request, timeout) if held]
        return held_at[-1] - held_at[0] if held_at else 0.0

    def _stopped_checks(self, inside: Callable[[], bool], request: threading.Thread, timeout: float):
        """``inside()``'s answers every few milliseconds while ``request`` is in flight, each asked while the
        server is stopped: SIGSTOP, then waiting until every thread of it has stopped. It runs again
        between checks, unless killed meanwhile."""
        deadline = time.monotonic() + timeout
        while request.is_alive() and time.monotonic() < deadline:
            self.process.send_signal(signal.SIGSTOP)
            wait_until_stopped(self.process.pid)
            try:
                yield inside()
            finally:
                if self.process.poll() is None:
                    self.process.send_signal(signal.SIGCONT)
            time.sleep(0.005)


class Onlooker:
    """Looks at a server's database from outside, between requests or while the server is stopped; it
    keeps no connection open, so a killed server's database is recovered by the restart as it would be."""

    def __init__(self, database_url: str) -> None:
        self.url = make_url(database_url)
        self.engine = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def scalar(self, sql: str, **params):
        """One value of the committed state."""
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def writing(self, table: str) -> bool:
        """Whether a transaction other than ours is open and writing: on SQLite, it holds the write lock;
        on PostgreSQL, it has written to ``table``."""
        if self.url.get_backend_name() == "sqlite":
            return sqlite_write_locked(self.url.database)
        with self.engine.connect() as connection:
            return postgres_writing(connection, table)

    def close(self) -> None:
        self.engine.dispose()


def sqlite_write_locked(path: str) -> bool:
    """Whether another connection holds the SQLite database's write lock (a write transaction is open)."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        return True
    finally:
        connection.close()  # (a transaction begun here ends unwritten)
    return False


def postgres_writing(connection, table: str) -> bool:
    """Whether another session's open transaction has written to ``table`` (holds its ROW EXCLUSIVE
    lock) and is not committing: its client sent no COMMIT, so the transaction cannot end while the
    client is stopped."""
    return bool(
        connection.execute(
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.relation = CAST(:table AS regclass) AND l.mode = 'RowExclusiveLock' AND l.granted "
                "AND l.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL AND a.query NOT ILIKE 'commit%'"
            ),
            {"table": table},
        ).scalar_one()
    )


def wait_until_stopped(pid: int) -> None:
    """Returns once every thread of ``pid`` has stopped (SIGSTOP). ``os.waitpid(WUNTRACED)`` says so only to
    the parent, and a forked server's parent is the fork server."""
    while True:
        try:
            if all(stopped(task) for task in Path(f"/proc/{pid}/task").iterdir()):
                return
        except FileNotFoundError:  # a thread ended while it was read, or the process did
            if not Path(f"/proc/{pid}").exists():
                return
        time.sleep(0.0002)


def stopped(task: Path) -> bool:
    """Whether the thread is stopped, or gone (a zombie or dead thread runs nothing either)."""
    return (task / "stat").read_text().rsplit(")", 1)[1].split()[0] in "TtZX"


class ForkedServer:
    """The calls the tests make on a server's process (those of ``subprocess.Popen``), for a server forked
    from the fork server: a process of its own that the tests signal, stop and kill as they would any."""

    def __init__(self, process: multiprocessing.Process) -> None:
        self.forked = process
        self.pid = process.pid

    def poll(self) -> int | None:
        return self.forked.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self.forked.join(timeout)
        if self.forked.exitcode is None:
            raise subprocess.TimeoutExpired(f"server {self.pid}", timeout)
        return self.forked.exitcode

    def send_signal(self, signum: int) -> None:
        if self.forked.exitcode is None:  # its pid may belong to another process once it has ended
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


# Servers are forked from a fork server that imported the application once per test worker (as gunicorn's
# --preload does): a server started afresh spent most of its start importing it, and each of the run's
# servers paid that (docs/testing.md). Each server is still a process of its own, serving, stopped and
# killed as any. `banhat serve` starts afresh in test_keep_alive.py (the end-to-end tests fork theirs from a
# fork server of their own, tests/e2e_forks.py), and a server whose processes are what a test is about starts
# afresh here too (``fresh``).
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["api.main", "tests.reliability.servers", "tests.reliability.fork_preload"])

started: list["subprocess.Popen | ForkedServer"] = []


def start_server(
    database_url: str, workdir: Path, env: dict[str, str] | None = None, *, fresh: bool = False
) -> Server:
    """A uvicorn server of the app on a loopback port, once it answers. ``fresh``: started as a new
    Python process (``python -m uvicorn``) rather than forked, for a test of the server's own process tree
    (its recompute pool and that pool's resource tracker are then below it alone)."""
    # The socket is bound here and handed to the server (its descriptor), so no other process (another
    # xdist worker's server) can take the port between choosing and binding it and answer in its place.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    env = os.environ | {
        "DATABASE_URL": database_url,
        "BANHAT_EVIDENCE_DIR": str(workdir / "evidence"),
        "BANHAT_FRONTEND_DIST": str(workdir / "no-spa"),
        "BANHAT_LOGIN_FAILURES_PER_ADDRESS": "100000",
    } | (env or {})
    log = workdir / f"server-{port}.log"
    with listener:  # the child has its own descriptor of it
        if fresh:
            with log.open("w") as errors:
                process = subprocess.Popen(
                    [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory", "--fd",
                     str(listener.fileno()), "--log-level", "warning"],
                    cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors,
                    pass_fds=(listener.fileno(),),
                )
        else:
            log.touch()  # read if the server fails to start, which may come before it opens the log
            forked = _FORKS.Process(target=_serve, args=(listener, env, str(log)), daemon=False)
            forked.start()
            process = ForkedServer(forked)
    started.append(process)
    server = Server(f"http://127.0.0.1:{port}", database_url, process)
    try:
        wait_until_answering(server.url, process, log)
    except RuntimeError:
        if process.poll() is None:
            server.kill()
        raise
    return server


def _serve(listener: socket.socket, env: dict[str, str], log: str) -> None:
    """A forked server: the environment, directory and output ``python -m uvicorn`` would have had, then
    uvicorn on the bound socket (the settings are read from the environment when the app is made)."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(PROJECT_ROOT)
    with open(log, "a") as errors, open(os.devnull, "w") as nothing:
        os.dup2(errors.fileno(), 2)
        os.dup2(nothing.fileno(), 1)
    uvicorn.run("api.main:create_app", factory=True, fd=listener.fileno(), log_level="warning")


def wait_until_answering(
    url: str, process: "subprocess.Popen | ForkedServer", log: Path, timeout: float = 60
) -> None:
    """Returns once the server at ``url`` answers; RuntimeError (with its log) if it exits or is not up in
    ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5, verify=_TLS) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(log.read_text())
            try:
                # The cheapest route: a heavier one (the public summary) took more than the poll's timeout on
                # a loaded machine, every time, and the server "did not start" in 60 s.
                if client.get(f"{url}/api/v1/clock").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
    raise RuntimeError("server did not start")
