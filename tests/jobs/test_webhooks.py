"""Webhooks through the job queue, against a real HTTP receiver on 127.0.0.1: every change that moves a
score or a status is announced, signed per Standard Webhooks, retried until the receiver is back, and
redelivered on request, with one webhook-id per delivery."""

from __future__ import annotations

import ipaddress
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook

from api.services import webhooks
from tests.imports.conftest import API, upload
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import rows_for

SUBMISSION = f"{API}/submissions/2026-H1/CAX-001"


class Receiver:
    """A local HTTP server that answers with the queued statuses (then 204) and keeps each request; it
    can be stopped and started again on the same port (a receiver that is down for a while)."""

    def __init__(self, statuses=()) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict[str, str], bytes, int]] = []
        self.port = 0
        self.start()
        self.url = f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body, status))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def delivered(self) -> list[tuple[dict, dict]]:
        """(headers, body) of the requests answered 2xx."""
        return [(headers, json.loads(body)) for headers, body, status in self.requests if status < 300]

    def events(self) -> list[str]:
        return [body["type"] for _headers, body in self.delivered()]


@pytest.fixture
def settings(settings):
    # The receiver listens on loopback, which only an allowed network lets a webhook reach.
    return settings.model_copy(update={"webhook_allowed_networks": [ipaddress.ip_network("127.0.0.1/32")]})


@pytest.fixture
def receiver():
    made = Receiver()
    yield made
    made.stop()


@pytest.fixture
def run_jobs(run_jobs):
    """As the suite's, but moving the clock past the coalescing window by default."""
    return lambda seconds=6: run_jobs(seconds)


def subscribe(admin, url: str, events=("scores.changed", "submission.status_changed", "period.locked")) -> dict:
    response = admin.post(f"{API}/webhooks", json={"url": url, "events": list(events)})
    assert response.status_code == 201, response.text
    return response.json()


def editable(reviewer, reporter) -> str:
    """Bring the reporter's demo submission back to draft; its ETag."""
    current = reporter.get(SUBMISSION).json()
    if current["status"] == "submitted":
        reviewer.post(f"{SUBMISSION}/return", json={"reason": "Bổ sung số liệu"})
    elif current["status"] == "approved":
        reviewer.post(f"{SUBMISSION}/reopen", json={"reason": "Bổ sung số liệu"})
    return reporter.get(SUBMISSION).headers["ETag"]


def save(reporter, etag: str, count: int):
    response = reporter.put(f"{SUBMISSION}/values", json={"values": [{"indicator": "KL-04", "count": count}]},
                            headers={"If-Match": etag})
    assert response.status_code == 200, response.text
    return response.headers["ETag"]


def test_a_reporters_saves_send_one_signed_scores_changed_for_the_group(admin, reviewer, reporter, receiver,
                                                                       run_jobs, query):
    etag = editable(reviewer, reporter)
    run_jobs()
    subscription = subscribe(admin, receiver.url, ["scores.changed"])
    for count in (7, 8, 9):  # a burst of saves within the coalescing window
        etag = save(reporter, etag, count)
    assert run_jobs(seconds=1) == 0 and receiver.requests == []  # the window is still open
    run_jobs()
    [(headers, body)] = receiver.delivered()
    [(group,)] = query("SELECT g.code FROM units u JOIN emulation_groups g ON g.id = u.group_id "
                       "WHERE u.code = 'CAX-001'")
    assert body["type"] == "scores.changed"
    assert (body["data"]["period"], body["data"]["group"]) == ("2026-H1", group)
    [(version,)] = query("SELECT scores_version FROM periods WHERE code = '2026-H1'")
    assert body["data"]["scores_version"] == version  # the state after the last save of the burst
    raw = receiver.requests[0][1]
    assert Webhook(subscription["secret"]).verify(raw, headers) == body  # the public library verifies it
    assert headers["webhook-signature"].startswith("v1,") and headers["webhook-id"].startswith("msg_")


