"""`banhat serve` keeps idle connections open for BANHAT_KEEP_ALIVE_SECONDS: a client reusing a connection
idle longer than uvicorn's own 5 s must not meet a connection the server is closing (ECONNRESET)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.servers import PROJECT_ROOT, wait_until_answering


def _free_port() -> int:
    """A port free now: `banhat serve` binds its own (tests/reliability/servers.py hands uvicorn a bound
    socket instead, which would skip the command under test)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_idle_connection_outlives_uvicorns_default(sqlite_url, tmp_path):
    port = _free_port()
    env = os.environ | {"DATABASE_URL": sqlite_url, "BANHAT_EVIDENCE_DIR": str(tmp_path / "evidence"),
                        "BANHAT_FRONTEND_DIST": str(tmp_path / "no-spa"), "BANHAT_KEEP_ALIVE_SECONDS": "8"}
    log = tmp_path / "server.log"
    with log.open("w") as errors:
        server = subprocess.Popen([Path(sys.executable).with_name("banhat"), "serve", "--port", str(port)], cwd=PROJECT_ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=errors)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}", server, log)
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
