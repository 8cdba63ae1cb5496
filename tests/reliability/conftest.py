"""Fixtures of the concurrency and crash tests: a server per test, on each engine (tests/reliability/servers.py)."""

import signal

import pytest

from tests.reliability import servers
from tests.reliability.servers import start_server


@pytest.fixture(autouse=True)
def _no_server_outlives_its_test():
    """Servers a test (re)started and left running, e.g. because it failed, are killed after it."""
    yield
    while servers.started:
        process = servers.started.pop()
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)  # works on a stopped (SIGSTOP) process too
            process.wait(timeout=30)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, sqlite_url):
    if request.param == "sqlite":
        return sqlite_url
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def server(database_url, tmp_path):
    running = start_server(database_url, tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.terminate()
        running.process.wait(timeout=30)
