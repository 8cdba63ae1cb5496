"""`banhat serve` keeps idle connections open for BANHAT_KEEP_ALIVE_SECONDS: a client reusing a connection
idle longer than uvicorn's own 5 s must not meet a connection the server is closing (ECONNRESET)."""

import http.client
import os
import shutil
import socket
import subprocess
import time

import httpx

from tests.reliability.servers import PROJECT_ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_idle_connection_outlives_uvicorns_default(sqlite_url, tmp_path):
    port = _free_port()
    env = os.environ | {"DATABASE_URL": sqlite_url, "BANHAT_EVIDENCE_DIR": str(tmp_path / "evidence"),
                        "BANHAT_FRONTEND_DIST": str(tmp_path / "no-spa"), "BANHAT_KEEP_ALIVE_SECONDS": "8"}
    server = subprocess.Popen([shutil.which("banhat"), "serve", "--port", str(port)], cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/clock", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "server did not start"
                time.sleep(0.2)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/v1/clock")
        assert connection.getresponse().read() and connection.sock is not None
        opened = connection.sock
        time.sleep(6)  # past uvicorn's default keep-alive of 5 s
        connection.request("GET", "/api/v1/clock")  # on the closed connection: a reset or no answer
        assert connection.getresponse().status == 200 and connection.sock is opened, "the idle connection was closed"
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
