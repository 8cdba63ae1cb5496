"""SIGKILL of a server whose webhook delivery is failing: after a restart the receiver, back up, gets
the event, exactly once per webhook-id. The delivery is a job in the database, not a task in memory."""

import time

import pytest

from tests.jobs.test_webhooks import Receiver
from tests.reliability.servers import start_server

FAST_RETRIES = {
    "BANHAT_RUN_WORKER": "true",
    "BANHAT_WEBHOOK_ALLOWED_NETWORKS": '["127.0.0.1/32"]',
    "BANHAT_WORKER_POLL_SECONDS": "0.2",
    "BANHAT_JOB_RETRY_FIRST_SECONDS": "0.5",
    "BANHAT_JOB_RETRY_MAX_SECONDS": "1",
    "BANHAT_JOB_LEASE_SECONDS": "2",
}


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail("timed out")


def test_a_failing_delivery_survives_a_killed_server(database_url, tmp_path):
    receiver = Receiver()
    receiver.stop()  # down: every attempt is refused
    server = start_server(database_url, tmp_path, env=FAST_RETRIES)
    try:
        admin = server.client("admin")
        created = admin.post("/api/v1/webhooks", json={"url": receiver.url, "events": ["period.locked"]})
        assert created.status_code == 201, created.text
        log_url = f"/api/v1/webhooks/{created.json()['id']}/deliveries"
        assert admin.post("/api/v1/periods/2030-H1/lock").status_code == 200
        wait_for(lambda: [d for d in admin.get(log_url).json() if d["attempts"] >= 2])  # failing, retried
        server.kill()
        receiver.start()
        server = start_server(database_url, tmp_path, env=FAST_RETRIES)
        admin = server.client("admin")
        wait_for(receiver.delivered)
        time.sleep(3)  # more than a lease and a retry: nothing is sent twice
        [(headers, body)] = receiver.delivered()
        assert body["type"] == "period.locked" and body["data"]["period"] == "2030-H1"
        [delivery] = admin.get(log_url).json()
        assert delivery["status"] == "delivered" and headers["webhook-id"] == f"msg_{delivery['id']}"
        assert delivery["payload"] == body
    finally:
        receiver.stop()
        if server.process.poll() is None:
            server.process.terminate()
            server.process.wait(timeout=30)
