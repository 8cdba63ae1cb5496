"""The pool of recompute processes (``BANHAT_RECOMPUTE_PROCESSES``, PostgreSQL only) never outlives its
server: stopped with it on SIGTERM, gone by themselves within seconds of a SIGKILL."""

import signal
import time
from pathlib import Path

import pytest

from tests.reliability.servers import start_server

pytestmark = pytest.mark.postgres

PROCESSES = 2


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (children, their children, ...)."""
    found: set[int] = set()
    try:
        children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                    for child in (task / "children").read_text().split()]  # fmt: skip
    except FileNotFoundError:
        return found
    for child in children:
        found |= {child} | descendants(child)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def pool_processes(pids: set[int]) -> set[int]:
    def command(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except FileNotFoundError:
            return ""

    return {pid for pid in pids if "spawn_main" in command(pid)}


def wait_until(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    pytest.fail("timed out")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_the_recompute_processes_end_with_their_server(postgres_database, tmp_path, stop):
    server = start_server(postgres_database, tmp_path, env={"BANHAT_RUN_WORKER": "true",
                                                            "BANHAT_RECOMPUTE_PROCESSES": str(PROCESSES)},
                          fresh=True)  # fmt: skip
    pool = wait_until(lambda: len(pool_processes(descendants(server.process.pid))) >= PROCESSES and
                      pool_processes(descendants(server.process.pid)), timeout=60)  # fmt: skip
    below = descendants(server.process.pid)  # the pool and multiprocessing's resource tracker
    assert len(pool) == PROCESSES

    server.process.send_signal(stop)
    returncode = server.process.wait(timeout=30)
    if stop == signal.SIGTERM:
        assert returncode in (0, -signal.SIGTERM)  # uvicorn raises the signal again once it has shut down
        assert not [pid for pid in pool if alive(pid)]  # joined before the server exited
    # A pool process still importing the application when its parent died starts watching only once
    # imported: seconds on an idle machine, more than ten under a load of 7 (seen in a full run).
    wait_until(lambda: not [pid for pid in below if alive(pid)], timeout=45)
