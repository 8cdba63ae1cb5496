"""A real uvicorn server on loopback against a real database file or PostgreSQL database.

Concurrency and crash tests need separate threads or processes talking HTTP to a separate server
process, not the in-process test client.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import DEMO_PASSWORD, seed_database

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen

    def client(self, username: str | None = None) -> httpx.Client:
        """An HTTP client, signed in as ``username`` (cookie and CSRF header) when given."""
        client = httpx.Client(base_url=self.url, timeout=60)
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url: str, workdir: Path, workers: int = 1) -> Server:
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "BANHAT_EVIDENCE_DIR": str(workdir / "evidence"),
        "BANHAT_FRONTEND_DIST": str(workdir / "no-spa"),
        "BANHAT_LOGIN_FAILURES_PER_ADDRESS": "100000",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with (workdir / f"server-{port}.log").open("w") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    server = Server(f"http://127.0.0.1:{port}", database_url, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((workdir / f"server-{port}.log").read_text())
        try:
            if httpx.get(f"{server.url}/api/v1/public/summary", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


@pytest.fixture
def postgres_database():
    """A fresh, migrated and seeded database on the test PostgreSQL server (skips without one)."""
    base = os.environ.get("BANHAT_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PostgreSQL tests skipped: BANHAT_TEST_POSTGRES_URL is not set.")
    name = f"banhat_rel_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    seed_database(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
