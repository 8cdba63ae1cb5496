"""What the hostile-input tests share: an app on one database (SQLite or PostgreSQL), signed-in clients,
and the check that a refused request is a 4xx problem and changes nothing in the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from backend_support import CommittedState
from fastapi.testclient import TestClient

# (import_runs is left out: it records refused imports too, on purpose.)
WATCHED = ("submissions", "submission_values", "audit_log", "units", "users", "periods", "api_tokens",
           "user_sessions", "budget_items", "scores", "evidence_files", "emulation_groups")  # fmt: skip


@dataclass
class Target:
    """An app on one database, with a way to sign in and to snapshot the watched tables."""

    app: Any
    url: str

    def __post_init__(self) -> None:
        self.committed = CommittedState(self.app.state.engine, WATCHED)

    def login(self, username: str) -> TestClient:
        client = TestClient(self.app)
        response = client.post("/api/v1/auth/login", json={"username": username, "password": "BaNhat@2026"})
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["banhat_csrf"]
        return client

    def snapshot(self) -> dict[str, list[tuple]]:
        return self.committed.read()


def refused(target: Target, send, loc: list | None = None, status: int = 422) -> dict:
    """``send()`` is refused with ``status`` (naming ``loc`` when given) and changes nothing."""
    before = target.snapshot()
    response = send()
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    if loc is not None:
        assert any(error["loc"][: len(loc)] == loc for error in body["errors"]), body
    assert target.snapshot() == before
    return body


def raw_json(value: Any) -> bytes:
    """JSON as an attacker may write it: huge integers and 1e308 as numbers, infinity as a bare word."""
    return json.dumps(value).encode()


def send_json(client: TestClient, method: str, url: str, payload: Any, **headers: str):
    """JSON escaped as ASCII, so that even a lone surrogate can be sent."""
    return client.request(method, url, content=json.dumps(payload).encode(),
                          headers={"Content-Type": "application/json", **headers})  # fmt: skip
