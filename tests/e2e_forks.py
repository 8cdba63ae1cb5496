"""The end-to-end run's backend processes, forked from one warm Python process (frontend/e2e/support/server.mjs).

Each server of the run started as ``uv run banhat serve`` cost about 3 s of CPU before its first answer,
mostly importing the application, and each ``banhat migrate`` or ``banhat seed`` of the seeds about 2 s of
import; about twenty a run on a CPU-bound machine. This process imports it and builds the API's routes once,
then forks a process per request, as gunicorn's --preload does.

    uv run --frozen python -m tests.e2e_forks SOCKET_PATH

A client connects to the Unix socket and sends one JSON line, ``{"port": N, "env": {...}, "log": PATH}`` for
a server or ``{"command": ["seed", "--demo"], "env": {...}, "log": PATH}`` for a ``banhat`` command. A
server's reply comes at once, ``{"pid": N}``: a process of its own (its own session, environment, database
and port) running what ``banhat serve --port N`` runs. A command's comes when it has ended, ``{"status": N}``,
its exit status. Either's stderr is appended to PATH. The process stops the servers still running and exits
when its stdin closes, that is when the run that started it ends.
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


def become(request: dict) -> None:
    """In a forked child: a process of its own with the request's environment, its stderr in the request's
    log, as ``uv run banhat`` would have been."""
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


def run(request: dict) -> None:
    """In a forked child: ``banhat serve --port N``, or the request's ``banhat`` command (which exits)."""
    become(request)
    if "command" in request:
        api.cli.app(request["command"], prog_name="banhat")
    else:
        api.cli.serve(host="127.0.0.1", port=request["port"])


def fork(connection: socket.socket, inherited: list) -> tuple[int, socket.socket | None]:
    """Forks the process a connection asks for (the child never returns). Returns its pid, and for a command
    the connection, kept open for the exit status."""
    with connection.makefile("rb") as lines:
        request = json.loads(lines.readline())
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            # A client waits for its connection's end: no child may hold one open.
            for held in (connection, *inherited):
                held.close()
            run(request)
            status = 0
        except SystemExit as stop:  # a command's exit, or uvicorn's when the server could not start
            status = stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # noqa: BLE001 - into the log, as Python prints an uncaught one
            traceback.print_exc()
        finally:
            os._exit(status)  # not the parent's exit handlers
    if "command" in request:
        return pid, connection
    with connection:
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    return pid, None


def reap(children: dict[int, socket.socket | None]) -> None:
    """Collects the children that ended, so that none lingers as a zombie (a client sees a server's pid
    gone), and answers a command's connection with its exit status."""
    while children:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            return
        waiting = children.pop(pid, None)
        if waiting is not None:
            with waiting:
                waiting.sendall(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode() + b"\n")


def stop_all(children: dict[int, socket.socket | None]) -> None:
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
    children: dict[int, socket.socket | None] = {}
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
                    waiting = [held for held in children.values() if held is not None]
                    pid, answer_at_exit = fork(connection, [events, listener, wakeup, wakeup_writer, *waiting])
                    children[pid] = answer_at_exit
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
