"""The end-to-end run's backend servers, forked from one warm Python process (frontend/e2e/run.mjs).

Each server of the run started as ``uv run banhat serve`` cost about 3 s of CPU before its first answer,
mostly importing the application; a dozen servers a run on a CPU-bound machine. This process imports it and
builds the API's routes once, then forks a server per request, as gunicorn's --preload does.

    uv run --frozen python -m tests.e2e_forks SOCKET_PATH

A client connects to the Unix socket and sends one JSON line ``{"port": N, "env": {...}, "log": PATH}``;
the reply is ``{"pid": N}``: a process of its own (its own session, environment, database and port)
running what ``banhat serve --port N`` runs, its stderr appended to PATH. The process stops the servers
still running and exits when its stdin closes, that is when the run that started it ends.
"""

import json
import os
import selectors
import signal
import socket
import sys
import threading
import time
import traceback

import api.cli
from api.settings import PROJECT_ROOT, get_settings
from tests.backend_support import build_api_routes

STOP_SECONDS = 10


def warm_up() -> None:
    """Builds the API's routes (``build_api_routes``), so that no server pays for them, and checks that no
    thread is left: a child gets a copy of the forking thread only, and another thread's locks would stay
    taken in it forever."""
    build_api_routes()
    if threading.active_count() != 1:
        raise RuntimeError(f"threads left before forking: {threading.enumerate()}")


def serve(request: dict) -> None:
    """In a forked child: become ``banhat serve --port N`` with the request's environment."""
    os.setsid()  # out of the run's process group, as the spawned servers are (detached)
    signal.set_wakeup_fd(-1)  # the parent's, closed: a signal would write into whatever reuses its number
    for number in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(request["env"])
    get_settings.cache_clear()
    os.chdir(PROJECT_ROOT)
    with open(os.devnull, "r+b") as null, open(request["log"], "ab") as log:
        os.dup2(null.fileno(), 0)
        os.dup2(null.fileno(), 1)
        os.dup2(log.fileno(), 2)
    api.cli.serve(host="127.0.0.1", port=request["port"])


def fork_server(connection: socket.socket, inherited: list) -> int:
    """Forks the server a connection asks for; returns its pid (the child never returns)."""
    with connection:
        with connection.makefile("rb") as lines:
            request = json.loads(lines.readline())
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                # The client waits for the connection's end: no server may hold it open.
                for held in (connection, *inherited):
                    held.close()
                serve(request)
                status = 0
            except SystemExit as stop:  # uvicorn's when the server could not start
                status = stop.code if isinstance(stop.code, int) else 1
            except BaseException:  # noqa: BLE001 - into the server's log, as Python prints an uncaught one
                traceback.print_exc()
            finally:
                os._exit(status)  # not the parent's exit handlers
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    return pid


def reap(children: set[int]) -> None:
    """Collects the servers that ended, so that none lingers as a zombie (a client sees a pid gone)."""
    while children:
        pid, _ = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            return
        children.discard(pid)


def stop_all(children: set[int]) -> None:
    for pid in children:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    while children and time.monotonic() < deadline:
        time.sleep(0.05)
        reap(children)
    for pid in children:
        os.kill(pid, signal.SIGKILL)


def main(path: str) -> None:
    warm_up()
    children: set[int] = set()
    # SIGCHLD only wakes the loop below, which reaps: a pid is in `children` before it can be reaped.
    wakeup, wakeup_writer = socket.socketpair()
    wakeup_writer.setblocking(False)
    signal.set_wakeup_fd(wakeup_writer.fileno())
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the servers when stopped too
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen()
    events = selectors.DefaultSelector()
    events.register(listener, selectors.EVENT_READ)
    events.register(wakeup, selectors.EVENT_READ)
    events.register(sys.stdin, selectors.EVENT_READ)
    try:
        while True:
            for key, _ in events.select():
                if key.fileobj is listener:
                    connection, _ = listener.accept()
                    children.add(fork_server(connection, [events, listener, wakeup, wakeup_writer]))
                elif key.fileobj is wakeup:
                    wakeup.recv(4096)
                    reap(children)
                elif not os.read(sys.stdin.fileno(), 4096):
                    return
    finally:
        stop_all(children)
        os.unlink(path)


if __name__ == "__main__":
    main(sys.argv[1])