def test_workflow_steps_and_the_lock_are_announced(admin, reviewer, reporter, receiver, run_jobs):
    editable(reviewer, reporter)
    run_jobs()
    subscribe(admin, receiver.url, ["submission.status_changed", "period.locked"])
    assert reporter.post(f"{SUBMISSION}/submit").status_code == 200
    assert admin.post(f"{API}/periods/2026-H1/lock").status_code == 200
    run_jobs()
    assert receiver.events() == ["submission.status_changed", "period.locked"]
    status = receiver.delivered()[0][1]["data"]
    assert (status["unit"], status["previous_status"], status["status"]) == ("CAX-001", "returned", "submitted")


def test_the_delivery_log_pages_like_every_list(admin, reviewer, reporter, receiver, run_jobs):
    """page/page_size with X-Total-Count and Link (docs/api.md); the deprecated `limit` still sizes page 1."""
    editable(reviewer, reporter)
    run_jobs()
    subscription = subscribe(admin, receiver.url, ["submission.status_changed", "period.locked"])
    assert reporter.post(f"{SUBMISSION}/submit").status_code == 200
    assert admin.post(f"{API}/periods/2026-H1/lock").status_code == 200
    run_jobs()
    url = f"{API}/webhooks/{subscription['id']}/deliveries"
    whole = admin.get(url).json()
    assert len(whole) == 2 and whole[0]["id"] > whole[1]["id"]  # newest first
    first = admin.get(url, params={"page_size": 1})
    assert [d["id"] for d in first.json()] == [whole[0]["id"]] and first.headers["X-Total-Count"] == "2"
    assert 'rel="next"' in first.headers["Link"] and "page=2" in first.headers["Link"]
    second = admin.get(url, params={"page_size": 1, "page": 2})
    assert [d["id"] for d in second.json()] == [whole[1]["id"]]
    assert 'rel="prev"' in second.headers["Link"] and 'rel="next"' not in second.headers["Link"]
    assert [d["id"] for d in admin.get(url, params={"limit": 1}).json()] == [whole[0]["id"]]
    assert admin.get(url, params={"page_size": 0}).status_code == 422


def test_a_receiver_that_was_down_gets_the_event_once_it_is_back(admin, reviewer, reporter, receiver, run_jobs):
    etag = editable(reviewer, reporter)
    run_jobs()
    subscription = subscribe(admin, receiver.url, ["scores.changed"])
    receiver.stop()
    save(reporter, etag, 11)
    run_jobs()  # connection refused: retried in 30 s
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["attempts"]) for d in log] == [("pending", 1)] and log[0]["error"]
    receiver.start()
    receiver.statuses = [503]
    run_jobs(seconds=31)  # answered 503: retried in 60 s
    run_jobs(seconds=10)  # not due yet
    run_jobs(seconds=61)
    assert [status for _h, _b, status in receiver.requests] == [503, 204]
    assert len({headers["webhook-id"] for headers, _body, _status in receiver.requests}) == 1
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["attempts"], d["response_status"]) for d in log] == [("delivered", 3, 204)]
    run_jobs(seconds=3600)
    assert len(receiver.delivered()) == 1  # exactly once


def test_after_24_hours_a_delivery_fails_and_an_admin_redelivers_it(admin, reviewer, reporter, receiver,
                                                                      run_jobs, login):
    etag = editable(reviewer, reporter)
    run_jobs()
    subscription = subscribe(admin, receiver.url, ["scores.changed"])
    receiver.statuses = [500] * 100
    save(reporter, etag, 12)
    for _hour in range(26):
        run_jobs(seconds=3600)
    admin = login("admin")  # the first sign-in has expired meanwhile
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["error"]) for d in log] == [("failed", "HTTP 500")] and log[0]["attempts"] > 8
    failed = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries", params={"status": "failed"}).json()
    assert [d["id"] for d in failed] == [log[0]["id"]]
    receiver.statuses = []
    one = admin.post(f"{API}/webhooks/{subscription['id']}/deliveries/{log[0]['id']}/redeliver")
    assert one.json() == {"redelivered": 1}
    again = admin.post(f"{API}/webhooks/{subscription['id']}/deliveries/{log[0]['id']}/redeliver")
    assert again.status_code == 409  # no longer failed
    run_jobs()
    assert len(receiver.delivered()) == 1
    assert {headers["webhook-id"] for headers, _b, _s in receiver.requests} == {f"msg_{log[0]['id']}"}
    assert admin.post(f"{API}/webhooks/{subscription['id']}/redeliver").json() == {"redelivered": 0}


