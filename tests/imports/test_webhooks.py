"""Webhooks against a real HTTP receiver on 127.0.0.1: signature, retries, delivery log."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.services.webhooks import RetryPolicy
from tests.imports.conftest import API, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import rows_for


class Receiver:
    """A local HTTP server that answers with the queued statuses (then 204) and keeps each request."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver_factory(app):
    # The receivers listen on loopback, which only an allowed network lets a webhook reach.
    app.state.webhook_policy = RetryPolicy(attempts=3, first_wait=0.05, max_wait=0.2, timeout=5,
                                           allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),))
    made = []

    def make(statuses=()):
        receiver = Receiver(list(statuses))
        made.append(receiver)
        return receiver

    yield make
    for receiver in made:
        receiver.close()


def subscribe(admin, url: str) -> dict:
    response = admin.post(f"{API}/webhooks", json={"url": url, "events": ["scores.changed"]})
    assert response.status_code == 201, response.text
    return response.json()


def test_import_sends_a_signed_event_after_one_retry(admin, receiver_factory):
    receiver = receiver_factory([503])
    subscription = subscribe(admin, receiver.url)
    assert upload(admin, csv_bytes(rows_for())).status_code == 200
    assert len(receiver.requests) == 2  # 503, then delivered
    headers, body = receiver.requests[-1]
    expected = hmac.new(
        subscription["secret"].encode(), headers["X-BaNhat-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-BaNhat-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["event"] == "scores.changed" and payload["period"] == "2026-Y"
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["attempts"], d["response_status"]) for d in log] == [("delivered", 2, 204)]


def test_a_receiver_that_keeps_failing_is_logged_as_failed(admin, receiver_factory):
    receiver = receiver_factory([500, 500, 500])
    subscription = subscribe(admin, receiver.url)
    upload(admin, csv_bytes(rows_for()))
    assert len(receiver.requests) == 3
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["attempts"], d["error"]) for d in log] == [("failed", 3, "HTTP 500")]


def test_no_event_for_a_dry_run_or_an_unchanged_import(admin, receiver_factory):
    receiver = receiver_factory()
    subscribe(admin, receiver.url)
    upload(admin, csv_bytes(rows_for()), dry_run=True)
    assert receiver.requests == []
    upload(admin, csv_bytes(rows_for()))
    upload(admin, csv_bytes(rows_for()))
    assert len(receiver.requests) == 1


def test_only_administrators_manage_webhooks_and_secrets_are_shown_once(admin, reporter, receiver_factory):
    receiver = receiver_factory()
    assert reporter.post(f"{API}/webhooks", json={"url": receiver.url}).status_code == 403
    created = subscribe(admin, receiver.url)
    listed = admin.get(f"{API}/webhooks").json()
    assert [item["id"] for item in listed] == [created["id"]] and "secret" not in listed[0]
    assert admin.delete(f"{API}/webhooks/{created['id']}").status_code == 204
    upload(admin, csv_bytes(rows_for()))
    assert receiver.requests == []


def test_locking_a_period_publishes_its_scores(admin, receiver_factory, query):
    receiver = receiver_factory()
    response = admin.post(f"{API}/webhooks", json={"url": receiver.url, "events": ["scores.published"]})
    assert response.status_code == 201
    assert admin.post(f"{API}/periods/2026-H1/lock").status_code == 200
    assert [json.loads(body)["event"] for _headers, body in receiver.requests] == ["scores.published"]
    payload = json.loads(receiver.requests[0][1])
    assert payload["period_status"] == "locked"
    # The version the ranking's ETag now derives from, not the one before the lock's recompute.
    assert [(payload["scores_version"],)] == query("SELECT scores_version FROM periods WHERE code = '2026-H1'")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/hook", "http://localhost/hook", "http://[::1]/hook",
                                 "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hook",
                                 "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook", "http://2130706433/hook"])
def test_receivers_on_internal_addresses_are_refused(admin, db_state, url):
    """Loopback, private and link-local receivers (the cloud metadata service) would let an administrator
    make the server call its own network: refused with 422 naming the field, nothing written."""
    before = db_state()
    response = admin.post(f"{API}/webhooks", json={"url": url, "events": ["scores.changed"]})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any(error["loc"] == ["body", "url"] for error in response.json()["errors"]), response.json()
    assert db_state() == before


def test_a_receiver_whose_name_now_resolves_inside_is_not_called(admin, receiver_factory, app, monkeypatch):
    """Registered while public, a receiver's name may resolve to an internal address later: each delivery
    checks again, and the delivery fails without any request being sent."""
    receiver = receiver_factory()
    subscription = subscribe(admin, receiver.url)
    app.state.webhook_policy = RetryPolicy(attempts=1, first_wait=0.01, max_wait=0.01, timeout=5)
    assert upload(admin, csv_bytes(rows_for())).status_code == 200
    assert receiver.requests == []
    deliveries = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert deliveries and all(d["status"] == "failed" and "nội bộ" in d["error"] for d in deliveries), deliveries