INTERNAL = ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook", "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook", "http://2130706433/hook", "http://[fe80::1]/hook"]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_targets_are_refused_without_an_allow_list(url):
    assert "nội bộ" in webhooks.target_refusal(url, [])
    assert webhooks.target_refusal("https://93.184.215.14/hook", []) is None


@pytest.mark.parametrize("url", ["http://127.0.0.2/hook", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::ffff:127.0.0.2]/hook", "http://2130706434/hook"])
def test_a_refused_target_is_a_422_naming_the_url_and_writes_nothing(admin, db_state, url):
    """Loopback outside the allowed 127.0.0.1/32, link-local (the cloud metadata service): an administrator
    cannot make the server call its own network."""
    before = db_state()
    response = admin.post(f"{API}/webhooks", json={"url": url, "events": ["scores.changed"]})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["loc"] == ["body", "url"]
    assert db_state() == before


def test_an_unknown_event_is_a_422_listing_the_events(admin, db_state):
    before = db_state()
    response = admin.post(f"{API}/webhooks", json={"url": "https://example.org/hook", "events": ["scores.published"]})
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert error["loc"][:2] == ["body", "events"]
    assert all(event in error["message"] for event in webhooks.EVENTS), error
    assert db_state() == before


def test_a_target_internal_by_the_time_of_delivery_is_not_called(admin, reviewer, reporter, receiver, run_jobs,
                                                                  app, monkeypatch):
    """Registered while allowed, a target may be internal by the time of a delivery (its name re-pointed, the
    allowed networks narrowed): every attempt checks again and fails without a request, logged and retried."""
    editable(reviewer, reporter)
    run_jobs()
    subscription = subscribe(admin, receiver.url, ["submission.status_changed"])
    monkeypatch.setattr(app.state.settings, "webhook_allowed_networks", [])
    assert reporter.post(f"{SUBMISSION}/submit").status_code == 200
    run_jobs()
    assert receiver.requests == []
    log = admin.get(f"{API}/webhooks/{subscription['id']}/deliveries").json()
    assert [(d["status"], d["attempts"]) for d in log] == [("pending", 1)] and "nội bộ" in log[0]["error"]


def test_the_allow_list_admits_the_named_network(admin, receiver):
    subscribe(admin, receiver.url)  # 127.0.0.1/32 is allowed by this module's settings
    response = admin.post(f"{API}/webhooks", json={"url": "http://127.0.0.2/hook", "events": ["scores.changed"]})
    assert response.status_code == 422


def test_imports_send_scores_changed_but_not_a_dry_run_nor_an_unchanged_import(admin, receiver, run_jobs):
    subscribe(admin, receiver.url, ["scores.changed"])
    upload(admin, csv_bytes(rows_for()), dry_run=True)
    run_jobs()
    assert receiver.requests == []
    upload(admin, csv_bytes(rows_for()))
    run_jobs()
    upload(admin, csv_bytes(rows_for()))
    run_jobs()
    [(_headers, body)] = receiver.delivered()
    assert body["data"]["period"] == "2026-Y"


def test_only_administrators_manage_webhooks_and_secrets_are_shown_once(admin, reporter, receiver, run_jobs):
    assert reporter.post(f"{API}/webhooks", json={"url": receiver.url}).status_code == 403
    created = subscribe(admin, receiver.url)
    assert created["secret"].startswith("whsec_")
    listed = admin.get(f"{API}/webhooks").json()
    assert [item["id"] for item in listed] == [created["id"]] and "secret" not in listed[0]
    assert admin.delete(f"{API}/webhooks/{created['id']}").status_code == 204
    upload(admin, csv_bytes(rows_for()))
    run_jobs()
    assert receiver.requests == []
